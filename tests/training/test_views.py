"""Pages: who sees which students, the student's journey, documents."""

from __future__ import annotations

from edcluster.documents.builder import docx_to_text
from edcluster.documents.models import GeneratedDocument
from edcluster.organizations.models import RoleAssignment
from edcluster.training import services
from tests.factories import OrganizationFactory, UserFactory
from tests.training import helpers as h


def _second_kindergarten(w):
    """Kindergarten C with its own editor; student 2 is placed there, student 1 at B."""
    org_c = OrganizationFactory(short_name="Детский сад В", full_name="Детский сад В")
    editor_c = UserFactory(username="editor_c")
    RoleAssignment.objects.create(user=editor_c, role="editor", organization=org_c)
    period = h.period(w)
    base_c = h.base(w, org_c)
    services.places_set(actor=w.admin, period=period, base=base_c, places=3)
    h.placement(w)
    services.placement_create(actor=w.admin, period=period, student=h.student(w, 2), base=base_c)
    return editor_c, base_c


def test_kindergarten_editor_cannot_see_students_of_another_kindergarten(world, client_for):
    editor_c, _base_c = _second_kindergarten(world)
    at_b = h.placement(world)
    c = client_for(editor_c)
    period_page = c.get(f"/training/periods/{h.period(world).pk}/").content.decode()
    assert "Петрова Ольга Сергеевна" in period_page  # placed at C
    assert "Иванова Мария Сергеевна" not in period_page  # placed at B
    assert c.get(f"/training/placements/{at_b.pk}/").status_code == 404
    assert c.get(f"/training/bases/{h.base(world).pk}/").status_code == 404
    by_base = c.get("/training/bases/").content.decode()
    assert "Петрова Ольга Сергеевна" in by_base and "Иванова Мария Сергеевна" not in by_base
    api = c.get(f"/api/training/periods/{h.period(world).pk}/placements").json()
    assert [p["student"] for p in api] == ["Петрова Ольга Сергеевна"]
    # and the editor of B sees only B's student
    b_page = client_for(world.editor_b).get(f"/training/periods/{h.period(world).pk}/").content.decode()
    assert "Иванова Мария Сергеевна" in b_page and "Петрова Ольга Сергеевна" not in b_page


def test_college_sees_all_its_students(world, client_for, django_assert_max_num_queries):
    _second_kindergarten(world)
    c = client_for(world.editor_a)
    with django_assert_max_num_queries(20):
        page = c.get(f"/training/periods/{h.period(world).pk}/").content.decode()
    assert "Иванова Мария Сергеевна" in page and "Петрова Ольга Сергеевна" in page
    with django_assert_max_num_queries(15):
        assert c.get("/training/bases/").status_code == 200
    with django_assert_max_num_queries(25):
        assert c.get("/training/outcomes/").status_code == 200


def test_student_sees_only_own_placement_and_diary(world, client_for):
    _second_kindergarten(world)
    me = h.placement(world)
    other = me.period.placements.exclude(pk=me.pk).get()
    c = client_for(h.student(world, 1).person.user)
    assert c.get(f"/training/placements/{me.pk}/").status_code == 200
    assert c.get(f"/training/placements/{other.pk}/").status_code == 404
    page = c.get(f"/training/periods/{me.period.pk}/").content.decode()
    assert "Петрова Ольга Сергеевна" not in page
    r = c.post(
        f"/training/placements/{me.pk}/diary/", {"date": "2026-02-03", "text": "Провела занятие", "present": "on"}
    )
    assert r.status_code == 302
    assert me.diary.get().text == "Провела занятие"


def test_student_choosing_a_full_base_sees_the_message(world, client_for):
    period = h.period(world)
    services.places_set(actor=world.admin, period=period, base=h.base(world), places=1)
    services.placement_choose(actor=h.student(world, 1).person.user, period=period, base=h.base(world))
    c = client_for(h.student(world, 2).person.user)
    r = c.post(f"/training/periods/{period.pk}/choose/{h.base(world).pk}/", follow=True)
    assert "последнее место в базе практики «Организация Б» уже занял другой студент" in r.content.decode()


def test_mentor_evaluates_and_characteristic_docx(world, client_for):
    p = h.placement(world)
    c = client_for(h.mentor(world).user)
    r = c.post(
        f"/training/placements/{p.pk}/evaluation/",
        {
            "planning": "5",
            "conduct": "5",
            "communication": "4",
            "documentation": "5",
            "discipline": "5",
            "characteristic": "Внимательна к детям, ответственна.",
        },
    )
    assert r.status_code == 302
    r = c.post(f"/documents/new/training_characteristic/{p.pk}/", {"format": "docx"})
    doc = GeneratedDocument.objects.get()
    text = docx_to_text(bytes(doc.docx))
    assert "на студента(ку) Ивановой Марии Сергеевны, группа ДО-31" in text
    assert "Оценка наставника: 5" in text
    assert "Внимательна к детям" in text


def test_order_and_agreement_docx(world, client_for):
    h.placement(world)
    c = client_for(world.editor_a)
    c.post(f"/documents/new/training_order/{h.period(world).pk}/", {"format": "docx"})
    c.post(f"/documents/new/training_agreement/{h.offer(world).pk}/", {"format": "docx"})
    order, agreement = (docx_to_text(bytes(d.docx)) for d in GeneratedDocument.objects.order_by("pk"))
    assert "направить 1 студента группы ДО-31 на производственную практику (2–27 февраля 2026\u00a0г.)" in order
    assert "1. Иванова Мария Сергеевна\u00a0— Организация Б, наставник Наставникова\u00a0Н.П." in order
    assert "принимает 2 студентов на производственную практику" in agreement
    assert "Провести утренний круг" in agreement
    # the base's editor may not produce the college's order
    r = client_for(world.editor_b).post(f"/documents/new/training_order/{h.period(world).pk}/", {"format": "docx"})
    assert r.status_code == 404


def test_diary_material_checked_and_served_only_to_who_may_see(world, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    me = h.placement(world)
    c = client_for(h.student(world, 1).person.user)
    bad = SimpleUploadedFile("plan.pdf", b"<html><script>alert(1)</script></html>")
    r = c.post(
        f"/training/placements/{me.pk}/diary/", {"date": "2026-02-04", "text": "x", "attachment": bad}, follow=True
    )
    assert "веб-страница или SVG-рисунок" in r.content.decode()
    assert not me.diary.exists()
    entry = h.entry_with_file(world)
    assert c.get(f"/training/diary/{entry.pk}/file/").status_code == 200
    assert client_for(h.student(world, 2).person.user).get(f"/training/diary/{entry.pk}/file/").status_code == 404


def test_home_page_shows_practice_outcomes_to_the_college_only(world, client_for):
    h.placement(world)
    page = client_for(world.editor_a).get("/").content.decode()
    assert "1 распределение студентов на 1 базу практики" in page
    assert "training-panel" not in client_for(world.plain).get("/").content.decode()
