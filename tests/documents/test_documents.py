from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.management import call_command
from docx import Document

from edcluster.core.errors import ValidationError
from edcluster.documents import services
from edcluster.documents.builder import Line, build_docx, docx_to_text
from edcluster.documents.models import ClusterTemplate, GeneratedDocument
from edcluster.meetings import services as meetings

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_meeting(world, meeting):
    item = meetings.agenda_item_create(
        actor=world.coordinator_x,
        meeting=meeting,
        data={"title": 'Об "опорной школе"', "heard": "рассказала о работе опорной школы"},
        speakers=[{"person": world.person_a}],
        statements=[{"name": "Волков И. И.", "text": "предложил продолжить"}],
    )
    meetings.decision_create(
        actor=world.coordinator_x,
        meeting=meeting,
        data={"item": item, "text": "Одобрить опыт", "responsible": world.person_a, "due_date": date(2025, 3, 15)},
    )
    return meeting


def test_gost_protocol_has_the_requisites(full_meeting):
    _name, data = services.document_render(kind="protocol_gost", source=full_meeting)
    text = docx_to_text(data)
    for part in (
        "ПРОТОКОЛ",
        "26.02.2025\t№\u00a01",
        "пгт Подосиновец",
        "Председатель\u00a0– Алексеева\u00a0А.А.",
        "Секретарь\u00a0– Сидорова\u00a0С.П.",
        "Присутствовали: 2 педагога из 1 образовательной организации",
        "Повестка дня:",
        "1. Об «опорной школе» (докл. Алексеева\u00a0А.А.)",
        "1. СЛУШАЛИ:",
        "Алексееву\u00a0А.А.\u00a0– рассказала о работе опорной школы",
        "ВЫСТУПИЛИ:",
        "Волков\u00a0И.И.\u00a0– предложил продолжить",
        "ПОСТАНОВИЛИ:",
        "1.1. Одобрить опыт. Срок\u00a0– до 15 марта 2025\u00a0г. Ответственный\u00a0– Алексеева\u00a0А.А.",
        "Председатель\tА.А.\u00a0Алексеева",
        "Секретарь\tС.П.\u00a0Сидорова",
    ):
        assert part in text, part


def _template(*lines):
    return build_docx([Line(x) if isinstance(x, str) else x for x in lines])


def test_cluster_template_overrides_the_shipped_one(world, full_meeting):
    data = _template("Наш протокол № {{ number }} — {{ body_name }}")
    services.template_upload(
        actor=world.coordinator_x, cluster=world.cluster_x, kind="protocol", filename="our.docx", data=data
    )
    _name, out = services.document_render(kind="protocol", source=full_meeting)
    # the cluster's own literal text, with Russian typography (a no-break space after "№")
    assert docx_to_text(out) == "Наш протокол №\u00a01 — Совет кластера Икс"


def test_unknown_variable_is_rejected_and_nothing_saved(world):
    with pytest.raises(ValidationError) as exc:
        services.template_upload(
            actor=world.coordinator_x,
            cluster=world.cluster_x,
            kind="protocol",
            filename="bad.docx",
            data=_template("{{ number }} {{ chairman }}"),
        )
    assert "Неизвестные переменные: chairman" in exc.value.message
    assert not ClusterTemplate.objects.exists()


def test_jinja_error_is_rejected_with_line(world):
    with pytest.raises(ValidationError) as exc:
        services.template_upload(
            actor=world.coordinator_x,
            cluster=world.cluster_x,
            kind="protocol",
            filename="bad.docx",
            data=_template("{% for item in items %}{{ item.title }}"),
        )
    assert exc.value.message.startswith("Ошибка в шаблоне, строка ")
    assert not ClusterTemplate.objects.exists()


def test_not_a_docx_is_rejected(world):
    with pytest.raises(ValidationError) as exc:
        services.template_upload(
            actor=world.coordinator_x, cluster=world.cluster_x, kind="protocol", filename="x.docx", data=b"hello"
        )
    assert exc.value.message == "Это не файл .docx (Word)."


def test_command_writes_the_same_docx(full_meeting, tmp_path):
    out = tmp_path / "p.docx"
    call_command("document", "protocol_gost", "--id", str(full_meeting.pk), "-o", str(out))
    text = "\n".join(p.text for p in Document(io.BytesIO(out.read_bytes())).paragraphs)
    _name, data = services.document_render(kind="protocol_gost", source=full_meeting)
    assert text == docx_to_text(data)


def test_decision_report_for_a_period(world, full_meeting, tmp_path):
    meetings.protocol_approve(actor=world.coordinator_x, meeting=full_meeting)
    out = tmp_path / "r.docx"
    call_command(
        "document",
        "decision_report",
        "--id",
        str(full_meeting.body.pk),
        "--option",
        "from=2025-01-01",
        "--option",
        "to=2025-12-31",
        "-o",
        str(out),
    )
    text = docx_to_text(out.read_bytes())
    assert "Всего 1 решение, выполнено 0 решений, просрочено 0 решений." in text
    assert "1.1. Одобрить опыт (протокол №\u00a01 от 26 февраля 2025\u00a0г.)" in text


def test_pdf_conversion_in_a_task(world, full_meeting, django_capture_on_commit_callbacks):
    # LibreOffice comes with scripts/sysdeps.sh (libreoffice-writer-nogui)
    assert services.soffice_path(), "LibreOffice is not installed: run make sysdeps"
    with django_capture_on_commit_callbacks(execute=True):
        doc = services.document_generate(actor=world.coordinator_x, kind="protocol_gost", pk=full_meeting.pk, pdf=True)
    doc.refresh_from_db()
    assert doc.pdf_status == GeneratedDocument.PdfStatus.READY
    assert bytes(doc.pdf).startswith(b"%PDF")


def test_pdf_without_libreoffice_says_so(world, full_meeting, monkeypatch):
    monkeypatch.setattr(services, "soffice_path", lambda: None)
    doc = services.document_generate(actor=world.coordinator_x, kind="protocol_gost", pk=full_meeting.pk)
    with pytest.raises(Exception) as exc:
        services.document_request_pdf(doc=doc)
    assert "LibreOffice не установлен" in str(exc.value)
