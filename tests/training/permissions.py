"""Permission cases of practical training (see tests/permissions.py and tests/training/helpers.py).

Organisation A (cluster X) is the college, organisation B (cluster Y) the base: the college's
side (editors, coordinator and viewer of X) sees all its students; the base's side (editor of B,
coordinator of Y) only those placed with B; nobody else sees anything."""

from __future__ import annotations

from tests.permissions import ADMIN, SIGNED_IN, X_EDITORS, X_READERS, Case
from tests.training.helpers import (
    START,
    base,
    entry,
    entry_with_file,
    mentor,
    new_base_data,
    offer,
    partnership,
    period,
    placement,
    staff,
    student,
)

BASE_SIDE = frozenset({"editor_b", "coordinator_y", "admin"})
READERS = X_READERS | BASE_SIDE
T = "training:"
CASES = [
    Case(T + "index", "GET", lambda w: "/training/", SIGNED_IN),
    Case(T + "period_create", "GET", lambda w: f"/training/colleges/{period(w).college_id}/periods/new/", X_EDITORS),
    Case(T + "period_detail", "GET", lambda w: f"/training/periods/{period(w).pk}/", READERS),
    Case(
        T + "places_set",
        "POST",
        lambda w: f"/training/periods/{period(w).pk}/places/",
        X_EDITORS,
        data=lambda w: {"base": base(w).pk, "places": 4},
    ),
    Case(
        T + "assign",
        "POST",
        lambda w: f"/training/periods/{period(w).pk}/assign/",
        X_EDITORS,
        data=lambda w: {"student": student(w, 2).pk, "base": base(w).pk},
    ),
    Case(T + "choose", "POST", lambda w: f"/training/periods/{period(w).pk}/choose/{base(w).pk}/", frozenset()),
    Case(T + "placement_detail", "GET", lambda w: f"/training/placements/{placement(w).pk}/", READERS),
    Case(T + "placement_cancel", "POST", lambda w: f"/training/placements/{placement(w).pk}/cancel/", X_EDITORS),
    Case(
        T + "diary_add",
        "POST",
        lambda w: f"/training/placements/{placement(w).pk}/diary/",
        ADMIN,
        data=lambda w: {"date": START.isoformat(), "text": "Провела утренний круг", "present": "on"},
    ),
    Case(T + "evaluate", "GET", lambda w: f"/training/placements/{placement(w).pk}/evaluation/", BASE_SIDE),
    Case(
        T + "final_mark",
        "POST",
        lambda w: f"/training/placements/{placement(w).pk}/final-mark/",
        X_EDITORS,
        data=lambda w: {"mark": 5},
    ),
    Case(
        T + "feedback",
        "POST",
        lambda w: f"/training/placements/{placement(w).pk}/feedback/base/",
        BASE_SIDE,
        data=lambda w: {"base-score": 5, "base-comment": "Хорошо подготовлена"},
    ),
    Case(
        T + "diary_comment",
        "POST",
        lambda w: f"/training/diary/{entry(w).pk}/comment/",
        BASE_SIDE,
        data=lambda w: {"comment": "Хорошо", "present": "on"},
    ),
    Case(T + "diary_file", "GET", lambda w: f"/training/diary/{entry_with_file(w).pk}/file/", READERS),
    Case(T + "by_base", "GET", lambda w: "/training/bases/", SIGNED_IN),
    Case(T + "base_detail", "GET", lambda w: f"/training/bases/{base(w).pk}/", READERS),
    Case(T + "outcomes", "GET", lambda w: "/training/outcomes/", SIGNED_IN),
]

