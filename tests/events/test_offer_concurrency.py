"""Offers under concurrency (SQLite in ``make test``, PostgreSQL in the PG run): while one person
accepts an offered place, others register and the beat task expires offers at the same moment —
the held place is never given twice and the mode is never overbooked."""

from __future__ import annotations

import multiprocessing
from datetime import timedelta

import pytest
from django.db import connections
from django.utils import timezone

from edcluster.events import services
from edcluster.events.models import Registration, RegistrationStatus
from tests.events.helpers import open_event, person

NEWCOMERS = 4


def _run(kind: str, event_pk: int, arg: str, queue) -> None:
    connections.close_all()
    from edcluster.events import services
    from edcluster.events.models import Event

    try:
        if kind == "accept":
            reg = services.offer_accept(secret=arg)
            queue.put(("ok", reg.status))
        elif kind == "expire":
            queue.put(("ok", services.offers_expire(now=timezone.now() + timedelta(hours=100))))
        else:
            event = Event.objects.get(pk=event_pk)
            reg, _c = services.registration_submit(event=event, data=person(arg), consent=True)
            queue.put(("ok", reg.status))
    except Exception as exc:  # a refused accept (expired first) is a fine outcome
        queue.put(("error", type(exc).__name__))
    finally:
        connections.close_all()


@pytest.mark.django_db(transaction=True)
def test_accept_expire_and_new_registrations_race_without_overbooking(world):
    event = open_event(world.cluster_x, in_person=1, online=0)
    first, _ = services.registration_submit(event=event, data=person("first@example.test"), consent=True)
    waiting, _ = services.registration_submit(event=event, data=person("waiting@example.test"), consent=True)
    services.registration_submit(event=event, data=person("second@example.test"), consent=True)
    services.registration_cancel(secret=first.secret)
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.OFFERED
    connections.close_all()
    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()
    jobs = [("accept", str(waiting.secret)), ("expire", "")] + [
        ("register", f"new{i}@example.test") for i in range(NEWCOMERS)
    ]
    procs = [ctx.Process(target=_run, args=(kind, event.pk, arg, queue)) for kind, arg in jobs]
    for p in procs:
        p.start()
    outcomes = [queue.get(timeout=120) for _p in procs]
    for p in procs:
        p.join(timeout=60)
    assert [o for o in outcomes if o[0] == "error" and o[1] != "Conflict"] == []

    regs = Registration.objects.filter(event=event)
    holding = regs.filter(status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.OFFERED])
    assert holding.count() == 1  # exactly one person holds the single place
    waiting.refresh_from_db()
    if waiting.status == RegistrationStatus.CONFIRMED:
        assert regs.get(email="second@example.test").status == RegistrationStatus.WAITLISTED
    else:  # the offer expired first: the place went on to the next in line
        assert waiting.status == RegistrationStatus.CANCELLED
        assert regs.get(email="second@example.test").status == RegistrationStatus.OFFERED
    assert regs.filter(email__startswith="new", status=RegistrationStatus.WAITLISTED).count() == NEWCOMERS
