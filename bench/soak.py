"""Soak: a mixed workload for a bounded time against gunicorn + PostgreSQL on loopback.

Creates a fresh PostgreSQL database (next to the one in ``DATABASE_URL``), migrates it and loads
the demo, opens one large event, starts the real application under gunicorn on a free port and
runs ``SOAK_CONCURRENCY`` clients for ``SOAK_SECONDS`` (default 60): browsing (home, organisations,
events, practices, consultation centres), searches, public registrations through the form,
check-ins and analytics dashboards (cluster and region) by a signed-in administrator. Afterwards
every acknowledged registration and check-in is looked up in the database, and gunicorn's whole
output (the application's log included) is scanned for e-mail addresses and phone numbers with
the suite's scanner. Prints one JSON line last: requests, errors, p95_ms, lost_writes,
log_leaks.

    DATABASE_URL=postgres://root@127.0.0.1:5432/edc_harden REDIS_URL=redis://127.0.0.1:6379/15 \\
        .venv/bin/python bench/soak.py
"""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.registration_burst import _free_port, _gunicorn, _percentile, _stop  # noqa: E402

SECONDS = float(os.environ.get("SOAK_SECONDS", "60"))
CONCURRENCY = int(os.environ.get("SOAK_CONCURRENCY", "8"))
PASSWORD = "demo-edcluster"  # noqa: S105 - the demo password


def _fresh_database() -> tuple[str, str]:
    import dj_database_url
    import psycopg

    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgres"):
        raise SystemExit("bench/soak.py needs DATABASE_URL=postgres://… (PostgreSQL on loopback)")
    cfg = dj_database_url.parse(base)
    name = f"edc_soak_{os.getpid()}"
    admin = base.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    assert cfg["NAME"]
    return base.rsplit("/", 1)[0] + "/" + name, admin


def _drop_database(url: str, admin: str) -> None:
    import psycopg

    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')


def _prepare() -> int:
    """Migrate, load the demo, open a big event; returns its primary key."""
    for args in (["migrate", "--verbosity", "0"], ["demo"]):
        subprocess.run([sys.executable, "-m", "edcluster", *args], check=True, stdout=subprocess.DEVNULL)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "edcluster.config.settings")
    import django

    django.setup()
    from datetime import date, timedelta
    from datetime import time as dtime

    from django.utils import timezone

    from edcluster.events import services
    from edcluster.events.models import EventStatus
    from edcluster.organizations.models import Cluster

    data = {
        "title": "Нагрузочная конференция",
        "kind": "conference",
        "format": "mixed",
        "starts_on": date.today() + timedelta(days=30),
        "capacity_in_person": 100_000,
        "capacity_online": 100_000,
        "online_link": "https://meet.example.test/soak",
        "registration_deadline": timezone.now() + timedelta(days=20),
    }
    event = services.event_create(actor=None, cluster=Cluster.objects.order_by("pk").first(), data=data)
    services.day_add(actor=None, event=event, date=data["starts_on"], starts_at=dtime(10), ends_at=dtime(16))
    services.event_set_status(actor=None, event=event, status=EventStatus.PUBLISHED)
    services.event_set_status(actor=None, event=event, status=EventStatus.REGISTRATION_OPEN)
    return event.pk


class Stats:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latencies: list[float] = []
        self.errors: list[str] = []
        self.registered: list[str] = []
        self.checked_in: list[str] = []
        self.by_kind: dict[str, int] = {}
        self.spans: list[tuple[float, float]] = []

    def record(self, kind: str, status: int, ms: float, ok: bool) -> None:
        with self.lock:
            self.latencies.append(ms)
            self.by_kind[kind] = self.by_kind.get(kind, 0) + 1
            if not ok:
                self.errors.append(f"{kind} {status}")


def _client(base: str):
    import httpx

    return httpx.Client(base_url=base, timeout=60, follow_redirects=False)