# setup pages: bases and mentors (the college's and the base's editors), groups, students, employment
CASES += [
    Case(T + "base_create", "GET", lambda w: f"/training/colleges/{period(w).college_id}/bases/new/", X_EDITORS),
    Case(
        T + "base_create",
        "POST",
        lambda w: f"/training/colleges/{period(w).college_id}/bases/new/",
        X_EDITORS,
        data=new_base_data,
        label="valid",
    ),
    Case(T + "mentor_add", "GET", lambda w: f"/training/bases/{base(w).pk}/mentors/new/", X_EDITORS | BASE_SIDE),
    Case(
        T + "mentor_add",
        "POST",
        lambda w: f"/training/bases/{base(w).pk}/mentors/new/",
        X_EDITORS | BASE_SIDE,
        data=lambda w: {"person": staff(w).pk},
        label="valid",
    ),
    Case(
        T + "mentor_remove",
        "POST",
        lambda w: f"/training/bases/{base(w).pk}/mentors/{mentor(w).pk}/remove/",
        X_EDITORS | BASE_SIDE,
    ),
    Case(T + "group_create", "GET", lambda w: f"/training/colleges/{period(w).college_id}/groups/new/", X_EDITORS),
    Case(
        T + "group_create",
        "POST",
        lambda w: f"/training/colleges/{period(w).college_id}/groups/new/",
        X_EDITORS,
        data=lambda w: {"name": "НК-21", "specialisation": "primary", "year": 2027},
        label="valid",
    ),
    Case(T + "group_detail", "GET", lambda w: f"/training/groups/{period(w).group_id}/", X_READERS),
    Case(
        T + "group_detail",
        "POST",
        lambda w: f"/training/groups/{period(w).group_id}/",
        X_EDITORS,
        data=lambda w: {"last_name": "Кузнецова", "first_name": "Дарья", "middle_name": "Игоревна"},
        label="new student",
    ),
    Case(T + "employment", "GET", lambda w: f"/training/colleges/{period(w).college_id}/employment/", X_EDITORS),
    Case(
        T + "employment",
        "POST",
        lambda w: f"/training/colleges/{period(w).college_id}/employment/",
        X_EDITORS,
        data=lambda w: {"student": student(w, 1).pk, "organization": w.org_b.pk, "year": 2026},
        label="valid",
    ),
]

A = "/api/training"
CASES += [
    Case(f"GET {A}/bases", "GET", lambda w: f"{A}/bases", SIGNED_IN),
    Case(
        f"POST {A}/bases",
        "POST",
        lambda w: f"{A}/bases",
        X_EDITORS | BASE_SIDE,
        data=lambda w: {
            "college_id": w.org_a.pk,
            "organization_id": w.org_b.pk,
            "partnership_id": partnership(w).pk,
            "specialisations": ["preschool"],
        },
        json=True,
    ),
    Case(f"GET {A}/periods", "GET", lambda w: f"{A}/periods", SIGNED_IN),
    Case(
        f"POST {A}/periods",
        "POST",
        lambda w: f"{A}/periods",
        X_EDITORS,
        data=lambda w: {
            "college_id": period(w).college_id,
            "group_id": period(w).group_id,
            "kind": "educational",
            "starts_on": "2026-04-01",
            "ends_on": "2026-04-14",
        },
        json=True,
    ),
    Case(f"GET {A}/periods/{{period_id}}/offers", "GET", lambda w: f"{A}/periods/{period(w).pk}/offers", READERS),
    Case(
        f"GET {A}/periods/{{period_id}}/placements", "GET", lambda w: f"{A}/periods/{period(w).pk}/placements", READERS
    ),
    Case(
        f"POST {A}/periods/{{period_id}}/placements",
        "POST",
        lambda w: f"{A}/periods/{period(w).pk}/placements",
        X_EDITORS,
        data=lambda w: {"base_id": base(w).pk, "student_id": student(w, 2).pk},
        json=True,
    ),
    Case(
        f"GET {A}/placements/{{placement_id}}/diary",
        "GET",
        lambda w: f"{A}/placements/{placement(w).pk}/diary",
        READERS,
    ),
    Case(
        f"POST {A}/placements/{{placement_id}}/diary",
        "POST",
        lambda w: f"{A}/placements/{placement(w).pk}/diary",
        ADMIN,
        data=lambda w: {"date": "2026-02-03", "text": "Провела занятие"},
        json=True,
    ),
    Case(
        f"PUT {A}/placements/{{placement_id}}/evaluation",
        "PUT",
        lambda w: f"{A}/placements/{placement(w).pk}/evaluation",
        BASE_SIDE,
        data=lambda w: {
            "marks": {"planning": 5, "conduct": 5, "communication": 4, "documentation": 4, "discipline": 5},
            "characteristic": "Ответственная, внимательная к детям.",
        },
        json=True,
    ),
]

