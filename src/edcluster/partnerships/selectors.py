"""Every read of partnerships: lists with filters, an organisation's partners, partner search."""

from __future__ import annotations

from collections import OrderedDict
from datetime import timedelta
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from edcluster.organizations.models import PSEUDO_KINDS, Organization
from edcluster.partnerships import access
from edcluster.partnerships.models import LIVE_STATUSES, Direction, Partnership, PartnershipStatus, Party
from edcluster.partnerships.services import expiring_days


def directions_active() -> QuerySet[Direction]:
    return Direction.objects.filter(is_active=True)


def partnership_list(
    user: Any,
    *,
    direction: Any = None,
    kind: str = "",
    status: str = "",
    organization_kind: str = "",
    municipality: str = "",
    region: str = "",
    organization: Any = None,
    cluster: Any = None,
    expiring_soon: bool = False,
    q: str = "",
) -> QuerySet[Partnership]:
    qs = access.visible_partnerships(user)
    if direction:
        qs = qs.filter(directions=direction)
    if kind:
        qs = qs.filter(kind=kind)
    if status:
        qs = qs.filter(status=status)
    if organization_kind:
        qs = qs.filter(parties__organization__kind=organization_kind)
    if municipality:
        qs = qs.filter(parties__organization__municipality__iexact=municipality)
    if region:
        qs = qs.filter(parties__organization__region=region)
    if organization:
        qs = qs.filter(parties__organization=organization)
    if cluster:
        qs = qs.filter(parties__organization__memberships__cluster=cluster)
    if expiring_soon:
        today = timezone.localdate()
        qs = qs.filter(
            status__in=LIVE_STATUSES, valid_until__gte=today, valid_until__lte=today + timedelta(days=expiring_days())
        )
    if q:
        qs = qs.filter(
            Q(title__icontains=q) | Q(number__icontains=q) | Q(parties__organization__short_name__icontains=q)
        )
    ids = qs.values("pk")
    return (
        Partnership.objects.filter(pk__in=ids)
        .prefetch_related(
            Prefetch("parties", queryset=Party.objects.select_related("organization")),
            "directions",
        )
        .order_by("-signed_on", "title")
    )


def partners_by_direction(user: Any, organization: Organization) -> OrderedDict[str, list[dict[str, Any]]]:
    """The organisation's current partners grouped by direction (one partner may appear under
    several directions); partnerships without a direction go under «Другое». Directions where
    the organisation's own parents' community is a partner come first."""
    qs = partnership_list(user, organization=organization).filter(status__in=LIVE_STATUSES)
    groups: dict[str, list[dict[str, Any]]] = {}
    order: dict[str, int] = {}
    parents_first: set[str] = set()
    for p in qs:
        names = [(d.order, d.name) for d in p.directions.all()] or [(10_000, "Другое")]
        for o, name in names:
            order[name] = o
            for party in p.parties.all():
                if party.organization_id != organization.pk:
                    own_parents = party.organization.parents_of_id == organization.pk
                    if own_parents:
                        parents_first.add(name)
                    groups.setdefault(name, []).append(
                        {
                            "organization": party.organization,
                            "partnership": p,
                            "party": party,
                            "own_parents": own_parents,
                        }
                    )
    # The organisation's own parents come first, as in the sample («прежде всего … родители»).
    for items in groups.values():
        items.sort(key=lambda item: not item["own_parents"])
    return OrderedDict(
        (name, groups[name]) for name in sorted(groups, key=lambda n: (n not in parents_first, order[n], n))
    )


def partner_search(
    user: Any, *, direction: Any = None, municipality: str = "", organization_kind: str = ""
) -> QuerySet[Organization]:
    """Organisations that lead live partnerships in ``direction`` in ``municipality`` with
    partners of ``organization_kind`` («кто в Искитиме ведёт робототехнику с детскими садами»)."""
    ps = access.visible_partnerships(user).filter(status__in=LIVE_STATUSES)
    if direction:
        ps = ps.filter(directions=direction)
    if organization_kind:
        ps = ps.filter(parties__organization__kind=organization_kind)
    # Who *leads* the work: organisations, not a parents' community that takes part in it.
    orgs = Organization.objects.filter(parties__partnership__in=ps.values("pk"), is_confirmed=True).exclude(
        kind__in=PSEUDO_KINDS
    )
    if municipality:
        orgs = orgs.filter(municipality__iexact=municipality)
    if organization_kind:
        orgs = orgs.exclude(kind=organization_kind)
    return orgs.distinct().order_by("short_name", "full_name")


__all__ = ["PartnershipStatus", "directions_active", "partner_search", "partners_by_direction", "partnership_list"]


def partnership_links(user: Any, p: Partnership) -> dict[str, Any]:
    """Linked events and decisions the user may see."""
    from edcluster.events.access import visible_events
    from edcluster.meetings.access import visible_decisions

    return {
        "events": list(visible_events(user, p.events.all()).order_by("-starts_on")),
        "decisions": list(visible_decisions(user, p.decisions.select_related("item", "meeting")).order_by("-pk")),
    }


def link_candidates(user: Any, p: Partnership, *, limit: int = 200) -> dict[str, Any]:
    """What an editor may link: events and decisions of the parties' clusters, newest first."""
    from edcluster.events.access import visible_events
    from edcluster.events.models import Event
    from edcluster.meetings.access import visible_decisions
    from edcluster.meetings.models import Decision
    from edcluster.partnerships.services import party_cluster_ids

    clusters = party_cluster_ids(p)
    events = visible_events(user, Event.objects.filter(cluster_id__in=clusters)).exclude(pk__in=p.events.values("pk"))
    decisions = visible_decisions(user, Decision.objects.filter(cluster_id__in=clusters)).exclude(
        pk__in=p.decisions.values("pk")
    )
    return {
        "events": list(events.order_by("-starts_on")[:limit]),
        "decisions": list(decisions.select_related("item", "meeting").order_by("-pk")[:limit]),
    }
