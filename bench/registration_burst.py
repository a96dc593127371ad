"""Registration burst: 2,000 concurrent complete registrations through the public form.

Starts the real application under gunicorn on loopback against PostgreSQL (``DATABASE_URL``),
creates an event with 500 in-person and 300 online seats, and fires the registrations through
the public form path (GET for the CSRF token, POST with validation, consent and e-mail
queueing); one in ten people submits twice (double click). Then it checks the database.
In the same run it measures the floor: a minimal Django view doing one locked insert, served
by the same gunicorn settings. Prints one JSON line last.

    DATABASE_URL=postgres://… CELERY_BROKER_URL=redis://… REDIS_URL=redis://… \
        .venv/bin/python bench/registration_burst.py
"""

from __future__ import annotations

import json
import os
import re
import socket
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REGISTRATIONS = int(os.environ.get("BURST_REGISTRATIONS", "2000"))
CONCURRENCY = int(os.environ.get("BURST_CONCURRENCY", "32"))
WORKERS = os.environ.get("BURST_WORKERS", "4")
THREADS = os.environ.get("BURST_THREADS", "4")
IN_PERSON, ONLINE = 500, 300
# gunicorn's own log (worker timeouts, tracebacks of server errors): BURST_LOG, else discarded
_LOG = open(os.environ["BURST_LOG"], "ab") if os.environ.get("BURST_LOG") else subprocess.DEVNULL  # noqa: SIM115


def _django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "edcluster.config.settings")
    sys.path.insert(0, str(ROOT / "src"))
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


# --- the floor: one locked insert ---------------------------------------------------------------

urlpatterns: list = []


def _floor_view(request):
    from django.db import transaction
    from django.http import HttpResponse

    from edcluster.events.models import Event, Registration

    event_pk = int(request.GET["event"])
    n = request.GET["n"]
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event_pk)
        Registration.objects.create(
            event=event,
            last_name="Пол",
            first_name="Пол",
            organization_name="-",
            position="-",
            region="34",
            email=f"floor{n}@example.test",
            mode="online",
            status="confirmed",
        )
    return HttpResponse("ok")


_FLOOR: list = []


def floor_app(environ, start_response):  # gunicorn "bench.registration_burst:floor_app"
    if _FLOOR:
        return _FLOOR[0](environ, start_response)
    _django()
    from django.conf import settings
    from django.core.wsgi import get_wsgi_application
    from django.urls import path
    from django.views.decorators.csrf import csrf_exempt

    urlpatterns[:] = [path("floor/", csrf_exempt(_floor_view))]
    settings.ROOT_URLCONF = "bench.registration_burst"
    settings.MIDDLEWARE = []
    _FLOOR.append(get_wsgi_application())
    return _FLOOR[0](environ, start_response)


# --- harness --------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _gunicorn(app: str, port: int, log: Path | None = None) -> subprocess.Popen:
    """gunicorn on loopback; its stdout and stderr go to ``log`` when given (the soak scans them)."""
    out = log.open("w") if log is not None else subprocess.DEVNULL
    env = {**os.environ, "EDCLUSTER_EVENTS_REGISTER_LIMIT": "1000000", "PYTHONPATH": f"{ROOT / 'src'}:{ROOT}"}
    proc = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            app,
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            WORKERS,
            "--threads",
            THREADS,
            "--worker-class",
            "gthread",
            "--timeout",
            "120",
            # Browsers reuse a kept-alive connection; with gunicorn's 2 s default a client idle a
            # little longer races the server closing it (httpx ReadError, counted as an error).
            "--keep-alive",
            "30",
            "--log-level",
            "warning",
            "--chdir",
            str(ROOT),
        ],
        env=env,
        stdout=out,
        # the soak passes ``log`` (stdout and stderr, scanned for personal data); else BURST_LOG
        stderr=subprocess.STDOUT if log is not None else _LOG,
    )
    for _i in range(200):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return proc
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("gunicorn did not start")


def _stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))] if ordered else 0.0


def _register(base: str, event_pk: int, n: int) -> list[tuple[int, float]]:
    import httpx

    try:
        return _register_once(base, event_pk, n)
    except httpx.HTTPError as exc:  # a dropped connection counts as a server error (599)
        print(f"registration {n}: {type(exc).__name__}", file=sys.stderr)
        return [(599, 0.0)]


def _register_once(base: str, event_pk: int, n: int) -> list[tuple[int, float]]:
    import httpx

    mode = "in_person" if n % 5 < 3 else "online"
    results = []
    with httpx.Client(base_url=base, timeout=120) as client:
        page = client.get(f"/events/{event_pk}/register/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        data = {
            "csrfmiddlewaretoken": token,
            "last_name": "Участникова",
            "first_name": "Анна",
            "middle_name": "Петровна",
            "organization": f"Школа № {n % 300}",
            "position": "учитель",
            "region": f"{(n % 89) + 1:02d}" if (n % 89) + 1 not in (80, 81, 82, 84, 85, 88) else "34",
            "email": f"burst{n}@example.test",
            "phone": "",
            "mode": mode,
            "role": "listener",
            "consent": "on",
            "consent_version": "1",
        }
        for _attempt in range(2 if n % 10 == 0 else 1):
            started = time.perf_counter()
            response = client.post(
                f"/events/{event_pk}/register/", data=data, headers={"Referer": f"{base}/events/{event_pk}/register/"}
            )
            results.append((response.status_code, (time.perf_counter() - started) * 1000))
    return results


