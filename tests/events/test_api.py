from __future__ import annotations

import json

import pytest

from edcluster.events import services
from edcluster.events.models import Registration
from tests.events.helpers import open_event, person

pytestmark = pytest.mark.django_db


def payload(email="ivanova@example.test", **extra):
    data = person(email, **extra)
    data["consent"] = True
    return data


def test_public_registration_through_api(world, client):
    event = open_event(world.cluster_x, online=1)
    site = services.site_visit_add(actor=None, event=event, title="Площадка", capacity=3)
    url = f"/api/events/{event.pk}/register"
    body = payload(mode="online", organization_id=world.org_a.pk)
    first = client.post(url, json.dumps(body), content_type="application/json")
    assert first.status_code == 201, first.content
    assert first.json()["status"] == "confirmed"
    again = client.post(url, json.dumps(body), content_type="application/json")
    assert again.status_code == 200 and again.json()["code"] == first.json()["code"]
    reg = Registration.objects.get()
    assert reg.organization == world.org_a and reg.organization_name == "Организация А"
    full = client.post(url, json.dumps(payload("x@example.test", mode="online")), content_type="application/json")
    assert full.json()["status"] == "waitlisted"
    refused = client.post(
        url, json.dumps({**payload("y@example.test"), "consent": False}), content_type="application/json"
    )
    assert refused.status_code == 422
    assert refused.json()["message"] == "Без согласия на обработку персональных данных регистрация невозможна."
    bad_email = client.post(url, json.dumps(payload("not-an-email")), content_type="application/json")
    assert bad_email.status_code == 422 and Registration.objects.count() == 2
    with_visit = client.post(
        url, json.dumps(payload("z@example.test", site_visit_id=site.pk)), content_type="application/json"
    )
    assert with_visit.status_code == 201 and Registration.objects.get(email="z@example.test").site_visit == site


def test_event_detail_and_organiser_endpoints(world, client_for):
    event = open_event(world.cluster_x)
    day = event.days.get()
    services.item_add(actor=None, day=day, title="Открытие", format="opening", speakers=[world.person_a])
    reg, _ = services.registration_submit(event=event, data=person(), consent=True)
    anon = client_for(None)
    detail = anon.get(f"/api/events/{event.pk}").json()
    assert detail["programme"][0]["items"][0]["speakers"][0]["name"] == "Алексеева Анна Андреевна"
    assert [e["id"] for e in anon.get("/api/events?cluster=x").json()["items"]] == [event.pk]
    assert anon.get(f"/api/events/{event.pk}/registrations").status_code in (401, 403)
    coord = client_for(world.coordinator_x)
    items = coord.get(f"/api/events/{event.pk}/registrations").json()["items"]
    assert [r["email"] for r in items] == ["ivanova@example.test"]
    checked = coord.post(
        f"/api/events/{event.pk}/check-in", json.dumps({"code": reg.code}), content_type="application/json"
    )
    assert checked.status_code == 200 and checked.json()["checked_in_at"]
    created = coord.post(
        "/api/events",
        json.dumps({"cluster": "x", "title": "Семинар", "kind": "seminar", "starts_on": "2030-03-01"}),
        content_type="application/json",
    )
    assert created.status_code == 201 and created.json()["status"] == "draft"
    moved = coord.post(
        f"/api/events/{created.json()['id']}/status", json.dumps({"status": "held"}), content_type="application/json"
    )
    assert moved.status_code == 409 and "Нельзя перевести" in moved.json()["message"]


def test_event_list_filters_combine_in_the_api_and_the_selector(world, client_for):
    from datetime import date, timedelta

    from django.utils import timezone

    from edcluster.events import access, selectors

    def make(title, cluster, starts_on, **extra):
        data = {"title": title, "kind": "seminar", "format": "in_person", "starts_on": starts_on, **extra}
        return services.event_create(actor=None, cluster=cluster, data=data)

    today = timezone.localdate()
    seminar = make("Семинар", world.cluster_x, date(2030, 3, 1))
    online = make("Вебинар", world.cluster_x, date(2030, 4, 1), format="online")
    conference = make("Конференция", world.cluster_x, date(2030, 5, 1), kind="conference")
    past = make("Прошлый семинар", world.cluster_x, today - timedelta(days=3))
    make("Семинар кластера Игрек", world.cluster_y, date(2030, 3, 1))
    services.event_set_status(actor=None, event=conference, status="published")
    coord = client_for(world.coordinator_x)
    cases = {
        "cluster=x": [past, seminar, online, conference],
        "cluster=x&kind=seminar": [past, seminar, online],
        "cluster=x&format=online": [online],
        "cluster=x&status=published": [conference],
        "cluster=x&starts_from=2030-03-15&starts_to=2030-04-30": [online],
        "cluster=x&starts_to=2030-03-01&upcoming=true": [seminar],
        "cluster=x&kind=seminar&ordering=-title": [seminar, past, online],
    }
    for query, expected in cases.items():
        found = [e["title"] for e in coord.get(f"/api/events?{query}").json()["items"]]
        assert found == [e.title for e in expected], query
    qs = selectors.event_list(
        access.visible_events(world.coordinator_x),
        cluster=world.cluster_x,
        kind="seminar",
        event_format="in_person",
        starts_from=date(2030, 1, 1),
        starts_to=date(2030, 12, 31),
        upcoming_from=today,
    )
    assert list(qs) == [seminar]
    bad = coord.get("/api/events?kind=lecture")
    assert bad.status_code == 422
