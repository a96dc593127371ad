"""The same slot booked from two processes against the configured database (SQLite by default,
PostgreSQL in CI's PostgreSQL run): exactly one wins, the other gets a clear Russian message."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from edcluster.consultations.models import Appointment
from tests.celery_worker import database_url
from tests.consultations.conftest import next_monday

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db(transaction=True)
def test_two_processes_book_the_same_slot(world, centres, tmp_path):
    go = tmp_path / "go"
    when = next_monday(10)
    env = {**os.environ, "DATABASE_URL": database_url(), "DJANGO_SETTINGS_MODULE": "edcluster.config.settings"}
    args = [str(go), str(world.editor_a.pk), str(centres["a"].pk), str(centres["sp_a"].pk), when.isoformat()]
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.consultations.book_slot", *args],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _n in range(2)
    ]
    go.touch()
    results = []
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err[-2000:]
        results.append(json.loads(out.strip().splitlines()[-1]))
    assert sorted(r["ok"] for r in results) == [False, True], results
    loser = next(r for r in results if not r["ok"])
    assert loser["message"] == "Это время у специалиста уже занято. Выберите другой слот."
    assert loser["code"] == "conflict"
    assert Appointment.objects.filter(specialist=centres["sp_a"], starts_at=when).count() == 1


@pytest.mark.django_db
def test_database_refuses_a_second_live_booking_even_without_the_check(centres):
    from django.db import IntegrityError, transaction

    when = next_monday(11)
    Appointment.objects.create(centre=centres["a"], specialist=centres["sp_a"], starts_at=when, form="remote")
    with pytest.raises(IntegrityError), transaction.atomic():
        Appointment.objects.create(centre=centres["a"], specialist=centres["sp_a"], starts_at=when, form="remote")
    Appointment.objects.filter(starts_at=when).update(status="cancelled")
    Appointment.objects.create(centre=centres["a"], specialist=centres["sp_a"], starts_at=when, form="remote")
    assert Appointment.objects.filter(starts_at=when).count() == 2
