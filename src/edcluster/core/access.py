"""Platform-level permission answers. Domain apps decide about their own objects in their own
``access.py``; these are the few questions that concern the platform itself."""

from __future__ import annotations

from typing import Any

from edcluster.core.errors import PermissionDenied


def is_platform_admin(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.is_superuser)


def can_read_outbox(user: Any) -> bool:
    return is_platform_admin(user)


def can_read_audit(user: Any) -> bool:
    return is_platform_admin(user)


def require(allowed: bool, message: str | None = None) -> None:
    """Raise ``PermissionDenied`` unless ``allowed``: the one way views and services say no."""
    if not allowed:
        raise PermissionDenied(message)


def can_manage_personal_data(user: Any) -> bool:
    """Export and erase anyone's personal data: platform administrators only (the data spans
    every cluster, so no coordinator sees all of it)."""
    return is_platform_admin(user)
