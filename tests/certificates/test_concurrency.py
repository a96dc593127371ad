"""Concurrent batches (parallel processes, SQLite or PostgreSQL — whatever the suite runs on):
every eligible registration gets exactly one certificate per kind, and the cluster's numbers are
unique and without gaps, even where two batches race for the same registrations."""

from __future__ import annotations

import multiprocessing

import pytest
from django.db import connections

from edcluster.certificates.models import Batch, Certificate
from tests.certificates.helpers import held_event

WORKERS = 4


def _worker(batch_pk: int, queue) -> None:
    connections.close_all()
    from edcluster.certificates import services

    try:
        services.batch_run(batch_pk)
        queue.put(("ok", batch_pk))
    except Exception as exc:  # reported to the parent, which fails the test
        queue.put(("error", repr(exc)))
    finally:
        connections.close_all()


@pytest.mark.django_db(transaction=True)
def test_parallel_batches_give_unique_contiguous_numbers(world):
    first = held_event(world.cluster_x, people=6, checked_in=6, speakers=2, title="Первая")
    second = held_event(world.cluster_x, people=6, checked_in=5, speakers=3, title="Вторая")
    # two batches for each event race for the same registrations
    batches = [Batch.objects.create(event=ev, send_mail=False) for ev in (first, second, first, second)]
    connections.close_all()
    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()
    procs = [ctx.Process(target=_worker, args=(b.pk, queue)) for b in batches[:WORKERS]]
    for p in procs:
        p.start()
    outcomes = [queue.get(timeout=180) for _p in procs]
    for p in procs:
        p.join(timeout=60)
    assert [detail for status, detail in outcomes if status == "error"] == []

    expected = (6 + 2) + (5 + 3)
    pairs = list(Certificate.objects.values_list("registration_id", "kind_id"))
    assert len(pairs) == len(set(pairs)) == expected
    assert sorted(Certificate.objects.values_list("seq", flat=True)) == list(range(1, expected + 1))
    numbers = set(Certificate.objects.values_list("number", flat=True))
    assert len(numbers) == expected and "2030-X-000001" in numbers