# changing the setup: a base (the college and the base edit it, only the college removes it), a
# student out of a group, a placement's mentor; the list of a base's students for a period
CASES += [
    Case(T + "base_edit", "GET", lambda w: f"/training/bases/{base(w).pk}/edit/", X_EDITORS | BASE_SIDE),
    Case(
        T + "base_edit",
        "POST",
        lambda w: f"/training/bases/{base(w).pk}/edit/",
        X_EDITORS | BASE_SIDE,
        data=lambda w: {"specialisations": ["preschool", "primary"], "default_places": 3, "mentor_load": 3},
        label="valid",
    ),
    Case(T + "base_delete", "POST", lambda w: f"/training/bases/{base(w).pk}/delete/", X_EDITORS),
    Case(T + "student_remove", "POST", lambda w: f"/training/students/{student(w, 2).pk}/remove/", X_EDITORS),
    Case(
        T + "placement_mentor",
        "POST",
        lambda w: f"/training/placements/{placement(w).pk}/mentor/",
        X_EDITORS | BASE_SIDE,
        data=lambda w: {"mentor": ""},
    ),
    Case(T + "base_list_xlsx", "GET", lambda w: f"/training/places/{offer(w).pk}/students.xlsx", READERS),
    Case(
        f"PATCH {A}/bases/{{base_id}}",
        "PATCH",
        lambda w: f"{A}/bases/{base(w).pk}",
        X_EDITORS | BASE_SIDE,
        data=lambda w: {"conditions": "Отдельный кабинет для практикантов", "default_places": 3},
        json=True,
    ),
    Case(f"DELETE {A}/bases/{{base_id}}", "DELETE", lambda w: f"{A}/bases/{base(w).pk}", X_EDITORS),
    Case(f"DELETE {A}/students/{{student_id}}", "DELETE", lambda w: f"{A}/students/{student(w, 2).pk}", X_EDITORS),
    Case(
        f"PATCH {A}/placements/{{placement_id}}",
        "PATCH",
        lambda w: f"{A}/placements/{placement(w).pk}",
        X_EDITORS | BASE_SIDE,
        data=lambda w: {"mentor_id": None},
        json=True,
    ),
]

# The rest of the training API (bases' mentors, groups and students, cancel, marks, surveys,
# employment, outcomes) — the same roles as the pages behind them.
CASES += [
    Case(f"GET {A}/bases/{{base_id}}", "GET", lambda w: f"{A}/bases/{base(w).pk}", READERS),
    Case(
        f"POST {A}/bases/{{base_id}}/mentors",
        "POST",
        lambda w: f"{A}/bases/{base(w).pk}/mentors",
        X_EDITORS | BASE_SIDE,
        data=lambda w: {"person_id": staff(w).pk},
        json=True,
    ),
    Case(
        f"DELETE {A}/bases/{{base_id}}/mentors/{{person_id}}",
        "DELETE",
        lambda w: f"{A}/bases/{base(w).pk}/mentors/{mentor(w).pk}",
        X_EDITORS | BASE_SIDE,
    ),
    Case(f"GET {A}/groups", "GET", lambda w: f"{A}/groups", SIGNED_IN),
    Case(
        f"POST {A}/groups",
        "POST",
        lambda w: f"{A}/groups",
        X_EDITORS,
        data=lambda w: {"college_id": period(w).college_id, "name": "НК-21", "specialisation": "primary", "year": 2027},
        json=True,
    ),
    Case(
        f"GET {A}/groups/{{group_id}}/students",
        "GET",
        lambda w: f"{A}/groups/{period(w).group_id}/students",
        X_READERS,
    ),
    Case(
        f"POST {A}/groups/{{group_id}}/students",
        "POST",
        lambda w: f"{A}/groups/{period(w).group_id}/students",
        X_EDITORS,
        data=lambda w: {"last_name": "Кузнецова", "first_name": "Дарья", "middle_name": "Игоревна"},
        json=True,
    ),
    Case(
        f"DELETE {A}/placements/{{placement_id}}",
        "DELETE",
        lambda w: f"{A}/placements/{placement(w).pk}",
        X_EDITORS,
    ),
    Case(
        f"PUT {A}/placements/{{placement_id}}/final-mark",
        "PUT",
        lambda w: f"{A}/placements/{placement(w).pk}/final-mark",
        X_EDITORS,
        data=lambda w: {"mark": 5},
        json=True,
    ),
    Case(
        f"POST {A}/placements/{{placement_id}}/feedback",
        "POST",
        lambda w: f"{A}/placements/{placement(w).pk}/feedback",
        BASE_SIDE,
        data=lambda w: {"kind": "base", "score": 5, "comment": "Хорошо подготовлена"},
        json=True,
    ),
    Case(
        f"GET {A}/colleges/{{college_id}}/employment",
        "GET",
        lambda w: f"{A}/colleges/{period(w).college_id}/employment",
        X_EDITORS,
    ),
    Case(
        f"PUT {A}/colleges/{{college_id}}/employment",
        "PUT",
        lambda w: f"{A}/colleges/{period(w).college_id}/employment",
        X_EDITORS,
        data=lambda w: {"student_id": student(w, 1).pk, "organization_id": w.org_b.pk, "year": 2026},
        json=True,
    ),
    Case(f"GET {A}/outcomes", "GET", lambda w: f"{A}/outcomes", SIGNED_IN),
]
