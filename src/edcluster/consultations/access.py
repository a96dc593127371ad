"""Who may do what with consultation centres — the only place these questions are answered.

A centre's records (requests, appointments, consultations, reports) are read by the people of
its organisation (editors, the cluster's coordinators and viewers, the platform administrator)
and by the centre's own specialists; nobody else, including staff of another centre.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from edcluster.consultations.models import Centre
from edcluster.core.errors import NotFound, PermissionDenied
from edcluster.organizations.access import editable_organizations, roles_of
from edcluster.organizations.models import Organization


def _specialist_centres(user: Any) -> frozenset[int]:
    r = roles_of(user)
    if not r.is_authenticated:
        return frozenset()
    key = ("consult_specialist_centres",)
    if key not in r._cache:
        r._cache[key] = frozenset(
            user.consultation_specialists.filter(is_active=True).values_list("centre_id", flat=True)
        )
    return r._cache[key]


def can_view_centre(user: Any, centre: Centre) -> bool:
    return centre.is_public or can_read_centre_records(user, centre)


def can_read_centre_records(user: Any, centre: Centre) -> bool:
    r = roles_of(user)
    return (
        r.is_admin
        or r.viewer_global
        or centre.organization_id in r.readable_orgs
        or centre.pk in _specialist_centres(user)
    )


def can_work_in_centre(user: Any, centre: Centre) -> bool:
    """Book slots, record consultations, move requests through the queue."""
    r = roles_of(user)
    return r.is_admin or centre.organization_id in r.editable_orgs or centre.pk in _specialist_centres(user)


def can_manage_centre(user: Any, centre: Centre) -> bool:
    """Edit the centre itself: specialists, schedule, documents."""
    r = roles_of(user)
    return r.is_admin or centre.organization_id in r.editable_orgs


def centre_organizations(user: Any) -> QuerySet[Organization]:
    """Organisations the user may open a centre for (their own as an editor; any for an admin).
    A parents' community is not offered: the centre is its host's."""
    return editable_organizations(user, communities=False)


def can_create_any_centre(user: Any) -> bool:
    r = roles_of(user)
    return r.is_admin or bool(r.editable_orgs)


def can_create_centre(user: Any, organization: Any) -> bool:
    r = roles_of(user)
    return r.is_admin or organization.pk in r.editable_orgs


def can_view_aggregate_reports(user: Any) -> bool:
    return roles_of(user).has_any_role


def readable_centres(user: Any, qs: QuerySet[Centre] | None = None) -> QuerySet[Centre]:
    qs = qs if qs is not None else Centre.objects.all()
    r = roles_of(user)
    if r.is_admin or r.viewer_global:
        return qs
    return qs.filter(Q(organization_id__in=r.readable_orgs) | Q(pk__in=_specialist_centres(user)))


def access_centre(user: Any, pk: Any, *, records: bool = False, work: bool = False, manage: bool = False) -> Centre:
    centre = Centre.objects.select_related("organization").filter(pk=pk).first() if str(pk).isdigit() else None
    if centre is None or not can_view_centre(user, centre):
        raise NotFound()
    if (records or work or manage) and not can_read_centre_records(user, centre):
        # A public centre exists for everyone: its records are refused, not hidden.
        if centre.is_public and roles_of(user).is_authenticated:
            raise PermissionDenied()
        raise NotFound()
    if work and not can_work_in_centre(user, centre):
        raise PermissionDenied()
    if manage and not can_manage_centre(user, centre):
        raise PermissionDenied()
    return centre