def _token(html: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    return match.group(1) if match else ""


def _worker(n: int, base: str, event_pk: int, stats: Stats, pages: list[str], dashboards: list[str]) -> None:
    import httpx

    from edcluster.events.models import Registration

    rnd = random.Random(n)
    with _client(base) as anon, _client(base) as staff:
        page = staff.get("/accounts/login/")
        staff.post(
            "/accounts/login/",
            data={"csrfmiddlewaretoken": _token(page.text), "username": "admin", "password": PASSWORD},
            headers={"Referer": f"{base}/accounts/login/"},
        )
        anon.get("/")  # the first request of a fresh gunicorn worker loads the application
        begun = time.monotonic()
        deadline = begun + SECONDS
        i = 0
        while time.monotonic() < deadline:
            i += 1
            kind = rnd.choices(["browse", "search", "register", "checkin", "dashboard"], weights=[5, 2, 2, 1, 1])[0]
            started = time.perf_counter()
            try:
                if kind == "browse":
                    r = anon.get(rnd.choice(pages))
                    ok = r.status_code == 200
                elif kind == "search":
                    q = rnd.choice(["школа", "детский сад", "колледж", "методист", "Волгоград"])
                    r = anon.get(rnd.choice(["/organizations/", "/practices/"]), params={"q": q})
                    ok = r.status_code == 200
                elif kind == "dashboard":
                    r = staff.get(rnd.choice(dashboards))
                    ok = r.status_code == 200
                elif kind == "register":
                    email = f"soak{n}-{i}@example.test"
                    form = anon.get(f"/events/{event_pk}/register/")
                    r = anon.post(
                        f"/events/{event_pk}/register/",
                        data={
                            "csrfmiddlewaretoken": _token(form.text),
                            "last_name": "Нагрузкина",
                            "first_name": "Анна",
                            "organization": f"Школа № {i % 50}",
                            "position": "учитель",
                            "region": "34",
                            "email": email,
                            "mode": rnd.choice(["in_person", "online"]),
                            "role": "listener",
                            "consent": "on",
                            "consent_version": "1",
                        },
                        headers={"Referer": f"{base}/events/{event_pk}/register/"},
                    )
                    ok = r.status_code == 302 and "/events/registration/" in r.headers.get("location", "")
                    if ok:
                        with stats.lock:
                            stats.registered.append(email)
                else:
                    with stats.lock:
                        pending = [e for e in stats.registered if e not in stats.checked_in]
                    if not pending:
                        continue
                    email = rnd.choice(pending)
                    code = Registration.objects.get(email=email).code
                    page = staff.get(f"/events/{event_pk}/check-in/")
                    r = staff.post(
                        f"/events/{event_pk}/check-in/",
                        data={"csrfmiddlewaretoken": _token(page.text), "code": code},
                        headers={"Referer": f"{base}/events/{event_pk}/check-in/"},
                    )
                    ok = r.status_code == 302
                    if ok:
                        with stats.lock:
                            stats.checked_in.append(email)
                status = r.status_code
            except httpx.HTTPError as exc:
                status, ok = 599, False
                stats.errors.append(f"{kind} {type(exc).__name__}")
            stats.record(kind, status, (time.perf_counter() - started) * 1000, ok)
        with stats.lock:
            stats.spans.append((begun, time.monotonic()))


def main() -> None:
    import logging

    logging.getLogger("httpx").setLevel(logging.WARNING)
    url, admin = _fresh_database()
    os.environ["DATABASE_URL"] = url
    os.environ["EDCLUSTER_EVENTS_REGISTER_LIMIT"] = "1000000"
    os.environ.pop("CELERY_BROKER_URL", None)  # e-mails are written to the outbox in-process
    proc = None
    try:
        event_pk = _prepare()
        from edcluster.organizations.models import Cluster

        slug = Cluster.objects.order_by("pk").first().slug
        pages = [
            "/",
            "/organizations/",
            f"/clusters/{slug}/",
            f"/clusters/{slug}/events/",
            f"/events/{event_pk}/",
            "/practices/",
            "/consultations/",
        ]
        clusters = list(Cluster.objects.values_list("slug", "region"))
        dashboards = [f"/analytics/?scope=cluster&cluster={slug}&period=all" for slug, _region in clusters] + [
            f"/analytics/?scope=region&region={region}&period=all" for region in sorted({r for _s, r in clusters if r})
        ]
        port = _free_port()
        log = Path(tempfile.mkdtemp(prefix="soak-")) / "gunicorn.log"
        proc = _gunicorn("edcluster.config.wsgi:application", port, log=log)
        base = f"http://127.0.0.1:{port}"
        stats = Stats()
        threads = [
            threading.Thread(target=_worker, args=(n, base, event_pk, stats, pages, dashboards))
            for n in range(CONCURRENCY)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = max(e for _b, e in stats.spans) - min(b for b, _e in stats.spans)
        _stop(proc)
        proc = None
        from edcluster.events.models import Registration

        stored = set(Registration.objects.filter(event_id=event_pk).values_list("email", flat=True))
        checked = set(
            Registration.objects.filter(event_id=event_pk, checked_in_at__isnull=False).values_list("email", flat=True)
        )
        from tests.conftest import log_leaks

        log_lines = log.read_text(errors="replace").splitlines()
        leaks = log_leaks(log_lines)
        lost = [e for e in stats.registered if e not in stored] + [e for e in stats.checked_in if e not in checked]
        result = {
            "seconds": round(elapsed, 1),
            "concurrency": CONCURRENCY,
            "requests": len(stats.latencies),
            "by_kind": stats.by_kind,
            "errors": len(stats.errors),
            "error_samples": sorted(set(stats.errors))[:5],
            "registrations_acknowledged": len(stats.registered),
            "check_ins_acknowledged": len(stats.checked_in),
            "lost_writes": len(lost),
            "req_per_s": round(len(stats.latencies) / elapsed, 1),
            "p50_ms": round(_percentile(stats.latencies, 50), 1),
            "p95_ms": round(_percentile(stats.latencies, 95), 1),
            "log_lines": len(log_lines),
            "log_leaks": len(leaks),
        }
        from django.db import connections

        connections.close_all()
    finally:
        if proc is not None:
            _stop(proc)
        _drop_database(url, admin)
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
