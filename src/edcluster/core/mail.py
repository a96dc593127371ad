"""E-mail through the outbox.

``mail_queue`` writes the message to ``OutboxMessage`` inside the caller's transaction and
queues its delivery after commit; a rolled-back registration therefore never sends mail, and
a mail server that is down only delays it (``retry_outbox`` picks failed messages up again).

Attachments are either given ready (``attachments``) or built by the delivery task
(``lazy``): a request that answers a burst of people (a registration's .ics and QR code) stores
only the name of a registered builder and the small JSON it needs, and
``deliver_outbox_message`` builds the files right before sending, keeping them as the message's
attachments like ready ones. An app registers its builders in ``AppConfig.ready()``::

    from edcluster.core.mail import register_attachment_builder
    register_attachment_builder("events.registration_confirmation", confirmation_attachments)

A builder takes the stored params and returns the attachments, or raises ``MailObsolete`` when
what the message is about is gone (a registration cancelled or erased before delivery): the
message is then not sent (status «не отправлено: неактуально»), and the reason — a short code,
never personal data — is kept and logged.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.template.exceptions import TemplateDoesNotExist
from django.template.loader import render_to_string

from edcluster.core.models import OutboxAttachment, OutboxMessage


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    content_type: str = "application/octet-stream"


@dataclass(frozen=True)
class LazyAttachments:
    """Attachments the delivery task builds: a registered builder's name and its JSON params
    (primary keys, not objects or personal data)."""

    builder: str
    params: Mapping[str, Any] = field(default_factory=dict)


class MailObsolete(Exception):
    """Raised by an attachment builder: the message's subject is gone, do not send it.
    ``reason`` is a short code kept on the message and logged; it must hold no personal data."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


AttachmentBuilder = Callable[[Mapping[str, Any]], Iterable[Attachment]]
_builders: dict[str, AttachmentBuilder] = {}


def register_attachment_builder(name: str, builder: AttachmentBuilder) -> None:
    """Register (or replace, by ``name``) a builder of attachments for ``LazyAttachments``."""
    _builders[name] = builder


def attachments_build(message: OutboxMessage) -> None:
    """Build the message's lazy attachments and keep them as its attachments (called by the
    delivery task with the message row locked; a second delivery finds nothing left to build).
    Raises ``MailObsolete`` from a builder."""
    specs = message.lazy_attachments or []
    if not specs:
        return
    built: list[Attachment] = []
    for spec in specs:
        built.extend(_builders[spec["builder"]](spec.get("params") or {}))
    OutboxAttachment.objects.bulk_create(
        OutboxAttachment(message=message, filename=a.filename, content_type=a.content_type, content=a.content)
        for a in built
    )
    message.lazy_attachments = []
    message.save(update_fields=["lazy_attachments"])


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
    lazy: Sequence[LazyAttachments] = (),
    topic: str = "",
    dedup_key: str | None = None,
    fresh_key: bool = False,
) -> OutboxMessage | None:
    """Put one message in the outbox and deliver it after commit.

    ``lazy``: attachments built by the delivery task instead of now (see the module's text);
    the builder must be registered.

    ``dedup_key`` makes the call idempotent: a second call with the same key (a reminder sent by
    a periodic task, a retried registration) writes nothing and returns ``None``.
    ``fresh_key``: the caller knows the key cannot exist yet (it names a row created in the same
    transaction), so the look-up and the savepoint are skipped — three round trips fewer inside
    a transaction that holds a lock (a registration).
    """
    for spec in lazy:
        if spec.builder not in _builders:
            raise LookupError(f"no attachment builder registered as {spec.builder!r}")
    if fresh_key:
        return _outbox_write(to, subject, body, html, attachments, lazy, topic, dedup_key)
    if dedup_key and OutboxMessage.objects.filter(dedup_key=dedup_key).exists():
        return None
    try:
        with transaction.atomic():
            message = _outbox_write(to, subject, body, html, attachments, lazy, topic, dedup_key)
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
    lazy: Sequence[LazyAttachments],
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
        lazy_attachments=[{"builder": spec.builder, "params": dict(spec.params)} for spec in lazy],
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
