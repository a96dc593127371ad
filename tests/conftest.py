"""Fixtures shared by the whole suite.

``world`` is the cast every permission test uses: two clusters (X, Y), an organisation in each
(A in X, B in Y), and a user for every role — anonymous, viewer, editor of A, editor of B,
coordinator of X, coordinator of Y, administrator.
"""

from __future__ import annotations

import contextlib
import copy
import os
import uuid
from dataclasses import dataclass
from typing import Any

import pytest

from tests.factories import ClusterFactory, OrganizationFactory, PersonFactory, UserFactory

# Playwright's sync API runs an event loop in the test thread; Django's ORM must still work there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _suite_settings(settings: Any, media_root: str) -> dict[str, Any]:
    """The settings every test runs with (``settings`` is the current ones, to copy from)."""
    # Rate-limit counters must not leak from one test into the next. A shared Redis (the
    # PostgreSQL run) is used by both xdist workers at once, so flushing it would wipe the
    # other worker's counters mid-test: each test gets a key prefix of its own instead.
    caches = copy.deepcopy(settings.CACHES)
    caches["default"]["KEY_PREFIX"] = f"test-{uuid.uuid4().hex}"
    return {
        "ALLOWED_HOSTS": ["testserver", "127.0.0.1", "localhost"],
        "MEDIA_ROOT": media_root,
        "EMAIL_TRANSPORT": "outbox",
        "CELERY_TASK_ALWAYS_EAGER": True,
        "SITE_URL": "http://testserver",
        # PBKDF2 at production strength costs ~0.3 s a user; tests create many.
        "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
        "CACHES": caches,
    }


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    for name, value in _suite_settings(settings, str(tmp_path / "media")).items():
        setattr(settings, name, value)


