"""Dashboards read from snapshots, so that a page does not count every registration of a region
on each visit (bench/README.md, «scale»).

- ``dashboard_figures`` (``analytics.selectors``) stays the one place figures are computed;
  :func:`refresh` runs it and stores the result as JSON in a :class:`DashboardSnapshot` keyed by
  the scope and the period's dates, with ``computed_at`` = when the computation started.
- :func:`dashboard` (the page, its XLSX, the DOCX report and the API) reads the snapshot: one
  query and one cache read, whatever the number of records. A first visit with no snapshot
  computes it there and then — unless the computation is long (the whole platform: 10–15 s at
  national scale, or a scope whose last computation took over ``BACKGROUND_MS``) and a worker is
  there to do it: then it is queued and the visit gets :class:`Pending` («Показатели
  считаются…», the page reloads itself; the API answers 202).
- Stale while revalidate: a snapshot older than ``EDCLUSTER_DASHBOARD_MAX_AGE_S``, or older than
  a write in its scope, is shown as it is and a refresh is queued (Celery, once per snapshot
  however many visits ask for it).
- Writes mark their scopes dirty: the signals of ``analytics.signals`` store the time of the
  write's commit in the cache under the keys of the scopes it touches (:func:`mark`); for rare writes
  whose scopes are costly to find (an organisation, a partnership, a consultation) the mark is
  the global one, which makes every snapshot stale. A mark lives as long as the maximum age: an
  older snapshot is stale anyway.
- The periodic ``analytics.refresh_dashboards`` refreshes stale snapshots viewed within
  ``ACTIVE_DAYS`` and deletes those nobody viewed for ``FORGET_DAYS``.
"""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from edcluster.analytics.models import DashboardSnapshot
from edcluster.analytics.scope import CLUSTER, MUNICIPALITY, PLATFORM, REGION, Period, Scope
from edcluster.analytics.selectors import Cell, Dashboard, Figure, Headline, Row, dashboard_figures
from edcluster.core import ru
from edcluster.core.errors import DomainError

ALL = "all"  # the global mark: every snapshot is stale
MARK_PREFIX = "analytics:dirty:"
QUEUED_PREFIX = "analytics:queued:"
ACTIVE_DAYS = 7
FORGET_DAYS = 30
VIEW_TOUCH = dt.timedelta(hours=1)  # ``viewed_at`` is written at most this often
BACKGROUND_MS = 2000  # a first computation expected to take longer runs in the background
QUEUED_TIMEOUT_S = 600  # a queued first computation is not queued again for this long


class Pending(DomainError):
    """The dashboard is being computed in the background for the first time: ask again soon."""

    status = 202
    code = "pending"
    default_message = gettext_lazy(
        "Показатели считаются: на больших данных это занимает до минуты. Страница обновится сама."
    )
    retry_after = 5


def _cache_key(prefix: str, key: str) -> str:
    """A cache key safe for any backend (a municipality's name has spaces and Cyrillic)."""
    return prefix + hashlib.sha256(key.encode()).hexdigest()[:24]


def max_age() -> int:
    return int(settings.EDCLUSTER_DASHBOARD_MAX_AGE_S)


# --- keys ------------------------------------------------------------------------------------------


def scope_key(scope: Scope) -> str:
    if scope.kind == CLUSTER and scope.cluster is not None:
        return f"cluster:{scope.cluster.pk}"
    if scope.kind == REGION:
        return f"region:{scope.region}"
    if scope.kind == MUNICIPALITY:
        return f"municipality:{scope.region}:{scope.municipality}"
    return PLATFORM


def period_key(period: Period) -> str:
    key = f"{period.start.isoformat()}:{period.end.isoformat()}"
    return key + ":all" if period.preset == "all" else key


def territory_keys(region: str, municipality: str) -> set[str]:
    """The territorial scopes a record of ``region``/``municipality`` counts in (a municipality
    scope may be asked without its region)."""
    keys = {PLATFORM}
    if region:
        keys.add(f"region:{region}")
    if municipality:
        keys |= {f"municipality:{region}:{municipality}", f"municipality::{municipality}"}
    return keys


# --- serialisation ---------------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    if isinstance(value, decimal.Decimal):
        return float(value)
    return value


