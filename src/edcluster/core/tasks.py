"""Background tasks of the core: e-mail delivery from the outbox."""

from __future__ import annotations

import logging
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone

from edcluster.core.mail import MailObsolete, attachments_build
from edcluster.core.models import OutboxMessage

log = logging.getLogger(__name__)


@shared_task(bind=True, max_retries=5, default_retry_delay=60, acks_late=True)
def deliver_outbox_message(self, message_id: int) -> str:
    """Send one outbox message. Idempotent: a message already sent, stored or dropped is left
    alone. Lazy attachments (``core.mail.LazyAttachments``) are built first and kept with the
    message; a builder that finds the message's subject gone (``MailObsolete``) drops it."""
    with transaction.atomic():
        message = OutboxMessage.objects.select_for_update().filter(pk=message_id).first()
        if message is None or message.status in (
            OutboxMessage.Status.SENT,
            OutboxMessage.Status.STORED,
            OutboxMessage.Status.DROPPED,
        ):
            return "skipped"
        try:
            attachments_build(message)
        except MailObsolete as exc:
            message.status, message.last_error = OutboxMessage.Status.DROPPED, exc.reason[:500]
            message.lazy_attachments = []
            message.save(update_fields=["status", "last_error", "lazy_attachments"])
            log.info("outbox message %s not sent: %s", message.pk, exc.reason)
            return "dropped"
        if settings.EMAIL_TRANSPORT == "outbox":
            message.status = OutboxMessage.Status.STORED
            message.sent_at = timezone.now()
            message.save(update_fields=["status", "sent_at"])
            return "stored"
        email = EmailMultiAlternatives(
            subject=message.subject, body=message.body, from_email=settings.DEFAULT_FROM_EMAIL, to=message.to
        )
        if message.html:
            email.attach_alternative(message.html, "text/html")
        for att in message.attachments.all():
            email.attach(att.filename, bytes(att.content), att.content_type)
        message.attempts += 1
        try:
            email.send()
        except Exception as exc:
            message.status = OutboxMessage.Status.FAILED
            message.last_error = type(exc).__name__
            message.save(update_fields=["status", "attempts", "last_error"])
            log.warning("outbox message %s not delivered: %s", message.pk, type(exc).__name__)
            return "failed"
        message.status = OutboxMessage.Status.SENT
        message.sent_at = timezone.now()
        message.save(update_fields=["status", "sent_at", "attempts"])
    return "sent"


@shared_task
def retry_outbox() -> int:
    """Periodic: queue again every message that is pending or failed for more than a minute."""
    cutoff = timezone.now() - timedelta(minutes=1)
    ids = list(
        OutboxMessage.objects.filter(
            status__in=[OutboxMessage.Status.PENDING, OutboxMessage.Status.FAILED], created_at__lt=cutoff
        ).values_list("pk", flat=True)[:1000]
    )
    for pk in ids:
        deliver_outbox_message.delay(pk)
    return len(ids)
