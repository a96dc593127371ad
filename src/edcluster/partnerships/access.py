"""Who may see and change partnerships — built on the registry's roles."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from edcluster.core.errors import NotFound, PermissionDenied
from edcluster.organizations.access import can_view_cluster, roles_of
from edcluster.organizations.models import Cluster
from edcluster.partnerships.models import Partnership, PartnershipStatus


def _party_ids(partnership: Partnership) -> set[int]:
    return {p.organization_id for p in partnership.parties.all()}


def can_create_partnership(user: Any) -> bool:
    r = roles_of(user)
    return r.is_admin or bool(r.editable_orgs)


def can_edit_partnership(user: Any, partnership: Partnership) -> bool:
    r = roles_of(user)
    return r.is_admin or bool(_party_ids(partnership) & r.editable_orgs)


def can_be_party_author(user: Any, organization_ids: set[int]) -> bool:
    """A new partnership must include an organisation the author may edit."""
    r = roles_of(user)
    return r.is_admin or bool(organization_ids & r.editable_orgs)


def can_view_partnership(user: Any, partnership: Partnership) -> bool:
    """Signed partnerships are public facts of the network; drafts only for the parties' editors."""
    if partnership.status != PartnershipStatus.DRAFT:
        return True
    r = roles_of(user)
    return r.is_admin or bool(_party_ids(partnership) & r.readable_orgs)


def can_manage_directions(user: Any) -> bool:
    return roles_of(user).is_admin


def can_import_partnerships(user: Any) -> bool:
    return can_create_partnership(user)


def can_view_network(user: Any, cluster: Cluster | None) -> bool:
    return cluster is None or can_view_cluster(user, cluster)


def visible_partnerships(user: Any, qs: QuerySet[Partnership] | None = None) -> QuerySet[Partnership]:
    qs = qs if qs is not None else Partnership.objects.all()
    r = roles_of(user)
    if r.is_admin:
        return qs
    own = Q(status=PartnershipStatus.DRAFT, parties__organization_id__in=r.readable_orgs)
    drafts_allowed = qs.filter(own).values("pk")
    return qs.filter(~Q(status=PartnershipStatus.DRAFT) | Q(pk__in=drafts_allowed))


def access_partnership(user: Any, pk: Any, *, edit: bool = False) -> Partnership:
    p = (
        Partnership.objects.prefetch_related("parties__organization", "parties__signatory", "directions")
        .filter(pk=pk)
        .first()
        if str(pk).isdigit()
        else None
    )
    if p is None or not can_view_partnership(user, p):
        raise NotFound()
    if edit and not can_edit_partnership(user, p):
        raise PermissionDenied()
    return p
