"""The API goes through the same services: a period, places, a student's own choice, the last
place refused with 409 and the Russian message, the diary and the mentor's evaluation."""

from __future__ import annotations

from edcluster.training import services
from tests.training import helpers as h

J = "application/json"


def test_period_choice_diary_evaluation_through_the_api(world, client_for):
    h.period(world)
    group_id = h.period(world).group_id
    college = client_for(world.editor_a)
    r = college.post(
        "/api/training/periods",
        {
            "college_id": world.org_a.pk,
            "group_id": group_id,
            "kind": "pre_diploma",
            "starts_on": "2026-04-20",
            "ends_on": "2026-05-15",
            "tasks": "Провести серию занятий\nПодготовить портфолио",
        },
        content_type=J,
    )
    assert r.status_code == 201, r.content
    period = r.json()
    assert period["tasks"] == ["Провести серию занятий", "Подготовить портфолио"]
    from edcluster.training.models import PracticePeriod

    services.places_set(
        actor=world.editor_a, period=PracticePeriod.objects.get(pk=period["id"]), base=h.base(world), places=1
    )
    offers = college.get(f"/api/training/periods/{period['id']}/offers").json()
    assert offers == [{"base_id": h.base(world).pk, "base": "Организация Б", "places": 1, "taken": 0, "free": 1}]

    me = client_for(h.student(world, 1).person.user)
    r = me.post(f"/api/training/periods/{period['id']}/placements", {"base_id": h.base(world).pk}, content_type=J)
    assert r.status_code == 201, r.content
    placement = r.json()
    assert placement["chosen_by_student"] and placement["mentor_id"] == h.mentor(world).pk

    other = client_for(h.student(world, 2).person.user)
    r = other.post(f"/api/training/periods/{period['id']}/placements", {"base_id": h.base(world).pk}, content_type=J)
    assert r.status_code == 409
    assert "последнее место в базе практики «Организация Б» уже занял другой студент" in r.json()["message"]

    r = me.post(
        f"/api/training/placements/{placement['id']}/diary",
        {"date": "2026-04-21", "text": "Провела занятие"},
        content_type=J,
    )
    assert r.status_code == 201
    assert [e["text"] for e in me.get(f"/api/training/placements/{placement['id']}/diary").json()] == [
        "Провела занятие"
    ]
    assert other.get(f"/api/training/placements/{placement['id']}/diary").status_code == 404

    mentor = client_for(h.mentor(world).user)
    r = mentor.put(
        f"/api/training/placements/{placement['id']}/evaluation",
        {"marks": {"planning": 4}, "characteristic": "x"},
        content_type=J,
    )
    assert r.status_code == 422 and r.json()["errors"]["conduct"] == ["Поставьте оценку от 2 до 5."]
    r = mentor.put(
        f"/api/training/placements/{placement['id']}/evaluation",
        {
            "marks": {"planning": 4, "conduct": 4, "communication": 5, "documentation": 4, "discipline": 5},
            "characteristic": "Старательна.",
        },
        content_type=J,
    )
    assert r.status_code == 200 and r.json()["mark"] == 4


