"""Periodic task: the monthly digest of new practices and materials."""

from __future__ import annotations

from celery import shared_task

from edcluster.practices import digest


@shared_task(acks_late=True)
def send_digest() -> int:
    return digest.digest_send()
