"""Faults: the mail server down, a batch task dying half-way, the database failing in the middle
of a write. Each time the user notices either a Russian message or nothing at all — never a lost
or doubled item."""

from __future__ import annotations

from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.db import OperationalError
from django.utils import timezone

from edcluster.core.mail import mail_queue
from edcluster.core.models import OutboxMessage
from edcluster.core.tasks import retry_outbox
from edcluster.events import services as event_services
from edcluster.events import tasks as event_tasks
from edcluster.events.models import Registration
from tests.events.helpers import open_event, person
from tests.events.test_views import form_data


def test_mail_server_down_keeps_messages_queued_and_the_beat_sends_each_once_later(
    db, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_TRANSPORT = "smtp"  # Django's test runner swaps SMTP for the in-memory outbox
    with (
        mock.patch("django.core.mail.EmailMultiAlternatives.send", side_effect=ConnectionRefusedError()),
        django_capture_on_commit_callbacks(execute=True),
    ):
        for n in range(3):
            mail_queue(to=[f"p{n}@example.test"], subject=f"Письмо {n}", body="Текст")
    assert OutboxMessage.objects.filter(status=OutboxMessage.Status.FAILED).count() == 3
    assert mail.outbox == []
    # The server is back; the periodic retry picks up messages older than a minute.
    OutboxMessage.objects.update(created_at=timezone.now() - timedelta(minutes=5))
    assert retry_outbox() == 3
    assert retry_outbox() == 0  # nothing is sent twice
    assert sorted(m.to[0] for m in mail.outbox) == ["p0@example.test", "p1@example.test", "p2@example.test"]
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {OutboxMessage.Status.SENT}


def test_a_batch_task_killed_half_way_and_redelivered_sends_each_item_exactly_once(world, settings):
    # acks_late + reject on worker lost: a killed worker gives the task back to the broker.
    assert settings.CELERY_TASK_ACKS_LATE and settings.CELERY_TASK_REJECT_ON_WORKER_LOST
    assert event_tasks.send_reminders.acks_late
    event = open_event(world.cluster_x, in_person=10, online=0, format="in_person")
    for n in range(6):
        event_services.registration_submit(event=event, data=person(f"t{n}@example.test"), consent=True)
    from edcluster.events import mail as event_mail

    real = event_mail.queue_reminder_mail
    calls = {"n": 0}

    def dies_on_the_fourth(registration):
        calls["n"] += 1
        if calls["n"] == 4:
            raise SystemExit("worker killed")
        return real(registration)

    with mock.patch.object(event_mail, "queue_reminder_mail", dies_on_the_fourth), pytest.raises(SystemExit):
        event_tasks.send_reminders("2030-11-12")
    assert OutboxMessage.objects.filter(topic="events.reminder").count() == 3
    assert event_tasks.send_reminders("2030-11-12") == 3  # the redelivered task finishes the rest
    assert event_tasks.send_reminders("2030-11-12") == 0  # and a third delivery sends nothing
    sent = sorted(m.to[0] for m in OutboxMessage.objects.filter(topic="events.reminder"))
    assert sent == [f"t{n}@example.test" for n in range(6)]


def test_database_failing_in_the_middle_of_a_registration_writes_nothing_and_answers_503(world, client):
    event = open_event(world.cluster_x)
    with mock.patch("edcluster.events.services.consent_give", side_effect=OperationalError("connection lost")):
        response = client.post(f"/events/{event.pk}/register/", form_data(email="half@example.test"), follow=False)
    assert response.status_code == 503
    assert "База данных временно недоступна" in response.content.decode()
    assert not Registration.objects.filter(email="half@example.test").exists()
    assert not OutboxMessage.objects.filter(to=["half@example.test"]).exists()


def test_healthz_says_the_database_is_down_in_json(db, client):
    with mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=OperationalError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "down"}
