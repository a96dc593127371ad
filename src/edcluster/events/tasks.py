"""Periodic work of events: expiring waiting-list offers and the reminders before an event."""

from __future__ import annotations

from celery import shared_task

from edcluster.events import services


@shared_task(acks_late=True)
def expire_offers() -> int:
    """Overdue offers are cancelled and each freed place is offered to the next person waiting."""
    return services.offers_expire()


@shared_task(acks_late=True)
def send_reminders(today: str | None = None) -> int:
    """Remind every confirmed participant of events starting within their ``reminder_days``
    (0 = never). Exactly one reminder per registration (``mail_queue`` dedup), so a missed or
    repeated run sends neither nothing nor twice. ``today`` as ISO date for replays and tests."""
    from datetime import date, timedelta

    from django.db import transaction
    from django.utils import timezone

    from edcluster.core.faults import batch_item_pause
    from edcluster.events.mail import queue_reminder_mail
    from edcluster.events.models import Event, EventStatus, Registration, RegistrationStatus

    day = date.fromisoformat(today) if today else timezone.localdate()
    events = Event.objects.filter(
        reminder_days__gt=0,
        starts_on__gte=day,
        starts_on__lte=day + timedelta(days=366),
        status__in=[EventStatus.PUBLISHED, EventStatus.REGISTRATION_OPEN, EventStatus.REGISTRATION_CLOSED],
    )
    sent = 0
    for event in events:
        if (event.starts_on - day).days > event.reminder_days:
            continue
        registrations = Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED).select_related(
            "event", "event__venue_organization"
        )
        for index, registration in enumerate(registrations):
            batch_item_pause(index)
            with transaction.atomic():
                sent += queue_reminder_mail(registration)
    return sent
