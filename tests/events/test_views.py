from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from edcluster.core.models import OutboxMessage
from edcluster.events import services
from edcluster.events.models import Registration, RegistrationStatus
from tests.events.helpers import open_event, person

pytestmark = pytest.mark.django_db


def form_data(organization="МБДОУ «Детский сад № 5»", **extra):
    data = person(**extra)
    del data["organization_name"]
    data["organization"] = organization
    data["consent"] = "on"
    return data


def test_cluster_list_event_page_and_ics(world, client):
    event = open_event(world.cluster_x)
    services.item_add(actor=None, day=event.days.get(), title="Открытие конференции", format="opening")
    draft = services.event_create(
        actor=None, cluster=world.cluster_x, data={"title": "Черновик", "kind": "seminar", "starts_on": event.starts_on}
    )
    page = client.get("/clusters/x/events/").content.decode()
    assert "Методическая конференция" in page and "14 ноября 2030" in page and "Черновик" not in page
    assert "Методическая конференция" in client.get("/clusters/x/").content.decode()  # the cluster panel
    assert client.get(f"/events/{draft.pk}/").status_code == 404
    detail = client.get(f"/events/{event.pk}/").content.decode()
    assert "Открытие конференции" in detail and "Зарегистрироваться" in detail
    ics = client.get(f"/events/{event.pk}/event.ics")
    assert ics["Content-Type"].startswith("text/calendar") and b"SUMMARY:" in ics.content
    feed = client.get("/clusters/x/events.ics").content
    assert feed.count(b"BEGIN:VEVENT") == 1


def test_public_registration_form(world, client, django_capture_on_commit_callbacks):
    event = open_event(world.cluster_x)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/events/{event.pk}/register/", form_data(organization=str(world.org_a.pk)))
    reg = Registration.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/events/registration/{reg.secret}/"
    assert reg.organization == world.org_a and reg.organization_name == "Организация А"
    assert "Регистрация подтверждена" in client.get(response["Location"]).content.decode()
    # a second submit of the same form gives the same registration
    again = client.post(f"/events/{event.pk}/register/", form_data(organization=str(world.org_a.pk)))
    assert again["Location"] == response["Location"] and Registration.objects.count() == 1
    assert OutboxMessage.objects.count() == 1


def test_registration_without_consent_shows_message(world, client):
    event = open_event(world.cluster_x)
    data = form_data()
    del data["consent"]
    page = client.post(f"/events/{event.pk}/register/", data).content.decode()
    assert "Без согласия на обработку персональных данных регистрация невозможна." in page
    assert not Registration.objects.exists()


def test_full_mode_page_says_waitlist_and_cancel_link(world, client):
    event = open_event(world.cluster_x, online=0)
    response = client.post(f"/events/{event.pk}/register/", form_data(mode="online"))
    page = client.get(response["Location"]).content.decode()
    assert "вы в листе ожидания" in page
    reg = Registration.objects.get()
    client.post(f"/events/registration/{reg.secret}/cancel/")
    reg.refresh_from_db()
    assert reg.status == RegistrationStatus.CANCELLED


def test_organiser_registrations_counts_export_check_in(world, client_for):
    event = open_event(world.cluster_x, in_person=5, online=5)
    a, _ = services.registration_submit(
        event=event, data=person("a@example.test", last_name="=cmd|' /C calc'!A0"), consent=True
    )
    services.registration_submit(event=event, data=person("b@example.test", "online", region="39"), consent=True)
    c = client_for(world.coordinator_x)
    page = c.get(f"/events/{event.pk}/registrations/").content.decode()
    assert "2 участника из 2 субъектов" in page
    filtered = c.get(f"/events/{event.pk}/registrations/?mode=online").content.decode()
    assert "b@example.test" not in filtered and filtered.count("Иванова Мария") == 1
    xlsx = c.get(f"/events/{event.pk}/registrations/?export=xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = [cell.value for row in sheet.iter_rows() for cell in row]
    assert "'=cmd|' /C calc'!A0" in values and "Фамилия" in values and "Калининградская область" in values
    response = c.post(f"/events/{event.pk}/check-in/", {"code": a.code})
    assert response.status_code == 302
    a.refresh_from_db()
    assert a.checked_in_at is not None
    assert "Отмечено: 1 из 2" in c.get(f"/events/{event.pk}/check-in/").content.decode()
    bad = c.post(f"/events/{event.pk}/check-in/", {"code": "XXXX"}, follow=True).content.decode()
    assert "Участник с таким кодом на этом мероприятии не найден." in bad


def test_other_cluster_coordinator_cannot_see_registrations(world, client_for):
    event = open_event(world.cluster_x)
    assert client_for(world.coordinator_y).get(f"/events/{event.pk}/registrations/").status_code == 403


def test_check_in_never_redirects_off_site(world, client_for):
    event = open_event(world.cluster_x)
    reg, _ = services.registration_submit(event=event, data=person(), consent=True)
    c = client_for(world.coordinator_x)
    response = c.post(f"/events/{event.pk}/check-in/", {"code": reg.code, "next": "https://evil.example/"})
    assert response["Location"] == f"/events/{event.pk}/check-in/"
    listed = c.post(
        f"/events/{event.pk}/check-in/", {"code": reg.code, "next": f"/events/{event.pk}/registrations/?mode=online"}
    )
    assert listed["Location"] == f"/events/{event.pk}/registrations/?mode=online"
