"""A real Celery worker is killed (SIGKILL) in the middle of a certificate batch; the batch is
started again: every eligible registration ends with exactly one certificate, numbers contiguous."""

import pytest

from edcluster.certificates import selectors, services
from edcluster.certificates.models import Batch, Certificate
from tests.celery_worker import real_worker, wait_for
from tests.certificates.helpers import held_event

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]


def test_worker_killed_midway_then_batch_restarted(world, tmp_path):
    event = held_event(world.cluster_x, people=6, checked_in=6, speakers=3)  # 9 certificates due
    eligible = {(k.pk, r.pk) for k in event.certificate_kinds.all() for r in selectors.eligible_registrations(k)}
    assert len(eligible) == 9

    with real_worker(tmp_path, env={"EDCLUSTER_CERTIFICATES_BATCH_PAUSE_MS": "400"}) as worker:
        batch = services.batch_start(actor=None, event=event, send_mail=False)
        wait_for(lambda: Certificate.objects.count() >= 3, worker=worker, what="the first certificates")
        worker.kill()
    part = Certificate.objects.count()
    assert 3 <= part < 9, part
    assert Batch.objects.get(pk=batch.pk).status == Batch.Status.RUNNING  # left as the crash left it

    with real_worker(tmp_path) as worker:
        again = services.batch_start(actor=None, event=event, send_mail=False)
        assert again.pk == batch.pk  # the unfinished batch is queued again, not a second one
        wait_for(lambda: Batch.objects.get(pk=batch.pk).status == Batch.Status.DONE, worker=worker, what="the rerun")

    issued = list(Certificate.objects.values_list("kind_id", "registration_id"))
    assert sorted(issued) == sorted(eligible)
    assert sorted(Certificate.objects.values_list("seq", flat=True)) == list(range(1, 10))
    assert Certificate.objects.values("number").distinct().count() == 9
