"""Periodic work of events: expiring waiting-list offers and the reminders before an event."""

from __future__ import annotations

from celery import shared_task

from edcluster.events import services


@shared_task(acks_late=True)
def expire_offers() -> int:
    """Overdue offers are cancelled and each freed place is offered to the next person waiting."""
    return services.offers_expire()
