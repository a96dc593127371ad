"""The college coordinator sets practice up through the pages: a new base from a partnership with
the practical-training direction, the base edited, its mentors attached, a new group with two new
students, a period with places, both students assigned — then a mentor changed (an overloaded
mentor refused with the Russian message first) and the list of the base's students downloaded."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

KINDERGARTEN = "МДОУ «Детский сад № 7»"


def _partner_kindergarten():
    """A Volgograd kindergarten with a signed practice agreement with the college and two teachers
    (what the partnerships and registry pages make; not the subject of this test)."""
    from django.contrib.auth import get_user_model

    from edcluster.organizations import services as org_services
    from edcluster.organizations.models import Organization
    from edcluster.partnerships import services as partnership_services
    from edcluster.partnerships.models import Direction
    from edcluster.training.models import PRACTICE_DIRECTION

    admin = get_user_model().objects.get(username="admin")
    college = Organization.objects.get(short_name="ГАПОУ «Волгоградский социально-педагогический колледж»")
    org = org_services.organization_create(
        actor=admin,
        data={
            "full_name": "Муниципальное дошкольное образовательное учреждение «Детский сад № 7 Волгограда»",
            "short_name": KINDERGARTEN,
            "kind": "kindergarten",
            "municipality": "Волгоград",
            "region": "34",
        },
    )
    partnership_services.partnership_create(
        actor=admin,
        data={
            "kind": "cooperation_agreement",
            "title": "Практика студентов в детском саду № 7",
            "signed_on": date(2026, 9, 1),
            "indefinite": True,
        },
        parties=[{"organization": college, "role": "initiator"}, {"organization": org, "role": "partner"}],
        directions=list(Direction.objects.filter(name=PRACTICE_DIRECTION)),
        activate=True,
    )
    for last, first in (("Морозова", "Галина"), ("Никитина", "Юлия")):
        org_services.person_create(
            actor=admin,
            data={"last_name": last, "first_name": first, "middle_name": "Ивановна"},
            organization=org,
            position_title="воспитатель",
        )


def _select(page, label: str, option: str) -> None:
    page.get_by_label(label, exact=True).select_option(label=option)


def test_coordinator_sets_up_a_base_group_period_and_changes_a_mentor(page, demo_server, login, tmp_path):
    _partner_kindergarten()
    server = demo_server
    login(server, "college")

    # a base
    page.goto(server.url + "/training/")
    page.get_by_role("link", name="Новая база практики").click()
    _select(page, "Организация — база практики", KINDERGARTEN)
    _select(page, "Договор о практической подготовке", "Практика студентов в детском саду № 7")
    page.get_by_label("Дошкольное образование", exact=True).check()
    page.get_by_label("Условия").fill("Рабочее место в группе")
    page.get_by_label("Студентов на одного наставника").fill("1")
    page.get_by_role("button", name="Сохранить").click()
    expect(page.get_by_text(f"База практики добавлена: {KINDERGARTEN}.")).to_be_visible()
    base_url = page.url

    # edited: another specialisation and new conditions
    page.get_by_role("link", name="Изменить базу").click()
    page.get_by_label("Преподавание в начальных классах").check()
    page.get_by_label("Условия").fill("Рабочее место в группе, методический кабинет")
    page.get_by_role("button", name="Сохранить").click()
    expect(page.get_by_text("База практики сохранена.")).to_be_visible()
    expect(page.get_by_text("Дошкольное образование, Преподавание в начальных классах")).to_be_visible()
    expect(page.get_by_text("Условия: Рабочее место в группе, методический кабинет")).to_be_visible()

    # two mentors
    for name in ("Морозова Галина Ивановна", "Никитина Юлия Ивановна"):
        page.get_by_role("link", name="Добавить наставника").click()
        _select(page, "Наставник (сотрудник базы)", name)
        page.get_by_role("button", name="Сохранить").click()
    expect(page.locator("#base-mentors")).to_contain_text("Морозова")
    expect(page.locator("#base-mentors")).to_contain_text("Никитина")

    # a group with two new students
    page.goto(server.url + "/training/")
    page.get_by_role("link", name="Новая учебная группа").click()
    page.get_by_label("Группа").fill("ДО-21")
    _select(page, "Специальность", "Дошкольное образование")
    page.get_by_label("Год выпуска").fill("2028")
    page.get_by_role("button", name="Сохранить").click()
    expect(page.get_by_text("Группа создана: ДО-21.")).to_be_visible()
    for last, first in (("Гусева", "Марина"), ("Лосева", "Нина")):
        page.get_by_label("…или новый студент: фамилия").fill(last)
        page.get_by_label("Имя", exact=True).fill(first)
        page.get_by_role("button", name="Добавить").click()
        expect(page.locator("#group-students")).to_contain_text(last)

    # a period with places at the new base, both students assigned with different mentors
    page.goto(server.url + "/training/")
    page.get_by_role("link", name=re.compile("Новый период")).click()
    _select(page, "Группа", "ДО-21")
    _select(page, "Вид практики", "учебная")
    page.get_by_label("Название").fill("Учебная практика группы ДО-21")
    page.get_by_label("Начало").fill("2026-11-09")
    page.get_by_label("Окончание").fill("2026-11-20")
    page.get_by_role("button", name="Сохранить").click()
    expect(page.get_by_role("heading", name="Учебная практика группы ДО-21")).to_be_visible()
    page.locator("summary", has_text="Задать места базы").click()
    page.locator("#places-form").get_by_label("База практики").select_option(label=KINDERGARTEN)
    page.get_by_label("Мест").fill("2")
    page.get_by_role("button", name="Сохранить места").click()
    expect(page.locator("#offers")).to_contain_text("2 свободных места")
    for student, mentor in (("Гусева Марина", "Морозова Галина Ивановна"), ("Лосева Нина", "Никитина Юлия Ивановна")):
        page.locator("summary", has_text="Распределить студента").click()
        page.locator("#assign-form").get_by_label("Студент").select_option(label=student)
        page.locator("#assign-form").get_by_label("База практики").select_option(label=KINDERGARTEN)
        page.locator("#assign-form").get_by_label("Наставник").select_option(label=mentor)
        page.get_by_role("button", name="Распределить").click()
        expect(page.get_by_text("Студент распределён.")).to_be_visible()
    expect(page.locator("#placements")).to_contain_text("Никитина\u00a0Ю.И.")

    # the mentor of Лосева changed to Морозова: refused (one student per mentor), then allowed
    page.locator("#placements").get_by_role("link", name="Лосева Нина").click()
    page.locator("summary", has_text="Сменить наставника").click()
    page.locator("#mentor-form").get_by_label("Наставник").select_option(label="Морозова Галина Ивановна")
    page.get_by_role("button", name="Сохранить наставника").click()
    expect(
        page.get_by_text("Наставник перегружен: Морозова\u00a0Г.И. уже ведёт 1 студента в эти даты.")
    ).to_be_visible()
    placement_url = page.url
    page.goto(base_url)
    page.get_by_role("link", name="Изменить базу").click()
    page.get_by_label("Студентов на одного наставника").fill("2")
    page.get_by_role("button", name="Сохранить").click()
    expect(page.get_by_text("База практики сохранена.")).to_be_visible()
    page.goto(placement_url)
    page.locator("summary", has_text="Сменить наставника").click()
    page.locator("#mentor-form").get_by_label("Наставник").select_option(label="Морозова Галина Ивановна")
    page.get_by_role("button", name="Сохранить наставника").click()
    expect(page.get_by_text("Наставник сохранён.")).to_be_visible()
    expect(page.locator("p", has_text="наставник Морозова Галина Ивановна")).to_be_visible()

    # the base's list of students for the period
    page.goto(base_url)
    with page.expect_download() as download:
        page.locator("#base-lists").get_by_role("link", name="Список — XLSX").click()
    path = tmp_path / "list.xlsx"
    download.value.save_as(path)
    ws = load_workbook(io.BytesIO(path.read_bytes())).active
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
    assert [(r[1], r[2], r[4]) for r in rows] == [
        ("Гусева Марина", "ДО-21", "Морозова Галина Ивановна"),
        ("Лосева Нина", "ДО-21", "Морозова Галина Ивановна"),
    ]

    # the base with students cannot be removed
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Удалить базу").click()
    expect(page.get_by_text(re.compile("нельзя удалить, пока на ней есть студенты \\(2 студента\\)"))).to_be_visible()
