from __future__ import annotations

import io
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document

from edcluster.meetings import services
from edcluster.meetings.models import Decision, Meeting

pytestmark = pytest.mark.django_db


def test_meeting_from_member_list_to_gost_protocol(world, council, client_for):
    c = client_for(world.coordinator_x)
    page = c.get(reverse("meetings:meeting_create", args=[council.pk])).content.decode()
    assert "Алексеева Анна Андреевна" in page and "Сидорова Света Петровна" in page
    response = c.post(
        reverse("meetings:meeting_create", args=[council.pk]),
        {
            "date": "2025-02-26",
            "place": "пгт Подосиновец",
            "theme": "Партнёрство",
            "attendance_style": "counted",
            "attendance_people_unit": "педагог",
            "present": [world.person_a.pk, council.member_person.pk],
        },
    )
    meeting = Meeting.objects.get(body=council)
    assert response.status_code == 302 and response["Location"] == meeting.get_absolute_url()
    assert meeting.number == 1 and meeting.secretary == council.secretary_person
    detail = c.get(meeting.get_absolute_url()).content.decode()
    assert "2 педагога из 1 образовательной организации" in detail
    c.post(reverse("meetings:attendance", args=[meeting.pk]), {"present": [world.person_a.pk]})
    assert "1 педагог из 1 образовательной организации" in c.get(meeting.get_absolute_url()).content.decode()
    c.post(
        reverse("meetings:item_add", args=[meeting.pk]),
        {"title": "О сетевом взаимодействии", "heard": "рассказала о сети", "speaker": world.person_a.pk},
    )
    item = meeting.items.get()
    c.post(
        reverse("meetings:decision_add", args=[meeting.pk]),
        {"item": item.pk, "text": "Одобрить план", "addressee_kind": "group", "addressee_group": "педагоги"},
    )
    assert meeting.decisions.get().number == "1.1"
    c.post(reverse("meetings:protocol_action", args=[meeting.pk, "approve"]))
    meeting.refresh_from_db()
    assert meeting.status == "approved"
    response = c.post(reverse("documents:generate", args=["protocol_gost", meeting.pk]), {"format": "docx"})
    assert response.status_code == 302
    download = c.get(response["Location"]).content.decode()
    assert "Скачать DOCX" in download
    doc_pk = int(response["Location"].rstrip("/").rsplit("/", 1)[-1])
    file = c.get(reverse("documents:download", args=[doc_pk, "docx"]))
    text = "\n".join(p.text for p in Document(io.BytesIO(file.content)).paragraphs)
    assert "ПРОТОКОЛ" in text and "1.1. Одобрить план." in text and "СЛУШАЛИ" in text


def test_bad_decision_input_shows_russian_message_and_writes_nothing(world, meeting, client_for):
    c = client_for(world.coordinator_x)
    response = c.post(
        reverse("meetings:decision_add", args=[meeting.pk]), {"text": "x", "addressee_kind": "group"}, follow=True
    )
    assert "Укажите группу-адресата" in response.content.decode()
    assert not Decision.objects.exists()


def test_other_organisations_editor_cannot_see_draft_protocol(world, council, meeting, client_for):
    url = meeting.get_absolute_url()
    assert client_for(world.editor_b).get(url).status_code == 404
    # editor of organisation A (represented on the body) sees it once sent for remarks, not as a draft
    assert client_for(world.editor_a).get(url).status_code == 404
    services.agenda_item_create(actor=world.coordinator_x, meeting=meeting, data={"title": "Вопрос"})
    services.protocol_send_for_remarks(actor=world.coordinator_x, meeting=meeting)
    assert client_for(world.editor_a).get(url).status_code == 200
    assert client_for(world.editor_b).get(url).status_code == 404
    services.protocol_approve(actor=world.coordinator_x, meeting=meeting)
    assert client_for(world.editor_b).get(url).status_code == 404
    board = client_for(world.editor_b).get(reverse("meetings:cluster_decisions", args=["x"]))
    assert board.status_code in (200, 404)


