from datetime import timedelta

import pypdfium2
import pytest
import zxingcpp
from django.utils import timezone
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def _participants(event):
    """Test set-up: the demo conference has no registrations, so two people come and one speaks."""
    from edcluster.events.models import Registration

    people = [
        (
            "Грязева",
            "Елена",
            "Борисовна",
            "gryazeva@example.test",
            "speaker",
            "Опорная школа как методическая площадка",
        ),
        ("Залесова", "Ольга", "Николаевна", "zalesova@example.test", "listener", ""),
    ]
    for last, first, middle, email, role, talk in people:
        Registration.objects.create(
            event=event,
            last_name=last,
            first_name=first,
            middle_name=middle,
            organization_name="ГАПОУ «Волгоградский социально-педагогический колледж»",
            position="преподаватель",
            region="34",
            email=email,
            mode="in_person",
            role=role,
            talk_title=talk,
            status="confirmed",
            checked_in_at=timezone.now() - timedelta(days=1),
        )


def test_organiser_issues_participant_downloads_qr_verifies_then_revoked(page, demo_server, login, settings):
    from edcluster.certificates.models import Certificate
    from edcluster.core.models import OutboxMessage
    from edcluster.events.models import Event

    settings.SITE_URL = demo_server.url
    conference = Event.objects.get(starts_on="2025-11-14")
    _participants(conference)

    login(demo_server, "start")
    page.goto(f"{demo_server.url}/events/{conference.pk}/")
    page.get_by_role("link", name="Сертификаты").click()
    expect(page.get_by_test_id("kinds")).to_contain_text("СЕРТИФИКАТ АКТИВНОГО УЧАСТНИКА")
    expect(page.get_by_test_id("missing")).to_have_text("1")  # the speaker; nobody marked active yet
    page.get_by_role("link", name="отметить участников").click()
    page.get_by_label("Залесова Ольга Николаевна").check()
    page.get_by_role("button", name="Сохранить").click()
    expect(page.get_by_test_id("missing")).to_have_text("2")
    page.get_by_role("button", name="Выдать сертификаты").click()
    expect(page.get_by_test_id("batch-status")).to_have_attribute("data-status", "done", timeout=30_000)
    expect(page.get_by_test_id("batch-status")).to_contain_text("готово: 2 из 2")
    expect(page.get_by_test_id("certificates")).to_contain_text("2025-СТАРТ-000001")

    # the participant follows the link from her e-mail
    cert = Certificate.objects.get(event=conference, last_name="Грязева")
    mail = next(
        m for m in OutboxMessage.objects.filter(topic="certificates.issued") if m.to == ["gryazeva@example.test"]
    )
    my_link = next(word for word in mail.body.split() if "/my-certificates/" in word)
    page.context.clear_cookies()
    page.goto(my_link)
    expect(page.get_by_role("heading", name="Мои сертификаты")).to_be_visible()
    href = page.get_by_role("link", name="Скачать PDF").get_attribute("href")
    response = page.request.get(f"{demo_server.url}{href}")
    assert response.status == 200, response.text()[:300]
    assert response.headers["content-type"] == "application/pdf"
    image = pypdfium2.PdfDocument(response.body())[0].render(scale=3).to_pil()
    codes = [r.text for r in zxingcpp.read_barcodes(image)]
    assert codes == [f"{demo_server.url}/verify/{cert.code}/"]

    page.goto(codes[0])
    expect(page.get_by_test_id("verdict")).to_have_text("Сертификат действителен.")
    expect(page.get_by_test_id("person")).to_have_text("Грязева Елена Борисовна")
    expect(page.get_by_test_id("number")).to_have_text(cert.number)

    # the organiser revokes it; the same QR now says «аннулирован»
    login(demo_server, "start")
    page.goto(f"{demo_server.url}/events/{conference.pk}/certificates/")
    page.get_by_role("row", name=cert.number).get_by_role("link", name="аннулировать").click()
    page.get_by_label("Причина аннулирования").fill("Ошибка в фамилии")
    page.get_by_role("button", name="Аннулировать").click()
    expect(page.get_by_test_id("certificates")).to_contain_text("аннулирован")
    page.goto(codes[0])
    expect(page.get_by_test_id("verdict")).to_contain_text("аннулирован")
