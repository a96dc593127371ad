"""Goes through a real Celery worker process (Redis on the PostgreSQL run, files otherwise)."""

import pytest
from django.db import transaction

from edcluster.core.mail import mail_queue
from edcluster.core.models import OutboxMessage
from tests.celery_worker import real_worker, wait_for

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]


def test_outbox_message_is_delivered_by_a_real_worker_after_commit(tmp_path):
    with real_worker(tmp_path) as worker:
        with transaction.atomic():
            message = mail_queue(to=["parent@example.test"], subject="Запись подтверждена", body="Текст")
            # nothing is sent before the transaction commits
        wait_for(
            lambda: OutboxMessage.objects.get(pk=message.pk).status == OutboxMessage.Status.STORED,
            worker=worker,
            what="delivery by the worker",
        )
        assert "deliver_outbox_message" in worker.output()


def test_rolled_back_transaction_queues_nothing(tmp_path):
    with real_worker(tmp_path) as worker:
        with pytest.raises(RuntimeError), transaction.atomic():
            mail_queue(to=["parent@example.test"], subject="Не будет отправлено", body="Текст")
            raise RuntimeError("registration failed")
        assert not OutboxMessage.objects.filter(subject="Не будет отправлено").exists()
        assert worker.process.poll() is None
