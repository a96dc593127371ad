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


def test_a_failing_task_in_the_worker_logs_its_traceback_without_the_address(tmp_path):
    """Celery replaces the root logger's handlers in the worker; the redacting filter is put
    back on them, and it masks tracebacks too (an exception message may quote a value)."""
    from edcluster.core.tasks import deliver_outbox_message

    with real_worker(tmp_path) as worker:
        deliver_outbox_message.delay("leak.check@example.test")  # not a message id: the task fails
        wait_for(lambda: "ValueError" in worker.output(), worker=worker, what="the task's failure")
        wait_for(lambda: "[e-mail]" in worker.output().split("ValueError", 1)[1], worker=worker, what="the traceback")
    output = worker.output()
    assert "Traceback" in output
    assert "leak.check@example.test" not in output
    assert "expected a number but got '[e-mail]'" in output
