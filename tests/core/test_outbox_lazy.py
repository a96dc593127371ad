"""Attachments built by the delivery task (``core.mail.LazyAttachments``): the outbox row keeps a
registered builder's name and params, and ``deliver_outbox_message`` builds the files right
before sending and keeps them with the message."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

import pytest
from django.core import mail as django_mail

from edcluster.core import mail
from edcluster.core.mail import Attachment, LazyAttachments, MailObsolete, mail_queue
from edcluster.core.models import OutboxMessage
from edcluster.core.privacy import person_erase
from edcluster.core.tasks import deliver_outbox_message, retry_outbox

BUILDER = "tests.note"


@pytest.fixture
def builder(monkeypatch):
    """A registered builder that records its calls; ``gone`` makes it report its subject gone."""
    calls: list[dict] = []
    state = {"gone": False}

    def build(params: Mapping[str, Any]) -> list[Attachment]:
        calls.append(dict(params))
        if state["gone"]:
            raise MailObsolete("note withdrawn")
        return [Attachment(f"note-{params['n']}.txt", f"заметка {params['n']}".encode(), "text/plain")]

    monkeypatch.setitem(mail._builders, BUILDER, build)
    return calls, state


def _queue(**extra) -> OutboxMessage:
    message = mail_queue(
        to=["parent@example.test"],
        subject="Запись на консультацию",
        body="Текст",
        lazy=[LazyAttachments(BUILDER, {"n": 7})],
        **extra,
    )
    assert message is not None
    return message


def test_built_at_delivery_not_when_queued_and_kept_with_the_message(db, builder, django_capture_on_commit_callbacks):
    calls, _state = builder
    with django_capture_on_commit_callbacks() as delivery:
        message = _queue(attachments=[Attachment("ready.txt", b"ready", "text/plain")])
    assert calls == []  # the request that queued it built nothing
    assert [a.filename for a in message.attachments.all()] == ["ready.txt"]
    assert message.lazy_attachments == [{"builder": BUILDER, "params": {"n": 7}}]

    for callback in delivery:
        callback()
    message.refresh_from_db()
    assert calls == [{"n": 7}]
    assert message.status == OutboxMessage.Status.STORED and message.lazy_attachments == []
    files = {a.filename: bytes(a.content) for a in message.attachments.all()}
    assert files == {"ready.txt": b"ready", "note-7.txt": "заметка 7".encode()}
    # Delivered again (a redelivered task): nothing built twice.
    assert deliver_outbox_message.delay(message.pk).get() == "skipped"
    assert calls == [{"n": 7}] and message.attachments.count() == 2


def test_smtp_mail_carries_the_built_files_once_across_a_retry(
    db, builder, settings, monkeypatch, django_capture_on_commit_callbacks
):
    calls, _state = builder
    settings.EMAIL_TRANSPORT = "smtp"
    real_send = django_mail.EmailMultiAlternatives.send

    def refuse(self, *args, **kwargs):
        raise ConnectionRefusedError()

    monkeypatch.setattr(django_mail.EmailMultiAlternatives, "send", refuse)
    with django_capture_on_commit_callbacks(execute=True):
        message = _queue()
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.FAILED and message.attachments.count() == 1

    monkeypatch.setattr(django_mail.EmailMultiAlternatives, "send", real_send)
    assert deliver_outbox_message.delay(message.pk).get() == "sent"
    sent = django_mail.outbox[-1]
    assert sent.to == ["parent@example.test"]
    assert sent.attachments == [("note-7.txt", "заметка 7", "text/plain")]
    assert calls == [{"n": 7}]  # built once; the retry sent what the first attempt kept


def test_subject_gone_before_delivery_drops_the_message_and_logs_no_address(
    db, builder, caplog, django_capture_on_commit_callbacks
):
    _calls, state = builder
    state["gone"] = True
    with caplog.at_level(logging.INFO, logger="edcluster.core.tasks"), django_capture_on_commit_callbacks(execute=True):
        message = _queue()
    message.refresh_from_db()
    assert (
        message.status == OutboxMessage.Status.DROPPED and message.get_status_display() == "не отправлено: неактуально"
    )
    assert message.last_error == "note withdrawn" and not message.attachments.exists()
    assert f"outbox message {message.pk} not sent: note withdrawn" in caplog.text
    assert "parent@example.test" not in caplog.text
    message.created_at = message.created_at.replace(year=2020)
    message.save(update_fields=["created_at"])
    assert retry_outbox() == 0  # never retried


def test_unknown_builder_is_refused_when_queued_and_nothing_is_written(db):
    with pytest.raises(LookupError, match=r"tests\.nobody"):
        mail_queue(to=["a@example.test"], subject="x", body="x", lazy=[LazyAttachments("tests.nobody", {})])
    assert not OutboxMessage.objects.exists()


def test_erasure_before_delivery_clears_the_pending_build(db, world, builder, django_capture_on_commit_callbacks):
    calls, _state = builder
    with django_capture_on_commit_callbacks() as delivery:
        message = _queue()
    person_erase(email="parent@example.test", actor=world.admin)
    for callback in delivery:
        callback()  # the delivery task runs after the erasure: no crash, nothing built or sent
    message.refresh_from_db()
    assert message.subject == "Письмо удалено" and message.lazy_attachments == []
    assert message.status == OutboxMessage.Status.STORED and message.last_error == "erased"
    assert calls == [] and not message.attachments.exists()


def test_outbox_page_says_the_files_come_at_delivery(world, builder, client_for):
    _queue()
    message = OutboxMessage.objects.get()
    page = client_for(world.admin).get(f"/outbox/{message.pk}/").content.decode()
    assert "Вложения будут сформированы при отправке." in page
    deliver_outbox_message.delay(message.pk)
    page = client_for(world.admin).get(f"/outbox/{message.pk}/").content.decode()
    assert "Вложения будут сформированы при отправке." not in page and "note-7.txt" in page
