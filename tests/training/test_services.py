"""Rules of placement: capacity, mentor load, overlapping dates, one place per student — each
refused with a Russian message and nothing written."""

from __future__ import annotations

from datetime import date

import pytest

from edcluster.core.audit import AuditEntry
from edcluster.core.errors import Conflict, PermissionDenied, ValidationError
from edcluster.training import services
from edcluster.training.models import Evaluation, Placement
from tests.factories import OrganizationFactory
from tests.training import helpers as h


def test_base_needs_practice_direction(world):
    h.partnership(world)
    from edcluster.partnerships import services as ps

    other = ps.partnership_create(
        actor=world.admin,
        data={"kind": "cooperation_agreement", "title": "Робототехника", "indefinite": True},
        parties=[{"organization": world.org_a, "role": "initiator"}, {"organization": world.org_b, "role": "partner"}],
        activate=True,
    )
    with pytest.raises(ValidationError) as exc:
        services.base_create(actor=world.admin, college=world.org_a, organization=world.org_b, partnership=other)
    assert "Практическая подготовка студентов" in exc.value.message


def test_base_full_gives_clear_message_and_writes_nothing(world):
    period = h.period(world)
    services.placement_create(actor=world.admin, period=period, student=h.student(world, 1), base=h.base(world))
    services.placement_create(actor=world.admin, period=period, student=h.student(world, 2), base=h.base(world))
    with pytest.raises(Conflict) as exc:
        services.placement_create(actor=world.admin, period=period, student=h.student(world, 3), base=h.base(world))
    assert exc.value.message == "База заполнена: в базе практики «Организация Б» все места заняты (2 места)."
    assert Placement.objects.filter(period=period).count() == 2


def test_student_choosing_the_taken_last_place_reads_a_clear_message(world):
    period = h.period(world)
    services.places_set(actor=world.admin, period=period, base=h.base(world), places=1)
    first = services.placement_choose(actor=h.student(world, 1).person.user, period=period, base=h.base(world))
    assert first.mentor == h.mentor(world)  # a free mentor is attached
    with pytest.raises(Conflict) as exc:
        services.placement_choose(actor=h.student(world, 2).person.user, period=period, base=h.base(world))
    assert "последнее место в базе практики «Организация Б» уже занял другой студент" in exc.value.message


def test_mentor_overloaded(world):
    period = h.period(world)
    services.places_set(actor=world.admin, period=period, base=h.base(world), places=3)
    mentor = h.mentor(world)
    for n in (1, 2):
        services.placement_create(
            actor=world.admin, period=period, student=h.student(world, n), base=h.base(world), mentor=mentor
        )
    with pytest.raises(Conflict) as exc:
        services.placement_create(
            actor=world.admin, period=period, student=h.student(world, 3), base=h.base(world), mentor=mentor
        )
    assert exc.value.message == "Наставник перегружен: Наставникова\u00a0Н.П. уже ведёт 2 студентов в эти даты."


def test_dates_overlap(world):
    period = h.period(world)
    h.placement(world)
    second = services.period_create(
        actor=world.admin,
        college=world.org_a,
        data={
            "group": period.group,
            "kind": "educational",
            "starts_on": date(2026, 2, 20),
            "ends_on": date(2026, 3, 5),
        },
    )
    services.places_set(actor=world.admin, period=second, base=h.base(world), places=5)
    with pytest.raises(Conflict) as exc:
        services.placement_create(actor=world.admin, period=second, student=h.student(world, 1), base=h.base(world))
    assert exc.value.message.startswith("Даты пересекаются: в это время студент уже на практике «Производственная")


def test_one_place_per_student_and_period(world):
    period = h.period(world)
    h.placement(world)
    with pytest.raises(Conflict, match="уже распределён"):
        services.placement_create(actor=world.admin, period=period, student=h.student(world, 1), base=h.base(world))


def test_places_cannot_drop_below_taken(world):
    h.placement(world)
    with pytest.raises(ValidationError) as exc:
        services.places_set(actor=world.admin, period=h.period(world), base=h.base(world), places=0)
    assert exc.value.message == "Уже распределено 1 студент — мест не может быть меньше."


def test_diary_date_must_be_inside_the_practice(world):
    p = h.placement(world)
    user = h.student(world, 1).person.user
    with pytest.raises(ValidationError) as exc:
        services.diary_add(actor=user, placement=p, data={"date": date(2026, 3, 10), "text": "…"})
    assert exc.value.message == "Дата должна быть в пределах практики: 2–27 февраля 2026\u00a0г."
    entry = services.diary_add(actor=user, placement=p, data={"date": h.START, "text": "Провела утренний круг"})
    assert entry.present
    with pytest.raises(PermissionDenied):
        services.diary_add(actor=h.student(world, 2).person.user, placement=p, data={"date": h.END, "text": "x"})


