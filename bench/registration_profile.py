"""Profile of the public registration path (GET form + POST), in one process, no HTTP server.

Runs ``BURST_PROFILE_N`` registrations (default 200) through Django's test client with CSRF
checks on, against the database of ``DATABASE_URL`` (PostgreSQL for figures that mean something),
and prints per-request milliseconds, query counts (``CaptureQueriesContext``), the time the event
row stays locked, and the top of a cProfile listing. Companion of ``registration_burst.py``:

    DATABASE_URL=postgres://… CELERY_BROKER_URL=redis://… REDIS_URL=redis://… \
        .venv/bin/python bench/registration_profile.py [--no-cprofile]

``BURST_PROFILE_DUMP=<file>`` also saves the cProfile statistics (``pstats.Stats(<file>)``).
"""

from __future__ import annotations

import cProfile
import io
import json
import os
import pstats
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
N = int(os.environ.get("BURST_PROFILE_N", "200"))


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "edcluster.config.settings")
    os.environ["EDCLUSTER_EVENTS_REGISTER_LIMIT"] = "1000000"
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from datetime import date, timedelta

    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from edcluster.config.celery import app
    from edcluster.core.models import OutboxMessage
    from edcluster.events import services
    from edcluster.organizations.models import Cluster, Organization

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]  # no setup_test_environment():
    # its instrumented template rendering would copy the context on every widget's template
    call_command("migrate", verbosity=0)
    cluster = Cluster.objects.filter(slug="bench-profile").first() or Cluster.objects.create(
        name="Кластер для профиля регистрации", slug="bench-profile"
    )
    event = services.event_create(
        actor=None,
        cluster=cluster,
        data={
            "title": "Профилируемая конференция",
            "kind": "conference",
            "format": "mixed",
            "starts_on": date(2030, 1, 1),
            "capacity_in_person": N // 4,
            "capacity_online": N // 8,
            "registration_deadline": timezone.now() + timedelta(days=1),
        },
    )
    services.event_set_status(actor=None, event=event, status="published")
    services.event_set_status(actor=None, event=event, status="registration_open")
    orgs_before = set(Organization.objects.values_list("pk", flat=True))

    # The event row's lock: time from "SELECT … FOR UPDATE" on events_event to COMMIT.
    lock_ms: list[float] = []
    lock_queries: list[int] = []
    state: dict = {}

    def lock_timer(execute, sql, params, many, context):
        locking = sql.startswith('SELECT "events_event"') and "FOR UPDATE" in sql
        if locking:
            state["t"], state["q"] = time.perf_counter(), 0
            transaction.on_commit(on_commit_end)
        result = execute(sql, params, many, context)
        if "t" in state:
            state["q"] += 1
        return result

    def on_commit_end():
        if "t" in state:
            lock_ms.append((time.perf_counter() - state.pop("t")) * 1000)
            lock_queries.append(state.pop("q"))

    get_ms, post_ms, get_q, post_q, get_cpu, post_cpu = [], [], [], [], [], []

    client = Client(enforce_csrf_checks=True)  # one handler (middleware loaded once), as in a worker

    def one(n: int) -> None:
        client.cookies.clear()  # a new visitor each time
        url = f"/events/{event.pk}/register/"
        t, c = time.perf_counter(), time.process_time()
        with CaptureQueriesContext(connection) as q:
            page = client.get(url)
        get_ms.append((time.perf_counter() - t) * 1000)
        get_cpu.append((time.process_time() - c) * 1000)
        get_q.append(len(q))
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)
        data = {
            "csrfmiddlewaretoken": token,
            "last_name": "Участникова",
            "first_name": "Анна",
            "middle_name": "Петровна",
            "organization": f"Школа профиля № {n % 50}",
            "position": "учитель",
            "region": "34",
            "email": f"profile{n}@example.test",
            "mode": "in_person" if n % 5 < 3 else "online",
            "role": "listener",
            "consent": "on",
            "consent_version": "1",
        }
        t, c = time.perf_counter(), time.process_time()
        with CaptureQueriesContext(connection) as q, connection.execute_wrapper(lock_timer):
            response = client.post(url, data)
        state.clear()
        post_ms.append((time.perf_counter() - t) * 1000)
        post_cpu.append((time.process_time() - c) * 1000)
        post_q.append(len(q))
        if os.environ.get("BURST_PROFILE_SQL") == str(n):
            for query in q.captured_queries:
                print(query["time"], query["sql"][:150])
        assert response.status_code == 302, response.status_code

    try:
        one(-1)  # warm-up (templates, consent text, caches)
        lock_ms.clear()
        lock_queries.clear()
        for values in (get_ms, post_ms, get_q, post_q, get_cpu, post_cpu):
            values.clear()
        profiler = cProfile.Profile() if "--no-cprofile" not in sys.argv else None
        started, cpu_started = time.perf_counter(), time.process_time()
        if profiler:
            profiler.enable()
        for n in range(N):
            one(n)
        if profiler:
            profiler.disable()
        total, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        if profiler and os.environ.get("BURST_PROFILE_DUMP"):
            profiler.dump_stats(os.environ["BURST_PROFILE_DUMP"])  # for pstats / snakeviz
        if profiler:
            out = io.StringIO()
            stats = pstats.Stats(profiler, stream=out)
            stats.sort_stats("cumulative").print_stats("edcluster|template|segno|icalendar", 60)
            stats.sort_stats("tottime").print_stats(25)
            print(out.getvalue())
        print(
            json.dumps(
                {
                    "n": N,
                    "cprofile": profiler is not None,
                    "ms_per_registration": round(total * 1000 / N, 1),
                    # this process's CPU only (not the database's): steadier on a loaded machine
                    "cpu_ms_per_registration": round(cpu * 1000 / N, 1),
                    "get_ms_median": round(statistics.median(get_ms), 1),
                    "post_ms_median": round(statistics.median(post_ms), 1),
                    "get_cpu_ms_median": round(statistics.median(get_cpu), 1),
                    "post_cpu_ms_median": round(statistics.median(post_cpu), 1),
                    "get_queries": max(get_q),
                    "post_queries_max": max(post_q),
                    "post_queries_median": statistics.median(post_q),
                    "lock_ms_median": round(statistics.median(lock_ms), 2) if lock_ms else None,
                    "lock_ms_p99": round(sorted(lock_ms)[int(0.99 * (len(lock_ms) - 1))], 2) if lock_ms else None,
                    "queries_under_lock_median": statistics.median(lock_queries) if lock_queries else None,
                }
            )
        )
    finally:
        OutboxMessage.objects.filter(subject__contains="Профилируемая конференция").delete()
        app.control.purge()
        event.delete()
        Organization.objects.exclude(pk__in=orgs_before).filter(full_name__startswith="Школа профиля").delete()


if __name__ == "__main__":
    main()
