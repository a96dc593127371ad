"""Background work of analytics: dashboard snapshots (``analytics.snapshots``)."""

from __future__ import annotations

from celery import shared_task

from edcluster.analytics import snapshots


@shared_task(acks_late=True)
def refresh_snapshot(pk: int) -> bool:
    """Recompute one dashboard snapshot (queued by a visit that found it stale)."""
    return snapshots.refresh_by_id(pk)


@shared_task(acks_late=True)
def compute_snapshot(scope_params: dict[str, str], start: str, end: str, preset: str) -> bool:
    """Compute a dashboard whose computation is long: queued by its first visit or by «Обновить»."""
    return snapshots.compute_queued(scope_params, start, end, preset)


@shared_task(acks_late=True)
def refresh_dashboards() -> int:
    """Periodic: refresh the stale snapshots of dashboards viewed lately, forget old ones."""
    return snapshots.refresh_active()