def test_decision_board_filters_and_query_count(world, meeting, client_for, django_assert_max_num_queries):
    today = timezone.localdate()
    for n in range(3):
        services.decision_create(
            actor=world.coordinator_x,
            meeting=meeting,
            data={"text": f"Решение {n}", "addressee_kind": "group", "addressee_group": "педагоги", "due_date": today},
        )
    services.decision_create(
        actor=world.coordinator_x,
        meeting=meeting,
        data={
            "text": "Управлению образования подготовить",
            "addressee_kind": "group",
            "addressee_group": "Управление образования",
            "due_date": date(2020, 1, 1),
        },
    )
    services.decisions_mark_overdue()
    c = client_for(world.coordinator_x)
    url = reverse("meetings:cluster_decisions", args=["x"])
    body = c.get(url, {"overdue": "on"}).content.decode()
    assert "Управлению образования подготовить" in body and "Решение 0" not in body
    body = c.get(url, {"addressee": "педагоги", "this_month": "on"}).content.decode()
    assert "Решение 2" in body and "Управлению образования" not in body
    with django_assert_max_num_queries(20) as small:
        c.get(url)
    for n in range(10):
        services.decision_create(actor=world.coordinator_x, meeting=meeting, data={"text": f"Ещё {n}"})
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert c.get(url).status_code == 200


def test_organisation_sees_decisions_addressed_to_it(world, meeting, client_for):
    services.decision_create(
        actor=world.coordinator_x,
        meeting=meeting,
        data={
            "text": "Школе А провести день открытых дверей",
            "addressee_kind": "organization",
            "addressee_organization": world.org_a,
        },
    )
    services.agenda_item_create(actor=world.coordinator_x, meeting=meeting, data={"title": "Вопрос"})
    services.protocol_approve(actor=world.coordinator_x, meeting=meeting)
    page = client_for(world.editor_a).get(world.org_a.get_absolute_url()).content.decode()
    assert "Решения, адресованные организации" in page and "Школе А провести день открытых дверей" in page
    decision = Decision.objects.get()
    c = client_for(world.editor_a)
    c.post(reverse("meetings:decision_progress", args=[decision.pk]), {"status": "in_progress", "progress": 40})
    decision.refresh_from_db()
    assert (decision.status, decision.progress) == ("in_progress", 40)
    other = client_for(world.editor_b).get(world.org_a.get_absolute_url()).content.decode()
    assert "Школе А провести" not in other


def test_template_upload_page_rejects_unknown_variable(world, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from edcluster.documents.builder import build_docx

    c = client_for(world.coordinator_x)
    page = c.get(reverse("documents:templates", args=["x"])).content.decode()
    assert "body_name_gent" in page and "Координационного Совета" in page
    bad = SimpleUploadedFile("bad.docx", build_docx(["{{ boss }}"]))
    response = c.post(reverse("documents:template_upload", args=["x", "protocol"]), {"file": bad})
    assert response.status_code == 200
    assert "Неизвестные переменные: boss" in response.content.decode()


def test_decision_report_from_the_body_page(world, meeting, client_for):
    from edcluster.documents.builder import docx_to_text
    from edcluster.documents.models import GeneratedDocument

    services.agenda_item_create(actor=world.coordinator_x, meeting=meeting, data={"title": "Вопрос"})
    services.decision_create(actor=world.coordinator_x, meeting=meeting, data={"text": "Сделать"})
    services.protocol_approve(actor=world.coordinator_x, meeting=meeting)
    c = client_for(world.viewer_x)
    assert "Отчёт об исполнении решений" in c.get(meeting.body.get_absolute_url()).content.decode()
    response = c.post(
        reverse("documents:generate", args=["decision_report", meeting.body_id]),
        {"from": "2025-01-01", "to": "2025-12-31", "format": "docx"},
    )
    assert response.status_code == 302
    text = docx_to_text(bytes(GeneratedDocument.objects.get().docx))
    assert "за период 1 января – 31 декабря 2025" in text.replace("\u00a0", " ")
    assert "1. Сделать (протокол №\u00a01 от 26 февраля 2025\u00a0г.)" in text