@pytest.fixture(scope="module")
def demo_db(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo cluster, loaded once for a module of tests that read it (a load takes 4–7 s).

    The load runs in a transaction that stays open for the module: each test's own transaction
    (the ``db`` fixture, which a test using this must also ask for) is a savepoint inside it, so
    whatever a test writes is rolled back after it, and the demo itself at the module's end.
    Not for ``transactional_db`` tests (the live server, a real Celery worker): they commit.
    """
    from django.conf import settings
    from django.db import transaction
    from django.test.utils import override_settings

    from edcluster.config.celery import app
    from edcluster.core.demo_loader import load_demo

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        eager = app.conf.task_always_eager
        app.conf.task_always_eager = True
        try:
            with override_settings(**_suite_settings(settings, str(tmp_path_factory.mktemp("demo-media")))):
                ctx = load_demo()
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
        finally:
            app.conf.task_always_eager = eager
    yield ctx
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def _eager_celery():
    """Tasks run in-process unless a test asks for the real worker (``celery_worker`` marker)."""
    from edcluster.config.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


@dataclass
class World:
    cluster_x: Any
    cluster_y: Any
    org_a: Any
    org_b: Any
    person_a: Any
    person_b: Any
    admin: Any
    coordinator_x: Any
    coordinator_y: Any
    editor_a: Any
    editor_b: Any
    viewer_x: Any
    plain: Any

    def user(self, role: str):
        return None if role == "anonymous" else getattr(self, role)


ROLES = ["anonymous", "plain", "viewer_x", "editor_a", "editor_b", "coordinator_x", "coordinator_y", "admin"]


@pytest.fixture
def world(db) -> World:
    from edcluster.organizations.models import Membership, RoleAssignment

    x = ClusterFactory(name="Кластер Икс", slug="x")
    y = ClusterFactory(name="Кластер Игрек", slug="y")
    a = OrganizationFactory(short_name="Организация А", full_name="Школа А", municipality="Город А")
    b = OrganizationFactory(short_name="Организация Б", full_name="Школа Б", municipality="Город Б")
    Membership.objects.create(cluster=x, organization=a, role=Membership.Role.MEMBER)
    Membership.objects.create(cluster=y, organization=b, role=Membership.Role.MEMBER)
    person_a = PersonFactory(last_name="Алексеева", first_name="Анна", middle_name="Андреевна", organization=a)
    person_b = PersonFactory(last_name="Борисов", first_name="Борис", middle_name="Борисович", organization=b)
    users = {name: UserFactory(username=name) for name in ROLES[1:]}
    users["admin"].is_superuser = users["admin"].is_staff = True
    users["admin"].save()
    grants = [
        ("viewer_x", "viewer", x, None),
        ("editor_a", "editor", None, a),
        ("editor_b", "editor", None, b),
        ("coordinator_x", "coordinator", x, None),
        ("coordinator_y", "coordinator", y, None),
    ]
    for username, role, cluster, org in grants:
        RoleAssignment.objects.create(user=users[username], role=role, cluster=cluster, organization=org)
    return World(cluster_x=x, cluster_y=y, org_a=a, org_b=b, person_a=person_a, person_b=person_b, **users)


@pytest.fixture
def client_for(client):
    """``client_for(user)`` — a test client signed in as ``user`` (or anonymous for ``None``)."""
    from django.test import Client

    def make(user):
        c = Client()
        if user is not None:
            c.force_login(user)
        return c

    return make


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """The permission matrix states its size (roles × endpoints) whenever it ran."""
    ran = [
        r
        for key in ("passed", "failed")
        for r in terminalreporter.stats.get(key, [])
        if "test_permission_matrix.py::test_matrix[" in getattr(r, "nodeid", "") and r.when == "call"
    ]
    if not ran:
        return
    from tests.permissions import ROLES, all_cases

    cases = all_cases()
    endpoints = {c.endpoint for c in cases}
    terminalreporter.write_line(
        f"permission matrix: {len(ROLES)} roles × {len(cases)} cases ({len(endpoints)} endpoints: pages and "
        f"API operations) = {len(ROLES) * len(cases)} checks; {len(ran)} ran in this session"
    )


# --- personal data must never reach the logs (152-FZ) ----------------------------------------
# Every log record of the whole suite passes through a handler that carries exactly the filters
# of the configured console handler (what production writes), and after each test the output of
# that test is scanned for e-mail addresses and phone numbers — the demo ones
# (``…@demo.edcluster.local``), the tests' own and any other. A test that lets one through fails.
# Each xdist worker scans the records of the tests it runs.

import logging as _logging  # noqa: E402
import re as _re  # noqa: E402

LEAK_RES = [
    _re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),  # any e-mail address
    _re.compile(r"(?<!\w)(?:\+7|8)?[\s(-]*9\d{2}[\s)-]*\d{3}[\s-]*\d{2}[\s-]*\d{2}(?!\w)"),  # a mobile number
    _re.compile(r"(?<!\w)(?:\+7|8)[\s(-]*\d{3,5}[\s)-]*\d{1,3}[\s-]*\d{2}[\s-]*\d{2}(?!\w)"),  # a landline
]


def log_leaks(lines: list[str]) -> list[str]:
    return [line for line in lines if any(rx.search(line) for rx in LEAK_RES)]


class _LogScan(_logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=_logging.DEBUG)
        self.lines: list[str] = []
        self.setFormatter(_logging.Formatter("%(levelname)s %(name)s %(message)s"))

    def emit(self, record: _logging.LogRecord) -> None:
        with contextlib.suppress(Exception):  # a broken record is not this check's business
            self.lines.append(self.format(record))


_LOG_SCAN: _LogScan | None = None


def _install_log_scan() -> _LogScan:
    global _LOG_SCAN
    if _LOG_SCAN is None:
        root = _logging.getLogger()
        console = [h for h in root.handlers if isinstance(h, _logging.StreamHandler) and h.filters]
        scan = _LogScan()
        # What the production handler filters, this one filters; if it had none, nothing is masked.
        for flt in console[0].filters if console else []:
            scan.addFilter(flt)
        root.addHandler(scan)
        _LOG_SCAN = scan
    return _LOG_SCAN


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    _install_log_scan().lines.clear()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if call.when != "teardown" or _LOG_SCAN is None:
        return
    leaks = log_leaks(_LOG_SCAN.lines)
    if leaks and report.outcome == "passed":
        report.outcome = "failed"
        report.longrepr = "personal data written to the log:\n" + "\n".join(leaks[:5])