def test_evaluation_by_mentor_and_final_mark_by_college(world):
    p = h.placement(world)
    mentor_user = h.mentor(world).user
    with pytest.raises(ValidationError) as exc:
        services.evaluation_save(actor=mentor_user, placement=p, marks={"planning": 7}, characteristic="")
    assert exc.value.errors["planning"] == ["Поставьте оценку от 2 до 5."]
    assert "characteristic" in exc.value.errors
    assert not Evaluation.objects.exists()
    ev = services.evaluation_save(
        actor=mentor_user,
        placement=p,
        marks={"planning": 5, "conduct": 5, "communication": 4, "documentation": 4, "discipline": 5},
        characteristic="Ответственная.",
    )
    assert ev.mark == 5 and ev.evaluated_by == h.mentor(world)
    with pytest.raises(PermissionDenied):
        services.final_mark_set(actor=mentor_user, placement=p, mark=5)
    services.final_mark_set(actor=world.editor_a, placement=p, mark=4)
    assert AuditEntry.objects.filter(action="training.placement.final_mark").exists()


def test_other_college_cannot_manage(world):
    period = h.period(world)
    with pytest.raises(PermissionDenied):
        services.placement_create(actor=world.editor_b, period=period, student=h.student(world, 2), base=h.base(world))


def test_outcomes_figures(world):
    from edcluster.training import selectors

    p = h.placement(world)
    services.evaluation_save(
        actor=world.admin,
        placement=p,
        marks={"planning": 4, "conduct": 4, "communication": 4, "documentation": 4, "discipline": 4},
        characteristic="Хорошо.",
    )
    services.feedback_give(actor=h.mentor(world).user, placement=p, kind="base", score=5)
    services.feedback_give(actor=h.student(world, 1).person.user, placement=p, kind="student", score=4)
    services.employment_set(actor=world.admin, student=h.student(world, 1), organization=world.org_b, year=2026)
    outside = OrganizationFactory(short_name="Вне кластера")
    services.employment_set(actor=world.admin, student=h.student(world, 2), organization=outside, year=2026)
    o = selectors.outcomes(world.admin)
    assert o["summary"] == "1 распределение студентов на 1 базу практики"
    assert o["avg_mentor_mark"] == "4,0"
    assert o["base_satisfaction"] == "5,0" and o["student_satisfaction"] == "4,0"
    assert o["per_base"][0]["count"] == "1 студент"
    assert o["mentors"][0]["name"] == "Наставникова\u00a0Н.П."
    # only student 1 has a placement, so the share counts only that graduate
    assert o["employed_share"] == "100 %"
    assert o["years"][0]["year"] == 2026


def test_placement_with_a_final_mark_cannot_be_cancelled(world):
    p = h.placement(world)
    services.final_mark_set(actor=world.admin, placement=p, mark=5)
    assert not p.diary.exists()
    with pytest.raises(Conflict) as exc:
        services.placement_cancel(actor=world.editor_a, placement=p)
    assert str(exc.value.message) == "Отменить распределение нельзя: уже поставлена итоговая оценка."
    assert Placement.objects.filter(pk=p.pk, final_mark=5).exists()
    assert not AuditEntry.objects.filter(action="training.placement.cancelled").exists()


def test_placement_with_a_survey_cannot_be_cancelled_and_the_message_names_it(world):
    p = h.placement(world)
    services.feedback_give(actor=h.student(world, 1).person.user, placement=p, kind="student", score=4)
    with pytest.raises(Conflict, match="уже заполнена анкета"):
        services.placement_cancel(actor=world.editor_a, placement=p)
    assert Placement.objects.filter(pk=p.pk).exists()


def test_placement_with_nothing_recorded_is_cancelled(world):
    p = h.placement(world)
    services.placement_cancel(actor=world.editor_a, placement=p)
    assert not Placement.objects.filter(pk=p.pk).exists()


def test_student_choice_attaches_a_mentor_with_room_and_audits_it(world):
    period = h.period(world)
    base = h.base(world)
    nina = h.mentor(world)
    services.places_set(actor=world.admin, period=period, base=base, places=3)
    busy = h.staff(world)
    services.base_mentor_add(actor=world.admin, base=base, person=busy)
    assert base.mentors.first() == busy  # the busy mentor is offered first
    for n in (1, 2):
        services.placement_create(actor=world.admin, period=period, student=h.student(world, n), base=base, mentor=busy)

    chosen = services.placement_choose(actor=h.student(world, 3).person.user, period=period, base=base)

    assert Placement.objects.get(pk=chosen.pk).mentor == nina
    entry = AuditEntry.objects.get(action="training.placement.mentor_changed")
    assert entry.changes == {"mentor": ["", nina.short_name]}
