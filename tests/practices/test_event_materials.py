"""Materials of events: who attaches what, the same upload checks as for practices, previews, and
the carry-over of a report's materials into the practice made from it."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from edcluster.core.errors import ValidationError
from edcluster.events import services as event_services
from edcluster.practices import selectors, services
from edcluster.practices.models import Material
from edcluster.practices.previews import render_preview
from tests.events.helpers import open_event
from tests.practices.helpers import docx_bytes

pytestmark = pytest.mark.django_db


def pdf_bytes(text: str = "Mentoring club") -> bytes:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.drawString(72, 720, text)
    c.showPage()
    c.save()
    return buf.getvalue()


def png_bytes(size=(1200, 800)) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buf, format="PNG")
    return buf.getvalue()


@pytest.fixture
def report(world):
    """A conference of cluster X where a speaker of organisation A gives a report, and another
    report by organisation B's speaker."""
    ev = open_event(world.cluster_x)
    day = ev.days.get()
    mine = event_services.item_add(
        actor=None,
        day=day,
        title="Клуб наставников",
        speaker_names=[{"name": "Алексеева Анна Андреевна", "organization_name": world.org_a.short_name}],
    )
    theirs = event_services.item_add(
        actor=None,
        day=day,
        title="Школьный музей",
        speaker_names=[{"name": "Борисов Борис", "organization_name": world.org_b.short_name}],
    )
    return ev, mine, theirs


def _post(c, ev, **fields):
    data = {"title": "Презентация", "kind": "presentation", "sharing": "cluster", "version": 1, **fields}
    return c.post(f"/events/{ev.pk}/materials/add/", data, follow=True)


def test_the_speakers_organisation_attaches_a_presentation_to_its_report_and_the_page_shows_it(
    world, client_for, report, django_capture_on_commit_callbacks
):
    ev, mine, _theirs = report
    c = client_for(world.editor_a)
    page = c.get(f"/events/{ev.pk}/").content.decode()
    assert "Добавить материал" in page and "Клуб наставников; Алексеева Анна Андреевна" in page
    assert "Школьный музей; Борисов" not in page  # another organisation's report is not offered
    with django_capture_on_commit_callbacks(execute=True):
        r = _post(c, ev, programme_item=mine.pk, file=SimpleUploadedFile("club.pdf", pdf_bytes()))
    assert "Материал добавлен." in r.content.decode()
    html = c.get(f"/events/{ev.pk}/").content.decode()
    m = Material.objects.get(event=ev)
    assert (m.programme_item, m.practice, m.uploaded_by) == (mine, None, world.editor_a)
    assert m.preview.name.endswith(".png")  # made by the task after the commit
    assert f"/practices/materials/{m.pk}/preview/" in html and "к докладу «Клуб наставников»" in html
    preview = c.get(f"/practices/materials/{m.pk}/preview/")
    assert preview["Content-Type"] == "image/png"
    assert b"".join(preview.streaming_content).startswith(b"\x89PNG")


def test_a_speaker_must_choose_their_report_and_cannot_use_anothers(world, client_for, report):
    ev, _mine, theirs = report
    c = client_for(world.editor_a)
    r = _post(c, ev, video_url="https://video.example.test/1")
    assert "Обязательное поле" in r.content.decode()
    r = _post(c, ev, programme_item=theirs.pk, video_url="https://video.example.test/1")
    assert "Выберите корректный вариант" in r.content.decode()
    assert not Material.objects.exists()
    assert client_for(world.editor_b).get(f"/events/{ev.pk}/").status_code == 200
    assert _post(client_for(world.plain), ev, video_url="https://v.example.test/").status_code == 403


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("page.html", b"<!DOCTYPE html><html><script>alert(1)</script></html>", "веб-страница или SVG"),
        ("pic.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>x()</script></svg>', "веб-страница или SVG"),
        ("slides.pdf", b"MZ\x90\x00\x03\x00" + b"\x00" * 100, "исполняемая программа"),
    ],
    ids=["html", "svg", "exe-as-pdf"],
)
def test_event_uploads_are_checked_like_practice_uploads(world, client_for, report, name, data, message):
    ev, _mine, _theirs = report
    r = _post(client_for(world.coordinator_x), ev, file=SimpleUploadedFile(name, data))
    html = r.content.decode()
    assert message in html and name in html
    assert not Material.objects.exists()


