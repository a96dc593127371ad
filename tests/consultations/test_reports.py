import datetime as dt
import random

import pytest
from django.utils import timezone

from edcluster.consultations import services
from edcluster.consultations.models import Centre, Consultation, ParentRequest
from edcluster.consultations.selectors import ADDITIVE, Period, report

pytestmark = pytest.mark.django_db


def _generate(world, centres, year):
    rng = random.Random(7)
    for _i in range(120):
        key = rng.choice("ab")
        day = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
        req = services.request_create(
            centre=centres[key],
            data={
                "applicant_kind": "parent",
                "name": "Родитель",
                "child_age": rng.randint(0, 7),
                "topic": rng.choice(["speech", "behaviour", "health"]),
                "preferred_form": "remote",
                "email": f"family{rng.randint(1, 40)}@example.test",
            },
            consent=True,
        )
        ParentRequest.objects.filter(pk=req.pk).update(
            created_at=timezone.make_aware(dt.datetime.combine(day, dt.time(9)))
        )
        req.refresh_from_db()
        c = services.consultation_record(
            actor=world.admin,
            centre=centres[key],
            data={
                "specialist": centres[f"sp_{key}"],
                "request": req if rng.random() < 0.7 else None,
                "date": day + dt.timedelta(days=rng.randint(0, 3)),
                "form": rng.choice(["in_person", "remote", "visit"]),
                "duration": rng.choice([30, 45, 60]),
                "recipient_category": rng.choice(["under3", "disabled", "other"]),
                "topic": rng.choice(["speech", "school"]),
                "email": req.email,
            },
        )
        if rng.random() < 0.5:
            services.survey_answer(token=c.survey_token, satisfied=rng.random() < 0.8, score=rng.randint(2, 5))


def test_quarter_and_year_equal_the_sum_of_their_months(world, centres):
    year = timezone.localdate().year - 1
    _generate(world, centres, year)
    everything = Centre.objects.all()
    months = {m: report(everything, Period("month", year, m), compare=False) for m in range(1, 13)}
    periods = [Period("year", year)] + [Period("quarter", year, q) for q in range(1, 5)]
    for period in periods:
        total = report(everything, period, compare=False)
        parts = [months[p.n] for p in period.months()]
        for key in ADDITIVE:
            assert total[key] == sum(p[key] for p in parts), (period, key)
        for key in ("by_form", "by_category", "by_specialist", "by_topic"):
            summed = [sum(p[key][i][2] for p in parts) for i in range(len(total[key]))]
            assert [row[2] for row in total[key]] == summed, (period, key)
        assert total["families"] <= sum(p["families"] for p in parts)
    year_report = report(everything, Period("year", year), compare=False)
    assert year_report["services"] + year_report["short"] == Consultation.objects.count() == 120
    assert year_report["requests"] == 120
    # 30-minute consultations are not services (the minimum is 45 by default).
    assert year_report["short"] == Consultation.objects.filter(duration=30).count() > 0


def test_minimum_duration_is_configurable_per_centre(world, centres):
    services.centre_update(actor=world.editor_a, centre=centres["a"], data={"min_duration": 30})
    services.consultation_record(
        actor=world.editor_a,
        centre=centres["a"],
        data={
            "specialist": centres["sp_a"],
            "date": timezone.localdate(),
            "form": "remote",
            "duration": 30,
            "recipient_category": "other",
            "topic": "other",
        },
    )
    r = report(Centre.objects.filter(pk=centres["a"].pk), Period.current())
    assert r["services"] == 1 and r["short"] == 0
    assert r["delta"]["services"] == 1
    with pytest.raises(Exception) as exc:
        services.centre_update(actor=world.editor_a, centre=centres["a"], data={"min_duration": 0})
    assert "от 1 до 240" in str(exc.value)


def test_period_labels_and_previous():
    assert Period("quarter", 2025, 1).previous() == Period("quarter", 2024, 4)
    assert Period("month", 2025, 3).label == "Март 2025 г."
    assert Period("quarter", 2025, 2).label == "II квартал 2025 г."
    assert Period("year", 2025).end == dt.date(2026, 1, 1)
