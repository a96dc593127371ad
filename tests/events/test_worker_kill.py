"""A real Celery worker is killed (SIGKILL) in the middle of the reminder batch of an event; a
new worker on the same queue delivers what was queued, the batch runs again (the next beat, or
the redelivered task), and the outbox's periodic retry picks up anything the kill stranded:
each participant ends with exactly one reminder, delivered."""

from datetime import timedelta

import pytest
from django.utils import timezone

from edcluster.core.mail import mail_queue
from edcluster.core.models import OutboxMessage
from edcluster.core.tasks import retry_outbox
from edcluster.events import services
from edcluster.events.tasks import send_reminders
from tests.celery_worker import real_worker, wait_for
from tests.events.helpers import open_event, person

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]

PEOPLE = 6


def _reminders():
    return OutboxMessage.objects.filter(topic="events.reminder")


def test_worker_killed_mid_reminder_batch_each_participant_gets_exactly_one_reminder(world, tmp_path):
    event = open_event(world.cluster_x, in_person=PEOPLE, online=0, format="in_person")
    emails = [f"remind{n}@example.test" for n in range(PEOPLE)]
    for email in emails:  # before the worker starts: confirmations go out in-process
        services.registration_submit(event=event, data=person(email), consent=True)

    with real_worker(tmp_path, env={"EDCLUSTER_BATCH_ITEM_PAUSE_MS": "1000"}) as worker:
        send_reminders.delay("2030-11-12")
        wait_for(lambda: _reminders().count() >= 2, timeout=180, worker=worker, what="the first reminders")
        worker.kill()
    queued_before = _reminders().count()
    assert 2 <= queued_before < PEOPLE, queued_before

    with real_worker(tmp_path, queue=worker.queue) as worker:
        send_reminders.delay("2030-11-12")  # the batch again: the next beat or the redelivered task
        wait_for(lambda: _reminders().count() == PEOPLE, timeout=180, worker=worker, what="the rest of the reminders")
        # A message whose delivery task died with the worker is picked up by the periodic retry.
        OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING).update(
            created_at=timezone.now() - timedelta(minutes=5)
        )
        retry_outbox.delay()
        wait_for(
            lambda: not _reminders().exclude(status=OutboxMessage.Status.STORED).exists(),
            timeout=180,
            worker=worker,
            what="delivery of every reminder",
        )
        send_reminders.delay("2030-11-12")  # a third run queues nothing
        # One queue, one task at a time: once a message queued after it is delivered, it has run.
        sentinel = mail_queue(to=["sentinel@example.test"], subject="После третьего прогона", body="Текст")
        wait_for(
            lambda: OutboxMessage.objects.get(pk=sentinel.pk).status == OutboxMessage.Status.STORED,
            timeout=180,
            worker=worker,
            what="the third run",
        )

    recipients = sorted(address for m in _reminders() for address in m.to)
    assert recipients == sorted(emails)  # exactly one each
    assert set(_reminders().values_list("status", flat=True)) == {OutboxMessage.Status.STORED}
