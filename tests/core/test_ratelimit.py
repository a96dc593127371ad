"""Rate limits by IP and by e-mail (``core.ratelimit``): the same rule on the in-process cache
and on Redis (``REDIS_URL``: one pipelined round trip for both counters)."""

from __future__ import annotations

import uuid

import pytest
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.test import RequestFactory

from edcluster.core.errors import RateLimited
from edcluster.core.ratelimit import rate_limit_check, rate_limit_request


def _request(ip: str):
    return RequestFactory().post("/events/1/register/", REMOTE_ADDR=ip)


def test_the_ip_and_the_email_are_limited_each(db):
    scope = f"tests.form.{uuid.uuid4().hex}"
    for _ in range(3):
        rate_limit_request(_request("10.0.0.1"), scope, limit=3, email="a@example.test")
    # The fourth attempt from the same IP is refused, whatever the e-mail…
    with pytest.raises(RateLimited) as exc:
        rate_limit_request(_request("10.0.0.1"), scope, limit=3, email="b@example.test")
    assert "Слишком много попыток" in exc.value.message and exc.value.retry_after >= 1
    # …and so is the same e-mail from another IP.
    with pytest.raises(RateLimited):
        rate_limit_request(_request("10.0.0.2"), scope, limit=3, email="A@example.test ")
    # Another person from another IP is not affected.
    rate_limit_request(_request("10.0.0.3"), scope, limit=3, email="c@example.test")


def test_scopes_are_counted_apart_and_keys_hold_no_address(db):
    one, two = f"tests.one.{uuid.uuid4().hex}", f"tests.two.{uuid.uuid4().hex}"
    rate_limit_check(one, "a@example.test", limit=1)
    rate_limit_check(two, "a@example.test", limit=1)
    with pytest.raises(RateLimited):
        rate_limit_check(one, "a@example.test", limit=1)
    backend = caches["default"]
    if isinstance(backend, RedisCache):
        keys = [k.decode() for k in backend._cache.get_client().keys(f"*{one}*")]
    else:
        keys = [k for k in backend._cache if one in k]
    assert len(keys) == 1 and "example" not in keys[0]
