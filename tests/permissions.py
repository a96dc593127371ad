"""The permission matrix: every page and API operation × every role.

Each app lists its endpoints in ``tests/<app>/permissions.py`` as ``CASES``: which URL (built from
the ``world`` fixture), which method and payload, and which roles are allowed. The matrix test
runs every case for every role and checks that the allowed roles succeed and all others are
refused (401/403/404, or a redirect to the login page) without a change. A coverage test compares
the table with the URL resolver and the OpenAPI schema, so a new endpoint without an entry fails.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

ROLES = ("anonymous", "plain", "viewer_x", "editor_a", "editor_b", "coordinator_x", "coordinator_y", "admin")
EVERYONE = frozenset(ROLES)
SIGNED_IN = EVERYONE - {"anonymous"}
WITH_ROLE = SIGNED_IN - {"plain"}
ADMIN = frozenset({"admin"})
COORDINATORS = frozenset({"coordinator_x", "coordinator_y", "admin"})
X_EDITORS = frozenset({"editor_a", "coordinator_x", "admin"})  # may change organisation A (in cluster X)
X_READERS = X_EDITORS | {"viewer_x"}  # may read organisation A's private records
X_COORDINATOR = frozenset({"coordinator_x", "admin"})

# URL namespaces and API tags whose every endpoint must have a case.
COVERED_NAMESPACES = {"organizations", "core", "api", "web", "partnerships", "practices"}
COVERED_API_TAGS = {"Реестр", "Партнёрства", "Практики"}
APPS_WITH_CASES = ["organizations", "core", "partnerships", "practices"]


@dataclass(frozen=True)
class Case:
    endpoint: str  # URL name ("organizations:organization_edit") or API operation ("PATCH /api/organizations/{org_id}")
    method: str
    path: Callable[[Any], str]
    allowed: frozenset[str]
    data: Callable[[Any], Any] | None = None
    json: bool = False
    label: str = ""
    # For form pages: a refused POST may re-render the form (200) when this says nothing changed.
    unchanged: Callable[[Any], bool] | None = field(default=None, compare=False)

    @property
    def id(self) -> str:
        return f"{self.method} {self.endpoint}{' ' + self.label if self.label else ''}"


def all_cases() -> list[Case]:
    cases: list[Case] = []
    for app in APPS_WITH_CASES:
        cases.extend(importlib.import_module(f"tests.{app}.permissions").CASES)
    return cases
