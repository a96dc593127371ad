"""The confirmation's .ics and QR code are built by the delivery task, not by the request that
registers the person: the request of a burst pays only for the text; the person gets the same
e-mail; a registration cancelled or erased before delivery gets no confirmation."""

from __future__ import annotations

import logging

import pytest
from django.core import mail as django_mail

from edcluster.core.errors import ValidationError
from edcluster.core.models import OutboxMessage
from edcluster.core.privacy import person_erase
from edcluster.events import mail, services
from edcluster.events.models import Registration, RegistrationStatus
from tests.events.helpers import open_event, person

pytestmark = pytest.mark.django_db


def _without_dtstamp(ics: bytes) -> list[bytes]:
    return [line for line in ics.splitlines() if not line.startswith(b"DTSTAMP")]


def test_the_request_builds_no_ics_or_qr_the_delivery_does(world, monkeypatch, django_capture_on_commit_callbacks):
    built: list[str] = []
    real_qr, real_ics = mail.qr_png, mail.event_ics
    monkeypatch.setattr(mail, "qr_png", lambda text: built.append("qr") or real_qr(text))
    monkeypatch.setattr(mail, "event_ics", lambda event: built.append("ics") or real_ics(event))
    event = open_event(world.cluster_x)
    with django_capture_on_commit_callbacks() as delivery:
        reg, created = services.registration_submit(event=event, data=person(), consent=True)
    assert created and reg.status == RegistrationStatus.CONFIRMED
    assert built == []  # nothing of the kind in the request
    message = OutboxMessage.objects.get(topic="events.registration")
    assert not message.attachments.exists()

    for callback in delivery:
        callback()
    assert sorted(built) == ["ics", "qr"]
    files = {a.filename: (a.content_type, bytes(a.content)) for a in message.attachments.all()}
    # The same files the request used to build: the QR of the check-in code, the event's .ics.
    assert files[f"qr-{reg.code}.png"] == ("image/png", real_qr(reg.code))
    content_type, ics = files["event.ics"]
    assert content_type == "text/calendar"
    assert _without_dtstamp(ics) == _without_dtstamp(real_ics(event))
    assert b"DTSTART;TZID=Europe/Moscow:20301114T100000" in ics


def test_the_person_gets_the_same_mail_with_both_files(world, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_TRANSPORT = "smtp"  # the test mail backend keeps what was sent
    event = open_event(world.cluster_x)
    with django_capture_on_commit_callbacks(execute=True):
        reg, _ = services.registration_submit(event=event, data=person(mode="online"), consent=True)
    sent = django_mail.outbox[-1]
    rendered = mail.registration_mail(reg)
    assert sent.to == ["ivanova@example.test"]
    assert (sent.subject, sent.body) == (rendered.subject, rendered.body)
    assert "https://meet.example.test/room" in sent.body and reg.code in sent.body
    assert [(name, kind) for name, _content, kind in sent.attachments] == [
        ("event.ics", "text/calendar"),
        (f"qr-{reg.code}.png", "image/png"),
    ]
    assert OutboxMessage.objects.get().status == OutboxMessage.Status.SENT


def test_waitlisted_mail_has_no_files_and_nothing_to_build(world, django_capture_on_commit_callbacks):
    event = open_event(world.cluster_x, in_person=1)
    services.registration_submit(event=event, data=person("first@example.test"), consent=True)
    with django_capture_on_commit_callbacks(execute=True):
        reg, _ = services.registration_submit(event=event, data=person("second@example.test"), consent=True)
    assert reg.status == RegistrationStatus.WAITLISTED
    message = OutboxMessage.objects.get(to=["second@example.test"])
    assert message.lazy_attachments == [] and not message.attachments.exists()
    assert message.status == OutboxMessage.Status.STORED


def test_cancelled_before_delivery_gets_no_confirmation(world, caplog, django_capture_on_commit_callbacks):
    event = open_event(world.cluster_x)
    with django_capture_on_commit_callbacks() as delivery:
        reg, _ = services.registration_submit(event=event, data=person(), consent=True)
    services.registration_cancel(secret=reg.secret)
    with caplog.at_level(logging.INFO):
        for callback in delivery:
            callback()  # the delivery task, after the cancellation: no crash
    message = OutboxMessage.objects.get(topic="events.registration")
    assert message.status == OutboxMessage.Status.DROPPED and message.last_error == "registration cancelled"
    assert not message.attachments.exists() and message.lazy_attachments == []
    assert f"outbox message {message.pk} not sent: registration cancelled" in caplog.text
    assert "ivanova" not in caplog.text.lower() and "Иванова" not in caplog.text and reg.code not in caplog.text


def test_erased_before_delivery_gets_nothing_and_keeps_no_trace(world, django_capture_on_commit_callbacks):
    event = open_event(world.cluster_x)
    with django_capture_on_commit_callbacks() as delivery:
        reg, _ = services.registration_submit(event=event, data=person(), consent=True)
    person_erase(email="ivanova@example.test", actor=world.admin)
    for callback in delivery:
        callback()
    message = OutboxMessage.objects.get(topic="events.registration")
    assert message.subject == "Письмо удалено" and message.to != ["ivanova@example.test"]
    assert message.status == OutboxMessage.Status.STORED and message.last_error == "erased"
    assert not message.attachments.exists() and message.lazy_attachments == []
    assert Registration.objects.get(pk=reg.pk).last_name == "Данные удалены"


@pytest.mark.parametrize(
    "change,reason",
    [
        (lambda reg: Registration.objects.filter(pk=reg.pk).update(last_name="Данные удалены"), "registration erased"),
        (lambda reg: Registration.objects.filter(pk=reg.pk).delete(), "registration deleted"),
    ],
)
def test_builder_refuses_a_registration_erased_or_deleted_on_its_own(world, change, reason):
    """The registration's record erased (or deleted) while its message was not: still no file."""
    from edcluster.core.mail import MailObsolete

    event = open_event(world.cluster_x)
    reg, _ = services.registration_submit(event=event, data=person(), consent=True)
    assert len(mail.confirmation_attachments({"registration": reg.pk})) == 2
    change(reg)
    with pytest.raises(MailObsolete) as exc:
        mail.confirmation_attachments({"registration": reg.pk})
    assert exc.value.reason == reason


def test_refused_registration_queues_nothing(world):
    event = open_event(world.cluster_x)
    with pytest.raises(ValidationError):
        services.registration_submit(event=event, data=person(), consent=False)
    assert not OutboxMessage.objects.exists()
