from __future__ import annotations

from decimal import Decimal

import pytest

from edcluster.core.errors import ValidationError
from edcluster.practices import selectors, services
from edcluster.practices.models import Adoption, Material, Practice
from edcluster.practices.uploads import check_upload
from tests.practices.helpers import docx_bytes, make_practice

pytestmark = pytest.mark.django_db


def test_search_robotics_by_word_forms(world):
    p = make_practice(world)
    make_practice(world, title="Безопасная дорога", direction=None, goal="Правила дорожного движения.", audience="")
    found = list(selectors.practice_list(world.admin, q="робототехника дошкольники"))
    assert found == [p]


def test_uploaded_docx_text_is_searchable(world):
    p = make_practice(world, title="Методический поезд", goal="")
    assert not selectors.practice_list(world.admin, q="краеведческие экспедиции").exists()
    m = services.material_add(
        actor=world.admin,
        practice=p,
        data={"title": "Программа", "kind": "programme"},
        upload=("programme.docx", docx_bytes("Программа включает краеведческую экспедицию по району.")),
    )
    assert m.content_type.endswith("wordprocessingml.document")
    assert "экспедицию" in m.text
    assert list(selectors.practice_list(world.admin, q="краеведческие экспедиции")) == [p]


BAD = [
    ("page.html", b"<!DOCTYPE html><html><script>alert(1)</script></html>", "веб-страница или SVG"),
    ("pic.svg", b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>x()</script></svg>', "SVG"),
    ("report.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 100, "исполняемая программа"),
    ("elf.pdf", b"\x7fELF\x02\x01\x01" + b"\x00" * 100, "исполняемая программа"),
    ("js.pdf", b"%PDF-1.4\n1 0 obj << /S /JavaScript /JS (app.alert(1)) >> endobj", "содержит скрипты"),
    ("notes.txt", b"just text", "не поддерживается"),
]


@pytest.mark.parametrize(("name", "data", "message"), BAD, ids=[b[0] for b in BAD])
def test_bad_upload_refused_nothing_saved(world, name, data, message):
    p = make_practice(world)
    with pytest.raises(ValidationError) as exc:
        services.material_add(
            actor=world.admin, practice=p, data={"title": "Файл", "kind": "other"}, upload=(name, data)
        )
    assert message in exc.value.errors["file"][0]
    assert name in exc.value.errors["file"][0]
    assert Material.objects.count() == 0


def test_too_big_upload_refused(world, settings):
    settings.EDCLUSTER_MAX_UPLOAD_BYTES = 1000
    with pytest.raises(ValidationError) as exc:
        check_upload("big.docx", docx_bytes("x" * 10))
    assert "больше допустимых" in exc.value.errors["file"][0]


def test_video_link_material(world):
    p = make_practice(world)
    m = services.material_add(
        actor=world.admin,
        practice=p,
        data={"title": "Видео занятия", "kind": "video", "video_url": "https://example.org/v"},
    )
    assert m.video_url and not m.file
    with pytest.raises(ValidationError) as exc:
        services.material_add(actor=world.admin, practice=p, data={"title": "Пусто", "kind": "video"})
    assert "файл или укажите ссылку" in exc.value.message


def test_adoption_attributed_and_status(world):
    p = make_practice(world)
    a = services.adoption_create(
        actor=world.editor_b,
        practice=p,
        organization=world.org_b,
        data={"adopted_on": "2025-03-01", "participants_reached": 25, "adaptation": "Для старшей группы"},
        indicators=[{"name": "Доля детей, собравших модель", "before": Decimal("10"), "after": Decimal("60")}],
    )
    p.refresh_from_db()
    assert p.status == "adopted"
    assert a.entered_by == world.editor_b
    assert a.values.get().entered_by == world.editor_b
    chart = selectors.adoption_chart(p)
    assert chart["participants"] == [25]
    assert chart["indicators"] == [{"name": "Доля детей, собравших модель", "before": 10.0, "after": 60.0}]


def test_author_cannot_adopt_own_and_no_duplicates(world):
    p = make_practice(world)
    with pytest.raises(ValidationError) as exc:
        services.adoption_create(
            actor=world.editor_a, practice=p, organization=world.org_a, data={"adopted_on": "2025-03-01"}
        )
    assert "автор практики" in exc.value.message
    services.adoption_create(
        actor=world.editor_b, practice=p, organization=world.org_b, data={"adopted_on": "2025-03-01"}
    )
    with pytest.raises(ValidationError):
        services.adoption_create(
            actor=world.editor_b, practice=p, organization=world.org_b, data={"adopted_on": "2025-03-02"}
        )
    assert Adoption.objects.count() == 1


def test_recommended_needs_decision(world):
    with pytest.raises(ValidationError) as exc:
        make_practice(world, status="recommended")
    assert "решение совета" in exc.value.message
    assert Practice.objects.count() == 0


def test_visibility(world):
    from edcluster.practices.access import can_edit_practice, visible_practices

    p = make_practice(world)
    assert list(visible_practices(world.editor_a)) == [p]
    assert list(visible_practices(world.viewer_x)) == [p]
    assert list(visible_practices(world.editor_b)) == []
    assert list(visible_practices(None)) == []
    services.practice_update(actor=world.admin, practice=p, data={"visibility": "public"})
    assert list(visible_practices(None)) == [p]
    assert can_edit_practice(world.editor_a, p) and can_edit_practice(world.coordinator_x, p)
    assert not can_edit_practice(world.editor_b, p) and not can_edit_practice(world.coordinator_y, p)


def test_similar_practices_same_direction_and_visible_only(world):
    robotics = make_practice(world)
    other = make_practice(world, title="Соревнования по робототехнике", audience=",primary,")
    make_practice(world, title="Безопасная дорога", direction=None, audience=",parents,", work_form="project")
    hidden = make_practice(world, title="Робототехника в кластере Игрек", cluster=world.cluster_y)
    assert selectors.similar_practices(world.editor_a, robotics) == [other]
    assert hidden in selectors.similar_practices(world.admin, robotics)


def test_pdf_text_extracted(world):
    import io

    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.drawString(72, 720, "Robotics olympiad regulations")
    c.save()
    p = make_practice(world, title="Олимпиада")
    m = services.material_add(
        actor=world.admin, practice=p, data={"title": "Положение", "kind": "other"}, upload=("r.pdf", buf.getvalue())
    )
    assert m.content_type == "application/pdf"
    assert "olympiad" in m.text.lower()
    assert list(selectors.practice_list(world.admin, q="olympiad regulations")) == [p]


def test_adopters_grouped_by_region_and_municipality(world):
    from edcluster.organizations.models import Organization

    p = make_practice(world, visibility="public")
    Organization.objects.filter(pk=world.org_b.pk).update(region="43", municipality="Подосиновский район")
    c = Organization.objects.create(short_name="Организация В", full_name="Школа В", region="43", municipality="Киров")
    d = Organization.objects.create(short_name="Организация Г", full_name="Школа Г", region="43", municipality="Киров")
    e = Organization.objects.create(short_name="Организация Д", full_name="Школа Д", region="", municipality="")
    for org in (world.org_b, c, d, e):
        services.adoption_create(actor=world.admin, practice=p, organization=org, data={"adopted_on": "2025-03-01"})
    spread = selectors.adopters_by_place(list(selectors.adoptions_of(p)))
    assert [(r["region"], r["count"]) for r in spread] == [("Кировская область", 3), ("", 1)]
    kirov = spread[0]["municipalities"]
    assert [(m["name"], m["count"]) for m in kirov] == [("Киров", 2), ("Подосиновский район", 1)]
    assert [o.short_name for o in kirov[0]["organizations"]] == ["Организация В", "Организация Г"]


def test_only_the_cluster_coordinator_recommends_a_practice_by_a_council_decision(world):
    from edcluster.meetings.models import Decision

    p = make_practice(world)
    decision = Decision.objects.create(cluster=world.cluster_x, order=1, text="Рекомендовать практику к внедрению.")
    foreign = Decision.objects.create(cluster=world.cluster_y, order=1, text="Решение другого кластера.")
    with pytest.raises(ValidationError) as exc:
        services.practice_update(
            actor=world.editor_a, practice=p, data={"status": "recommended", "recommended_by": decision}
        )
    assert "только координатор кластера" in exc.value.errors["status"][0]
    p.refresh_from_db()
    assert (p.status, p.recommended_by) == ("described", None)
    with pytest.raises(ValidationError) as exc:
        services.practice_update(
            actor=world.coordinator_x, practice=p, data={"status": "recommended", "recommended_by": foreign}
        )
    assert "не найдено среди решений совета этого кластера" in exc.value.errors["recommended_by"][0]
    services.practice_update(
        actor=world.coordinator_x, practice=p, data={"status": "recommended", "recommended_by": decision}
    )
    p.refresh_from_db()
    assert (p.status, p.recommended_by) == ("recommended", decision)
    # the author still edits the description of a recommended practice
    services.practice_update(actor=world.editor_a, practice=p, data={"goal": "Новая цель"})
