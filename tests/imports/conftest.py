"""Helpers of the import flow tests: a council of cluster X and an upload that runs its task."""

from __future__ import annotations

import pytest

from tests.shared import SHARED

PROTOCOL = SHARED / "samples" / "council_protocol.txt"


@pytest.fixture
def council(world):
    from edcluster.meetings import services

    return services.body_create(
        actor=world.coordinator_x, cluster=world.cluster_x, data={"name": "Координационный совет"}
    )


@pytest.fixture
def upload(django_capture_on_commit_callbacks):
    """``upload(user, cluster, [(name, bytes)], organization=None)`` — a batch, processed."""
    from edcluster.imports import services

    def do(user, cluster, files, organization=None):
        with django_capture_on_commit_callbacks(execute=True):
            batch = services.batch_create(actor=user, cluster=cluster, organization=organization, uploads=files)
        batch.refresh_from_db()
        return batch

    return do


@pytest.fixture
def protocol_bytes() -> bytes:
    return PROTOCOL.read_bytes()
