"""A speaker's report at an event becomes a practice in one step (the form comes filled)."""

from __future__ import annotations

import html

import pytest
from django.contrib.auth import get_user_model

from edcluster.events.models import Speaker
from edcluster.practices import selectors, services
from edcluster.practices.models import PracticeStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(demo_db):
    return Speaker.objects.select_related("item__day__event", "person").get(name="Грязева Елена Борисовна")


def test_the_form_is_filled_from_the_speakers_report(demo, client):
    client.force_login(get_user_model().objects.get(username="editor"))
    page = html.unescape(client.get(f"/practices/new/?speaker={demo.pk}").content.decode()).replace("\xa0", " ")
    assert 'value="Опорная школа как методическая площадка' in page  # the talk's quotes are not doubled
    assert "на мероприятии" in page and "26 февраля 2025 г." in page
    event_page = client.get(f"/events/{demo.item.day.event_id}/").content.decode()
    assert f"/practices/new/?speaker={demo.pk}" in event_page


def test_the_filled_data_creates_the_practice_of_the_speakers_organisation(demo):
    initial = selectors.practice_initial_from_speaker(demo)
    assert [o.short_name for o in initial["organizations"]] == ["КОГОБУ СШ пгт Подосиновец"]
    assert initial["authors"] == [demo.person]
    editor = get_user_model().objects.get(username="editor")
    practice = services.practice_create(
        actor=editor,
        data={
            "title": initial["title"],
            "cluster": demo.item.day.event.cluster,
            "status": initial["status"],
            "evidence": initial["evidence"],
            "work_form": "network",
            "visibility": "cluster",
        },
        organizations=initial["organizations"],
        authors=initial["authors"],
    )
    assert practice.status == PracticeStatus.PRESENTED
    assert list(practice.authors.all()) == [demo.person]


def test_an_unknown_speaker_is_not_found_and_a_user_without_a_role_is_refused(demo, client, world):
    client.force_login(get_user_model().objects.get(username="editor"))
    assert client.get("/practices/new/?speaker=999999").status_code == 404
    client.force_login(world.plain)
    assert client.get(f"/practices/new/?speaker={demo.pk}").status_code == 403


def test_an_internship_stand_report_without_a_named_speaker_becomes_a_practice(demo, client):
    from edcluster.events.models import ProgrammeItem

    stand = ProgrammeItem.objects.get(title="Балтийский клуб менторов")
    client.force_login(get_user_model().objects.get(username="editor"))
    event_page = client.get(f"/events/{stand.day.event_id}/").content.decode()
    assert f"/practices/new/?item={stand.pk}" in event_page
    page = html.unescape(client.get(f"/practices/new/?item={stand.pk}").content.decode()).replace("\xa0", " ")
    assert 'value="Балтийский клуб менторов"' in page
    assert "Представлена докладом «Балтийский клуб менторов» на мероприятии" in page and "10 апреля 2023 г." in page
    assert client.get("/practices/new/?item=999999").status_code == 404
