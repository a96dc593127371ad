"""Read-side queries of events: lists, the programme, registration counts."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from edcluster.core import ru
from edcluster.events.models import (
    Event,
    EventDay,
    EventStatus,
    Mode,
    ProgrammeItem,
    Question,
    Registration,
    RegistrationStatus,
    SiteVisit,
)

PUBLIC_STATUSES = [
    EventStatus.PUBLISHED,
    EventStatus.REGISTRATION_OPEN,
    EventStatus.REGISTRATION_CLOSED,
    EventStatus.HELD,
]


def event_list(
    qs: QuerySet[Event],
    *,
    cluster: Any = None,
    upcoming_from: date | None = None,
    over_before: date | None = None,
    kind: str | None = None,
    status: str | None = None,
    event_format: str | None = None,
    starts_from: date | None = None,
    starts_to: date | None = None,
) -> QuerySet[Event]:
    """The events of ``qs`` (already scoped to what the user may see) that pass every filter
    given: a cluster, a kind, a status, a format, the first day within ``starts_from`` …
    ``starts_to``, not over before ``upcoming_from``. By date, with the cluster and the venue;
    ``over_before``: only the events over before that day, the latest first."""
    filters = {
        "cluster": cluster,
        "kind": kind,
        "status": status,
        "format": event_format,
        "starts_on__gte": starts_from,
        "starts_on__lte": starts_to,
    }
    qs = qs.filter(**{k: v for k, v in filters.items() if v is not None})
    if upcoming_from is not None:
        qs = qs.filter(Q(ends_on__gte=upcoming_from) | Q(ends_on__isnull=True, starts_on__gte=upcoming_from))
    qs = qs.select_related("cluster", "venue_organization")
    if over_before is not None:
        qs = qs.filter(Q(ends_on__lt=over_before) | Q(ends_on__isnull=True, starts_on__lt=over_before))
        return qs.order_by("-starts_on", "-pk")
    return qs.order_by("starts_on", "pk")


@functools.cache
def events_for_registration() -> QuerySet[Event]:
    """Events annotated with what the public registration form asks first: whether the event has
    site visits and its own questions (``has_site_visits``, ``has_questions``). Two EXISTS in the
    event's query instead of two queries on every GET and POST of the form; most events have
    neither, and then the form reads nothing more. Built once per process (never evaluated
    itself: callers chain on it, which clones it) — building the subqueries costs more than
    cloning them."""
    return Event.objects.annotate(
        has_site_visits=Exists(SiteVisit.objects.filter(event=OuterRef("pk"))),
        has_questions=Exists(Question.objects.filter(event=OuterRef("pk"))),
    )


def programme(event: Event) -> list[EventDay]:
    items = ProgrammeItem.objects.select_related("section").prefetch_related("speakers")
    return list(event.days.prefetch_related(Prefetch("items", queryset=items)))


def registration_list(
    event: Event, *, mode: str = "", status: str = "", region: str = "", organization_kind: str = "", q: str = ""
) -> QuerySet[Registration]:
    qs = event.registrations.select_related("organization", "site_visit")
    if mode:
        qs = qs.filter(mode=mode)
    if status:
        qs = qs.filter(status=status)
    if region:
        qs = qs.filter(region=region)
    if organization_kind:
        qs = qs.filter(organization__kind=organization_kind)
    if q:
        from edcluster.core.search import loose_regex

        qs = qs.filter(Q(last_name__regex=loose_regex(q)) | Q(email__icontains=q) | Q(code__iexact=q))
    return qs.order_by("last_name", "first_name", "pk")


@dataclass(frozen=True)
class Counts:
    in_person: int
    online: int
    waitlisted: int
    pending: int
    offered: int
    checked_in: int
    no_shows: int
    organizations: int
    regions: int

    @property
    def confirmed(self) -> int:
        return self.in_person + self.online

    @property
    def summary(self) -> str:
        """ "50 участников из 36 субъектов" — confirmed people and the regions they come from."""
        people = ru.count_phrase(self.confirmed, "участник")
        regions = ru.count_phrase(self.regions, "субъект", case="gent")
        return f"{people} из {regions}"


def registration_counts(event: Event) -> Counts:
    confirmed = Q(status=RegistrationStatus.CONFIRMED)
    agg = event.registrations.aggregate(
        in_person=Count("pk", filter=confirmed & Q(mode=Mode.IN_PERSON)),
        online=Count("pk", filter=confirmed & Q(mode=Mode.ONLINE)),
        waitlisted=Count("pk", filter=Q(status=RegistrationStatus.WAITLISTED)),
        pending=Count("pk", filter=Q(status=RegistrationStatus.PENDING)),
        offered=Count("pk", filter=Q(status=RegistrationStatus.OFFERED)),
        checked_in=Count("pk", filter=confirmed & Q(checked_in_at__isnull=False)),
        no_shows=Count("pk", filter=confirmed & Q(no_show=True)),
        organizations=Count("organization_name", filter=confirmed, distinct=True),
        regions=Count("region", filter=confirmed, distinct=True),
    )
    return Counts(**agg)