def _floor(base: str, event_pk: int, n: int) -> tuple[int, float]:
    import httpx

    started = time.perf_counter()
    try:
        with httpx.Client(base_url=base, timeout=120) as client:
            response = client.post(f"/floor/?event={event_pk}&n={n}")
    except httpx.HTTPError:
        return 599, 0.0
    return response.status_code, (time.perf_counter() - started) * 1000


def main() -> None:
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("DATABASE_URL must point at PostgreSQL")
    _django()
    import logging
    from datetime import date, timedelta

    from django.core.management import call_command
    from django.db.models import Count
    from django.utils import timezone

    from edcluster.events import services
    from edcluster.events.models import Registration
    from edcluster.organizations.models import Cluster

    logging.getLogger("httpx").setLevel(logging.WARNING)
    call_command("migrate", verbosity=0)
    cluster = Cluster.objects.filter(slug="bench-burst").first() or Cluster.objects.create(
        name="Кластер для нагрузочного теста", slug="bench-burst"
    )
    event = services.event_create(
        actor=None,
        cluster=cluster,
        data={
            "title": "Нагрузочная конференция",
            "kind": "conference",
            "format": "mixed",
            "starts_on": date(2030, 1, 1),
            "capacity_in_person": IN_PERSON,
            "capacity_online": ONLINE,
            "registration_deadline": timezone.now() + timedelta(days=1),
        },
    )
    services.event_set_status(actor=None, event=event, status="published")
    services.event_set_status(actor=None, event=event, status="registration_open")
    floor_event = services.event_create(
        actor=None, cluster=cluster, data={"title": "Пол", "kind": "seminar", "starts_on": date(2030, 1, 1)}
    )

    try:
        port = _free_port()
        server = _gunicorn("edcluster.config.wsgi", port)
        try:
            base = f"http://127.0.0.1:{port}"
            _register(base, event.pk, -1)  # warm up every code path once (not counted)
            Registration.objects.filter(event=event).delete()
            started = time.perf_counter()
            with ThreadPoolExecutor(CONCURRENCY) as pool:
                runs = list(pool.map(lambda n: _register(base, event.pk, n), range(REGISTRATIONS)))
            elapsed = time.perf_counter() - started
        finally:
            _stop(server)

        port = _free_port()
        floor_server = _gunicorn("bench.registration_burst:floor_app", port)
        try:
            base = f"http://127.0.0.1:{port}"
            _floor(base, floor_event.pk, -1)
            floor_started = time.perf_counter()
            with ThreadPoolExecutor(CONCURRENCY) as pool:
                floor_runs = list(pool.map(lambda n: _floor(base, floor_event.pk, n), range(REGISTRATIONS)))
            floor_elapsed = time.perf_counter() - floor_started
        finally:
            _stop(floor_server)

        posts = [r for run in runs for r in run]
        latencies = [ms for _status, ms in posts]
        regs = Registration.objects.filter(event=event)
        active = regs.exclude(status="cancelled")
        confirmed_in_person = active.filter(status="confirmed", mode="in_person").count()
        confirmed_online = active.filter(status="confirmed", mode="online").count()
        duplicates = sum(row["n"] - 1 for row in active.values("email").annotate(n=Count("pk")).filter(n__gt=1))
        floor_errors = sum(1 for status, _ms in floor_runs if status >= 500)
        req_per_s = REGISTRATIONS / elapsed
        floor_req_per_s = (REGISTRATIONS - floor_errors) / floor_elapsed
        result = {
            "confirmed_in_person": confirmed_in_person,
            "confirmed_online": confirmed_online,
            "waitlisted": active.filter(status="waitlisted").count(),
            "registrations": active.count(),
            "duplicates": duplicates,
            "overbooked": max(0, confirmed_in_person - IN_PERSON) + max(0, confirmed_online - ONLINE),
            "server_errors": sum(1 for status, _ms in posts if status >= 500),
            "of_which_dropped_connections": sum(1 for status, _ms in posts if status == 599),
            "non_redirects": sum(1 for status, _ms in posts if status != 302),
            "req_per_s": round(req_per_s, 1),
            "floor_req_per_s": round(floor_req_per_s, 1),
            "ratio": round(req_per_s / floor_req_per_s, 3),
            "p50_ms": round(statistics.median(latencies), 1),
            "p99_ms": round(_percentile(latencies, 99), 1),
        }
    finally:
        from edcluster.config.celery import app
        from edcluster.core.models import OutboxMessage

        OutboxMessage.objects.filter(subject__contains="Нагрузочная конференция").delete()
        app.control.purge()  # the delivery tasks queued for the deleted messages
        event.delete()
        floor_event.delete()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
