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
