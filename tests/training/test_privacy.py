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
