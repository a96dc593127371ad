"""Files attached to agenda items: stored in media, checked by content, downloads access-checked."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document

from edcluster.meetings import services
from edcluster.meetings.models import AgendaAttachment

pytestmark = pytest.mark.django_db


def _docx() -> bytes:
    doc = Document()
    doc.add_paragraph("План работы опорной школы")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


@pytest.fixture
def item(world, meeting):
    return services.agenda_item_create(actor=world.coordinator_x, meeting=meeting, data={"title": "План"})


def test_upload_list_and_download(world, meeting, item, client_for):
    c = client_for(world.coordinator_x)
    upload = SimpleUploadedFile("План работы.docx", _docx())
    response = c.post(reverse("meetings:attachment_add", args=[item.pk]), {"file": upload}, follow=True)
    assert "Файл приложен к вопросу." in response.content.decode()
    attachment = AgendaAttachment.objects.get()
    assert attachment.name == "План работы.docx" and attachment.content_type.endswith("wordprocessingml.document")
    assert "План работы.docx" in c.get(meeting.get_absolute_url()).content.decode()
    file = c.get(reverse("meetings:attachment_download", args=[attachment.pk]))
    assert file.status_code == 200
    data = b"".join(file.streaming_content)
    assert "План работы опорной школы" in Document(io.BytesIO(data)).paragraphs[0].text
    assert "attachment" in file["Content-Disposition"]


def test_executable_or_unknown_type_is_refused_in_russian(world, item, client_for):
    c = client_for(world.coordinator_x)
    exe = SimpleUploadedFile("отчёт.pdf", b"MZ\x90\x00" + b"\x00" * 100)
    page = c.post(reverse("meetings:attachment_add", args=[item.pk]), {"file": exe}, follow=True).content.decode()
    assert "исполняемая программа" in page
    txt = SimpleUploadedFile("заметки.txt", "просто текст".encode())
    page = c.post(reverse("meetings:attachment_add", args=[item.pk]), {"file": txt}, follow=True).content.decode()
    assert "не поддерживается" in page
    assert not AgendaAttachment.objects.exists()


def test_size_limit(world, item, client_for, settings):
    settings.EDCLUSTER_MAX_UPLOAD_BYTES = 1000
    c = client_for(world.coordinator_x)
    big = SimpleUploadedFile("большой.docx", _docx())
    page = c.post(reverse("meetings:attachment_add", args=[item.pk]), {"file": big}, follow=True).content.decode()
    assert "больше допустимых" in page and not AgendaAttachment.objects.exists()


def test_draft_attachment_is_not_downloadable_by_others_and_frozen_after_approval(world, meeting, item, client_for):
    attachment = services.agenda_attachment_add(actor=world.coordinator_x, item=item, name="план.docx", data=_docx())
    url = reverse("meetings:attachment_download", args=[attachment.pk])
    assert client_for(world.editor_b).get(url).status_code == 404
    assert client_for(world.coordinator_y).get(url).status_code == 404
    assert client_for(world.viewer_x).get(url).status_code == 404  # a draft: not yet for readers
    services.protocol_approve(actor=world.coordinator_x, meeting=meeting)
    assert client_for(world.viewer_x).get(url).status_code == 200
    with pytest.raises(Exception, match="Протокол утверждён"):
        services.agenda_attachment_add(actor=world.coordinator_x, item=item, name="ещё.docx", data=_docx())
    page = client_for(world.coordinator_x).post(
        reverse("meetings:attachment_delete", args=[attachment.pk]), follow=True
    )
    assert "Протокол утверждён" in page.content.decode() and AgendaAttachment.objects.exists()


def test_delete_removes_the_stored_file(world, item, client_for, django_capture_on_commit_callbacks):
    attachment = services.agenda_attachment_add(actor=world.coordinator_x, item=item, name="план.docx", data=_docx())
    storage, stored = attachment.file.storage, attachment.file.name
    assert storage.exists(stored)
    with django_capture_on_commit_callbacks(execute=True):
        client_for(world.coordinator_x).post(reverse("meetings:attachment_delete", args=[attachment.pk]))
    assert not AgendaAttachment.objects.exists() and not storage.exists(stored)