def test_an_item_of_another_event_is_refused_by_the_service(world, report):
    ev, _mine, _theirs = report
    other = open_event(world.cluster_x, title="Другое мероприятие")
    item = event_services.item_add(actor=None, day=other.days.get(), title="Чужой доклад")
    with pytest.raises(ValidationError) as exc:
        services.event_material_add(
            actor=world.admin,
            event=ev,
            data={"title": "x", "video_url": "https://v.example.test/"},
            programme_item=item,
        )
    assert "другому мероприятию" in exc.value.errors["programme_item"][0]


def test_cluster_only_materials_of_a_published_event_are_not_served_to_outsiders(world, client_for, report):
    ev, mine, _theirs = report
    shared = services.event_material_add(
        actor=world.admin, event=ev, data={"title": "Программа", "sharing": "public"}, upload=("p.pdf", pdf_bytes())
    )
    inner = services.event_material_add(
        actor=world.admin, event=ev, data={"title": "Внутренний"}, upload=("i.pdf", pdf_bytes()), programme_item=mine
    )
    outsider = client_for(world.editor_b)
    assert outsider.get(f"/practices/materials/{shared.pk}/").status_code == 200
    assert outsider.get(f"/practices/materials/{inner.pk}/").status_code == 404
    page = outsider.get(f"/events/{ev.pk}/").content.decode()
    assert "Программа" in page and "Внутренний" not in page
    assert client_for(world.viewer_x).get(f"/practices/materials/{inner.pk}/").status_code == 200


def test_a_report_becomes_a_practice_with_its_materials_copied(world, client_for, report):
    ev, mine, _theirs = report
    services.event_material_add(
        actor=world.editor_a,
        event=ev,
        programme_item=mine,
        data={"title": "Презентация доклада", "kind": "presentation", "author_name": "Алексеева А. А."},
        upload=("club.docx", docx_bytes("Наставники сопровождают студентов колледжа на практике")),
    )
    speaker = mine.speakers.get()
    c = client_for(world.editor_a)
    form = c.get(f"/practices/new/?speaker={speaker.pk}").content.decode()
    assert "Материалы доклада будут перенесены" in form and "Презентация доклада" in form
    r = c.post(
        f"/practices/new/?speaker={speaker.pk}",
        {
            "title": "Клуб наставников",
            "cluster": world.cluster_x.pk,
            "organizations": [world.org_a.pk],
            "work_form": "mentoring",
            "status": "presented",
            "visibility": "cluster",
        },
    )
    assert r.status_code == 302
    practice = selectors.practice_list(world.admin, q="Клуб наставников").get()
    assert practice.presented_at == ev
    assert f'<a href="/events/{ev.pk}/">' in c.get(practice.get_absolute_url()).content.decode()
    copy = practice.materials.get()
    assert (copy.title, copy.kind, copy.author_name) == ("Презентация доклада", "presentation", "Алексеева А. А.")
    original = Material.objects.get(event=ev)
    assert copy.file.name != original.file.name
    # The copy's text is searchable with the practice, and deleting it keeps the event's file.
    assert list(selectors.practice_list(world.admin, q="наставники сопровождают студентов")) == [practice]
    services.material_delete(actor=world.editor_a, material=copy)
    original.refresh_from_db()
    assert original.file.storage.exists(original.file.name)


