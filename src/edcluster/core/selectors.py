"""Reads of platform-wide records."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet

from edcluster.core.models import AuditEntry, OutboxMessage


def audit_entries_for(obj: models.Model, *, limit: int = 100) -> QuerySet[AuditEntry]:
    """The history of one object, newest first ("История изменений")."""
    return (
        AuditEntry.objects.filter(target_type=ContentType.objects.get_for_model(obj), target_id=str(obj.pk))
        .select_related("actor", "target_type")
        .order_by("-created_at", "-id")[:limit]
    )


def outbox_messages(*, to: str | None = None, topic: str | None = None) -> QuerySet[OutboxMessage]:
    qs = OutboxMessage.objects.prefetch_related("attachments").order_by("-created_at", "-id")
    if topic:
        qs = qs.filter(topic=topic)
    if to:
        qs = qs.filter(to__icontains=to.strip().lower())
    return qs
