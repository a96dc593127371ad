"""Reads of the library of practices."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.db.models import Count, QuerySet

from edcluster.core.search import search_filter
from edcluster.practices.access import visible_practices
from edcluster.practices.models import Adoption, Practice


def practice_list(
    user: Any,
    *,
    q: str = "",
    direction: Any = None,
    audience: str = "",
    work_form: str = "",
    organization_kind: str = "",
    municipality: str = "",
    status: str = "",
    organization: Any = None,
) -> QuerySet[Practice]:
    qs = visible_practices(user, Practice.objects.all())
    if direction:
        qs = qs.filter(direction=direction)
    if audience:
        qs = qs.filter(audience__contains=f",{audience},")
    if work_form:
        qs = qs.filter(work_form=work_form)
    if status:
        qs = qs.filter(status=status)
    if organization_kind or municipality or organization:
        org_filter: dict[str, Any] = {}
        if organization_kind:
            org_filter["organizations__kind"] = organization_kind
        if municipality:
            org_filter["organizations__municipality__icontains"] = municipality
        if organization:
            org_filter["organizations"] = organization
        qs = qs.filter(pk__in=Practice.objects.filter(**org_filter).values("pk"))
    if q:
        qs = search_filter(qs, q)
    return (
        qs.select_related("direction", "cluster")
        .prefetch_related("organizations")
        .annotate(adoptions_count=Count("adoptions", distinct=True))
        .order_by("title", "pk")
    )


def adoptions_of(practice: Practice) -> QuerySet[Adoption]:
    return practice.adoptions.select_related("organization", "entered_by").prefetch_related("values__entered_by")


def adoption_chart(practice: Practice) -> dict[str, Any]:
    """Data for the chart of adoption results: participants reached per adopter, and each
    indicator's sum before/after over the adopters that entered it. Only entered figures."""
    adoptions = list(adoptions_of(practice))
    indicators: dict[str, dict[str, Decimal]] = defaultdict(lambda: {"before": Decimal(0), "after": Decimal(0)})
    for a in adoptions:
        for v in a.values.all():
            indicators[v.name]["before"] += v.before
            indicators[v.name]["after"] += v.after
    return {
        "adopters": [a.organization.display_name for a in adoptions if a.participants_reached is not None],
        "participants": [a.participants_reached for a in adoptions if a.participants_reached is not None],
        "indicators": [
            {"name": name, "before": float(vals["before"]), "after": float(vals["after"])}
            for name, vals in indicators.items()
        ],
    }


def similar_practices(user: Any, practice: Practice, limit: int = 5) -> list[Practice]:
    """«Похожие практики»: visible ones of the same direction or sharing a tag or an audience,
    those sharing more of these first."""
    candidates = visible_practices(user, Practice.objects.exclude(pk=practice.pk)).select_related("direction")
    tags = {t.lower() for t in practice.tag_list}
    audience = set(practice.audience_list)

    def score(p: Practice) -> int:
        s = 3 if practice.direction_id and p.direction_id == practice.direction_id else 0
        s += 2 * len(tags & {t.lower() for t in p.tag_list})
        s += len(audience & set(p.audience_list))
        s += 1 if p.work_form == practice.work_form else 0
        return s

    scored = [(score(p), p.title, p) for p in candidates[:500]]
    return [p for s, _t, p in sorted(scored, key=lambda x: (-x[0], x[1])) if s >= 3][:limit]


def practice_initial_from_speaker(speaker: Any) -> dict[str, Any]:
    """The new-practice form filled from a speaker's report at an event (a conference talk, a
    stand report of an internship): title, cluster, the speaker as author, their organisation,
    status «представлена», and where it was presented."""
    from edcluster.organizations.models import Organization

    organizations: list[Any] = []
    if speaker.person_id:
        organizations = [p.organization for p in speaker.person.positions.select_related("organization")[:1]]
    if not organizations and speaker.organization_name:
        organizations = list(Organization.objects.filter(short_name=speaker.organization_name.strip())[:1])
    return {
        **practice_initial_from_item(speaker.item, speaker_name=speaker.name),
        "organizations": organizations,
        "authors": [speaker.person] if speaker.person_id else [],
    }


def practice_initial_from_item(item: Any, *, speaker_name: str = "") -> dict[str, Any]:
    """The new-practice form filled from a report in an event's programme, also one with no named
    speaker (the internship's stand reports): title, cluster, status «представлена», evidence."""
    from django.utils.translation import gettext as _

    from edcluster.core import ru
    from edcluster.practices.models import PracticeStatus

    event = item.day.event
    title = ru.normalize_quotes(item.title.strip())
    if title.startswith("«") and title.endswith("»") and title.count("«") == 1:
        title = title[1:-1]
    values = {
        "talk": ru.quote(title),
        "speaker": speaker_name,
        "event": ru.quote(event.title),
        "date": ru.format_date(item.day.date),
    }
    evidence = (
        _("Представлена докладом %(talk)s (%(speaker)s) на мероприятии %(event)s, %(date)s") % values
        if speaker_name
        else _("Представлена докладом %(talk)s на мероприятии %(event)s, %(date)s") % values
    )
    return {"title": title, "cluster": event.cluster_id, "status": PracticeStatus.PRESENTED, "evidence": evidence}


def adopters_by_place(adoptions: list[Adoption]) -> list[dict[str, Any]]:
    """Where a practice spreads: its adopters grouped by region, then municipality, with counts
    (regions and municipalities with more adopters first). Built from the adoptions already
    read for the page, so it costs no query."""
    from edcluster.organizations.regions import REGION_NAMES

    regions: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    for a in adoptions:
        org = a.organization
        regions[org.region][org.municipality.strip()].append(org)
    result = []
    for code, places in regions.items():
        municipalities = [
            {"name": name, "organizations": sorted(orgs, key=lambda o: o.display_name), "count": len(orgs)}
            for name, orgs in places.items()
        ]
        municipalities.sort(key=lambda m: (-m["count"], m["name"] or "яяя"))
        result.append(
            {
                "region": REGION_NAMES.get(code, ""),
                "count": sum(m["count"] for m in municipalities),
                "municipalities": municipalities,
            }
        )
    result.sort(key=lambda r: (-r["count"], r["region"] or "яяя"))
    return result
