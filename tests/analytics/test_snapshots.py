"""Dashboards read stored snapshots (``analytics.snapshots``): served as stored, stale after a
write in their scope or after the maximum age, refreshed by the task, «Данные на …» on the page,
«Обновить» for coordinators only."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from datetime import UTC, date

import pytest
from django.utils import timezone

from edcluster.analytics import snapshots, tasks
from edcluster.analytics.models import DashboardSnapshot
from edcluster.analytics.scope import Period, Scope
from edcluster.analytics.selectors import dashboard_figures
from edcluster.events.models import Registration
from tests.analytics.conftest import add_decision, add_event, network

X_2025 = "scope=cluster&cluster=x&period=custom&from=2025-01-01&to=2025-12-31"
YEAR_2025 = Period(date(2025, 1, 1), date(2025, 12, 31), "custom")


def summary(page: str) -> str:
    return re.search(r'id="summary">(.*?)</div>', page, re.S).group(1).strip()


def snapshot_of(cluster) -> DashboardSnapshot:
    return DashboardSnapshot.objects.get(scope_key=f"cluster:{cluster.pk}", period_key="2025-01-01:2025-12-31")


def add_participant(event, n: int) -> Registration:
    return Registration.objects.create(
        event=event,
        last_name="Новая",
        first_name=f"Участница{n}",
        organization_name=f"Новая школа {n}",
        position="учитель",
        region="43",
        email=f"new{n}@example.org",
        mode="online",
        status="confirmed",
    )


@pytest.fixture
def worker_queue(monkeypatch) -> Iterator[list[int]]:
    """A Celery broker is configured (tasks are queued, not run in the request): returns the
    ids of the snapshots queued for a refresh."""
    from edcluster.config.celery import app

    queued: list[int] = []
    app.conf.task_always_eager = False  # set back by the suite's ``_eager_celery``
    monkeypatch.setattr(tasks.refresh_snapshot, "delay", lambda pk: queued.append(pk))
    yield queued
    app.conf.task_always_eager = True


def test_the_stored_snapshot_equals_the_computed_figures(world):
    network(world, 3)
    scope = Scope("cluster", cluster=world.cluster_x)
    computed = dashboard_figures(scope, YEAR_2025)
    served, freshness = snapshots.dashboard(scope, YEAR_2025)  # first visit: computed and stored
    again, _freshness = snapshots.dashboard(scope, YEAR_2025)  # read from the table
    assert served == computed and again == computed
    assert again.summary == computed.summary and again.comparison() == computed.comparison()
    assert DashboardSnapshot.objects.count() == 1 and not freshness.refreshing


def test_the_page_shows_the_snapshot_and_its_time(world, client_for):
    network(world, 2)
    client = client_for(world.coordinator_x)
    first = client.get(f"/analytics/?{X_2025}").content.decode()
    snap = snapshot_of(world.cluster_x)
    assert summary(first).startswith(f"{snap.data['headline']['people']} участник")
    # what the page shows comes from the table, not from a new count
    snap.data["headline"]["people"] = 999
    # 03:12 in Moscow; a time after the records' writes (which marked the scope), or the
    # snapshot would be stale and recomputed
    snap.computed_at = dt.datetime(timezone.now().year + 1, 11, 24, 0, 12, tzinfo=UTC)
    snap.save()
    page = client.get(f"/analytics/?{X_2025}").content.decode()
    assert "999 участников" in summary(page)
    assert f"Данные на 03:12 24 ноября {snap.computed_at.year}\xa0г." in page  # «г.» kept with the year


def test_a_new_registration_is_shown_after_the_queued_refresh(
    world, client_for, worker_queue, django_capture_on_commit_callbacks
):
    event = add_event(world.cluster_x, starts_on=date(2025, 5, 1))
    client = client_for(world.coordinator_x)
    before = summary(client.get(f"/analytics/?{X_2025}").content.decode())
    with django_capture_on_commit_callbacks(execute=True):  # the write commits
        add_participant(event, 1)
    # the snapshot is shown as it is while the refresh is queued, once for any number of visits
    stale = client.get(f"/analytics/?{X_2025}").content.decode()
    assert summary(stale) == before and "пересчитываются" in stale
    client.get(f"/analytics/?{X_2025}")
    assert worker_queue == [snapshot_of(world.cluster_x).pk]
    assert tasks.refresh_snapshot(worker_queue[0]) is True  # the worker's run
    fresh = client.get(f"/analytics/?{X_2025}").content.decode()
    assert summary(fresh) != before
    scope = Scope("cluster", cluster=world.cluster_x)
    assert summary(fresh) == dashboard_figures(scope, YEAR_2025).summary
    assert "пересчитываются" not in fresh


def test_without_a_worker_a_stale_snapshot_is_recomputed_in_the_request(
    world, client_for, django_capture_on_commit_callbacks
):
    event = add_event(world.cluster_x, starts_on=date(2025, 5, 1))
    client = client_for(world.coordinator_x)
    client.get(f"/analytics/?{X_2025}")
    people = snapshot_of(world.cluster_x).data["headline"]["people"]
    with django_capture_on_commit_callbacks(execute=True):  # the write commits
        add_participant(event, 2)
    client.get(f"/analytics/?{X_2025}")
    assert snapshot_of(world.cluster_x).data["headline"]["people"] == people + 1


def test_a_decision_makes_only_its_clusters_snapshots_stale(world, django_capture_on_commit_callbacks):
    network(world, 1)
    x, y = Scope("cluster", cluster=world.cluster_x), Scope("cluster", cluster=world.cluster_y)
    region = Scope("region", region=world.cluster_x.region) if world.cluster_x.region else None
    for scope in filter(None, (x, y, region, Scope("platform"))):
        snapshots.refresh(scope, YEAR_2025)
    stored = {s.scope_key: s for s in DashboardSnapshot.objects.all()}
    assert not any(snapshots.is_stale(s) for s in stored.values())
    with django_capture_on_commit_callbacks(execute=True):
        add_decision(world.cluster_x, meeting_date=date(2025, 6, 1), status="done")
    stale = {key for key, s in stored.items() if snapshots.is_stale(s)}
    expected = {f"cluster:{world.cluster_x.pk}", "platform"} | ({f"region:{region.region}"} if region else set())
    assert stale == expected  # cluster Y's dashboard keeps its snapshot


def test_a_snapshot_older_than_the_maximum_age_is_stale(world, settings):
    snapshots.refresh(Scope("cluster", cluster=world.cluster_x), YEAR_2025)
    snap = snapshot_of(world.cluster_x)
    assert not snapshots.is_stale(snap)
    settings.EDCLUSTER_DASHBOARD_MAX_AGE_S = 60
    assert snapshots.is_stale(snap, now=snap.computed_at + dt.timedelta(seconds=61))
    assert not snapshots.is_stale(snap, now=snap.computed_at + dt.timedelta(seconds=59))


def test_the_periodic_task_refreshes_viewed_snapshots_and_forgets_old_ones(world, django_capture_on_commit_callbacks):
    event = add_event(world.cluster_x, starts_on=date(2025, 5, 1))
    scope_x = Scope("cluster", cluster=world.cluster_x)
    snapshots.refresh(scope_x, YEAR_2025)
    snapshots.refresh(Scope("cluster", cluster=world.cluster_y), YEAR_2025)
    DashboardSnapshot.objects.filter(scope_key=f"cluster:{world.cluster_y.pk}").update(
        viewed_at=timezone.now() - dt.timedelta(days=snapshots.FORGET_DAYS + 1)
    )
    people = snapshot_of(world.cluster_x).data["headline"]["people"]
    with django_capture_on_commit_callbacks(execute=True):  # the write commits
        add_participant(event, 3)
    assert tasks.refresh_dashboards() == 1
    assert snapshot_of(world.cluster_x).data["headline"]["people"] == people + 1
    assert list(DashboardSnapshot.objects.values_list("scope_key", flat=True)) == [f"cluster:{world.cluster_x.pk}"]
    assert tasks.refresh_dashboards() == 0  # nothing stale any more


def test_coordinators_may_refresh_now_others_may_not(world, client_for):
    event = add_event(world.cluster_x, starts_on=date(2025, 5, 1))
    coordinator = client_for(world.coordinator_x)
    page = coordinator.get(f"/analytics/?{X_2025}").content.decode()
    assert "Обновить</button>" in page
    assert "Обновить</button>" not in client_for(world.viewer_x).get(f"/analytics/?{X_2025}").content.decode()
    people = snapshot_of(world.cluster_x).data["headline"]["people"]
    form = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', page))
    form.pop("csrfmiddlewaretoken")
    assert form == {"scope": "cluster", "cluster": "x", "period": "custom", "from": "2025-01-01", "to": "2025-12-31"}
    add_participant(event, 4)
    # the viewer of cluster X and the coordinator of cluster Y change nothing
    assert client_for(world.viewer_x).post("/analytics/refresh/", form).status_code == 403
    assert client_for(world.coordinator_y).post("/analytics/refresh/", form).status_code == 404
    assert snapshot_of(world.cluster_x).data["headline"]["people"] == people
    response = coordinator.post("/analytics/refresh/", form)
    assert response.status_code == 302 and response["Location"] == f"/analytics/?{X_2025}"
    assert snapshot_of(world.cluster_x).data["headline"]["people"] == people + 1
    assert "Показатели пересчитаны" in coordinator.get(response["Location"]).content.decode()


def test_the_api_reads_the_same_snapshot(world, client_for):
    network(world, 2)
    client = client_for(world.coordinator_x)
    client.get(f"/analytics/?{X_2025}")
    snap = snapshot_of(world.cluster_x)
    snap.data["headline"]["people"] = 777
    snap.save()
    body = client.get(f"/api/analytics/dashboard?{X_2025}").json()
    assert "777 участников" in body["summary"]
    assert abs(dt.datetime.fromisoformat(body["computed_at"]) - snap.computed_at) < dt.timedelta(milliseconds=1)
    # another cluster's coordinator gets nothing of it
    assert client_for(world.coordinator_y).get(f"/api/analytics/dashboard?{X_2025}").status_code == 404


def test_a_consultation_makes_its_centres_clusters_snapshots_stale(world, django_capture_on_commit_callbacks):
    from tests.analytics.conftest import add_consultation

    add_consultation(world.org_a, day=date(2025, 3, 2))  # the centre (a change of every scope) exists
    for cluster in (world.cluster_x, world.cluster_y):
        snapshots.refresh(Scope("cluster", cluster=cluster), YEAR_2025)
    with django_capture_on_commit_callbacks(execute=True):
        add_consultation(world.org_a, day=date(2025, 3, 3))  # organisation A is a member of cluster X
    stale = {s.scope_key for s in DashboardSnapshot.objects.all() if snapshots.is_stale(s)}
    assert stale == {f"cluster:{world.cluster_x.pk}"}


def test_loading_the_demo_marks_every_snapshot_stale_once(world, django_capture_on_commit_callbacks):
    """The demo's writes skip the per-write scope marks (a look-up each, about a sixth of the
    demo's load) and mark everything once when it is loaded: a dashboard seen before is stale."""
    from edcluster.core.demo_loader import load_demo

    network(world, 1)
    scope = Scope("cluster", cluster=world.cluster_x)
    snapshots.dashboard(scope, YEAR_2025)
    snapshot = snapshot_of(world.cluster_x)
    assert not snapshots.is_stale(snapshot)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        load_demo()
    marks = [c for c in callbacks if c.__module__ == "edcluster.analytics.signals"]
    assert callbacks and marks == []  # the demo's writes queued no per-write mark
    assert snapshots.is_stale(snapshot)


