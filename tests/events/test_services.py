from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from edcluster.core.errors import Conflict, NotFound, ValidationError
from edcluster.core.models import AuditEntry, Consent, OutboxMessage
from edcluster.events import selectors, services
from edcluster.events.models import Event, EventStatus, Registration, RegistrationStatus
from tests.events.helpers import open_event, person
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_registration_confirmed_with_consent_and_mail(world, django_capture_on_commit_callbacks):
    event = open_event(world.cluster_x)
    with django_capture_on_commit_callbacks(execute=True):
        reg, created = services.registration_submit(event=event, data=person(), consent=True, ip="10.0.0.1")
    assert created and reg.status == RegistrationStatus.CONFIRMED
    consent = Consent.objects.get(pk=reg.consent_id)
    assert consent.ip == "10.0.0.1" and consent.text.version == 1 and consent.email == "ivanova@example.test"
    message = OutboxMessage.objects.get(topic="events.registration")
    assert "Регистрация подтверждена" in message.subject and "«Методическая конференция»" in message.subject
    assert reg.code in message.body and str(reg.secret) in message.body
    names = sorted(a.filename for a in message.attachments.all())
    assert names == ["event.ics", f"qr-{reg.code}.png"]
    ics = message.attachments.get(filename="event.ics").content
    assert b"BEGIN:VEVENT" in bytes(ics) and "Методическая".encode() in bytes(ics)


def test_online_confirmation_has_link(world):
    event = open_event(world.cluster_x)
    services.registration_submit(event=event, data=person(mode="online"), consent=True)
    assert "https://meet.example.test/room" in OutboxMessage.objects.get().body


def test_refused_without_consent_writes_nothing(world):
    event = open_event(world.cluster_x)
    with pytest.raises(ValidationError) as exc:
        services.registration_submit(event=event, data=person(), consent=False)
    assert "согласия на обработку персональных данных" in exc.value.message
    assert not Registration.objects.exists() and not Consent.objects.exists() and not OutboxMessage.objects.exists()


def test_refused_after_deadline(world):
    event = open_event(world.cluster_x)
    with pytest.raises(Conflict, match="Регистрация закончилась"):
        services.registration_submit(event=event, data=person(), consent=True, now=timezone.now() + timedelta(days=8))
    assert not Registration.objects.exists()


def test_refused_before_opening_and_when_not_open(world):
    event = open_event(world.cluster_x, registration_opens_at=timezone.now() + timedelta(days=1))
    with pytest.raises(Conflict, match="ещё не началась"):
        services.registration_submit(event=event, data=person(), consent=True)
    services.event_set_status(actor=None, event=event, status=EventStatus.REGISTRATION_CLOSED)
    with pytest.raises(Conflict, match="не открыта"):
        services.registration_submit(event=event, data=person(), consent=True)


def test_same_email_twice_returns_same_registration(world):
    event = open_event(world.cluster_x)
    first, created1 = services.registration_submit(event=event, data=person(), consent=True)
    second, created2 = services.registration_submit(
        event=event, data=person(email=" IVANOVA@example.test "), consent=True
    )
    assert (created1, created2) == (True, False) and first.pk == second.pk
    assert Registration.objects.count() == 1 and OutboxMessage.objects.count() == 1


def test_full_mode_goes_to_waitlist_and_cancel_promotes(world):
    event = open_event(world.cluster_x, in_person=1)
    first, _ = services.registration_submit(event=event, data=person("a@example.test"), consent=True)
    second, _ = services.registration_submit(event=event, data=person("b@example.test"), consent=True)
    online, _ = services.registration_submit(event=event, data=person("c@example.test", mode="online"), consent=True)
    assert first.status == RegistrationStatus.CONFIRMED
    assert second.status == RegistrationStatus.WAITLISTED
    assert online.status == RegistrationStatus.CONFIRMED  # the other mode has its own capacity
    assert "листе ожидания" in OutboxMessage.objects.get(to=["b@example.test"]).subject
    services.registration_cancel(secret=first.secret)
    second.refresh_from_db()
    assert second.status == RegistrationStatus.OFFERED  # an offer, held for b
    assert OutboxMessage.objects.filter(to=["b@example.test"], subject__startswith="Освободилось место").exists()
    # after cancelling, the same e-mail may register again — the offered place is not free
    again, created = services.registration_submit(event=event, data=person("a@example.test"), consent=True)
    assert created and again.pk != first.pk and again.status == RegistrationStatus.WAITLISTED


