"""The organiser's programme editor: days, items with speakers, sections and site visits."""

from __future__ import annotations

from datetime import date, time

import pytest

from edcluster.core.models import AuditEntry
from edcluster.events import services
from edcluster.events.models import EventDay, EventStatus, ProgrammeItem, Section, SiteVisit, Speaker
from tests.events.helpers import open_event, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(world):
    return open_event(world.cluster_x)


@pytest.fixture
def coordinator(client, world):
    client.force_login(world.coordinator_x)
    return client


def url(event, tail=""):
    return f"/events/{event.pk}/programme/{tail}"


def test_event_page_links_the_organiser_to_the_programme_editor(coordinator, event):
    assert url(event) in coordinator.get(f"/events/{event.pk}/").content.decode()


def test_organiser_adds_an_item_with_speakers_and_the_public_page_shows_it(coordinator, client, event):
    day = event.days.get()
    services.section_add(actor=None, event=event, title="Секция 1")
    response = coordinator.post(
        url(event),
        {
            "which": "item",
            "item-day": day.pk,
            "item-starts_at": "10:30",
            "item-ends_at": "10:50",
            "item-title": "Модели взаимодействия колледжа и детского сада",
            "item-format": "report",
            "item-section": Section.objects.get().pk,
            "item-speakers": "Грязева Елена Борисовна; методист; КОГОБУ СШ пгт Подосиновец\nПетрова Ирина Ивановна",
        },
    )
    assert response.status_code == 302
    item = ProgrammeItem.objects.get()
    assert (item.starts_at, item.section.title) == (time(10, 30), "Секция 1")
    assert list(Speaker.objects.values_list("name", "position", "organization_name")) == [
        ("Грязева Елена Борисовна", "методист", "КОГОБУ СШ пгт Подосиновец"),
        ("Петрова Ирина Ивановна", "", ""),
    ]
    public = client.get(f"/events/{event.pk}/").content.decode()
    assert "Модели взаимодействия колледжа и детского сада" in public
    assert "Грязева Елена Борисовна, методист, КОГОБУ СШ пгт Подосиновец" in public


def test_item_ending_before_it_starts_is_refused_in_russian_and_nothing_is_written(coordinator, event):
    response = coordinator.post(
        url(event),
        {
            "which": "item",
            "item-day": event.days.get().pk,
            "item-starts_at": "11:00",
            "item-ends_at": "10:00",
            "item-title": "Доклад",
            "item-format": "report",
        },
    )
    assert response.status_code == 200
    assert "Пункт заканчивается раньше, чем начинается." in response.content.decode()
    assert not ProgrammeItem.objects.exists()


def test_malformed_speaker_line_is_refused_with_the_line_quoted(coordinator, event):
    response = coordinator.post(
        url(event),
        {
            "which": "item",
            "item-day": event.days.get().pk,
            "item-title": "Доклад",
            "item-format": "report",
            "item-speakers": "Иванова; методист; школа; лишнее",
        },
    )
    assert "Строка «Иванова; методист; школа; лишнее»" in response.content.decode()
    assert not ProgrammeItem.objects.exists()


def test_second_copy_of_a_day_is_refused(coordinator, event):
    response = coordinator.post(url(event), {"which": "day", "day-date": "2030-11-14"})
    assert "Этот день уже есть в программе." in response.content.decode()
    assert event.days.count() == 1


def test_day_with_items_is_not_removed_but_an_empty_one_is(coordinator, event):
    day = event.days.get()
    services.item_add(actor=None, day=day, title="Открытие", format="opening")
    response = coordinator.post(url(event, f"day/{day.pk}/delete/"), follow=True)
    assert "В этом дне есть пункты программы" in response.content.decode()
    assert EventDay.objects.filter(pk=day.pk).exists()
    other = services.day_add(actor=None, event=event, date=date(2030, 11, 15))
    response = coordinator.post(url(event, f"day/{other.pk}/delete/"), follow=True)
    assert "Удалено: «15 ноября 2030\u00a0г.»." in response.content.decode()
    assert not EventDay.objects.filter(pk=other.pk).exists()
    assert AuditEntry.objects.filter(action="events.day.removed").exists()


def test_site_visit_with_registered_participants_is_kept(coordinator, event):
    visit = services.site_visit_add(actor=None, event=event, title="МАДОУ № 24 «Журавушка»", capacity=10)
    services.registration_submit(event=event, data={**person(), "site_visit": visit}, consent=True)
    response = coordinator.post(url(event, f"site_visit/{visit.pk}/delete/"), follow=True)
    assert "На эту площадку записаны участники (1)" in response.content.decode()
    assert SiteVisit.objects.filter(pk=visit.pk).exists()


def test_removing_a_section_keeps_its_items_in_the_programme(coordinator, event):
    section = services.section_add(actor=None, event=event, title="Секция 2")
    item = services.item_add(actor=None, day=event.days.get(), title="Доклад", section=section)
    coordinator.post(url(event, f"section/{section.pk}/delete/"))
    item.refresh_from_db()
    assert item.section is None
    assert not Section.objects.exists()


def test_programme_of_a_held_event_is_frozen(coordinator, event):
    section = services.section_add(actor=None, event=event, title="Секция 3")
    for status in (EventStatus.REGISTRATION_CLOSED, EventStatus.HELD):
        services.event_set_status(actor=None, event=event, status=status)
    response = coordinator.post(url(event, f"section/{section.pk}/delete/"), follow=True)
    assert "Программу проведённого мероприятия изменить нельзя." in response.content.decode()
    assert Section.objects.filter(pk=section.pk).exists()


def test_another_events_item_cannot_be_removed_through_this_event(coordinator, world, event):
    other = open_event(world.cluster_x, title="Другой семинар")
    item = services.item_add(actor=None, day=other.days.get(), title="Чужой пункт")
    response = coordinator.post(url(event, f"item/{item.pk}/delete/"))
    assert response.status_code == 404
    assert ProgrammeItem.objects.filter(pk=item.pk).exists()


def test_other_clusters_coordinator_cannot_open_the_editor(client, world, event):
    client.force_login(world.coordinator_y)
    assert client.get(url(event)).status_code in (403, 404)
    response = client.post(url(event), {"which": "section", "section-title": "Чужая секция"})
    assert response.status_code in (403, 404)
    assert not Section.objects.exists()
