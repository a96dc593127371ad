"""Does it stay fast at national scale? Generates the synthetic dataset (``edcluster gen-data``)
step by step on PostgreSQL and times the pages' queries at each scale.

Full scale (100%) is 100,000 organisations, 1,000,000 people, 200,000 events and 5,000,000
registrations. The default run measures at 1% and 20%; ``--full`` at 1% and 100%;
``--scales 0.01,0.05`` any list. Each scale is generated into a database of its own beside
DATABASE_URL's («<name>_scale_1», «<name>_scale_100»: dropped and made again by each run, left
for ``--compare`` afterwards), ``VACUUM ANALYZE``d, and then all scales are timed interleaved
sample by sample (``compare``: each database with its own connection and cache, the i-th sample
of an operation timed on each in turn). A shared two-core machine has slow stretches; timed one
scale after the other, a stretch fell on one scale and moved the ratio by ±0.3 between runs of
the same code.
Each operation runs ``--repeat`` times (the pages and queries three times as many).

``--sequential`` is the earlier way: one database, DATABASE_URL's (an empty one: the run refuses
a database that already has organisations unless ``--reuse``), grown from scale to scale and
timed at each as it is reached. ``--compare A,B`` times databases an earlier run made (smallest
scale first); ``--measure-only`` times DATABASE_URL's database as it is.

Every operation is timed as the page a user opens (``django.test.Client`` as a signed-in
administrator: session, access, queries, the template rendered), as ``pages must not slow down``
is the goal; the underlying selector calls alone are timed too and reported as ``queries``
(``*_query``, with their own ``query_growth``), not counted in ``worst_growth``:

- ``org_search``       — the registry list page's search, ``GET /organizations/?q=…`` (count + first
  page); ``org_search_query``: what the page reads, ``organization_list(query=…, page_rows=True)``
  through ``CappedPaginator`` (the first page of 50 of the first 1,001 matches, one query) and
  its clusters
- ``org_search_broad`` — the same page for texts that fill its first page at every scale
  («детский сад», «школа», «библиотека»): equal rendering, so its growth is the search's and
  the count's own
- ``global_search``    — the global search page, ``GET /search/?q=…`` (all groups);
  ``global_search_query``: ``global_search`` as an anonymous visitor
- ``event_list``       — a cluster's events page of one kind, ``GET /clusters/<slug>/events/?kind=…``
  (the upcoming ones a page at a time and the latest past ones); ``event_list_query``: the
  upcoming events of one kind, count + first page of 50
- ``registrations``    — a large event's registrations page for its organiser,
  ``GET /events/<id>/registrations/`` (3,000 registrations at every scale, as a large event is
  large regardless of the platform's size); ``registrations_query``: counts + first page of 100
- ``cluster_dashboard`` — a generated cluster's dashboard page for this year, as a signed-in
  administrator gets it (``GET /analytics/?scope=cluster…``: session, access, the snapshot,
  the page rendered) — the snapshot is fresh, so this is the path of every visit but the first
- ``region_dashboard``  — the same for a region
- ``cluster_refresh`` / ``region_refresh`` — computing that snapshot: every figure with the
  year-on-year comparison (``analytics.selectors.dashboard_figures``) and storing it; the work of
  the background refresh and of a first visit. It grows with the scope's registrations, so it
  is reported (``refresh_growth``) but not counted in ``worst_growth``, which is about pages.

Prints one JSON line last: p50/p95 (ms) of each operation at each scale, ``worst_growth`` =
the largest p95(largest scale) / p95(smallest scale) of the six page and list operations, and
``refresh_growth`` of the two refreshes.

    DATABASE_URL=postgres://root@127.0.0.1:5432/edc_scale .venv/bin/python bench/scale.py --full --repeat 30
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
FULL = {"orgs": 100_000, "people": 1_000_000, "events": 200_000, "registrations": 5_000_000}
LARGE_EVENT = 3000
OPS = [
    "org_search", "org_search_broad", "global_search", "event_list", "registrations", "cluster_dashboard",
    "region_dashboard",
]  # fmt: skip
REFRESH_OPS = ["cluster_refresh", "region_refresh"]
QUERY_OPS = ["org_search_query", "global_search_query", "event_list_query", "registrations_query"]
QUERIES = ["детские сады Искитима", "школа Киров", "дом детского творчества Казань", "колледж Самара"]
# texts that fill the first page at every scale (hundreds of matches at 1%, tens of thousands at
# 100%): the same page to render, so what grows is the search and its count alone
BROAD = ["детский сад", "школа", "библиотека"]


def _django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "edcluster.config.settings")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


def _percentiles(samples: list[float]) -> dict[str, float]:
    samples = sorted(samples)
    p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
    return {"p50": round(statistics.median(samples), 1), "p95": round(p95, 1)}


def _time(fn, repeat: int, warm: int = 1) -> dict[str, float]:
    return _percentiles(_samples(fn, range(repeat), warm))


def _warm(fn, warm: int) -> None:
    # warm the caches (pymorphy, plan cache, the index pages of each distinct input) once: else
    # the first run of each of the four search texts is a cold read from disk, two of 30 samples
    # decide the p95, and it measures what the OS evicted, not the scale (bench/README.md)
    for i in range(warm):
        fn(i)


def _samples(fn, numbers: range, warm: int = 1) -> list[float]:
    """Milliseconds of ``fn(i)`` for each ``i`` of ``numbers``, after ``warm`` untimed calls."""
    _warm(fn, warm)
    samples = []
    for i in numbers:
        t = time.perf_counter()
        fn(i)
        samples.append((time.perf_counter() - t) * 1000)
    return samples


def _large_event():
    """The first generated event: it got ``LARGE_EVENT`` registrations at the first scale."""
    from edcluster.events.models import Event

    return Event.objects.filter(cluster__slug__startswith="gen-").order_by("pk").first()


def _operations(repeat: int) -> dict[str, tuple]:
    """The timed operations on the current database: name → (function of the sample's number,
    warm-up calls, samples)."""
    # a page takes 20-60 ms: the p95 of 30 such samples on a shared two-core machine moved by
    # ±40% between runs of the same code, so pages and queries get three times the samples
    # (the refreshes, up to a second each, keep ``repeat``)
    pages = 3 * repeat
    from django.contrib.auth import get_user_model
    from django.core.paginator import Paginator
    from django.test import Client
    from django.utils import timezone

    from edcluster.analytics import snapshots
    from edcluster.analytics.scope import Scope, preset_period
    from edcluster.events import access as event_access
    from edcluster.events import selectors as event_selectors
    from edcluster.organizations import selectors as org_selectors
    from edcluster.organizations.models import Cluster
    from edcluster.search.selectors import global_search
    from edcluster.web.pagination import CappedPaginator

    clusters = list(Cluster.objects.filter(slug__startswith="gen-").order_by("slug"))
    today = timezone.localdate()
    event = _large_event()
    kinds = ["seminar", "master_class", "workshop", "conference"]
    year = preset_period("year", today)

    def org_search(i):
        rows = org_selectors.organization_list(user=None, query=QUERIES[i % len(QUERIES)], page_rows=True)
        org_selectors.with_cluster_links(CappedPaginator(rows, 50, 1000).get_page(1))

    def search_all(i):
        global_search(user=None, query=QUERIES[i % len(QUERIES)])

    def event_list(i):
        qs = event_selectors.event_list(
            event_access.visible_events(None).filter(kind=kinds[i % len(kinds)]),
            cluster=clusters[i % len(clusters)],
            upcoming_from=today,
        )
        list(Paginator(qs, 50).page(1))

    def registrations(i):
        event_selectors.registration_counts(event)
        list(Paginator(event_selectors.registration_list(event), 100).page(1))

    # the refreshes first: they store the snapshots the page timings then read (generation
    # writes with COPY, which marks nothing, so every snapshot is recomputed here)
    def cluster_refresh(i):
        snapshots.refresh(Scope(kind="cluster", cluster=clusters[i % len(clusters)]), year)

    def region_refresh(i):
        snapshots.refresh(Scope(kind="region", region=clusters[i % len(clusters)].region), year)

    admin, _new = get_user_model().objects.get_or_create(
        username="bench-admin", defaults={"is_superuser": True, "is_staff": True}
    )
    client = Client(HTTP_HOST="localhost")
    client.force_login(admin)

    def page(params: str) -> None:
        response = client.get(f"/analytics/?{params}&period=year")
        assert response.status_code == 200 and b'id="freshness"' in response.content, response.status_code

    # the dashboards the refreshes stored (their first ``repeat`` clusters and regions), visited
    # three times each
    def cluster_dashboard(i):
        page(f"scope=cluster&cluster={clusters[i % repeat % len(clusters)].slug}")

    def region_dashboard(i):
        page(f"scope=region&region={clusters[i % repeat % len(clusters)].region}")

    def get(url: str) -> None:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)

    def org_search_page(i):
        get(f"/organizations/?q={quote(QUERIES[i % len(QUERIES)])}")

    def org_search_broad_page(i):
        get(f"/organizations/?q={quote(BROAD[i % len(BROAD)])}")

    def search_page(i):
        get(f"/search/?q={quote(QUERIES[i % len(QUERIES)])}")

    def event_list_page(i):
        get(f"/clusters/{clusters[i % len(clusters)].slug}/events/?kind={kinds[i % len(kinds)]}")

    def registrations_page(i):
        get(f"/events/{event.pk}/registrations/")

    return {
        "org_search": (org_search_page, len(QUERIES), pages),
        "org_search_broad": (org_search_broad_page, len(BROAD), pages),
        "global_search": (search_page, len(QUERIES), pages),
        "event_list": (event_list_page, len(kinds), pages),
        "registrations": (registrations_page, 1, pages),
        "org_search_query": (org_search, len(QUERIES), pages),
        "global_search_query": (search_all, len(QUERIES), pages),
        "event_list_query": (event_list, 1, pages),
        "registrations_query": (registrations, 1, pages),
        "cluster_refresh": (cluster_refresh, 1, repeat),
        "region_refresh": (region_refresh, 1, repeat),
        "cluster_dashboard": (cluster_dashboard, 1, pages),
        "region_dashboard": (region_dashboard, 1, pages),
    }


TIMED_FIRST = ["org_search", "org_search_broad", "global_search", "event_list", "registrations", *QUERY_OPS]
DASHBOARDS = ["cluster_dashboard", "region_dashboard"]


def _snapshots() -> dict:
    from django.db.models import Count, Max

    from edcluster.analytics.models import DashboardSnapshot

    return DashboardSnapshot.objects.aggregate(n=Count("pk"), last=Max("computed_at"))


def _refresh(ops: dict[str, tuple], out: dict) -> dict:
    """Time the refreshes (they store the snapshots the dashboard pages then read: generation
    writes with COPY, which marks nothing, so every snapshot is recomputed here), then let the
    database settle; returns the snapshots' state, which the dashboard visits must not change."""
    for name in REFRESH_OPS:
        fn, warm, n = ops[name]
        out[name] = _time(fn, n, warm=warm)
    # the refreshes just wrote (and at 100% ran region-wide aggregates for half a minute): let
    # the database settle so that the page timings measure the pages, not that write-back
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE analytics_dashboardsnapshot")
        cursor.execute("CHECKPOINT")
    time.sleep(2)
    return _snapshots()


