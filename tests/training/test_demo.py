from edcluster.core.demo_loader import load_demo
from edcluster.training import selectors
from edcluster.training.models import DiaryEntry, Evaluation, Feedback, Placement, PracticePeriod, StudentGroup

MODELS = [StudentGroup, PracticePeriod, Placement, DiaryEntry, Evaluation, Feedback]


def test_demo_college_two_groups_at_two_kindergartens_idempotent(db, client_for):
    from django.contrib.auth import get_user_model

    ctx = load_demo()
    first = {m.__name__: m.objects.count() for m in MODELS}
    load_demo()
    assert {m.__name__: m.objects.count() for m in MODELS} == first
    assert [g.name for g in StudentGroup.objects.all()] == ["ДО-31", "ДО-41"]
    production = Placement.objects.filter(period__kind="production")
    assert production.count() == 6
    assert {(p.period.group.name, p.base.organization.short_name) for p in production} == {
        ("ДО-31", "МДОУ «Детский сад № 105»"),
        ("ДО-41", "МАДОУ № 24 «Журавушка»"),
    }
    assert all(p.diary.count() == 3 and p.evaluation.mark in (4, 5) for p in production)
    assert {login for login, _p, _w in ctx.logins} >= {"college", "student"}
    User = get_user_model()
    o = selectors.outcomes(User.objects.get(username="college"))
    assert o["summary"] == "6 распределений студентов на 2 базы практики"
    assert [(row["name"], row["count"]) for row in o["per_base"]] == [
        ("МАДОУ № 24 «Журавушка»", "3 студента"),
        ("МДОУ «Детский сад № 105»", "3 студента"),
    ]
    assert all(row["mentor_mark"] != "—" and row["final"] != "—" for row in o["per_base"])
    assert o["employed_share"] == "50 %" and [y["year"] for y in o["years"]] == [2025, 2026]
    # the kindergarten's editor sees its students, not those placed at the other kindergarten;
    # the student only her own placement
    zh = client_for(User.objects.get(username="zhuravushka")).get("/training/bases/").content.decode()
    assert zh.count("/training/placements/") == 3
    assert "Смирнова Алина Олеговна" in zh and "Андреева Дарья Игоревна" not in zh
    me = client_for(User.objects.get(username="student")).get("/training/bases/").content.decode()
    assert me.count("/training/placements/") == 1 and "Смирнова Алина Олеговна" in me
