"""Setup pages of the college: practice bases and their mentors, groups and students, graduates'
employment — a form each, the service behind it, Russian errors, nothing written on bad input."""

from __future__ import annotations

from datetime import date

from edcluster.organizations.models import Person, Position
from edcluster.partnerships import services as partnership_services
from edcluster.partnerships.models import Partnership
from edcluster.training.models import Employment, PracticeBase, Student, StudentGroup
from tests.factories import OrganizationFactory, PersonFactory, UserFactory
from tests.training import helpers as h


def _college(w) -> int:
    return h.period(w).college_id


def test_college_creates_a_base_and_it_shows(world, client_for):
    c = client_for(world.editor_a)
    url = f"/training/colleges/{_college(world)}/bases/new/"
    form_page = c.get(url).content.decode()
    assert "Новая база практики" in form_page
    data = h.new_base_data(world)
    r = c.post(url, data, follow=True)
    page = r.content.decode()
    assert "База практики добавлена: Детский сад С." in page
    assert "Дошкольное образование, Преподавание в начальных классах" in page
    assert "Методический кабинет" in page
    base = PracticeBase.objects.get(organization_id=data["organization"])
    assert (base.default_places, base.mentor_load) == (4, 2)
    # the index links the setup pages
    index = c.get("/training/").content.decode()
    assert url in index and f"/training/colleges/{_college(world)}/employment/" in index


def test_base_without_practice_direction_is_refused_in_russian(world, client_for):
    college = h.period(world).college
    org_c = OrganizationFactory(short_name="Школа Д", full_name="Школа Д")
    other = partnership_services.partnership_create(
        actor=world.admin,
        data={
            "kind": "cooperation_agreement",
            "title": "О сотрудничестве",
            "signed_on": date(2025, 9, 1),
            "indefinite": True,
        },
        parties=[{"organization": college, "role": "initiator"}, {"organization": org_c, "role": "partner"}],
        directions=[],
        activate=True,
    )
    before = PracticeBase.objects.count()
    r = client_for(world.editor_a).post(
        f"/training/colleges/{college.pk}/bases/new/",
        {"organization": org_c.pk, "partnership": other.pk, "default_places": 3, "mentor_load": 2},
    )
    assert r.status_code == 200
    assert "У договора нет направления «Практическая подготовка студентов»." in r.content.decode()
    assert PracticeBase.objects.count() == before


def test_another_colleges_editor_cannot_create_a_base(world, client_for):
    data = h.new_base_data(world)
    before = PracticeBase.objects.count()
    c = client_for(world.editor_b)
    url = f"/training/colleges/{_college(world)}/bases/new/"
    assert c.get(url).status_code in (403, 404)
    assert c.post(url, data).status_code in (403, 404)
    assert PracticeBase.objects.count() == before
    assert Partnership.objects.exists()


def test_mentor_added_and_removed(world, client_for):
    base = h.base(world)
    teacher = h.staff(world)
    c = client_for(world.editor_a)
    r = c.post(f"/training/bases/{base.pk}/mentors/new/", {"person": teacher.pk}, follow=True)
    page = r.content.decode()
    assert "Наставник добавлен: Воспитателева\u00a0И.П." in page
    assert base.mentors.filter(pk=teacher.pk).exists()
    r = c.post(f"/training/bases/{base.pk}/mentors/{teacher.pk}/remove/", follow=True)
    assert "Наставник больше не прикреплён к базе: Воспитателева\u00a0И.П." in r.content.decode()
    assert not base.mentors.filter(pk=teacher.pk).exists()


def test_mentor_must_work_at_the_base(world, client_for):
    base = h.base(world)
    outsider = PersonFactory(last_name="Посторонняя", first_name="Ольга", organization=world.org_a)
    r = client_for(world.editor_a).post(f"/training/bases/{base.pk}/mentors/new/", {"person": outsider.pk})
    assert r.status_code == 200
    assert "Выберите корректный вариант" in r.content.decode()
    assert not base.mentors.filter(pk=outsider.pk).exists()


def test_group_created_and_students_added(world, client_for):
    c = client_for(world.editor_a)
    college_id = _college(world)
    r = c.post(
        f"/training/colleges/{college_id}/groups/new/",
        {"name": "НК-21", "specialisation": "primary", "year": 2027},
        follow=True,
    )
    page = r.content.decode()
    assert "Группа создана: НК-21." in page and "В группе пока нет студентов." in page
    group = StudentGroup.objects.get(name="НК-21")
    # a new person through the registry
    r = c.post(
        f"/training/groups/{group.pk}/",
        {"last_name": "кузнецова", "first_name": "дарья", "middle_name": "игоревна"},
        follow=True,
    )
    page = r.content.decode()
    assert "Студент добавлен в группу: Кузнецова\u00a0Д.И." in page
    assert "Кузнецова Дарья Игоревна" in page
    person = Person.objects.get(last_name="Кузнецова")
    assert Position.objects.filter(person=person, organization_id=college_id, title="студент").exists()
    # an existing registry person
    existing = PersonFactory(last_name="Орлова", first_name="Вера", middle_name="Олеговна", organization=world.org_a)
    r = c.post(f"/training/groups/{group.pk}/", {"person": existing.pk}, follow=True)
    assert "Орлова Вера Олеговна" in r.content.decode()
    assert set(group.students.values_list("person__last_name", flat=True)) == {"Кузнецова", "Орлова"}