def _check_snapshots(stored: dict) -> None:
    # the page timings must be snapshot hits: no visit may have found a snapshot stale and
    # recomputed it (without a Celery broker that happens in the request)
    after = _snapshots()
    assert after == stored, f"a dashboard visit recomputed its snapshot: {stored} → {after}"


def measure(repeat: int) -> dict[str, dict[str, float]]:
    """Every operation on the current database, one after the other."""
    ops = _operations(repeat)
    out: dict[str, dict[str, float]] = {}
    for name in TIMED_FIRST:
        fn, warm, n = ops[name]
        out[name] = _time(fn, n, warm=warm)
    stored = _refresh(ops, out)
    for name in DASHBOARDS:
        fn, warm, n = ops[name]
        out[name] = _time(fn, n, warm=warm)
    _check_snapshots(stored)
    return out


_HELD: dict[str, tuple] = {}


def _use_database(name: str) -> None:
    """Point the process at the database ``name`` of the same server. Each database keeps its
    own connection and its own cache for the process's life, so switching back and forth between
    two samples reconnects nothing and each keeps its cached filter choices."""
    from django.contrib.contenttypes.models import ContentType
    from django.core.cache import caches
    from django.core.cache.backends.locmem import LocMemCache
    from django.db import connections

    if name not in _HELD:
        current = connections["default"]
        wrapper = type(current)({**current.settings_dict, "NAME": name}, alias="default")
        _HELD[name] = (wrapper, LocMemCache(f"bench-scale-{name}", {}))
    connections["default"], caches["default"] = _HELD[name]
    ContentType.objects.clear_cache()


