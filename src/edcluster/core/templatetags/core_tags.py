"""Platform-wide template helpers (builtins)."""

from __future__ import annotations

from django import template
from django.core.exceptions import FieldDoesNotExist

register = template.Library()


@register.filter
def field_label(entry, field: str) -> str:
    """The Russian name of a field changed in an audit entry ("inn" → "ИНН")."""
    model = entry.target_type.model_class() if entry.target_type_id else None
    if model is None:
        return field
    try:
        return str(model._meta.get_field(field).verbose_name)
    except FieldDoesNotExist:
        return field
