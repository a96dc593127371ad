"""Two students take the last place at once, in parallel processes, against whatever database the
suite runs on (SQLite in ``make test``, PostgreSQL in the PG run): one gets it, the other reads
the clear message, the base is never overbooked."""

from __future__ import annotations

import multiprocessing

import pytest
from django.db import connections

from edcluster.training import services
from edcluster.training.models import Placement
from tests.training import helpers as h

STUDENTS = 3


def _worker(period_pk: int, base_pk: int, username: str, barrier, queue) -> None:
    connections.close_all()
    from django.contrib.auth import get_user_model

    from edcluster.core.errors import Conflict
    from edcluster.training import services
    from edcluster.training.models import PracticeBase, PracticePeriod

    try:
        user = get_user_model().objects.get(username=username)
        period = PracticePeriod.objects.get(pk=period_pk)
        base = PracticeBase.objects.get(pk=base_pk)
        barrier.wait(timeout=30)
        try:
            placement = services.placement_choose(actor=user, period=period, base=base)
        except Conflict as exc:
            queue.put(("refused", exc.message))
        else:
            queue.put(("placed", placement.pk))
    except Exception as exc:  # reported to the parent, which fails the test
        queue.put(("error", repr(exc)))
    finally:
        connections.close_all()


@pytest.mark.django_db(transaction=True)
def test_last_place_race_one_wins_others_read_a_clear_message(world):
    period = h.period(world)
    base = h.base(world)
    services.places_set(actor=world.admin, period=period, base=base, places=1)
    connections.close_all()
    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()
    barrier = ctx.Barrier(STUDENTS)
    procs = [
        ctx.Process(target=_worker, args=(period.pk, base.pk, f"student{n}", barrier, queue))
        for n in range(1, STUDENTS + 1)
    ]
    for p in procs:
        p.start()
    outcomes = [queue.get(timeout=120) for _p in procs]
    for p in procs:
        p.join(timeout=60)
    assert [o for o in outcomes if o[0] == "error"] == []
    assert sorted(kind for kind, _d in outcomes) == ["placed", "refused", "refused"]
    for kind, detail in outcomes:
        if kind == "refused":
            assert detail == (
                "Мест больше нет: последнее место в базе практики «Организация Б» уже занял другой студент. "
                "Выберите другую базу."
            )
    assert Placement.objects.filter(period=period, base=base).count() == 1