def dump(dash: Dashboard) -> dict[str, Any]:
    """The figures of ``dash`` as JSON (the scope and period are the request's, not stored)."""
    return {
        "headline": asdict(dash.headline),
        "previous": asdict(dash.previous) if dash.previous is not None else None,
        "previous_period": (
            [dash.previous_period.start.isoformat(), dash.previous_period.end.isoformat(), dash.previous_period.preset]
            if dash.previous_period is not None
            else None
        ),
        "figures": [
            {
                "key": f.key,
                "title": str(f.title),
                "label_header": str(f.label_header),
                "columns": [str(c) for c in f.columns],
                "rows": [[str(r.label), [[_plain(c.value), c.drill] for c in r.cells], r.is_total] for r in f.rows],
                "chart": f.chart,
                "note": str(f.note),
            }
            for f in dash.figures
        ],
    }


def load(data: dict[str, Any], scope: Scope, period: Period) -> Dashboard:
    previous_period = None
    if data["previous_period"]:
        start, end, preset = data["previous_period"]
        previous_period = Period(dt.date.fromisoformat(start), dt.date.fromisoformat(end), preset)
    figures = [
        Figure(
            f["key"],
            f["title"],
            f["label_header"],
            f["columns"],
            [
                Row(label, [Cell(value, drill) for value, drill in cells], is_total)
                for label, cells, is_total in f["rows"]
            ],
            f["chart"],
            f["note"],
        )
        for f in data["figures"]
    ]
    return Dashboard(
        scope,
        period,
        Headline(**data["headline"]),
        Headline(**data["previous"]) if data["previous"] is not None else None,
        previous_period,
        figures,
    )


# --- reading and refreshing ------------------------------------------------------------------------


@dataclass(frozen=True)
class Freshness:
    """What the page says about the figures it shows."""

    computed_at: dt.datetime
    refreshing: bool  # a newer computation is queued

    @property
    def label(self) -> str:
        """«Данные на 03:12 24 ноября 2026 г.»"""
        local = timezone.localtime(self.computed_at)
        return _("Данные на {time} {date}").format(time=f"{local:%H:%M}", date=ru.format_date(local.date()))


def refresh(scope: Scope, period: Period, *, exists: bool = True) -> tuple[Dashboard, dt.datetime]:
    """Compute the figures now and store them as the snapshot of this scope and period;
    returns them and their ``computed_at``. ``exists=False``: known to have no snapshot yet."""
    started = timezone.now()
    t = time.perf_counter()
    dash = dashboard_figures(scope, period)
    values = {
        "scope_params": scope.params(),
        "period_preset": period.preset,
        "computed_at": started,
        "compute_ms": round((time.perf_counter() - t) * 1000),
        "viewed_at": started,
        "data": dump(dash),
    }
    key = {"scope_key": scope_key(scope), "period_key": period_key(period)}
    if not (exists and DashboardSnapshot.objects.filter(**key).update(**values)):
        try:
            with transaction.atomic():
                DashboardSnapshot.objects.create(**key, **values)
        except IntegrityError:  # stored meanwhile by a concurrent visit
            DashboardSnapshot.objects.filter(**key).update(**values)
    return dash, started


def dirty_since(keys: Iterable[str]) -> float | None:
    """The time of the latest write marked in any of ``keys`` or globally (one cache read)."""
    marks = cache.get_many([_cache_key(MARK_PREFIX, k) for k in (*keys, ALL)])
    return max(marks.values()) if marks else None


def is_stale(snapshot: DashboardSnapshot, now: dt.datetime | None = None) -> bool:
    now = now or timezone.now()
    if (now - snapshot.computed_at).total_seconds() > max_age():
        return True
    dirty = dirty_since([snapshot.scope_key])
    return dirty is not None and dirty >= snapshot.computed_at.timestamp()


def dashboard(scope: Scope, period: Period) -> tuple[Dashboard, Freshness]:
    """The dashboard of ``scope`` over ``period`` as last computed; queues a refresh if stale."""
    key = {"scope_key": scope_key(scope), "period_key": period_key(period)}
    snapshot = DashboardSnapshot.objects.filter(**key).first()
    if snapshot is None:
        if not computes_in_request(scope):
            queue_compute(scope, period)
            raise Pending()
        dash, computed_at = refresh(scope, period, exists=False)
        return dash, Freshness(computed_at, refreshing=False)
    now = timezone.now()
    stale = is_stale(snapshot, now)
    if stale and _eager():
        # no worker (development, tests): nobody would refresh it later, so refresh it now
        dash, computed_at = refresh(scope, period)
        return dash, Freshness(computed_at, refreshing=False)
    if stale:
        queue_refresh(snapshot)
    if now - snapshot.viewed_at > VIEW_TOUCH:
        DashboardSnapshot.objects.filter(pk=snapshot.pk).update(viewed_at=now)
    return load(snapshot.data, scope, period), Freshness(snapshot.computed_at, refreshing=stale)


