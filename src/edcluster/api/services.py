"""API tokens: created by a user on their profile page, revoked there too."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from edcluster.api.models import ApiToken
from edcluster.core.audit import audit_log
from edcluster.core.errors import NotFound, ValidationError

TOKEN_PREFIX = "edc_"  # noqa: S105 - a public prefix, not a secret


def token_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def token_create(*, actor: Any, name: str, scope: str = ApiToken.Scope.READ) -> tuple[ApiToken, str]:
    """A new token for ``actor``; returns the record and the key (shown to the user once)."""
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError(errors={"name": [_("Назовите токен, чтобы потом его узнать.")]})
    if scope not in ApiToken.Scope.values:
        raise ValidationError(errors={"scope": [_("Неизвестные права токена.")]})
    key = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=actor, name=name[:100], prefix=key[:12], key_hash=token_hash(key), scope=scope)
    audit_log(actor=actor, action="api.token.created", target=token, changes={"scope": [None, scope]})
    return token, key


@transaction.atomic
def token_revoke(*, actor: Any, token_id: int) -> ApiToken:
    token = ApiToken.objects.filter(pk=token_id, user=actor, revoked_at__isnull=True).first()
    if token is None:
        raise NotFound(_("Токен не найден."))
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit_log(actor=actor, action="api.token.revoked", target=token)
    return token


def token_authenticate(key: str) -> ApiToken | None:
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=token_hash(key), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is not None and (token.last_used_at is None or (timezone.now() - token.last_used_at).seconds > 60):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token
