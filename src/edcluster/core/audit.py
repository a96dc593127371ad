"""The audit log: every service records who changed what, with a namespaced action code
(``organizations.organization.created``) and a field diff."""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from edcluster.core.models import AuditEntry

Changes = dict[str, list[Any]]


def _display(value: Any) -> Any:
    """A JSON-safe, human-readable form of a field value for the history page."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, list | tuple | set):
        return [_display(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _display(v) for k, v in value.items()}
    return str(value)


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """Readable values of ``fields`` (choices shown by their label, relations by their name)."""
    result = {}
    for name in fields:
        field = instance._meta.get_field(name)
        if getattr(field, "choices", None):
            raw = getattr(instance, field.attname)
            result[name] = _display(dict(field.flatchoices).get(raw, raw)) if raw not in (None, "") else raw
        else:
            result[name] = _display(getattr(instance, name))
    return result


def diff(before: dict[str, Any], after: dict[str, Any]) -> Changes:
    """``{field: [old, new]}`` for the fields whose value changed."""
    return {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}


def audit_log(
    *,
    actor: Any,
    action: str,
    target: models.Model | None = None,
    changes: Changes | None = None,
    note: str = "",
) -> AuditEntry:
    """Record one audit entry. Call it inside the service's transaction so that the entry and
    the change land together or not at all."""
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=str(target.pk) if target is not None else "",
        target_repr=str(target)[:300] if target is not None else "",
        changes=changes or {},
        note=note[:500],
    )
