"""The programme editor and the secret-link actions through the API: same services as the pages."""

from __future__ import annotations

import json

import pytest

from edcluster.events import services
from edcluster.events.models import EventDay, ProgrammeItem, Question, Registration, Section, SiteVisit, Speaker
from tests.events.helpers import open_event, person

pytestmark = pytest.mark.django_db


def post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def test_organiser_builds_the_programme(world, client_for):
    event = open_event(world.cluster_x)
    coord = client_for(world.coordinator_x)
    base = f"/api/events/{event.pk}"
    day = post(coord, f"{base}/days", {"date": "2030-11-15", "starts_at": "09:30"})
    assert day.status_code == 201, day.content
    section = post(coord, f"{base}/sections", {"title": "Инклюзивное образование"})
    assert section.status_code == 201
    item = post(
        coord,
        f"{base}/items",
        {
            "day_id": day.json()["id"],
            "section_id": section.json()["id"],
            "title": "Опыт работы консультационного центра",
            "format": "report",
            "starts_at": "10:00",
            "ends_at": "10:20",
            "speakers": [
                {"name": "Грязева Елена Борисовна", "position": "директор", "organization_name": "МАДОУ № 24"}
            ],
        },
    )
    assert item.status_code == 201, item.content
    assert item.json()["speakers"] == [
        {"name": "Грязева Елена Борисовна", "position": "директор", "organization_name": "МАДОУ № 24"}
    ]
    visit = post(coord, f"{base}/site-visits", {"title": "МАДОУ № 24 «Журавушка»", "capacity": 15})
    assert visit.status_code == 201 and visit.json()["capacity"] == 15
    question = post(
        coord, f"{base}/questions", {"text": "Форма питания", "kind": "choice", "choices": ["обед", "без обеда"]}
    )
    assert question.status_code == 201 and question.json()["choices"] == ["обед", "без обеда"]

    detail = client_for(None).get(base).json()
    second = next(d for d in detail["programme"] if d["date"] == "2030-11-15")
    assert second["items"][0]["title"] == "Опыт работы консультационного центра"
    assert second["items"][0]["section"] == "Инклюзивное образование"
    assert second["items"][0]["speakers"][0]["name"] == "Грязева Елена Борисовна"
    assert [v["title"] for v in detail["site_visits"]] == ["МАДОУ № 24 «Журавушка»"]
    assert [q["text"] for q in detail["questions"]] == ["Форма питания"]

    # A day with items is refused with the Russian message (409); the item goes, then the day.
    refused = coord.delete(f"{base}/programme/day/{day.json()['id']}")
    assert refused.status_code == 409
    assert refused.json()["message"] == "В этом дне есть пункты программы: сначала удалите или перенесите их."
    assert EventDay.objects.filter(pk=day.json()["id"]).exists()
    assert coord.delete(f"{base}/programme/item/{item.json()['id']}").json() == {
        "removed": "Опыт работы консультационного центра"
    }
    assert coord.delete(f"{base}/programme/day/{day.json()['id']}").status_code == 200
    assert not EventDay.objects.filter(pk=day.json()["id"]).exists()
    assert coord.delete(f"{base}/programme/question/{question.json()['id']}").status_code == 200
    assert not Question.objects.filter(event=event).exists()
    assert coord.delete(f"{base}/programme/section/999999").status_code == 404


