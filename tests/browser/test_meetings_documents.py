"""A coordinator's journey: report a decision's execution on its page, then download the
information letter of an event (DOCX) from the event page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from edcluster.documents.builder import docx_to_text

pytestmark = pytest.mark.browser


def test_decision_status_and_information_letter(page, demo_server, login, tmp_path):
    from edcluster.events.models import Event

    login(demo_server, "coordinator")
    page.goto(demo_server.url + "/clusters/podosinovets/decisions/")
    page.locator("#board").get_by_role("link", name=re.compile("Методическ")).first.click()
    page.locator("select[name=status]").select_option("in_progress")
    page.locator("input[name=progress]").fill("40")
    page.get_by_role("button", name="Сохранить").click()
    expect(page.locator("#decision-status")).to_have_text("выполняется, 40 %")

    event = Event.objects.get(title__startswith="Модели взаимодействия колледжа")
    page.goto(demo_server.url + event.get_absolute_url())
    page.get_by_role("button", name="Информационное письмо — DOCX").click()
    with page.expect_download() as download:
        page.locator("#download-docx").click()
    path = tmp_path / "letter.docx"
    download.value.save_as(path)
    text = docx_to_text(path.read_bytes())
    assert text.startswith("ИНФОРМАЦИОННОЕ ПИСЬМО\nУважаемые коллеги!")
    assert "приглашает вас принять участие в работе конференции «Модели взаимодействия колледжа" in text
    assert "14 ноября 2025\u00a0г." in text and "в период до 7 ноября 2025\u00a0г." in text