def test_site_visit_capacity(world):
    event = open_event(world.cluster_x, in_person=10)
    visit = services.site_visit_add(actor=None, event=event, title="Школа № 1", capacity=1)
    a, _ = services.registration_submit(event=event, data=person("a@example.test", site_visit=visit), consent=True)
    b, _ = services.registration_submit(event=event, data=person("b@example.test", site_visit=visit), consent=True)
    assert (a.status, b.status) == (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED)
    with pytest.raises(ValidationError, match="только при очном"):
        services.registration_submit(
            event=event, data=person("c@example.test", "online", site_visit=visit), consent=True
        )


def test_speaker_needs_talk_title_and_mode_must_exist(world):
    event = open_event(world.cluster_x, format="in_person", online=None)
    with pytest.raises(ValidationError) as exc:
        services.registration_submit(event=event, data=person(role="speaker"), consent=True)
    assert exc.value.errors["talk_title"] == ["Укажите тему доклада."]
    with pytest.raises(ValidationError, match="нельзя зарегистрироваться онлайн"):
        services.registration_submit(event=event, data=person(mode="online"), consent=True)
    assert not Registration.objects.exists()


def test_status_workflow_and_frozen_fields(world):
    event = open_event(world.cluster_x)
    with pytest.raises(Conflict, match="«регистрация открыта» в статус «проведено»"):
        services.event_set_status(actor=None, event=event, status=EventStatus.HELD)
    with pytest.raises(ValidationError) as exc:
        services.event_update(actor=None, event=event, data={"starts_on": date(2030, 12, 1)})
    assert "изменить нельзя" in exc.value.errors["starts_on"][0]
    services.event_update(actor=world.coordinator_x, event=event, data={"room": "Актовый зал"})
    assert Event.objects.get().room == "Актовый зал"
    assert AuditEntry.objects.filter(action="events.event.updated").exists()
    services.event_set_status(actor=None, event=event, status=EventStatus.REGISTRATION_CLOSED)
    services.event_set_status(actor=None, event=event, status=EventStatus.HELD)
    with pytest.raises(ValidationError):
        services.event_update(actor=None, event=event, data={"room": "Другой зал"})


def test_event_rules(world):
    with pytest.raises(ValidationError) as exc:
        services.event_create(
            actor=None,
            cluster=world.cluster_x,
            data={
                "title": "Т",
                "kind": "seminar",
                "format": "in_person",
                "starts_on": date(2030, 1, 2),
                "ends_on": date(2030, 1, 1),
                "capacity_online": 5,
            },
        )
    assert set(exc.value.errors) == {"ends_on", "capacity_online"}
    assert not Event.objects.exists()


def test_programme_speaker_snapshot(world):
    event = open_event(world.cluster_x)
    day = event.days.get()
    section = services.section_add(actor=None, event=event, title="Секция 1", moderators=[world.person_a])
    item = services.item_add(actor=None, day=day, title="Доклад", section=section, speakers=[world.person_a])
    speaker = item.speakers.get()
    position = world.person_a.positions.get()
    assert speaker.name == "Алексеева Анна Андреевна" and speaker.position == position.title
    assert speaker.organization_name == "Организация А"
    position.title = "директор"
    position.save()
    speaker.refresh_from_db()
    assert speaker.position != "директор"  # recorded as it was at the event
    assert selectors.programme(event)[0].items.all()[0].title == "Доклад"


def test_check_in_and_counts(world):
    event = open_event(world.cluster_x, in_person=5, online=5)
    a, _ = services.registration_submit(event=event, data=person("a@example.test"), consent=True)
    services.registration_submit(event=event, data=person("b@example.test", "online", region="39"), consent=True)
    with pytest.raises(NotFound, match="не найден"):
        services.registration_check_in(actor=None, event=event, code="NOPE")
    services.registration_check_in(actor=None, event=event, code=a.code.lower())
    assert services.registration_mark_no_shows(actor=None, event=event) == 1
    counts = selectors.registration_counts(event)
    assert (counts.in_person, counts.online, counts.checked_in, counts.no_shows) == (1, 1, 1, 1)
    assert counts.summary == "2 участника из 2 субъектов"
    PersonFactory  # noqa: B018


def test_typed_organisation_waits_for_confirmation(world):
    from edcluster.organizations.models import Organization

    event = open_event(world.cluster_x, in_person=5)
    reg, _ = services.registration_submit(event=event, data=person("a@example.test"), consent=True)
    org = Organization.objects.get(full_name="МБДОУ «Детский сад № 5»")
    assert reg.organization == org and not org.is_confirmed and org.region == "34"
    again, _ = services.registration_submit(event=event, data=person("b@example.test"), consent=True)
    assert again.organization == org and Organization.objects.filter(full_name=org.full_name).count() == 1
    known, _ = services.registration_submit(
        event=event, data=person("c@example.test", organization_name="Организация А"), consent=True
    )
    assert known.organization == world.org_a
