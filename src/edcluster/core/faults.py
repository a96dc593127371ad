"""Hooks that make background batches observable under faults (the worker-kill tests)."""

from __future__ import annotations

import time

from django.conf import settings


def batch_item_pause(index: int) -> None:
    """Sleep ``EDCLUSTER_BATCH_ITEM_PAUSE_MS`` before every item of a batch but the first, so
    a test can kill the worker while the batch is half done (0 in production: no pause)."""
    pause = settings.EDCLUSTER_BATCH_ITEM_PAUSE_MS / 1000
    if pause and index:
        time.sleep(pause)
