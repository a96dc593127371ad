"""schemathesis against the OpenAPI schema on a live test server: every operation, a few generated
requests each, authenticated with a read-write token of a demo coordinator. No response may be a
server error (5xx) or disagree with the schema. Bounded: a few examples per operation."""

import time

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from edcluster.api import services
from edcluster.core.models import User

MAX_EXAMPLES = 4
# A hang, not a slow machine, should fail it: a budget per operation, so that it does not shrink
# as operations are added (the whole walk once had 120 s; 140 operations on PostgreSQL under a
# load of 28 on 2 cores took longer).
BUDGET_SECONDS_PER_OPERATION = 30


def _summary(exc: BaseException) -> str:
    """The first lines of each failure (schemathesis groups them) and the curl to reproduce it."""
    parts = getattr(exc, "exceptions", None) or [exc]
    lines = []
    for part in parts:
        text = str(part)
        curl = next((line.strip() for line in text.splitlines() if line.strip().startswith("curl ")), "")
        lines.append(f"{type(part).__name__}: {text.splitlines()[0] if text else ''} {curl[:600]}")
    return "\n  ".join(lines)


@pytest.mark.django_db(transaction=True)
def test_api_has_no_server_errors_and_keeps_to_its_schema(live_server):
    from edcluster.core.demo_loader import load_demo

    load_demo()
    _token, key = services.token_create(
        actor=User.objects.get(username="coordinator"), name="schemathesis", scope="write"
    )
    headers = {"Authorization": f"Bearer {key}"}
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/openapi.json")
    failures: list[str] = []
    operations = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1

        @given(case=operation.as_strategy())
        @settings(
            max_examples=MAX_EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        def check(case):
            response = case.call(base_url=live_server.url, headers=headers)
            case.validate_response(response, checks=[not_a_server_error, response_schema_conformance])

        started = time.monotonic()
        try:
            check()
        except (Exception, BaseExceptionGroup) as exc:  # every failing operation is reported
            failures.append(f"{operation.label}: {_summary(exc)}")
        took = time.monotonic() - started
        assert took < BUDGET_SECONDS_PER_OPERATION, f"schemathesis took {took:.0f} s at {operation.label}"
    assert operations > 60  # the whole schema was walked
    assert not failures, f"{len(failures)} operations failed:\n" + "\n\n".join(failures)
