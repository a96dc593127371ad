"""A batch whose task was lost (worker killed, broker lost) is queued again by the periodic sweep
once it has made no progress for a while; a fresh or finished batch is left alone."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from edcluster.imports import services
from edcluster.imports.models import ImportBatch, ImportedFile


def test_a_stalled_batch_is_resumed_by_the_sweep_and_a_fresh_one_is_not(world, protocol_bytes):
    assert settings.CELERY_BEAT_SCHEDULE["imports.resume_stalled"]["task"] == "edcluster.imports.tasks.resume_stalled"
    # The task is lost: the on-commit callback that would queue it never runs.
    batch = services.batch_create(
        actor=world.coordinator_x,
        cluster=world.cluster_x,
        organization=None,
        uploads=[("протокол.txt", protocol_bytes), ("второй.txt", protocol_bytes + b"\n2")],
    )
    assert ImportBatch.objects.get(pk=batch.pk).status == ImportBatch.Status.QUEUED
    assert services.batches_resume_stalled() == []  # it may still be on its way

    ImportBatch.objects.filter(pk=batch.pk).update(updated_at=timezone.now() - timedelta(minutes=11))
    assert services.batches_resume_stalled() == [batch.pk]  # the task runs in-process here
    done = ImportBatch.objects.get(pk=batch.pk)
    assert (done.status, done.processed) == (ImportBatch.Status.DONE, 2)
    assert set(ImportedFile.objects.filter(batch=batch).values_list("status", flat=True)) == {ImportedFile.Status.READY}
    ImportBatch.objects.filter(pk=batch.pk).update(updated_at=timezone.now() - timedelta(minutes=60))
    assert services.batches_resume_stalled() == []  # finished: never again


def test_a_rerun_reads_only_the_files_still_pending(world, upload, protocol_bytes):
    batch = upload(world.coordinator_x, world.cluster_x, [("а.txt", protocol_bytes), ("б.txt", protocol_bytes + b"\n")])
    first, second = ImportedFile.objects.filter(batch=batch).order_by("pk")
    ImportedFile.objects.filter(pk=second.pk).update(status=ImportedFile.Status.PENDING, text="")
    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportBatch.Status.PROCESSING, processed=1)
    stamp = ImportedFile.objects.get(pk=first.pk).updated_at

    again = services.batch_process(batch.pk)
    assert (again.status, again.processed) == (ImportBatch.Status.DONE, 2)
    assert ImportedFile.objects.get(pk=first.pk).updated_at == stamp  # not read twice
    assert ImportedFile.objects.get(pk=second.pk).status == ImportedFile.Status.READY