PLATFORM_2025 = "scope=platform&period=custom&from=2025-01-01&to=2025-12-31"


@pytest.fixture
def first_queue(monkeypatch, worker_queue) -> list[tuple]:
    """A broker is configured: the first computations queued (their task's arguments)."""
    queued: list[tuple] = []
    monkeypatch.setattr(tasks.compute_snapshot, "delay", lambda *args: queued.append(args))
    return queued


def test_the_platforms_first_visit_is_computed_in_the_background_and_the_page_reloads_itself(
    world, client_for, first_queue
):
    network(world, 2)
    client = client_for(world.admin)
    response = client.get(f"/analytics/?{PLATFORM_2025}")
    page = response.content.decode()
    assert response.status_code == 202 and response["Refresh"] == "5"
    assert "Показатели считаются: на больших данных это занимает до минуты" in page
    assert 'id="freshness"' not in page and not DashboardSnapshot.objects.exists()
    # the XLSX, the DOCX report and the API wait for the same computation, queued once
    assert client.get(f"/analytics/?{PLATFORM_2025}&export=xlsx").status_code == 202
    assert client.get("/analytics/report.docx?scope=platform&year=2025").status_code == 202
    api = client.get(f"/api/analytics/dashboard?{PLATFORM_2025}")
    assert api.status_code == 202 and api["Retry-After"] == "5"
    assert api.json()["code"] == "pending" and "считаются" in api.json()["message"]
    assert first_queue == [({"scope": "platform"}, "2025-01-01", "2025-12-31", "custom")]
    # the worker's run stores it; the next visit (the page's own reload) shows it
    assert tasks.compute_snapshot(*first_queue[0]) is True
    page = client.get(f"/analytics/?{PLATFORM_2025}").content.decode()
    assert 'id="freshness"' in page
    expected = dashboard_figures(Scope("platform"), YEAR_2025).summary
    assert summary(page) == expected
    assert client.get(f"/api/analytics/dashboard?{PLATFORM_2025}").json()["summary"] == expected


