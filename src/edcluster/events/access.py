"""Who may see and manage events — the only place these questions are answered.

Published events are public; drafts and the registrations (personal data) are for the
coordinators of the event's cluster and platform admins."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from edcluster.core.errors import NotFound, PermissionDenied
from edcluster.events.models import Event, EventStatus
from edcluster.organizations.access import roles_of
from edcluster.organizations.models import Cluster


def can_manage_cluster_events(user: Any, cluster: Cluster) -> bool:
    roles = roles_of(user)
    return roles.is_admin or cluster.pk in roles.coordinator_clusters


def can_manage_event(user: Any, event: Event) -> bool:
    roles = roles_of(user)
    return roles.is_admin or event.cluster_id in roles.coordinator_clusters


def can_view_event(user: Any, event: Event) -> bool:
    return event.status != EventStatus.DRAFT or can_manage_event(user, event)


def visible_events(user: Any, qs: QuerySet[Event] | None = None) -> QuerySet[Event]:
    qs = qs if qs is not None else Event.objects.all()
    roles = roles_of(user)
    if roles.is_admin:
        return qs
    from django.db.models import Q

    return qs.filter(~Q(status=EventStatus.DRAFT) | Q(cluster_id__in=roles.coordinator_clusters))


def access_event(user: Any, pk: Any, *, manage: bool = False, queryset: QuerySet[Event] | None = None) -> Event:
    """The event the user may see (``NotFound`` otherwise); ``manage``: and may manage
    (``PermissionDenied``). ``queryset``: the caller's annotations (the registration form's)."""
    qs = queryset if queryset is not None else Event.objects.all()
    event = qs.select_related("cluster", "venue_organization").filter(pk=pk).first()
    if event is None or not can_view_event(user, event):
        raise NotFound()
    if manage and not can_manage_event(user, event):
        raise PermissionDenied()
    return event