def compare(names: list[str], repeat: int) -> dict[str, dict]:
    """The page and list operations on databases of different scales, interleaved sample by
    sample: the i-th sample of an operation is timed on each database in turn (which goes first
    alternates), so that a slower moment of a shared machine falls on every scale alike instead
    of on whichever was being timed then. The refreshes run first, per database."""
    from edcluster.organizations.models import Organization

    ops, out, stored, labels = {}, {}, {}, {}
    for name in names:
        _use_database(name)
        labels[name] = f"{Organization.objects.count() / FULL['orgs'] * 100:g}%"
        ops[name] = _operations(repeat)
        out[name] = {}
        stored[name] = _refresh(ops[name], out[name])
    for op in TIMED_FIRST + DASHBOARDS:
        samples: dict[str, list[float]] = {name: [] for name in names}
        for name in names:
            _use_database(name)
            fn, warm, n = ops[name][op]
            _warm(fn, warm)
        for i in range(n):
            for name in names if i % 2 == 0 else names[::-1]:
                _use_database(name)
                samples[name] += _samples(ops[name][op][0], range(i, i + 1), warm=0)
        for name in names:
            out[name][op] = _percentiles(samples[name])
    for name in names:
        _use_database(name)
        _check_snapshots(stored[name])
    return {labels[name]: out[name] for name in names}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--full", action="store_true", help="1%% and 100%% (long)")
    parser.add_argument("--scales", default="", help="comma-separated fractions, e.g. 0.01,0.05")
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--reuse", action="store_true", help="allow a database that already has data")
    parser.add_argument(
        "--measure-only", action="store_true", help="no generation: time the data already there (label: its scale)"
    )
    parser.add_argument(
        "--compare",
        default="",
        help="no generation: databases of DATABASE_URL's server, smallest scale first (e.g. edc_1,edc_100), "
        "timed interleaved",
    )
    parser.add_argument(
        "--sequential",
        action="store_true",
        help="one database (DATABASE_URL's), grown from scale to scale and timed at each as it is reached",
    )
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("bench/scale.py: задайте DATABASE_URL=postgres://… (пустая база)")
    scales = [float(s) for s in args.scales.split(",")] if args.scales else ([0.01, 1.0] if args.full else [0.01, 0.2])
    _django()
    from django.core.management import call_command
    from django.db import connection

    from edcluster.organizations.models import Organization

    if args.compare:
        names = args.compare.split(",")
        for name in names:
            _use_database(name)
            call_command("migrate", verbosity=0)
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
        _summary(compare(names, args.repeat))
        return
    if args.measure_only:
        call_command("migrate", verbosity=0)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        scale = Organization.objects.count() / FULL["orgs"]
        load = [round(x, 2) for x in os.getloadavg()]
        print(json.dumps({f"{scale * 100:g}%": measure(args.repeat), "load_average": load}, ensure_ascii=False))
        return
    if not args.sequential:
        # a database of its own for each scale, beside DATABASE_URL's (which is left as it is),
        # then all of them timed interleaved
        base = connection.settings_dict["NAME"]
        names = []
        for scale in sorted(scales):
            name = f"{base}_scale_{scale * 100:g}".replace(".", "_")
            _use_database(base)
            with connection.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
                cursor.execute(f'CREATE DATABASE "{name}"')
            _use_database(name)
            call_command("migrate", verbosity=0)
            print(f"{scale * 100:g}%", json.dumps({"database": name, **_grow(scale)}, ensure_ascii=False), flush=True)
            names.append(name)
        _summary(compare(names, args.repeat))
        return
    call_command("migrate", verbosity=0)
    if Organization.objects.exists() and not args.reuse:
        sys.exit("bench/scale.py: в базе уже есть организации; нужна пустая база (или --reuse)")
    results: dict[str, dict] = {}
    for scale in sorted(scales):
        grown = _grow(scale)
        results[f"{scale * 100:g}%"] = {**grown, **measure(args.repeat)}
        print(f"{scale * 100:g}%", json.dumps(results[f"{scale * 100:g}%"], ensure_ascii=False), flush=True)
    _summary(results)


