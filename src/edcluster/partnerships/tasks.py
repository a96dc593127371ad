"""Periodic task: partnerships become "истекает" and "истёк" by themselves."""

from __future__ import annotations

from celery import shared_task

from edcluster.partnerships import services


@shared_task(acks_late=True)
def refresh_statuses() -> dict[str, int]:
    return services.partnership_statuses_refresh()