def test_bad_programme_input_is_refused_and_nothing_written(world, client_for):
    event = open_event(world.cluster_x)
    other = open_event(world.cluster_x, title="Другое мероприятие")
    coord = client_for(world.coordinator_x)
    base = f"/api/events/{event.pk}"
    foreign_day = other.days.get()
    wrong_day = post(coord, f"{base}/items", {"day_id": foreign_day.pk, "title": "Доклад"})
    assert wrong_day.status_code == 422
    assert wrong_day.json()["errors"]["day_id"] == ["Такого дня нет в программе мероприятия."]
    backwards = post(
        coord,
        f"{base}/items",
        {"day_id": event.days.get().pk, "title": "Доклад", "starts_at": "11:00", "ends_at": "10:00"},
    )
    assert backwards.status_code == 422
    assert backwards.json()["errors"]["ends_at"] == ["Пункт заканчивается раньше, чем начинается."]
    duplicate_day = post(coord, f"{base}/days", {"date": event.days.get().date.isoformat()})
    assert duplicate_day.status_code == 422
    assert duplicate_day.json()["errors"]["date"] == ["Этот день уже есть в программе."]
    one_choice = post(coord, f"{base}/questions", {"text": "Питание", "kind": "choice", "choices": ["обед"]})
    assert one_choice.status_code == 422
    assert one_choice.json()["errors"]["choices"] == ["Для выбора из списка нужны хотя бы два варианта."]
    blank = post(coord, f"{base}/sections", {"title": "   "})
    assert blank.status_code == 422 and blank.json()["errors"]["title"] == ["Заполните это поле."]
    assert post(coord, f"{base}/site-visits", {"title": "Площадка", "capacity": -1}).status_code == 422
    assert ProgrammeItem.objects.count() == 0 and Question.objects.count() == 0
    assert Section.objects.count() == 0 and SiteVisit.objects.count() == 0
    assert EventDay.objects.filter(event=event).count() == 1


def test_programme_is_closed_to_other_clusters_and_readers(world, client_for):
    event = open_event(world.cluster_x)
    section = services.section_add(actor=None, event=event, title="Секция")
    base = f"/api/events/{event.pk}"
    for user in (world.coordinator_y, world.viewer_x, None):
        c = client_for(user)
        assert post(c, f"{base}/sections", {"title": "Чужая секция"}).status_code in (401, 403, 404)
        assert post(c, f"{base}/items", {"day_id": event.days.get().pk, "title": "x"}).status_code in (401, 403, 404)
        assert c.delete(f"{base}/programme/section/{section.pk}").status_code in (401, 403, 404)
    assert list(Section.objects.values_list("title", flat=True)) == ["Секция"]
    assert not ProgrammeItem.objects.exists() and not Speaker.objects.exists()


def test_offer_accept_and_decline_by_secret(world, client_for):
    event = open_event(world.cluster_x, in_person=1, online=0)
    first, _c = services.registration_submit(event=event, data=person("first@example.test"), consent=True)
    second, _c = services.registration_submit(event=event, data=person("second@example.test"), consent=True)
    third, _c = services.registration_submit(event=event, data=person("third@example.test"), consent=True)
    anon = client_for(None)
    # No offer yet: the link is refused with the Russian message, nothing changes.
    early = post(anon, f"/api/registrations/{second.secret}/offer", {"decision": "accept"})
    assert early.status_code == 409
    assert early.json()["message"] == "Ссылка уже использована: регистрация сейчас в статусе «в листе ожидания»."
    cancelled = anon.post(f"/api/registrations/{first.secret}/cancel")
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    second.refresh_from_db()
    assert second.status == "offered"
    bad = post(anon, f"/api/registrations/{second.secret}/offer", {"decision": "maybe"})
    assert bad.status_code == 422
    second.refresh_from_db()
    assert second.status == "offered"
    declined = post(anon, f"/api/registrations/{second.secret}/offer", {"decision": "decline"})
    assert declined.status_code == 200 and declined.json()["status"] == "cancelled"
    third.refresh_from_db()
    assert third.status == "offered" and third.offer_expires_at is not None
    accepted = post(anon, f"/api/registrations/{third.secret}/offer", {"decision": "accept"})
    assert accepted.status_code == 200 and accepted.json()["status"] == "confirmed"
    assert Registration.objects.get(pk=third.pk).status == "confirmed"
    again = anon.post(f"/api/registrations/{first.secret}/cancel")
    assert again.status_code == 200 and again.json()["status"] == "cancelled"
    assert anon.post("/api/registrations/not-a-secret/cancel").status_code == 404
    unknown = post(anon, "/api/registrations/00000000-0000-0000-0000-000000000000/offer", {"decision": "accept"})
    assert unknown.status_code == 404 and unknown.json()["message"] == "Регистрация не найдена."