def test_previews_pdf_first_page_and_image_thumbnail():
    from PIL import Image

    pdf = render_preview(pdf_bytes(), "application/pdf")
    assert pdf is not None and pdf.startswith(b"\x89PNG")
    with Image.open(io.BytesIO(pdf)) as img:
        assert max(img.size) == 480
    thumb = render_preview(png_bytes((1200, 800)), "image/png")
    assert thumb is not None
    with Image.open(io.BytesIO(thumb)) as img:
        assert img.size == (480, 320)
    assert render_preview(b"%PDF-1.4 broken", "application/pdf") is None
    assert render_preview(docx_bytes("x"), "application/vnd.openxmlformats-officedocument") is None


def test_preview_is_made_once_and_kept(world, django_capture_on_commit_callbacks):
    from tests.practices.helpers import make_practice

    p = make_practice(world)
    with django_capture_on_commit_callbacks(execute=True):
        m = services.material_add(actor=world.admin, practice=p, data={"title": "Фото"}, upload=("a.png", png_bytes()))
    m.refresh_from_db()
    first = m.preview.name
    assert first
    assert services.material_make_preview(material=m) is True
    m.refresh_from_db()
    assert m.preview.name == first
    docx = services.material_add(
        actor=world.admin, practice=p, data={"title": "Текст"}, upload=("a.docx", docx_bytes("x"))
    )
    assert services.material_make_preview(material=docx) is False


def test_api_lists_and_adds_event_materials_with_the_same_rules(world, client_for, report):
    ev, mine, theirs = report
    services.event_material_add(
        actor=world.admin, event=ev, data={"title": "Внутренний"}, upload=("i.pdf", pdf_bytes()), programme_item=mine
    )
    assert client_for(world.editor_b).get(f"/api/events/{ev.pk}/materials").json() == []
    [row] = client_for(world.viewer_x).get(f"/api/events/{ev.pk}/materials").json()
    assert (row["title"], row["programme_item_id"], row["file_url"]) == (
        "Внутренний",
        mine.pk,
        f"/practices/materials/{row['id']}/",
    )
    c = client_for(world.editor_a)
    link = {"title": "Видео", "kind": "video", "video_url": "https://video.example.test/1"}
    r = c.post(f"/api/events/{ev.pk}/materials", {**link, "programme_item_id": theirs.pk})
    assert r.status_code == 422 and "ваших докладов" in str(r.json())
    r = c.post(f"/api/events/{ev.pk}/materials", link)
    assert r.status_code == 422 and "Укажите доклад" in str(r.json())
    bad = SimpleUploadedFile("s.pdf", b"MZ\x90\x00" + b"\x00" * 100)
    r = c.post(f"/api/events/{ev.pk}/materials", {"title": "x", "programme_item_id": mine.pk, "file": bad})
    assert r.status_code == 422 and "исполняемая программа" in str(r.json())
    assert Material.objects.count() == 1
    r = c.post(f"/api/events/{ev.pk}/materials", {**link, "programme_item_id": mine.pk})
    assert r.status_code == 201 and r.json()["programme_item_id"] == mine.pk


def test_only_materials_the_author_may_see_are_carried_over(world, client_for, report):
    ev, mine, _theirs = report
    for title, sharing in (("Открытая презентация", "public"), ("Только для кластера", "cluster")):
        services.event_material_add(
            actor=world.admin,
            event=ev,
            programme_item=mine,
            data={"title": title, "sharing": sharing},
            upload=(f"{sharing}.pdf", pdf_bytes()),
        )
    item_url = f"/practices/new/?item={mine.pk}"
    c = client_for(world.editor_b)  # organisation B, cluster Y: the event is public, its inner file is not
    form = c.get(item_url).content.decode()
    assert "Открытая презентация" in form and "Только для кластера" not in form
    r = c.post(
        item_url,
        {
            "title": "Клуб наставников в нашей школе",
            "cluster": world.cluster_y.pk,
            "organizations": [world.org_b.pk],
            "work_form": "mentoring",
            "status": "presented",
            "visibility": "cluster",
        },
    )
    assert r.status_code == 302
    practice = Material.objects.get(title="Открытая презентация", practice__isnull=False).practice
    assert [m.title for m in practice.materials.all()] == ["Открытая презентация"]
