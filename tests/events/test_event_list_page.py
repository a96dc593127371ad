"""A cluster's events page at the size of a national platform: a page of upcoming events at a time,
the latest past ones under them, every past one behind «Все прошедшие», a kind filter."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from edcluster.events import services
from edcluster.events.views import RECENT_PAST

pytestmark = pytest.mark.django_db


def _published(cluster, title, starts_on, kind="seminar"):
    event = services.event_create(
        actor=None, cluster=cluster, data={"title": title, "kind": kind, "starts_on": starts_on}
    )
    services.event_set_status(actor=None, event=event, status="published")
    return event


def test_upcoming_a_page_at_a_time_and_past_behind_a_link(world, client, settings):
    settings.EDCLUSTER_PAGE_SIZE = 3
    today = timezone.localdate()
    for i in range(5):
        _published(world.cluster_x, f"Семинар будущий {i}", today + timedelta(days=10 + i))
    for i in range(RECENT_PAST + 2):
        _published(world.cluster_x, f"Семинар прошедший {i:02d}", today - timedelta(days=10 + i))

    first = client.get("/clusters/x/events/").content.decode()
    assert "Семинар будущий 0" in first and "Семинар будущий 2" in first and "Семинар будущий 3" not in first
    assert "5 мероприятий" in first and "1 / 2" in first
    # the latest past ones, the most recent first, and a link to the rest
    assert "Семинар прошедший 00" in first and f"Семинар прошедший {RECENT_PAST - 1:02d}" in first
    assert f"Семинар прошедший {RECENT_PAST:02d}" not in first
    assert first.index("Семинар прошедший 00") < first.index("Семинар прошедший 01")
    assert "Все прошедшие мероприятия" in first

    second = client.get("/clusters/x/events/?page=2").content.decode()
    assert "Семинар будущий 3" in second and "Семинар будущий 4" in second and "Семинар будущий 0" not in second

    past = client.get("/clusters/x/events/?when=past").content.decode()
    assert "12 мероприятий" in past and "Семинар будущий" not in past
    last = client.get("/clusters/x/events/?when=past&page=4").content.decode()
    assert f"Семинар прошедший {RECENT_PAST + 1:02d}" in last


def test_kind_filter_and_an_unknown_kind_shows_everything(world, client):
    today = timezone.localdate()
    _published(world.cluster_x, "Мастер-класс по робототехнике", today + timedelta(days=3), kind="master_class")
    _published(world.cluster_x, "Семинар по наставничеству", today + timedelta(days=4))
    only = client.get("/clusters/x/events/?kind=master_class").content.decode()
    assert "Мастер-класс по робототехнике" in only and "Семинар по наставничеству" not in only
    assert "· мастер-класс · очно" in only  # each event's kind and format, in Russian
    everything = client.get("/clusters/x/events/?kind=<script>").content.decode()
    assert "Мастер-класс по робототехнике" in everything and "Семинар по наставничеству" in everything


def test_another_clusters_events_are_not_listed(world, client):
    today = timezone.localdate()
    _published(world.cluster_y, "Семинар другого кластера", today + timedelta(days=3))
    assert "Семинар другого кластера" not in client.get("/clusters/x/events/").content.decode()