def queue_refresh(snapshot: DashboardSnapshot) -> None:
    """Queue a refresh of ``snapshot`` unless one is already queued (deduplicated in the cache)."""
    from edcluster.analytics.tasks import refresh_snapshot

    queued = _cache_key(QUEUED_PREFIX, f"{snapshot.scope_key}|{snapshot.period_key}")
    if cache.add(queued, 1, timeout=max(60, max_age())):
        refresh_snapshot.delay(snapshot.pk)


def computes_long(scope: Scope) -> bool:
    """Whether computing a dashboard of ``scope`` is expected to take over ``BACKGROUND_MS``: as
    long as its longest stored computation did, or, never computed, for the whole platform."""
    longest = DashboardSnapshot.objects.filter(scope_key=scope_key(scope)).aggregate(ms=Max("compute_ms"))["ms"]
    return longest > BACKGROUND_MS if longest is not None else scope.kind == PLATFORM


def computes_in_request(scope: Scope) -> bool:
    """Whether a computation of ``scope`` asked for by a visit is done in the request: without a
    worker (eager tasks) always, else unless it is long (:func:`computes_long`)."""
    return _eager() or not computes_long(scope)


def queue_compute(scope: Scope, period: Period) -> None:
    """Queue a computation of this dashboard (its first, or «Обновить» of a long one) unless one
    is queued already."""
    from edcluster.analytics.tasks import compute_snapshot

    queued = _cache_key(QUEUED_PREFIX, f"{scope_key(scope)}|{period_key(period)}")
    if cache.add(queued, 1, timeout=QUEUED_TIMEOUT_S):
        compute_snapshot.delay(scope.params(), period.start.isoformat(), period.end.isoformat(), period.preset)


def compute_queued(scope_params: dict[str, str], start: str, end: str, preset: str) -> bool:
    """A queued computation (the task's work); ``False`` when the scope is gone."""
    from edcluster.analytics.scope import scope_from
    from edcluster.core.errors import NotFound, ValidationError

    period = Period(dt.date.fromisoformat(start), dt.date.fromisoformat(end), preset)
    try:
        scope = scope_from(scope_params)
    except (NotFound, ValidationError):
        return False
    try:
        refresh(scope, period)
        return True
    finally:
        cache.delete(_cache_key(QUEUED_PREFIX, f"{scope_key(scope)}|{period_key(period)}"))


def _eager() -> bool:
    from edcluster.config.celery import app

    return bool(app.conf.task_always_eager)


def refresh_by_id(pk: int) -> bool:
    """Refresh one stored snapshot (the task's work); ``False`` when its scope is gone."""
    from edcluster.analytics.scope import scope_from
    from edcluster.core.errors import NotFound, ValidationError

    snapshot = DashboardSnapshot.objects.filter(pk=pk).first()
    if snapshot is None:
        return False
    queued = _cache_key(QUEUED_PREFIX, f"{snapshot.scope_key}|{snapshot.period_key}")
    try:
        try:
            scope = scope_from(snapshot.scope_params)
        except (NotFound, ValidationError):
            snapshot.delete()  # the cluster was removed
            return False
        start, end = snapshot.period_key.split(":")[:2]
        refresh(scope, Period(dt.date.fromisoformat(start), dt.date.fromisoformat(end), snapshot.period_preset))
        return True
    finally:
        cache.delete(queued)


def refresh_active() -> int:
    """Refresh every stale snapshot viewed within ``ACTIVE_DAYS``; forget unviewed ones."""
    now = timezone.now()
    DashboardSnapshot.objects.filter(viewed_at__lt=now - dt.timedelta(days=FORGET_DAYS)).delete()
    done = 0
    for snapshot in DashboardSnapshot.objects.filter(viewed_at__gte=now - dt.timedelta(days=ACTIVE_DAYS)).order_by(
        "computed_at"
    ):
        if is_stale(snapshot, now) and refresh_by_id(snapshot.pk):
            done += 1
    return done


# --- marks -----------------------------------------------------------------------------------------


def mark(keys: Iterable[str]) -> None:
    """Note a write in the scopes ``keys`` now (called once the write is committed)."""
    keys = set(keys)
    if not keys:
        return
    now = time.time()
    cache.set_many({_cache_key(MARK_PREFIX, k): now for k in keys}, timeout=max_age() + 60)
