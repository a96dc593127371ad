from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from edcluster.partnerships.models import Direction
from edcluster.practices.models import Adoption, Material, Practice
from tests.practices.helpers import docx_bytes, make_practice

pytestmark = pytest.mark.django_db


def test_catalogue_search_and_filters(world, client_for):
    p = make_practice(world)
    make_practice(world, title="Безопасная дорога", direction=None, audience=",parents,", work_form="event_series")
    c = client_for(world.editor_a)
    html = c.get("/practices/", {"q": "робототехника дошкольники"}).content.decode()
    assert "Робототехника для дошкольников" in html and "Безопасная дорога" not in html
    html = c.get("/practices/", {"audience": "parents"}).content.decode()
    assert "Безопасная дорога" in html and p.title not in html
    html = c.get("/practices/", {"municipality": "Город Б"}).content.decode()
    assert "Практик не найдено" in html


def test_create_edit_by_author_editor(world, client_for):
    c = client_for(world.editor_a)
    direction = Direction.objects.get(name="Краеведение и школьные музеи")
    r = c.post(
        "/practices/new/",
        {
            "title": "Родная сторона",
            "cluster": world.cluster_x.pk,
            "organizations": [world.org_a.pk],
            "direction": direction.pk,
            "audience_codes": ["preschool", "parents"],
            "work_form": "programme",
            "status": "described",
            "visibility": "cluster",
            "goal": "Краеведческие знания дошкольникам.",
        },
    )
    assert r.status_code == 302, r.content.decode()[:2000]
    p = Practice.objects.get()
    assert p.audience == ",preschool,parents,"
    html = c.get(p.get_absolute_url()).content.decode()
    assert "дошкольники, родители" in html
    # organisation B's editor may not pick organisation A as the author
    r = client_for(world.editor_b).post("/practices/new/", {"title": "Чужая", "organizations": [world.org_a.pk]})
    assert Practice.objects.count() == 1


def test_bad_upload_message_on_page(world, client_for):
    p = make_practice(world)
    c = client_for(world.editor_a)
    bad = SimpleUploadedFile("report.pdf", b"MZ\x90\x00" + b"\x00" * 200, content_type="application/pdf")
    r = c.post(
        f"/practices/{p.pk}/materials/add/",
        {"title": "Отчёт", "kind": "other", "sharing": "cluster", "version": 1, "file": bad},
        follow=True,
    )
    assert "исполняемая программа" in r.content.decode()
    assert Material.objects.count() == 0
    good = SimpleUploadedFile("prog.docx", docx_bytes("Занятия с конструктором LEGO"))
    c.post(
        f"/practices/{p.pk}/materials/add/",
        {"title": "Программа кружка", "kind": "programme", "sharing": "cluster", "version": 1, "file": good},
    )
    m = Material.objects.get()
    r = c.get(f"/practices/materials/{m.pk}/")
    assert r.status_code == 200 and b"".join(r.streaming_content).startswith(b"PK")
    assert client_for(world.editor_b).get(f"/practices/materials/{m.pk}/").status_code == 404


def test_adoption_by_other_org_and_chart(world, client_for):
    p = make_practice(world, visibility="public")
    c = client_for(world.editor_b)
    r = c.post(
        f"/practices/{p.pk}/adopt/",
        {
            "organization": world.org_b.pk,
            "adopted_on": "2025-04-01",
            "adaptation": "Занятия для подготовительной группы",
            "participants_reached": 18,
            "ind_0_before": "5",
            "ind_0_after": "40",
        },
    )
    assert r.status_code == 302, r.content.decode()[:2000]
    a = Adoption.objects.get()
    html = client_for(None).get(p.get_absolute_url()).content.decode()
    assert "Организация Б" in html and "adoption-chart" in html and "5 → 40" in html
    # the author's editor cannot edit B's adoption; B's editor can
    assert client_for(world.editor_a).get(f"/practices/adoptions/{a.pk}/edit/").status_code == 403
    r = c.post(
        f"/practices/adoptions/{a.pk}/edit/",
        {"adopted_on": "2025-04-01", "participants_reached": 20, "ind_0_before": "5", "ind_0_after": "45"},
    )
    assert r.status_code == 302
    assert a.values.get().after == 45


def test_practice_page_lists_similar(world, client_for):
    p = make_practice(world)
    make_practice(world, title="Соревнования по робототехнике")
    html = client_for(world.editor_a).get(p.get_absolute_url()).content.decode()
    assert "Похожие практики" in html and "Соревнования по робототехнике" in html


def test_catalogue_query_count_does_not_grow(world, client_for, django_assert_max_num_queries):
    for i in range(12):
        make_practice(world, title=f"Практика {i}")
    c = client_for(world.editor_a)
    with django_assert_max_num_queries(14):
        r = c.get("/practices/")
    assert r.content.decode().count("Практика ") >= 12


def test_practice_form_lists_no_foreign_decisions(world, client_for):
    from edcluster.meetings.models import Decision

    current = Decision.objects.create(cluster=world.cluster_x, order=1, text="Рекомендовать практику к внедрению.")
    other = Decision.objects.create(cluster=world.cluster_x, order=2, text="Закрытое решение совета Икс.")
    # an editor of another cluster may not recommend: the form lists no decision of cluster X
    html = client_for(world.editor_b).get("/practices/new/").content.decode()
    assert other.text[:30] not in html and current.text[:30] not in html
    # the author's editor sees only the practice's current decision, not the rest of the council's
    p = make_practice(world, status="recommended", recommended_by=current)
    c = client_for(world.editor_a)
    html = c.get(f"/practices/{p.pk}/edit/").content.decode()
    assert current.text[:30] in html and other.text[:30] not in html
    # the disabled field keeps the practice's decision on save
    r = c.post(
        f"/practices/{p.pk}/edit/",
        {
            "title": "Новое название",
            "cluster": world.cluster_x.pk,
            "organizations": [world.org_a.pk],
            "work_form": "club",
            "status": "recommended",
            "visibility": "cluster",
        },
    )
    assert r.status_code == 302, r.content.decode()[:3000]
    p.refresh_from_db()
    assert (p.title, p.recommended_by) == ("Новое название", current)


def test_practice_page_shows_the_decision_only_to_who_may_see_it(world, client_for):
    from edcluster.meetings.models import Decision

    decision = Decision.objects.create(cluster=world.cluster_x, order=1, text="Рекомендовать секретную практику.")
    p = make_practice(world, status="recommended", recommended_by=decision, visibility="public")
    html = client_for(None).get(p.get_absolute_url()).content.decode()
    assert p.title in html
    assert decision.text[:30] not in html and decision.get_absolute_url() not in html
    html = client_for(world.coordinator_x).get(p.get_absolute_url()).content.decode()
    assert decision.text[:30] in html
    assert html.count(decision.get_absolute_url()) == 1