def test_student_without_a_name_is_refused_and_nothing_written(world, client_for):
    group = h.period(world).group
    people, students = Person.objects.count(), Student.objects.count()
    r = client_for(world.editor_a).post(f"/training/groups/{group.pk}/", {"last_name": "Кузнецова"})
    assert r.status_code == 200
    assert "Выберите человека из реестра или введите фамилию и имя нового студента." in r.content.decode()
    assert (Person.objects.count(), Student.objects.count()) == (people, students)


def test_duplicate_group_is_refused_in_russian(world, client_for):
    group = h.period(world).group
    before = StudentGroup.objects.count()
    r = client_for(world.editor_a).post(
        f"/training/colleges/{group.college_id}/groups/new/",
        {"name": group.name, "specialisation": "preschool", "year": 2026},
    )
    assert r.status_code == 200 and "Группа с таким названием уже есть." in r.content.decode()
    assert StudentGroup.objects.count() == before


def test_another_colleges_editor_cannot_touch_groups(world, client_for):
    group = h.period(world).group
    people, groups = Person.objects.count(), StudentGroup.objects.count()
    c = client_for(world.editor_b)
    assert c.get(f"/training/groups/{group.pk}/").status_code in (403, 404)
    assert c.post(f"/training/groups/{group.pk}/", {"last_name": "Кузнецова", "first_name": "Дарья"}).status_code in (
        403,
        404,
    )
    r = c.post(
        f"/training/colleges/{group.college_id}/groups/new/", {"name": "X-1", "specialisation": "primary", "year": 2027}
    )
    assert r.status_code in (403, 404)
    assert (Person.objects.count(), StudentGroup.objects.count()) == (people, groups)


def test_employment_recorded_and_counted(world, client_for):
    c = client_for(world.editor_a)
    url = f"/training/colleges/{_college(world)}/employment/"
    assert "Трудоустройство пока не отмечено." in c.get(url).content.decode()
    r = c.post(url, {"student": h.student(world, 1).pk, "organization": world.org_b.pk, "year": 2026}, follow=True)
    page = r.content.decode()
    assert "Трудоустройство сохранено: Иванова\u00a0М.С." in page
    assert world.org_b.display_name in page and "2026" in page
    emp = Employment.objects.get(student=h.student(world, 1))
    assert (emp.organization_id, emp.year) == (world.org_b.pk, 2026)


def test_employment_bad_year_is_refused_and_nothing_written(world, client_for):
    url = f"/training/colleges/{_college(world)}/employment/"
    r = client_for(world.editor_a).post(url, {"student": h.student(world, 1).pk, "organization": "", "year": 1900})
    assert r.status_code == 200
    assert "Укажите год трудоустройства от 1990 до следующего года." in r.content.decode()
    assert not Employment.objects.exists()


def test_another_colleges_editor_cannot_record_employment(world, client_for):
    url = f"/training/colleges/{_college(world)}/employment/"
    outsider = UserFactory(username="other_college_editor")
    from edcluster.organizations.models import RoleAssignment

    other_college = OrganizationFactory(short_name="Другой колледж", full_name="Другой колледж", kind="college")
    RoleAssignment.objects.create(user=outsider, role="editor", organization=other_college)
    c = client_for(outsider)
    assert c.get(url).status_code in (403, 404)
    r = c.post(url, {"student": h.student(world, 1).pk, "organization": "", "year": 2026})
    assert r.status_code in (403, 404)
    assert not Employment.objects.exists()


def test_an_administrator_of_many_colleges_finds_theirs_by_name(world, client_for, monkeypatch):
    from edcluster.training import views

    monkeypatch.setattr(views, "COLLEGES_SHOWN", 2)
    for name in ("Вятский колледж культуры", "Кировский авиационный техникум", "Омутнинский колледж"):
        OrganizationFactory(short_name=name, full_name=name, kind="college")
    c = client_for(world.admin)
    index = c.get("/training/").content.decode()
    assert 'id="find-college"' in index and "Показаны первые 2 колледжа — уточните название." in index
    assert index.count("Новая база практики") == 2
    found = c.get("/training/", {"college": "омутнинский"}).content.decode()
    assert found.count("Новая база практики") == 1 and "Омутнинский колледж" in found
    assert "Колледж не найден." in c.get("/training/", {"college": "нет такого"}).content.decode()
    # a college's own editor has a few: no search form
    assert 'id="find-college"' not in client_for(world.editor_a).get("/training/").content.decode()
