"""The daily sweep of decisions: overdue ones change state by themselves, and the responsible
person gets one reminder before the due date and one when it has passed — never one per run
(``mail_queue`` with a ``dedup_key`` per decision, deadline and kind of reminder)."""

from __future__ import annotations

from datetime import date, timedelta

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from edcluster.core.mail import mail_queue, mail_render
from edcluster.meetings import services
from edcluster.meetings.models import Decision

REMIND_DAYS_BEFORE = 7


@shared_task(acks_late=True)
def sweep_decisions(today: str | None = None) -> dict:
    """Mark overdue, then queue the reminders that are due today (``today`` as ISO date, for
    replays and tests). Idempotent."""
    day = date.fromisoformat(today) if today else timezone.localdate()
    overdue = services.decisions_mark_overdue(today=day)
    sent = {"overdue": 0, "soon": 0}
    candidates = Decision.objects.filter(
        status__in=[Decision.Status.PLANNED, Decision.Status.IN_PROGRESS, Decision.Status.OVERDUE],
        due_date__isnull=False,
        responsible__isnull=False,
    ).select_related("responsible", "meeting__body", "item", "cluster")
    for decision in candidates:
        email = decision.responsible.email
        deadline = decision.deadline
        if not email or deadline is None:
            continue
        if decision.status == Decision.Status.OVERDUE:
            kind = "overdue"
        elif deadline - timedelta(days=REMIND_DAYS_BEFORE) <= day <= deadline:
            kind = "soon"
        else:
            continue
        context = {
            "decision": decision,
            "due": services.decision_due_text(decision),
            "kind": kind,
            "link": f"{settings.SITE_URL}{decision.get_absolute_url()}",
        }
        subject, body, html = mail_render(f"meetings/email/decision_{kind}", context)
        with transaction.atomic():
            message = mail_queue(
                to=[email],
                subject=subject,
                body=body,
                html=html,
                topic="meetings.decision",
                dedup_key=f"meetings.decision.{decision.pk}.{kind}.{deadline.isoformat()}",
            )
        if message is not None:
            sent[kind] += 1
    return {"marked_overdue": len(overdue), **sent}