def _grow(scale: float) -> dict:
    """Generate what the current database lacks of ``scale`` (with ``--reuse`` or ``--sequential``
    a smaller scale tops up to a larger one), then VACUUM ANALYZE."""
    from django.db import connection

    from edcluster.events.models import Event, Registration
    from edcluster.organizations.models import Organization, Person
    from edcluster.search.gendata import generate

    done = {
        "orgs": Organization.objects.count(), "people": Person.objects.count(), "events": Event.objects.count(),
        "registrations": Registration.objects.count(),
    }  # fmt: skip
    want = {k: int(v * scale) for k, v in FULL.items()}
    add = {k: max(0, want[k] - done[k]) for k in FULL}
    started = time.perf_counter()
    if not Registration.objects.exists():
        # the large event first, so it is the same event at every scale
        generate(
            orgs=add["orgs"], people=add["people"], events=1, registrations=LARGE_EVENT, seed=1,
            large_event_share=1.0,
        )  # fmt: skip
        generate(events=add["events"] - 1, registrations=add["registrations"] - LARGE_EVENT, seed=2,
                 large_event_share=0)  # fmt: skip
    else:
        generate(**add, seed=int(scale * 1000) + 3, large_event_share=0)
    gen_seconds = time.perf_counter() - started
    with connection.cursor() as cursor:
        # VACUUM, not only ANALYZE: bulk inserts leave the GIN indexes' pending lists full,
        # and every search scans them until (auto)vacuum merges them (34 ms → 2 ms at 20,000).
        cursor.execute("VACUUM ANALYZE")
    rows_per_s = round(sum(add.values()) / max(gen_seconds, 0.001))
    load = [round(x, 2) for x in os.getloadavg()]
    return {"rows": want, "generate_s": round(gen_seconds), "rows_per_s": rows_per_s, "load_average": load}


def _summary(results: dict[str, dict]) -> None:
    """The last line: p95 and p50 of every operation at each scale, and the growths."""
    labels = list(results)
    if len(labels) < 2:
        return
    ops = list(OPS)

    def growths(names: list[str]) -> dict[str, float]:
        return {op: round(results[labels[-1]][op]["p95"] / max(results[labels[0]][op]["p95"], 0.1), 2) for op in names}

    growth, query_growth, refresh_growth = growths(ops), growths(QUERY_OPS), growths(REFRESH_OPS)
    every = ops + QUERY_OPS + REFRESH_OPS
    print(
        json.dumps(
            {
                "scales": {lab: {op: results[lab][op]["p95"] for op in every} for lab in labels},
                "p50": {lab: {op: results[lab][op]["p50"] for op in every} for lab in labels},
                "growth": growth,
                "worst_growth": max(growth.values()),
                "query_growth": query_growth,
                "refresh_growth": refresh_growth,
                "load_average": [round(x, 2) for x in os.getloadavg()],
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
