from __future__ import annotations

import io
import zipfile

import pytest
from pypdf import PdfReader

from edcluster.certificates import services
from edcluster.certificates.models import Certificate
from edcluster.core import ru
from edcluster.core.models import OutboxMessage
from tests.certificates.helpers import held_event

pytestmark = pytest.mark.django_db


def issued(world, django_capture_on_commit_callbacks, **kw):
    event = held_event(world.cluster_x, **kw)
    with django_capture_on_commit_callbacks(execute=True):
        services.batch_start(actor=world.coordinator_x, event=event)
    return event


def test_organiser_page_lists_certificates_and_progress(world, client_for, django_capture_on_commit_callbacks):
    event = issued(world, django_capture_on_commit_callbacks)
    page = client_for(world.coordinator_x).get(f"/events/{event.pk}/certificates/").content.decode()
    assert "2030-X-000001" in page and "готово: 6 из 6" in page and 'data-testid="missing">0<' in page
    event_page = client_for(world.coordinator_x).get(f"/events/{event.pk}/").content.decode()
    assert f"/events/{event.pk}/certificates/" in event_page
    assert f"/events/{event.pk}/certificates/" not in client_for(None).get(f"/events/{event.pk}/").content.decode()


def test_list_page_query_count(world, client_for, django_capture_on_commit_callbacks, django_assert_max_num_queries):
    event = issued(world, django_capture_on_commit_callbacks, people=6, checked_in=6, speakers=6)
    c = client_for(world.coordinator_x)
    with django_assert_max_num_queries(40):
        assert c.get(f"/events/{event.pk}/certificates/").status_code == 200


def test_issue_button_starts_the_batch(world, client_for, django_capture_on_commit_callbacks):
    event = held_event(world.cluster_x)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(world.coordinator_x).post(f"/events/{event.pk}/certificates/issue/", {"send_mail": "on"})
    assert response.status_code == 302
    assert event.certificates.count() == 6
    assert OutboxMessage.objects.filter(topic="certificates.issued").count() == 6


def test_downloads_merged_pdf_and_zip_without_revoked(world, client_for, django_capture_on_commit_callbacks):
    event = issued(world, django_capture_on_commit_callbacks)
    revoked = event.certificates.first()
    services.certificate_revoke(actor=None, certificate=revoked, reason="дубль")
    c = client_for(world.coordinator_x)
    merged = PdfReader(io.BytesIO(c.get(f"/events/{event.pk}/certificates.pdf").content))
    assert len(merged.pages) == 5
    archive = zipfile.ZipFile(io.BytesIO(c.get(f"/events/{event.pk}/certificates.zip").content))
    assert len(archive.namelist()) == 5 and f"{revoked.number}.pdf" not in archive.namelist()


def test_verify_page_shows_only_what_it_should(world, client, django_capture_on_commit_callbacks):
    issued(world, django_capture_on_commit_callbacks)
    cert = Certificate.objects.get(last_name="Грязева", kind__code="participant")
    page = client.get(f"/verify/{cert.code}/").content.decode()
    assert "Сертификат действителен." in page and cert.number in page and "Грязева Елена Борисовна" in page
    assert cert.email not in page and "методист" not in page and "+7 900" not in page
    services.certificate_revoke(actor=None, certificate=cert, reason="Ошибка в фамилии")
    page = client.get(f"/verify/{cert.code}/").content.decode()
    assert "Сертификат аннулирован" in page and "Ошибка в фамилии" not in page
    cert.refresh_from_db()
    assert ru.format_date(cert.revoked_at) in page  # "26 февраля 2025 г.", not "26.02.2025"
    assert client.get(f"/verify/{cert.code}/certificate.pdf").status_code == 404
    assert client.get("/verify/unknown-code/").status_code == 404


def test_my_certificates_by_mail_link(world, client, django_capture_on_commit_callbacks):
    event = issued(world, django_capture_on_commit_callbacks)
    cert = Certificate.objects.filter(last_name="Грязева").first()
    mail = next(m for m in OutboxMessage.objects.filter(topic="certificates.issued") if m.to == [cert.email])
    link = next(word for word in mail.body.split() if "/my-certificates/" in word)
    page = client.get(link.replace("http://testserver", "")).content.decode()
    assert page.count("Скачать PDF") == 2  # participant and speaker
    assert event.title in page
    pdf = client.get(f"/verify/{cert.code}/certificate.pdf")
    assert "Грязева Елена Борисовна" in PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    assert client.get("/my-certificates/forged-token/").status_code == 404


def test_revoke_form_needs_a_reason(world, client_for, django_capture_on_commit_callbacks):
    event = issued(world, django_capture_on_commit_callbacks)
    cert = event.certificates.first()
    c = client_for(world.coordinator_x)
    response = c.post(f"/certificates/{cert.pk}/revoke/", {"reason": ""}, follow=True)
    assert "Обязательное поле." in response.content.decode()
    cert.refresh_from_db()
    assert not cert.is_revoked


def test_kind_form_shows_russian_errors_and_writes_nothing(world, client_for):
    event = held_event(world.cluster_x)
    response = client_for(world.coordinator_x).post(
        f"/events/{event.pk}/certificates/kinds/new/",
        {"code": "speaker", "rule": "speakers", "title": "Т", "name_case": "nomn", "wording": "текст"},
    )
    assert "Такой вид сертификата у мероприятия уже есть." in response.content.decode()
    assert event.certificate_kinds.count() == 4


def test_series_page_sets_the_pattern(world, client_for):
    c = client_for(world.coordinator_x)
    c.post("/clusters/x/certificates/numbering/", {"code": "СТАРТ", "pattern": "{year}-{code}-{seq:06d}"})
    bad = c.post("/clusters/x/certificates/numbering/", {"code": "СТАРТ", "pattern": "{year}"}).content.decode()
    assert "Шаблон номера должен содержать {seq}" in bad
    assert services.series_for(world.cluster_x).code == "СТАРТ"


def test_command_issues_missing_only(world):
    from django.core.management import call_command

    event = held_event(world.cluster_x)
    first, second = io.StringIO(), io.StringIO()
    call_command("certificates", "issue", "--event", str(event.pk), "--no-mail", stdout=first)
    call_command("certificates", "issue", "--event", str(event.pk), "--no-mail", stdout=second)
    assert event.certificates.count() == 6
    assert first.getvalue().strip() == "Выдано в этом запуске: 6; всего у мероприятия: 6."
    assert second.getvalue().strip() == "Выдано в этом запуске: 0; всего у мероприятия: 6."


def test_issued_mail_does_not_double_the_quotes(world, django_capture_on_commit_callbacks):
    event = held_event(world.cluster_x, title="«Наставник года»")
    with django_capture_on_commit_callbacks(execute=True):
        services.batch_start(actor=world.coordinator_x, event=event)
    body = OutboxMessage.objects.filter(topic="certificates.issued").first().body
    assert "мероприятия «Наставник года»." in body and "««" not in body
