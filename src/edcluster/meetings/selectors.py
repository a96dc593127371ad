"""Reads: the decisions board, a body's meetings — scoped to what the user may see."""

from __future__ import annotations

import calendar
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from edcluster.meetings.access import visible_decisions
from edcluster.meetings.models import Attendee, Body, Decision, Meeting


def decision_board(
    user: Any,
    *,
    cluster: Any = None,
    body: Body | None = None,
    organization: Any = None,
    addressee: str = "",
    status: str = "",
    overdue: bool = False,
    this_month: bool = False,
) -> QuerySet[Decision]:
    """Decisions the user may read, filtered as on the board."""
    qs = visible_decisions(user, Decision.objects.all())
    if cluster is not None:
        qs = qs.filter(cluster=cluster)
    if body is not None:
        qs = qs.filter(body=body)
    if organization is not None:
        qs = qs.filter(addressee_organization=organization)
    if addressee:
        qs = qs.filter(
            Q(addressee_group__icontains=addressee)
            | Q(addressee_organization__short_name__icontains=addressee)
            | Q(addressee_organization__full_name__icontains=addressee)
            | Q(addressee_person__last_name__icontains=addressee)
        )
    if status:
        qs = qs.filter(status=status)
    if overdue:
        qs = qs.filter(status=Decision.Status.OVERDUE)
    if this_month:
        today = timezone.localdate()
        first = today.replace(day=1)
        last = today.replace(day=calendar.monthrange(today.year, today.month)[1])
        qs = qs.filter(due_date__range=(first, last))
    return qs.select_related(
        "meeting", "body", "item", "addressee_organization", "addressee_person", "responsible"
    ).order_by("due_date", "pk")


def body_meetings(body: Body, user: Any) -> list[Meeting]:
    from edcluster.meetings.access import can_view_meeting

    # each meeting's "Присутствовали" line (the API list shows it): one query, not one per meeting
    meetings = body.meetings.select_related("body").prefetch_related(
        Prefetch("attendees", queryset=Attendee.objects.select_related("person"))
    )
    return [m for m in meetings.order_by("-date") if can_view_meeting(user, m)]
