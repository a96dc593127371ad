"""API authentication: a personal token (``Authorization: Bearer edc_…``) or the browser session.

A read-only token may call only safe methods; the scope check happens here, once, for every
endpoint.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from ninja.security import APIKeyCookie, HttpBearer

from edcluster.api.models import ApiToken
from edcluster.api.services import token_authenticate
from edcluster.core.errors import PermissionDenied

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        api_token = token_authenticate(token)
        if api_token is None:
            return None
        if request.method not in SAFE_METHODS and api_token.scope != ApiToken.Scope.WRITE:
            raise PermissionDenied(_("Токен выдан только для чтения."))
        request.user = api_token.user
        request.api_token = api_token
        return api_token.user


class SessionAuth(APIKeyCookie):
    """The signed-in browser user (CSRF checked for writes)."""

    param_name = "sessionid"

    def __init__(self) -> None:
        super().__init__(csrf=True)

    def authenticate(self, request, key):
        user = getattr(request, "user", None)
        return user if user is not None and user.is_authenticated else None


class OptionalAuth:
    """For public endpoints: identify the caller if they authenticate, let them through if not."""

    def __init__(self, *backends) -> None:
        self.backends = backends

    def __call__(self, request):
        for backend in self.backends:
            result = backend(request)
            if result:
                return result
        return True


token_auth = TokenAuth()
session_auth = SessionAuth()
AUTH = [token_auth, session_auth]
OPTIONAL_AUTH = OptionalAuth(token_auth, session_auth)
