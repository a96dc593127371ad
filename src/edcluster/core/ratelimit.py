"""Rate limits for public forms and logins (fixed window in the cache: Redis in production).

``rate_limit_check(scope, key, limit=10, period=60)`` raises ``RateLimited`` (HTTP 429 with
``Retry-After`` and a Russian message) once ``key`` made more than ``limit`` attempts in
``period`` seconds. Keys are hashed, so no e-mail or IP lands in the cache in clear.
"""

from __future__ import annotations

import hashlib
import time

from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import gettext as _

from edcluster.core.errors import RateLimited


def client_ip(request: HttpRequest) -> str:
    """The client's address; behind the production proxy the first X-Forwarded-For hop."""
    from django.conf import settings

    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if settings.SECURE and forwarded:
        return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def rate_limit_check(scope: str, key: str, *, limit: int, period: int = 60) -> None:
    window = int(time.time() // period)
    digest = hashlib.sha256(f"{scope}:{key.strip().lower()}".encode()).hexdigest()[:32]
    cache_key = f"rl:{scope}:{digest}:{window}"
    cache.add(cache_key, 0, timeout=period + 1)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # the key expired between add and incr
        cache.set(cache_key, 1, timeout=period + 1)
        count = 1
    if count > limit:
        retry_after = max(1, period - int(time.time()) % period)
        raise RateLimited(
            _("Слишком много попыток. Повторите через %(s)s с.") % {"s": retry_after}, retry_after=retry_after
        )


def rate_limit_request(request: HttpRequest, scope: str, *, limit: int, period: int = 60, email: str = "") -> None:
    """Limit by the client's IP and, when given, by the e-mail being used."""
    rate_limit_check(f"{scope}:ip", client_ip(request), limit=limit, period=period)
    if email:
        rate_limit_check(f"{scope}:email", email, limit=limit, period=period)