def test_a_dashboard_whose_last_computation_was_long_is_computed_in_the_background(world, client_for, first_queue):
    network(world, 2)
    client = client_for(world.coordinator_x)
    assert client.get(f"/analytics/?{X_2025}").status_code == 200  # a cluster: computed in the request
    assert first_queue == []
    DashboardSnapshot.objects.update(compute_ms=snapshots.BACKGROUND_MS + 1)
    other_year = "scope=cluster&cluster=x&period=custom&from=2024-01-01&to=2024-12-31"
    assert client.get(f"/analytics/?{other_year}").status_code == 202
    assert [args[1:] for args in first_queue] == [("2024-01-01", "2024-12-31", "custom")]


def test_without_a_worker_the_platforms_first_visit_is_computed_in_the_request(world, client_for):
    network(world, 2)
    page = client_for(world.admin).get(f"/analytics/?{PLATFORM_2025}")
    assert page.status_code == 200 and 'id="freshness"' in page.content.decode()


def test_refresh_of_the_platform_is_queued_when_a_worker_is_there(world, client_for, first_queue):
    network(world, 2)
    admin = client_for(world.admin)
    tasks.compute_snapshot({"scope": "platform"}, "2025-01-01", "2025-12-31", "custom")  # stored earlier
    form = {"scope": "platform", "period": "custom", "from": "2025-01-01", "to": "2025-12-31"}
    # a small platform: its computation took milliseconds, so «Обновить» recomputes at once
    response = admin.post("/analytics/refresh/", form)
    assert "Показатели пересчитаны" in admin.get(response["Location"]).content.decode()
    # at national scale it took seconds: «Обновить» queues it
    DashboardSnapshot.objects.update(compute_ms=snapshots.BACKGROUND_MS + 1)
    before = DashboardSnapshot.objects.get(scope_key="platform").computed_at
    response = admin.post("/analytics/refresh/", form)
    assert response.status_code == 302
    assert "Пересчёт запущен: показатели обновятся через минуту" in admin.get(response["Location"]).content.decode()
    assert first_queue == [({"scope": "platform"}, "2025-01-01", "2025-12-31", "custom")]
    assert DashboardSnapshot.objects.get(scope_key="platform").computed_at == before  # not in the request
