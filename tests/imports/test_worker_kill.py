"""A real Celery worker is killed (SIGKILL) in the middle of an import batch. The task is
``acks_late``: the broker hands the unacknowledged message to the next worker (here it is sent
again, as the broker does after its visibility timeout). The batch then finishes with every file
processed exactly once: files saved before the kill are not processed again."""

import pytest

from edcluster.imports import services
from edcluster.imports.models import ImportBatch, ImportedFile
from edcluster.imports.tasks import process_batch
from tests.celery_worker import real_worker, wait_for
from tests.shared import SHARED

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]

FILES = 8


def test_worker_killed_mid_batch_then_the_batch_finishes_once_per_file(world, tmp_path):
    protocol = (SHARED / "samples" / "council_protocol.txt").read_bytes()
    uploads = [(f"protocol_{n}.txt", protocol) for n in range(FILES - 1)] + [("empty.txt", b"")]

    def done() -> int:
        return ImportedFile.objects.exclude(status=ImportedFile.Status.PENDING).count()

    with real_worker(tmp_path, env={"EDCLUSTER_IMPORTS_FILE_PAUSE_MS": "700"}) as worker:
        batch = services.batch_create(
            actor=world.coordinator_x, cluster=world.cluster_x, organization=None, uploads=uploads
        )
        wait_for(lambda: done() >= 2, worker=worker, what="the first files")
        worker.kill()
    part = done()
    assert 2 <= part < FILES, part
    assert ImportBatch.objects.get(pk=batch.pk).status == ImportBatch.Status.PROCESSING  # as the crash left it
    before = {f.pk: f.updated_at for f in ImportedFile.objects.exclude(status=ImportedFile.Status.PENDING)}

    with real_worker(tmp_path) as worker:
        process_batch.delay(batch.pk)  # the message delivered again
        wait_for(
            lambda: ImportBatch.objects.get(pk=batch.pk).status == ImportBatch.Status.DONE,
            worker=worker,
            what="the rerun",
        )

    batch = ImportBatch.objects.get(pk=batch.pk)
    assert (batch.processed, batch.total, batch.percent) == (FILES, FILES, 100)
    files = list(batch.files.order_by("pk"))
    assert len(files) == FILES
    assert [f.status for f in files] == [ImportedFile.Status.READY] * (FILES - 1) + [ImportedFile.Status.FAILED]
    assert all(f.extraction["doc_number"] == "1" for f in files[:-1])
    assert "пуст" in files[-1].error
    # Files finished before the kill were not processed again.
    assert {pk: ImportedFile.objects.get(pk=pk).updated_at for pk in before} == before
