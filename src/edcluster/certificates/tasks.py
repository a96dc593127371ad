"""Background work of certificates: the batch issue (idempotent, resumable, reports progress)."""

from __future__ import annotations

from celery import shared_task

from edcluster.certificates import services


@shared_task(acks_late=True)
def issue_batch(batch_pk: int, fail_after: int | None = None) -> int:
    """Issue every missing certificate of the batch's event; a rerun issues only what is still missing."""
    return services.batch_run(batch_pk, fail_after=fail_after).done
