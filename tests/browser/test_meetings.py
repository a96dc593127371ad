"""A secretary's journey: meeting from the member list → attendance → agenda → decision →
GOST protocol downloaded (and opened by LibreOffice, converted to PDF, when it is installed)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from edcluster.documents.builder import docx_to_text
from edcluster.documents.services import docx_to_pdf, soffice_path

pytestmark = pytest.mark.browser


def test_meeting_to_gost_protocol(page, demo_server, login, tmp_path):
    login(demo_server, "coordinator")
    page.goto(demo_server.url + "/clusters/podosinovets/")
    page.get_by_role("link", name="Координационный Совет Подосиновского образовательного кластера").first.click()
    expect(page.locator("#members")).to_contain_text("Грязева Елена Борисовна")
    page.get_by_role("link", name="Новое заседание").click()
    page.get_by_label("Дата", exact=True).fill("2025-04-10")
    page.get_by_label("Место").fill("пгт Подосиновец")
    page.get_by_label("Тема").fill("Итоги методического поезда")
    page.get_by_label(re.compile("Грязева Елена Борисовна")).check()
    page.get_by_role("button", name="Создать заседание").click()
    expect(page.get_by_role("heading", name=re.compile("Протокол № 2 от 10 апреля 2025"))).to_be_visible()
    expect(page.locator("#attendance-text")).to_have_text("1 педагог из 1 образовательной организации")

    page.locator("input[name=present]").first.uncheck()
    page.get_by_role("button", name="Отметить присутствующих").click()
    expect(page.locator("#attendance-text")).to_have_text("0 педагогов")
    page.locator("input[name=present]").first.check()
    page.get_by_role("button", name="Отметить присутствующих").click()
    expect(page.locator("#attendance-text")).to_have_text("1 педагог из 1 образовательной организации")

    page.locator("#item-add summary").click()
    page.get_by_label("Вопрос", exact=True).fill("Об итогах методического поезда")
    page.get_by_label("Слушали (кратко)").fill("рассказала об итогах поезда")
    page.get_by_label("Докладчик из состава").select_option(label="Грязева Елена Борисовна")
    page.locator("#item-add button").click()
    expect(page.locator("#agenda")).to_contain_text("Об итогах методического поезда")

    page.locator("#decision-add summary").click()
    page.get_by_label("Вопрос повестки").select_option(label="1. Об итогах методического поезда")
    page.get_by_label("Текст решения").fill("Одобрить опыт методического поезда")
    page.get_by_label("Адресат", exact=True).select_option(label="группа")
    page.get_by_label("Группа-адресат").fill("педагоги")
    page.locator("#decision-add button").click()
    expect(page.locator("#decisions")).to_contain_text("1.1")
    expect(page.locator("#decisions")).to_contain_text("педагоги")

    page.get_by_role("button", name=re.compile(r"ГОСТ Р 7\.0\.97-2025\) — DOCX")).click()
    with page.expect_download() as download:
        page.locator("#download-docx").click()
    path = tmp_path / "protocol.docx"
    download.value.save_as(path)
    text = docx_to_text(path.read_bytes())
    assert "ПРОТОКОЛ" in text
    assert "10.04.2025\t№\u00a02" in text
    assert "Грязеву\u00a0Е.Б.\u00a0– рассказала об итогах поезда" in text
    assert "1.1. Одобрить опыт методического поезда." in text
    if soffice_path():  # the file opens in LibreOffice
        assert docx_to_pdf(path.read_bytes()).startswith(b"%PDF")
