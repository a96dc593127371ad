"""Personal data (152-FZ): one person's data is exported from every app and erased everywhere,
keeping counts; the person reaches it by a signed e-mail link."""

from __future__ import annotations

import json
import re

import pytest
from django.apps import apps
from django.core import serializers

from edcluster.core import privacy
from edcluster.core.models import AuditEntry, Consent, OutboxMessage
from edcluster.events import services as event_services
from edcluster.events.models import Registration
from tests.events.helpers import open_event, person
from tests.factories import PersonFactory

EMAIL = "Ivanova@Example.test"


def _every_row_as_text() -> str:
    chunks = []
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        chunks.append(serializers.serialize("json", model._default_manager.all()))
    return "\n".join(chunks)


@pytest.fixture
def subject(world):
    """Мария Петровна Иванова: in the registry, registered for an event, asked a consultation
    centre, and received platform mail — all under one e-mail."""
    from edcluster.consultations import services as consult

    PersonFactory(
        last_name="Иванова", first_name="Мария", middle_name="Петровна", email=EMAIL.lower(), phone="+7 900 111-22-33"
    )
    event = open_event(world.cluster_x)
    event_services.registration_submit(event=event, data=person(email=EMAIL), consent=True, ip="10.0.0.1")
    event_services.registration_submit(
        event=event, data=person(email="other@example.test", last_name="Петрова"), consent=True, ip="10.0.0.2"
    )
    centre = consult.centre_create(
        actor=world.editor_a,
        data={
            "organization": world.org_a,
            "name": "Консультационный центр",
            "forms": ["in_person"],
            "services": "Консультирование",
            "address": "ул. Ленина, 1",
        },
    )
    consult.request_create(
        centre=centre,
        data={
            "applicant_kind": "parent",
            "name": "Мария Иванова",
            "child_age": 3,
            "topic": "speech",
            "preferred_form": "in_person",
            "preferred_time": "утром",
            "email": EMAIL,
            "phone": "+79001112233",
        },
        consent=True,
        ip="10.0.0.1",
    )
    return event


def test_export_collects_the_person_from_every_app(subject):
    data = privacy.person_export(email="ivanova@example.test")
    labels = [s["раздел"] for s in data["разделы"]]
    assert "Реестр: сведения о человеке" in labels
    assert "Мероприятия: регистрации и выступления" in labels
    assert "Консультационные центры: обращения родителей" in labels
    assert "Согласия на обработку персональных данных" in labels
    consents = next(s for s in data["разделы"] if s["раздел"].startswith("Согласия"))["записи"]
    assert len(consents) == 2 and all(c["IP"] == "10.0.0.1" and c["версия текста"] >= 1 for c in consents)
    # The other participant's data is not in Мария's export.
    assert "Петрова" not in json.dumps(data, ensure_ascii=False)


def test_erasure_removes_the_person_everywhere_and_keeps_counts(subject, world):
    before = Registration.objects.filter(event=subject).count()
    counts = privacy.person_erase(email=EMAIL, actor=world.admin)
    assert counts["Мероприятия: регистрации и выступления"] == 1
    assert counts["Реестр: сведения о человеке"] == 1
    # Counts stay: the registration is still there, anonymised.
    assert Registration.objects.filter(event=subject).count() == before
    dump = _every_row_as_text()
    leftover = [
        line[:300] for line in dump.split("}}, {") if re.search("ivanova@example.test|Иванова", line, re.IGNORECASE)
    ]
    assert leftover == []
    assert "Иванова" not in dump and "111-22-33" not in dump and "9001112233" not in dump
    # The other participant is untouched.
    assert "Петрова" in dump
    # Consents are withdrawn; the erasure is in the audit log without the e-mail.
    assert not Consent.objects.filter(withdrawn_at__isnull=True).exclude(email="other@example.test").exists()
    entry = AuditEntry.objects.get(action="core.privacy.erased")
    assert entry.actor == world.admin and "ivanova" not in json.dumps(entry.changes).lower()
    assert privacy.person_export(email=EMAIL)["разделы"] == []


def test_admin_page_shows_downloads_and_erases(subject, client_for, world):
    client = client_for(world.admin)
    page = client.post("/privacy/", {"email": EMAIL, "action": "show"})
    assert "Методическая конференция" in page.content.decode() and "Иванова" in page.content.decode()
    download = client.post("/privacy/", {"email": EMAIL, "action": "json"})
    assert download["Content-Type"].startswith("application/json")
    assert json.loads(download.content)["e-mail"] == EMAIL
    refused = client.post("/privacy/", {"email": EMAIL, "action": "erase"})
    assert "Подтвердите удаление" in refused.content.decode()
    assert Registration.objects.filter(email__iexact=EMAIL).exists()
    done = client.post("/privacy/", {"email": EMAIL, "action": "erase", "confirm": "1"})
    assert "Данные обезличены" in done.content.decode()
    assert not Registration.objects.filter(email__iexact=EMAIL).exists()


def test_bad_email_on_admin_page_is_a_russian_message(world, client_for):
    page = client_for(world.admin).post("/privacy/", {"email": "не адрес", "action": "show"})
    assert page.status_code == 200 and "Укажите e-mail полностью" in page.content.decode()


def test_person_gets_a_link_by_email_sees_withdraws_and_erases(subject, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post("/privacy/my/", {"email": EMAIL})
    assert "придёт письмо со ссылкой" in answer.content.decode()
    message = OutboxMessage.objects.filter(topic="privacy").get()
    link = re.search(r"http://testserver(/privacy/my/\S+/)", message.body).group(1)
    page = client.get(link)
    body = page.content.decode()
    assert "Методическая конференция" in body and "Петровна" in body and "отозвать" in body
    assert client.post(link, {"action": "json"})["Content-Type"].startswith("application/json")
    client.post(link, {"action": "erase", "confirm": "1"})
    assert not Registration.objects.filter(email__iexact=EMAIL).exists()
    assert AuditEntry.objects.get(action="core.privacy.erased").actor is None


def test_forged_or_expired_link_is_refused(world, client, monkeypatch):
    assert client.get("/privacy/my/forged-token/").status_code == 422
    token = privacy.subject_token(EMAIL)
    import edcluster.core.privacy as mod

    monkeypatch.setattr(mod, "LINK_MAX_AGE", -1)
    page = client.get(f"/privacy/my/{token}/")
    assert page.status_code == 422 and "устарела" in page.content.decode()


def test_link_request_is_rate_limited(world, client):
    for _ in range(5):
        client.post("/privacy/my/", {"email": "someone@example.test"})
    refused = client.post("/privacy/my/", {"email": "someone@example.test"})
    assert refused.status_code == 429 and "Retry-After" in refused