def test_groups_students_marks_employment_and_outcomes_through_the_api(world, client_for):
    from edcluster.core.models import AuditEntry

    placement = h.placement(world)
    college = client_for(world.editor_a)
    r = college.post(
        "/api/training/groups",
        {"college_id": world.org_a.pk, "name": "НК-21", "specialisation": "primary", "year": 2027},
        content_type=J,
    )
    assert r.status_code == 201, r.content
    group_id = r.json()["id"]
    again = college.post(
        "/api/training/groups",
        {"college_id": world.org_a.pk, "name": "НК-21", "specialisation": "primary", "year": 2027},
        content_type=J,
    )
    assert again.status_code == 409 and again.json()["message"] == "Группа с таким названием уже есть."
    r = college.post(
        f"/api/training/groups/{group_id}/students", {"last_name": "Кузнецова", "first_name": "Дарья"}, content_type=J
    )
    assert r.status_code == 201 and r.json()["full_name"].startswith("Кузнецова Дарья")
    empty = college.post(f"/api/training/groups/{group_id}/students", {}, content_type=J)
    assert empty.status_code == 422 and "фамилию и имя" in empty.json()["errors"]["person"][0]
    students = college.get(f"/api/training/groups/{group_id}/students").json()["items"]
    assert [s["full_name"] for s in students] == ["Кузнецова Дарья"]
    names = [g["name"] for g in college.get("/api/training/groups", {"ordering": "-name"}).json()["items"]]
    assert names == ["НК-21", "ДО-31"]
    assert client_for(world.editor_b).get("/api/training/groups").json()["items"] == []

    r = college.put(f"/api/training/placements/{placement.pk}/final-mark", {"mark": 5}, content_type=J)
    assert r.status_code == 200 and r.json()["final_mark"] == 5
    r = college.put(
        f"/api/training/colleges/{world.org_a.pk}/employment",
        {"student_id": placement.student_id, "organization_id": world.org_b.pk, "year": 2026},
        content_type=J,
    )
    assert r.status_code == 200, r.content
    assert AuditEntry.objects.filter(action="training.employment.set").count() == 1
    figures = college.get("/api/training/outcomes").json()
    assert figures == {
        "placements": 1,
        "bases": 1,
        "avg_mentor_mark": None,
        "avg_final_mark": 5.0,
        "graduates_employed": 1,
        "employed_in_cluster": 1,
        "employed_share": 1.0,
        "per_base": [{"base_id": placement.base_id, "name": "Организация Б", "placements": 1, "avg_final_mark": 5.0}],
    }
    nobody = client_for(world.plain).get("/api/training/outcomes").json()
    assert nobody["placements"] == 0 and nobody["employed_share"] is None


def test_mentor_must_work_at_the_base_and_can_be_removed(world, client_for):
    base = h.base(world)
    side = client_for(world.editor_b)
    outsider = h.PersonFactory(last_name="Чужая", first_name="Анна")
    r = side.post(f"/api/training/bases/{base.pk}/mentors", {"person_id": outsider.pk}, content_type=J)
    assert r.status_code == 422 and "должен работать" in r.json()["errors"]["person"][0]
    detail = side.get(f"/api/training/bases/{base.pk}").json()
    assert [m["full_name"] for m in detail["mentors"]] == ["Наставникова Нина Петровна"]
    mentor_id = detail["mentors"][0]["id"]
    assert side.delete(f"/api/training/bases/{base.pk}/mentors/{mentor_id}").status_code == 204
    assert side.get(f"/api/training/bases/{base.pk}").json()["mentors"] == []


def test_placement_with_a_diary_cannot_be_cancelled_through_the_api(world, client_for):
    h.entry(world)
    college = client_for(world.editor_a)
    r = college.delete(f"/api/training/placements/{h.placement(world).pk}")
    assert r.status_code == 409 and "дневник" in r.json()["message"]


def test_group_student_and_employment_lists_do_not_grow_with_rows(world, client_for, django_assert_max_num_queries):
    group_id = h.period(world).group_id
    college = client_for(world.editor_a)
    urls = [
        "/api/training/groups",
        f"/api/training/groups/{group_id}/students",
        f"/api/training/colleges/{world.org_a.pk}/employment",
    ]
    counts = {}
    for url in urls:
        with django_assert_max_num_queries(20) as q:
            assert college.get(url).status_code == 200
        counts[url] = len(q.captured_queries)
    group = h.period(world).group
    for n in range(6):
        person = h.PersonFactory(last_name=f"Студентова{n}", first_name="Ия")
        student = services.student_add(actor=world.admin, group=group, person=person)
        services.employment_set(actor=world.admin, student=student, organization=world.org_b, year=2026)
        services.group_create(
            actor=world.admin, college=world.org_a, data={"name": f"Г-{n}", "specialisation": "primary", "year": 2027}
        )
    for url in urls:
        with django_assert_max_num_queries(counts[url]):
            assert len(college.get(url).json()["items"]) >= 6
