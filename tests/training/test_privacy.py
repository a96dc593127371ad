"""A student's erasure clears the diary and the characteristic but keeps the college's counts."""

import pytest

from edcluster.core import privacy
from edcluster.training import services
from edcluster.training.models import CRITERIA, DiaryEntry, Evaluation, Placement
from edcluster.training.privacy import ERASED_TEXT
from tests.training.helpers import entry, placement

pytestmark = pytest.mark.django_db


def test_student_export_and_erasure(world):
    e = entry(world)
    p = placement(world)
    services.evaluation_save(
        actor=world.admin,
        placement=p,
        marks={code: 5 for code, _label in CRITERIA},
        characteristic="Иванова М.С. проявила инициативу и ответственность.",
    )
    person = p.student.person
    person.email = "maria.ivanova@example.test"
    person.save()
    section = next(
        s for s in privacy.person_export(email=person.email)["разделы"] if s["раздел"].startswith("Практика студентов")
    )
    assert section["записи"][0]["дневник"][0]["что сделано"] == "Наблюдала за режимными моментами"

    privacy.person_erase(email=person.email, actor=world.admin)

    assert DiaryEntry.objects.get(pk=e.pk).text == ERASED_TEXT
    assert Evaluation.objects.get(placement=p).characteristic == ERASED_TEXT
    assert Placement.objects.filter(pk=p.pk).exists()  # counts of placements and marks hold


def test_erasure_removes_diary_attachments_and_student_feedback_comment(world, django_capture_on_commit_callbacks):
    from edcluster.training.models import Feedback
    from tests.training.helpers import entry_with_file, mentor, student

    e = entry_with_file(world)
    p = e.placement
    stored, storage = e.attachment.name, e.attachment.storage
    assert stored and storage.exists(stored)
    services.feedback_give(
        actor=student(world, 1).person.user, placement=p, kind="student", score=4, comment="Мне помогала Нина Петровна"
    )
    services.feedback_give(actor=mentor(world).user, placement=p, kind="base", score=5, comment="Хорошая подготовка")
    person = p.student.person
    person.email = "maria.ivanova@example.test"
    person.save()

    with django_capture_on_commit_callbacks(execute=True):
        privacy.person_erase(email=person.email, actor=world.admin)

    e.refresh_from_db()
    assert not e.attachment and not storage.exists(stored)
    assert e.text == ERASED_TEXT
    assert Feedback.objects.get(placement=p, kind="student").comment == ""
    assert Feedback.objects.get(placement=p, kind="student").score == 4  # the counts hold
    assert Feedback.objects.get(placement=p, kind="base").comment == "Хорошая подготовка"
    assert DiaryEntry.objects.filter(pk=e.pk).exists()


def test_export_reads_the_diary_without_a_query_per_placement(world):
    from datetime import date

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from edcluster.core.privacy import subject_for
    from edcluster.training.privacy import _export
    from tests.training.helpers import base, mentor, student

    entry(world)
    p = placement(world)
    march = services.period_create(
        actor=world.admin,
        college=world.org_a,
        data={
            "group": p.student.group,
            "kind": "educational",
            "starts_on": date(2026, 3, 2),
            "ends_on": date(2026, 3, 27),
        },
    )
    services.places_set(actor=world.admin, period=march, base=base(world), places=2)
    services.placement_create(
        actor=world.admin, period=march, student=student(world, 1), base=base(world), mentor=mentor(world)
    )
    person = p.student.person
    person.email = "maria.ivanova@example.test"
    person.save()

    with CaptureQueriesContext(connection) as ctx:
        rows = _export(subject_for(person.email))

    assert sum(1 for r in rows if "дневник" in r) == 2
    assert len([q for q in ctx.captured_queries if '"training_diaryentry"' in q["sql"]]) == 1
