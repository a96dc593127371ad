"""Every endpoint × every role; see tests/permissions.py."""

from __future__ import annotations

import json

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from tests.permissions import ROLES, UNCOVERED_NAMESPACES, all_cases

CASES = all_cases()


def _url_names(patterns, namespace=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            yield from _url_names(p.url_patterns, ns)
        elif isinstance(p, URLPattern) and p.name:
            yield f"{namespace}{p.name}"


def test_every_page_has_a_case():
    names = {n for n in _url_names(get_resolver().url_patterns) if n.split(":")[0] not in UNCOVERED_NAMESPACES}
    covered = {c.endpoint for c in CASES}
    assert sorted(names - covered) == [], "pages without a permission case"


def test_every_api_operation_has_a_case(client, db):
    schema = client.get("/api/openapi.json").json()
    operations = {f"{method.upper()} {path}" for path, ops in schema["paths"].items() for method in ops}
    covered = {c.endpoint for c in CASES}
    assert sorted(operations - covered) == [], "API operations without a permission case"


def _denied(response) -> bool:
    if response.status_code in (401, 403, 404):
        return True
    return response.status_code == 302 and "/accounts/login/" in response.get("Location", "")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_matrix(world, client_for, case, role):
    user = world.user(role)
    path = case.path(world)
    data = case.data(world) if case.data else None
    c = client_for(user)
    kwargs = {}
    if data is not None:
        kwargs = {"data": json.dumps(data), "content_type": "application/json"} if case.json else {"data": data}
    response = getattr(c, case.method.lower())(path, **kwargs)
    if role in case.allowed:
        assert response.status_code < 400 and not _denied(response), (
            f"{role} should be allowed: {response.status_code} {response.content[:300]!r}"
        )
    elif case.unchanged is not None and response.status_code == 200:
        assert case.unchanged(world), f"{role} was refused with 200 but something changed"
    else:
        assert _denied(response), f"{role} should be refused: {response.status_code} {response.content[:300]!r}"


def test_matrix_size(capsys):
    with capsys.disabled():
        print(f"\npermission matrix: {len(ROLES)} roles × {len(CASES)} endpoints = {len(ROLES) * len(CASES)} checks")
    assert len(CASES) > 0
