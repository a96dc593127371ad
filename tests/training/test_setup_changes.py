"""Changing the setup after it is made: edit or remove a base, take a student out of a group, change
a placement's mentor — and the list of a base's students for a period (XLSX and DOCX) that a
kindergarten downloads. Russian messages, nothing written on refusal, another organisation refused."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from edcluster.core.audit import AuditEntry
from edcluster.core.errors import Conflict, NotFound, PermissionDenied
from edcluster.documents.builder import docx_to_text
from edcluster.documents.models import GeneratedDocument
from edcluster.organizations.models import RoleAssignment
from edcluster.training import services
from edcluster.training.models import BasePlaces, Placement, PracticeBase, Student
from tests.factories import OrganizationFactory, PersonFactory, UserFactory
from tests.training import helpers as h

J = "application/json"


def _other_kindergarten(w):
    """Kindergarten C, another base of the same college, with its own editor."""
    org_c = OrganizationFactory(short_name="Детский сад В", full_name="Детский сад В")
    editor_c = UserFactory(username="editor_c")
    RoleAssignment.objects.create(user=editor_c, role="editor", organization=org_c)
    return h.base(w, org_c), editor_c


def _second_mentor(w):
    person = PersonFactory(last_name="Воспитателева", first_name="Ирина", middle_name="Павловна", organization=w.org_b)
    services.base_mentor_add(actor=w.admin, base=h.base(w), person=person)
    return person


# --- a base ----------------------------------------------------------------------------------------


def test_base_editor_edits_the_base_and_bad_input_changes_nothing(world, client_for):
    base = h.base(world)
    c = client_for(world.editor_b)
    url = f"/training/bases/{base.pk}/edit/"
    assert "Рабочее место в группе" in c.get(url).content.decode()
    r = c.post(url, {"specialisations": ["preschool", "correctional"], "conditions": "", "default_places": 0})
    assert r.status_code == 200
    assert "Обязательное поле." in r.content.decode()
    base.refresh_from_db()
    assert base.conditions == "Рабочее место в группе"
    r = c.post(
        url,
        {
            "specialisations": ["preschool", "correctional"],
            "conditions": "Логопедическая группа, кабинет для практикантов",
            "default_places": 3,
            "mentor_load": 4,
        },
        follow=True,
    )
    page = r.content.decode()
    assert "База практики сохранена." in page
    assert "Дошкольное образование, Специальное дошкольное образование" in page
    assert "Логопедическая группа, кабинет для практикантов" in page
    base.refresh_from_db()
    assert (base.default_places, base.mentor_load) == (3, 4)
    entry = AuditEntry.objects.filter(action="training.base.updated").get()
    assert entry.changes["mentor_load"] == [2, 4]


def test_another_kindergarten_cannot_edit_or_delete_the_base(world, client_for):
    base = h.base(world)
    _base_c, editor_c = _other_kindergarten(world)
    c = client_for(editor_c)
    assert c.get(f"/training/bases/{base.pk}/edit/").status_code == 404
    assert c.post(f"/training/bases/{base.pk}/delete/").status_code == 404
    r = c.patch(f"/api/training/bases/{base.pk}", {"conditions": "x"}, content_type=J)
    assert r.status_code == 404
    with pytest.raises(PermissionDenied):
        services.base_update(actor=editor_c, base=base, data={"conditions": "x"})
    # the base itself edits, but only the college removes it
    with pytest.raises(PermissionDenied):
        services.base_delete(actor=world.editor_b, base=base)
    base.refresh_from_db()
    assert base.conditions == "Рабочее место в группе"


def test_base_with_students_is_not_deleted_and_an_empty_one_is(world, client_for):
    h.placement(world)
    base = h.base(world)
    c = client_for(world.editor_a)
    r = c.post(f"/training/bases/{base.pk}/delete/", follow=True)
    assert (
        "Базу практики «Организация Б» нельзя удалить, пока на ней есть студенты (1 студент). "
        "Сначала отмените распределения." in r.content.decode()
    )
    assert PracticeBase.objects.filter(pk=base.pk).exists()
    r = c.delete(f"/api/training/bases/{base.pk}")
    assert r.status_code == 409 and "нельзя удалить" in r.json()["message"]

    base_c, _editor_c = _other_kindergarten(world)
    services.places_set(actor=world.admin, period=h.period(world), base=base_c, places=2)
    r = c.post(f"/training/bases/{base_c.pk}/delete/", follow=True)
    assert "База практики удалена: Детский сад В." in r.content.decode()
    assert not PracticeBase.objects.filter(pk=base_c.pk).exists()
    assert not BasePlaces.objects.filter(base_id=base_c.pk).exists()
    assert AuditEntry.objects.filter(action="training.base.deleted").count() == 1


def test_base_patch_through_the_api(world, client_for):
    base = h.base(world)
    r = client_for(world.editor_a).patch(
        f"/api/training/bases/{base.pk}", {"specialisations": ["primary"], "mentor_load": 3}, content_type=J
    )
    assert r.status_code == 200, r.content
    assert r.json()["specialisations"] == ["primary"] and r.json()["mentor_load"] == 3
    assert r.json()["conditions"] == "Рабочее место в группе"
    r = client_for(world.editor_a).patch(
        f"/api/training/bases/{base.pk}", {"specialisations": ["astronomy"]}, content_type=J
    )
    assert r.status_code == 422 and "Неизвестная специальность." in str(r.json())


# --- a student -------------------------------------------------------------------------------------


def test_student_removed_from_group_with_an_untouched_placement(world, client_for):
    period = h.period(world)
    s2 = h.student(world, 2)
    services.placement_create(actor=world.admin, period=period, student=s2, base=h.base(world))
    c = client_for(world.editor_a)
    r = c.post(f"/training/students/{s2.pk}/remove/", follow=True)
    page = r.content.decode()
    assert "Студент исключён из группы: Петрова\u00a0О.С." in page
    students = page.split('id="group-students"')[1].split("</ul>")[0]
    assert "Петрова Ольга Сергеевна" not in students and "Иванова Мария Сергеевна" in students
    assert not Student.objects.filter(pk=s2.pk).exists()
    assert not Placement.objects.filter(student_id=s2.pk).exists()
    # the person stays in the registry
    assert s2.person.__class__.objects.filter(pk=s2.person_id).exists()


def test_student_with_a_diary_is_not_removed(world, client_for):
    h.entry(world)
    s1 = h.student(world, 1)
    r = client_for(world.editor_a).post(f"/training/students/{s1.pk}/remove/", follow=True)
    assert (
        "Иванова\u00a0М.С. нельзя исключить из группы: по практике «Производственная практика, ДО-31» уже "
        "ведётся дневник или стоят оценки — эта запись колледжа сохраняется." in r.content.decode()
    )
    assert Student.objects.filter(pk=s1.pk).exists() and Placement.objects.filter(student=s1).exists()
    r = client_for(world.editor_a).delete(f"/api/training/students/{s1.pk}")
    assert r.status_code == 409


def test_student_removal_refused_to_the_base_and_other_colleges(world, client_for):
    s3 = h.student(world, 3)
    assert client_for(world.editor_b).post(f"/training/students/{s3.pk}/remove/").status_code == 404
    assert client_for(world.viewer_x).post(f"/training/students/{s3.pk}/remove/").status_code == 403
    assert client_for(world.editor_b).delete(f"/api/training/students/{s3.pk}").status_code == 404
    assert Student.objects.filter(pk=s3.pk).exists()
    assert client_for(world.editor_a).delete(f"/api/training/students/{s3.pk}").status_code == 204
    assert not Student.objects.filter(pk=s3.pk).exists()


# --- a placement's mentor --------------------------------------------------------------------------


def test_mentor_changed_and_an_overloaded_mentor_refused(world, client_for):
    period = h.period(world)
    services.places_set(actor=world.admin, period=period, base=h.base(world), places=3)
    first = h.mentor(world)
    p1 = h.placement(world)
    second = _second_mentor(world)
    p2 = services.placement_create(
        actor=world.admin, period=period, student=h.student(world, 2), base=h.base(world), mentor=first
    )
    p3 = services.placement_create(
        actor=world.admin, period=period, student=h.student(world, 3), base=h.base(world), mentor=second
    )
    c = client_for(world.editor_b)
    # the first mentor has two students (the base's limit): the third is refused
    r = c.post(f"/training/placements/{p3.pk}/mentor/", {"mentor": first.pk}, follow=True)
    assert "Наставник перегружен: Наставникова\u00a0Н.П. уже ведёт 2 студентов в эти даты." in r.content.decode()
    p3.refresh_from_db()
    assert p3.mentor_id == second.pk
    # moving one of hers to the second mentor is fine, and then the third may go to her
    r = c.post(f"/training/placements/{p2.pk}/mentor/", {"mentor": second.pk}, follow=True)
    assert "Наставник сохранён." in r.content.decode()
    assert "Воспитателева Ирина Павловна" in r.content.decode()
    r = client_for(world.editor_a).patch(f"/api/training/placements/{p3.pk}", {"mentor_id": first.pk}, content_type=J)
    assert r.status_code == 200 and r.json()["mentor_id"] == first.pk
    r = client_for(world.editor_a).patch(f"/api/training/placements/{p2.pk}", {"mentor_id": first.pk}, content_type=J)
    assert r.status_code == 409 and "Наставник перегружен" in r.json()["message"]
    assert p1.mentor_id == first.pk
    entries = AuditEntry.objects.filter(action="training.placement.mentor_changed")
    assert entries.count() == 2


def test_mentor_change_refused_to_a_student_and_another_kindergarten(world, client_for):
    p = h.placement(world)
    base_c, editor_c = _other_kindergarten(world)
    other_mentor = h.mentor(world, base_c.organization)
    assert client_for(editor_c).post(f"/training/placements/{p.pk}/mentor/", {"mentor": ""}).status_code == 404
    student = client_for(h.student(world, 1).person.user)
    assert student.post(f"/training/placements/{p.pk}/mentor/", {"mentor": ""}).status_code == 403
    assert "Сменить наставника" not in student.get(f"/training/placements/{p.pk}/").content.decode()
    # a mentor of another base is not offered and not accepted
    r = client_for(world.editor_a).post(f"/training/placements/{p.pk}/mentor/", {"mentor": other_mentor.pk})
    assert r.status_code == 302
    r = client_for(world.editor_a).patch(
        f"/api/training/placements/{p.pk}", {"mentor_id": other_mentor.pk}, content_type=J
    )
    assert r.status_code == 404
    p.refresh_from_db()
    assert p.mentor_id == h.mentor(world).pk


# --- lists by base ---------------------------------------------------------------------------------


def _list_rows(response) -> list[tuple]:
    ws = load_workbook(io.BytesIO(response.content)).active
    return [tuple(c.value for c in row) for row in ws.iter_rows()]


def test_base_list_xlsx_for_the_kindergarten_and_the_college_only(world, client_for):
    period = h.period(world)
    h.placement(world)
    tricky = PersonFactory(last_name='=HYPERLINK("http://x")', first_name="Ева", middle_name="Ивановна")
    tricky_student = services.student_add(actor=world.admin, group=period.group, person=tricky)
    services.placement_create(actor=world.admin, period=period, student=tricky_student, base=h.base(world))
    base_c, editor_c = _other_kindergarten(world)
    services.places_set(actor=world.admin, period=period, base=base_c, places=2)
    services.placement_create(actor=world.admin, period=period, student=h.student(world, 2), base=base_c)
    url = f"/training/places/{h.offer(world).pk}/students.xlsx"

    r = client_for(world.editor_b).get(url)
    assert r.status_code == 200 and r["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = _list_rows(r)
    assert rows[0] == ("№", "ФИО студента", "Группа", "Специальность", "Наставник", "Начало", "Окончание")
    assert rows[2][1:5] == ("Иванова Мария Сергеевна", "ДО-31", "Дошкольное образование", "Наставникова Нина Петровна")
    assert rows[2][5].date() == h.START and rows[2][6].date() == h.END
    # a name that looks like a formula stays text
    assert rows[1][1].startswith("'=HYPERLINK")
    # only this base's students: Petrova is at kindergarten C
    assert len(rows) == 3 and all("Петрова" not in (r[1] or "") for r in rows)
    assert _list_rows(client_for(world.editor_a).get(url)) == rows
    # another kindergarten and a student may not download it
    assert client_for(editor_c).get(url).status_code == 404
    assert client_for(h.student(world, 1).person.user).get(url).status_code == 404
    # the base page links the list of each period
    assert url in client_for(world.editor_b).get(f"/training/bases/{h.base(world).pk}/").content.decode()


def test_base_list_docx(world, client_for):
    h.placement(world)
    c = client_for(world.editor_b)
    r = c.post(f"/documents/new/training_base_list/{h.offer(world).pk}/", {"format": "docx"})
    assert r.status_code == 302
    text = docx_to_text(bytes(GeneratedDocument.objects.get().docx))
    assert "направленных на производственную практику (2–27 февраля 2026\u00a0г.)" in text
    assert f"База практики: {h.base(world).organization.full_name}" in text
    assert "1. Иванова Мария Сергеевна, группа ДО-31 (Дошкольное образование)" in text
    _base_c, editor_c = _other_kindergarten(world)
    r = client_for(editor_c).post(f"/documents/new/training_base_list/{h.offer(world).pk}/", {"format": "docx"})
    assert r.status_code == 404


def test_service_refuses_another_organisation(world):
    _base_c, editor_c = _other_kindergarten(world)
    with pytest.raises(PermissionDenied):
        services.student_remove(actor=editor_c, student=h.student(world, 3))
    with pytest.raises(PermissionDenied):
        services.placement_mentor_set(actor=editor_c, placement=h.placement(world), mentor=None)
    with pytest.raises((NotFound, PermissionDenied)):
        from edcluster.training.exports import access_offer_list

        access_offer_list(editor_c, h.offer(world).pk)
    with pytest.raises(Conflict):
        services.base_delete(actor=world.editor_a, base=h.base(world))
