"""Rate limits for public forms and logins (fixed window in the cache: Redis in production).

``rate_limit_check(scope, key, limit=10, period=60)`` raises ``RateLimited`` (HTTP 429 with
``Retry-After`` and a Russian message) once ``key`` made more than ``limit`` attempts in
``period`` seconds. Keys are hashed, so no e-mail or IP lands in the cache in clear.
"""

from __future__ import annotations

import hashlib
import time

from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
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
    _check([(scope, key)], limit=limit, period=period)


def rate_limit_request(request: HttpRequest, scope: str, *, limit: int, period: int = 60, email: str = "") -> None:
    """Limit by the client's IP and, when given, by the e-mail being used."""
    keys = [(f"{scope}:ip", client_ip(request))]
    if email:
        keys.append((f"{scope}:email", email))
    _check(keys, limit=limit, period=period)


def _check(keys: list[tuple[str, str]], *, limit: int, period: int) -> None:
    window = int(time.time() // period)
    cache_keys = [
        f"rl:{scope}:{hashlib.sha256(f'{scope}:{key.strip().lower()}'.encode()).hexdigest()[:32]}:{window}"
        for scope, key in keys
    ]
    if max(_counts(cache_keys, timeout=period + 1)) > limit:
        retry_after = max(1, period - int(time.time()) % period)
        raise RateLimited(
            _("Слишком много попыток. Повторите через %(s)s с.") % {"s": retry_after}, retry_after=retry_after
        )


def _counts(cache_keys: list[str], *, timeout: int) -> list[int]:
    """Add one attempt to each counter and return the counts. On Redis: one round trip
    (``SET NX EX`` + ``INCR`` per key, pipelined) instead of three commands per key, each through
    a new client object (Django's ``add`` + ``incr``); the counters are the same cache entries."""
    backend = caches["default"]
    if isinstance(backend, RedisCache):
        pipe = backend._cache.get_client(write=True).pipeline(transaction=False)
        for cache_key in cache_keys:
            made = backend.make_and_validate_key(cache_key)
            pipe.set(made, 0, ex=timeout, nx=True)
            pipe.incr(made)
        return pipe.execute()[1::2]
    counts = []
    for cache_key in cache_keys:
        backend.add(cache_key, 0, timeout=timeout)
        try:
            counts.append(backend.incr(cache_key))
        except ValueError:  # the key expired between add and incr
            backend.set(cache_key, 1, timeout=timeout)
            counts.append(1)
    return counts
