"""A real Celery worker is killed (SIGKILL) in the middle of an import batch of several files; a
new worker on the same queue resumes the stalled batch: every file is read exactly once (the
files read before the kill are not read again, the one being read at the kill is read once
more from scratch) and the batch finishes with every file counted."""

import pytest

from edcluster.imports import services
from edcluster.imports.models import ImportBatch, ImportedFile
from tests.celery_worker import real_worker, wait_for
from tests.imports.conftest import PROTOCOL

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]

FILES = 5


def _uploads() -> list[tuple[str, bytes]]:
    text = PROTOCOL.read_bytes()
    return [(f"протокол-{n}.txt", text + f"\n\nКопия № {n}\n".encode()) for n in range(1, FILES + 1)]


def _read() -> dict[int, object]:
    return dict(
        ImportedFile.objects.exclude(status=ImportedFile.Status.PENDING).values_list("pk", "updated_at").order_by("pk")
    )


def test_worker_killed_mid_batch_then_the_stalled_batch_resumes_and_reads_each_file_once(world, tmp_path):
    with real_worker(tmp_path, env={"EDCLUSTER_BATCH_ITEM_PAUSE_MS": "1500"}) as worker:
        batch = services.batch_create(
            actor=world.coordinator_x, cluster=world.cluster_x, organization=None, uploads=_uploads()
        )
        wait_for(lambda: len(_read()) >= 2, timeout=180, worker=worker, what="the first files of the batch")
        worker.kill()
    before = _read()
    assert 2 <= len(before) < FILES, before
    stalled = ImportBatch.objects.get(pk=batch.pk)
    assert stalled.status == ImportBatch.Status.PROCESSING  # as the crash left it
    assert stalled.processed == len(before)

    with real_worker(tmp_path, queue=worker.queue) as worker:
        assert services.batches_resume_stalled(minutes=0) == [batch.pk]
        wait_for(
            lambda: ImportBatch.objects.get(pk=batch.pk).status == ImportBatch.Status.DONE,
            timeout=180,
            worker=worker,
            what="the resumed batch",
        )
        assert services.batches_resume_stalled(minutes=0) == []  # a finished batch is never queued again

    done = ImportBatch.objects.get(pk=batch.pk)
    assert (done.processed, done.total, done.percent) == (FILES, FILES, 100)
    files = list(ImportedFile.objects.filter(batch=batch))
    assert [f.status for f in files] == [ImportedFile.Status.READY] * FILES
    assert all(f.text and f.extraction and f.proposal for f in files)
    after = _read()
    # The files read before the kill were not read again: their row is untouched since.
    assert {pk: after[pk] for pk in before} == before
