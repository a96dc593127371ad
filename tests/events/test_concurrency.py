"""Parallel processes register at once against whatever database the suite runs on (SQLite in
``make test``, PostgreSQL in the PG run): nobody is overbooked, nobody is registered twice."""

from __future__ import annotations

import multiprocessing

import pytest
from django.db import connections

from edcluster.events.models import Registration, RegistrationStatus
from tests.events.helpers import open_event, person

WORKERS = 6
PER_WORKER = 5


def _worker(event_pk: int, index: int, queue) -> None:
    connections.close_all()
    from edcluster.events import services
    from edcluster.events.models import Event

    results = []
    try:
        event = Event.objects.get(pk=event_pk)
        for n in range(PER_WORKER):
            mode = "online" if n % 2 else "in_person"
            reg, created = services.registration_submit(
                event=event, data=person(f"p{index}-{n}@example.test", mode=mode), consent=True
            )
            results.append((reg.pk, created))
            # everyone also submits the same e-mail: exactly one registration may come of it
            reg, created = services.registration_submit(event=event, data=person("same@example.test"), consent=True)
            results.append((reg.pk, created))
        queue.put(("ok", results))
    except Exception as exc:  # reported to the parent, which fails the test
        queue.put(("error", repr(exc)))
    finally:
        connections.close_all()


@pytest.mark.django_db(transaction=True)
def test_parallel_registrations_never_overbook_or_duplicate(world):
    event = open_event(world.cluster_x, in_person=7, online=4)
    connections.close_all()
    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()
    procs = [ctx.Process(target=_worker, args=(event.pk, i, queue)) for i in range(WORKERS)]
    for p in procs:
        p.start()
    outcomes = [queue.get(timeout=120) for _p in procs]
    for p in procs:
        p.join(timeout=60)
    errors = [detail for status, detail in outcomes if status == "error"]
    assert errors == []

    regs = Registration.objects.filter(event=event)
    confirmed = regs.filter(status=RegistrationStatus.CONFIRMED)
    assert confirmed.filter(mode="in_person").count() == 7
    assert confirmed.filter(mode="online").count() == 4
    assert regs.count() == WORKERS * PER_WORKER + 1
    assert regs.filter(email="same@example.test").count() == 1
    same = regs.get(email="same@example.test").pk
    same_results = [pk for _s, res in outcomes for pk, _c in res[1::2]]
    assert set(same_results) == {same}
    assert sum(created for _s, res in outcomes for _pk, created in res[1::2]) == 1
