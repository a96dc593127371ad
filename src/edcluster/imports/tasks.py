"""Background processing of an uploaded batch: each file is read and extracted in turn; the
batch's progress is saved after every file, so the page polling it shows how far it got. A
periodic sweep queues again the batches whose worker died."""

from __future__ import annotations

from celery import shared_task


@shared_task(acks_late=True)
def process_batch(batch_id: int) -> dict:
    """Process the pending files of a batch (idempotent: files already processed are skipped)."""
    from edcluster.imports.services import batch_process

    batch = batch_process(batch_id)
    return {"batch": batch.pk, "processed": batch.processed, "total": batch.total}


@shared_task(acks_late=True)
def resume_stalled() -> list[int]:
    """Periodic: queue again the unfinished batches without progress for a while."""
    from edcluster.imports.services import batches_resume_stalled

    return batches_resume_stalled()
