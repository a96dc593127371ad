"""E-mail through the outbox.

``mail_queue`` writes the message to ``OutboxMessage`` inside the caller's transaction and
queues its delivery after commit; a rolled-back registration therefore never sends mail, and
a mail server that is down only delays it (``retry_outbox`` picks failed messages up again).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.template.exceptions import TemplateDoesNotExist
from django.template.loader import render_to_string

from edcluster.core.models import OutboxAttachment, OutboxMessage


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    content_type: str = "application/octet-stream"


def mail_render(template_prefix: str, context: dict) -> tuple[str, str, str]:
    """Render ``<prefix>_subject.txt``, ``<prefix>.txt`` and (optional) ``<prefix>.html``."""
    subject = " ".join(render_to_string(f"{template_prefix}_subject.txt", context).split())
    body = render_to_string(f"{template_prefix}.txt", context)
    try:
        html = render_to_string(f"{template_prefix}.html", context)
    except TemplateDoesNotExist:
        html = ""
    return subject, body, html


def mail_queue(
    *,
    to: Sequence[str],
    subject: str,
    body: str,
    html: str = "",
    attachments: Iterable[Attachment] = (),
    topic: str = "",
    dedup_key: str | None = None,
    fresh_key: bool = False,
) -> OutboxMessage | None:
    """Put one message in the outbox and deliver it after commit.

    ``dedup_key`` makes the call idempotent: a second call with the same key (a reminder sent by
    a periodic task, a retried registration) writes nothing and returns ``None``.
    ``fresh_key``: the caller knows the key cannot exist yet (it names a row created in the same
    transaction), so the look-up and the savepoint are skipped — three round trips fewer inside
    a transaction that holds a lock (a registration).
    """
    if fresh_key:
        return _outbox_write(to, subject, body, html, attachments, topic, dedup_key)
    if dedup_key and OutboxMessage.objects.filter(dedup_key=dedup_key).exists():
        return None
    try:
        with transaction.atomic():
            message = _outbox_write(to, subject, body, html, attachments, topic, dedup_key)
    except IntegrityError:
        if dedup_key:  # a concurrent call with the same key won
            return None
        raise
    return message


def _outbox_write(
    to: Sequence[str],
    subject: str,
    body: str,
    html: str,
    attachments: Iterable[Attachment],
    topic: str,
    dedup_key: str | None,
) -> OutboxMessage:
    message = OutboxMessage.objects.create(
        to=[addr.strip() for addr in to if addr and addr.strip()],
        subject=subject[:300],
        body=body,
        html=html,
        topic=topic,
        dedup_key=dedup_key,
    )
    attachments = list(attachments)
    if attachments:
        OutboxAttachment.objects.bulk_create(
            OutboxAttachment(message=message, filename=a.filename, content_type=a.content_type, content=a.content)
            for a in attachments
        )
    from edcluster.core.tasks import deliver_outbox_message

    pk = message.pk
    transaction.on_commit(lambda: deliver_outbox_message.delay(pk))
    return message
