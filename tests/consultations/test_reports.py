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


def _named_centre(world, centres):
    """Centre A with two named specialists who share its consultations over a year."""
    ivanova = services.specialist_create(
        actor=world.editor_a,
        centre=centres["a"],
        data={"kind": "speech", "full_name": "Иванова Анна Алексеевна"},
    )
    services.specialist_update(
        actor=world.editor_a, specialist=centres["sp_a"], data={"full_name": "Петров Сергей Ильич"}
    )
    return ivanova, centres["sp_a"]


def _consult(world, centres, specialist, day, duration=60):
    return services.consultation_record(
        actor=world.editor_a,
        centre=centres["a"],
        data={
            "specialist": specialist,
            "date": day,
            "form": "in_person",
            "duration": duration,
            "recipient_category": "other",
            "topic": "speech",
        },
    )


def test_month_figures_per_named_specialist_and_quarter_is_their_sum(world, centres):
    ivanova, petrov = _named_centre(world, centres)
    year = timezone.localdate().year - 1
    rng = random.Random(3)
    expected: dict[tuple[int, int], int] = {}
    for _i in range(60):
        who = rng.choice([ivanova, petrov])
        month = rng.randint(1, 6)
        duration = rng.choice([30, 60])
        _consult(world, centres, who, dt.date(year, month, rng.randint(1, 28)), duration)
        if duration >= 45:
            expected[(who.pk, month)] = expected.get((who.pk, month), 0) + 1
    one = Centre.objects.filter(pk=centres["a"].pk)
    months = {m: report(one, Period("month", year, m), compare=False, named=True) for m in range(1, 7)}
    for m, r in months.items():
        rows = {label: n for _code, label, n in r["by_person"]}
        # the short form of core.ru, with a no-break space between the surname and the initials
        assert rows == {
            "Иванова\u00a0А.А., учитель-логопед": expected.get((ivanova.pk, m), 0),
            "Петров\u00a0С.И., педагог-психолог": expected.get((petrov.pk, m), 0),
        }, m
        assert sum(rows.values()) == r["services"]
    for q in (1, 2):
        total = report(one, Period("quarter", year, q), compare=False, named=True)
        parts = [months[p.n] for p in Period("quarter", year, q).months()]
        assert [row[2] for row in total["by_person"]] == [
            sum(p["by_person"][i][2] for p in parts) for i in range(len(total["by_person"]))
        ]
    assert "by_person" not in report(Centre.objects.all(), Period("year", year), compare=False)


def test_a_specialist_who_left_still_has_their_services_in_the_report(world, centres):
    ivanova, _petrov = _named_centre(world, centres)
    day = timezone.localdate()
    _consult(world, centres, ivanova, day)
    services.specialist_update(actor=world.editor_a, specialist=ivanova, data={"is_active": False})
    rows = report(Centre.objects.filter(pk=centres["a"].pk), Period.current(), named=True)["by_person"]
    assert [(label, n) for _c, label, n in rows] == [
        ("Иванова\u00a0А.А., учитель-логопед", 1),
        ("Петров\u00a0С.И., педагог-психолог", 0),
    ]


def test_centre_report_page_xlsx_and_docx_name_the_specialists(client_for, world, centres):
    import io

    from openpyxl import load_workbook

    from edcluster.documents.builder import docx_to_text

    ivanova, _petrov = _named_centre(world, centres)
    _consult(world, centres, ivanova, timezone.localdate())
    c = client_for(world.editor_a)
    base = f"/consultations/{centres['a'].pk}/report/"
    page = c.get(base).content.decode()
    assert "По специалистам (поимённо)" in page
    assert "Иванова\u00a0А.А., учитель-логопед" in page
    wb = load_workbook(io.BytesIO(c.get(base + "xlsx/").content))
    rows = {r[0].value: r[1].value for r in wb["По специалистам (поимённо)"].iter_rows(min_row=2)}
    assert rows == {"Иванова\u00a0А.А., учитель-логопед": 1, "Петров\u00a0С.И., педагог-психолог": 0}
    text = docx_to_text(c.get(base + "docx/").content)
    assert "По специалистам (поимённо)" in text


def test_report_through_the_documents_registry_and_only_for_the_centres_staff(world, centres):
    from edcluster.core.errors import NotFound, PermissionDenied
    from edcluster.documents import services as documents
    from edcluster.documents.builder import docx_to_text
    from edcluster.documents.registry import get_kind

    ivanova, _petrov = _named_centre(world, centres)
    today = timezone.localdate()
    _consult(world, centres, ivanova, today)
    options = {"kind": "month", "year": str(today.year), "n": str(today.month)}
    doc = documents.document_generate(
        actor=world.editor_a, kind="consultation_report", pk=centres["a"].pk, options=options
    )
    text = docx_to_text(bytes(doc.docx))
    assert "Консультационный центр А" in text
    assert "За период оказано 1" in text
    # the shipped template accepts its own example (what an uploaded template is checked against)
    documents.template_check(kind=get_kind("consultation_report"), data=get_kind("consultation_report").builtin())
    with pytest.raises((NotFound, PermissionDenied)):
        documents.document_generate(
            actor=world.editor_b, kind="consultation_report", pk=centres["a"].pk, options=options
        )
