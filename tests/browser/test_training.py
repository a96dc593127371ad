"""The practice journey: the college creates a period and offers the last place, two students
try to take it from pages opened at the same time (one gets it, the other reads why not), the
kindergarten's mentor evaluates, the characteristic DOCX downloads, the outcomes page updates.

The race itself under real concurrency is proven at service level in
tests/training/test_concurrency.py (parallel processes); here the second student's page was
loaded before the first student took the place, as in real life."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from edcluster.documents.builder import docx_to_text

pytestmark = pytest.mark.browser


def _second_student(admin):
    """Give another student of group ДО-41 her own sign-in."""
    from django.contrib.auth import get_user_model

    from edcluster.training import services
    from edcluster.training.models import Student

    user = get_user_model().objects.create_user("student2", password="demo-edcluster")
    student = Student.objects.get(person__last_name="Орлова", group__name="ДО-41")
    services.student_account_link(actor=admin, student=student, user=user)


def _signed_in(browser, server, username):
    context = browser.new_context(locale="ru-RU")
    page = context.new_page()
    page.goto(f"{server.url}/accounts/login/")
    page.get_by_label("Логин").fill(username)
    page.get_by_label("Пароль").fill("demo-edcluster")
    page.get_by_role("button", name="Войти").click()
    page.wait_for_url(f"{server.url}/")
    return page


def test_period_choice_race_evaluation_characteristic_outcomes(page, browser, demo_server, login, tmp_path):
    from django.contrib.auth import get_user_model

    _second_student(get_user_model().objects.get(username="admin"))
    server = demo_server

    login(server, "college")
    page.goto(server.url + "/training/outcomes/")
    expect(page.locator("#summary")).to_have_text("6 распределений студентов на 2 базы практики")

    page.goto(server.url + "/training/")
    page.get_by_role("link", name=re.compile("Новый период")).click()
    page.get_by_label("Группа").select_option(label="ДО-41")
    page.get_by_label("Вид практики").select_option(label="учебная")
    page.get_by_label("Название").fill("Учебная практика группы ДО-41")
    page.get_by_label("Начало").fill("2026-10-05")
    page.get_by_label("Окончание").fill("2026-10-16")
    page.get_by_label("Задания программы практики").fill("Провести подвижные игры на прогулке")
    page.get_by_role("button", name="Сохранить").click()
    expect(page.get_by_role("heading", name="Учебная практика группы ДО-41")).to_be_visible()
    period_url = page.url

    page.locator("summary", has_text="Задать места базы").click()
    page.locator("#places-form").get_by_label("База практики").select_option(label="МАДОУ № 24 «Журавушка»")
    page.get_by_label("Мест").fill("1")
    page.get_by_role("button", name="Сохранить места").click()
    expect(page.locator("#offers")).to_contain_text("1 свободное место")

    # Both students open the period while the last place is still free.
    first = _signed_in(browser, server, "student")
    second = _signed_in(browser, server, "student2")
    for p in (first, second):
        p.goto(period_url)
        expect(p.locator("#offers")).to_contain_text("1 свободное место")
    first.locator("#offers").get_by_role("button", name="Выбрать").click()
    expect(first.get_by_text("Место закреплено за вами: МАДОУ № 24 «Журавушка».")).to_be_visible()
    second.locator("#offers").get_by_role("button", name="Выбрать").click()
    expect(
        second.get_by_text(
            "Мест больше нет: последнее место в базе практики «МАДОУ № 24 „Журавушка“» уже занял другой студент. "
            "Выберите другую базу."
        )
    ).to_be_visible()
    expect(second.locator("#offers")).to_contain_text("мест нет")

    # The kindergarten (the base's editor acts as mentor) evaluates.
    mentor = _signed_in(browser, server, "zhuravushka")
    mentor.goto(period_url)
    expect(mentor.locator("#placements")).to_contain_text("Смирнова Алина Олеговна")
    mentor.locator("#placements").get_by_role("link", name="Смирнова Алина Олеговна").click()
    mentor.get_by_role("link", name="Заполнить оценку").click()
    for label in (
        "Планирование и подготовка занятий",
        "Проведение образовательной деятельности с детьми",
        "Взаимодействие с детьми, родителями и коллегами",
        "Ведение документации и дневника практики",
        "Трудовая дисциплина и ответственность",
    ):
        mentor.get_by_label(label).select_option("5")
    mentor.get_by_label("Характеристика").fill("Уверенно организует игры, дети к ней тянутся.")
    mentor.get_by_role("button", name="Сохранить").click()
    expect(mentor.locator("#evaluation")).to_contain_text("Оценка наставника")
    mentor.get_by_role("button", name="Характеристика — DOCX").click()
    with mentor.expect_download() as download:
        mentor.locator("#download-docx").click()
    path = tmp_path / "characteristic.docx"
    download.value.save_as(path)
    text = docx_to_text(path.read_bytes())
    assert "ХАРАКТЕРИСТИКА" in text
    assert "Смирновой Алины Олеговны" in text
    assert "Уверенно организует игры" in text

    page.goto(server.url + "/training/outcomes/")
    expect(page.locator("#summary")).to_have_text("7 распределений студентов на 2 базы практики")
    expect(page.locator("#years")).to_contain_text("4 распределения")
