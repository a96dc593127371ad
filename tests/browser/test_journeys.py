"""Journeys a new user takes that no other browser test covers: the search box in the header,
an API token made on the profile page and used by a program, and an erasure for someone the
administrator knows only by name."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_visitor_searches_from_the_header_and_opens_a_result(page, demo_server):
    page.goto(demo_server.url)
    page.get_by_label("Поиск по платформе").fill("детский сад")
    page.get_by_label("Поиск по платформе").press("Enter")
    expect(page.get_by_role("heading", name="Поиск", exact=True)).to_be_visible()
    expect(page.get_by_label("Что найти")).to_have_value("детский сад")
    first = page.locator("section .list-group-item a").first
    expect(first).to_be_visible()
    title = first.inner_text()
    first.click()
    expect(page.locator("h1")).to_contain_text(title.split("«")[0].strip()[:20])
    page.get_by_label("Поиск по платформе").fill("щщщщщ")
    page.get_by_label("Поиск по платформе").press("Enter")
    expect(page.get_by_text("Ничего не найдено.")).to_be_visible()


def test_coordinator_creates_an_api_token_a_program_uses_it_then_it_is_revoked(page, demo_server, login):
    login(demo_server, "coordinator")
    page.get_by_role("link", name="Токены API").click()
    expect(page.get_by_text("Токенов нет.")).to_be_visible()
    page.get_by_label("Название").fill("Выгрузка для отчёта")
    page.get_by_label("Права").select_option("read")
    page.get_by_role("button", name="Создать").click()
    key = page.locator("code.user-select-all").inner_text()
    assert key.startswith("edc_")
    expect(page.get_by_role("cell", name="Выгрузка для отчёта")).to_be_visible()

    api = page.context.request  # a program: no session cookie, only the token
    people = api.get(f"{demo_server.url}/api/people", headers={"Authorization": f"Bearer {key}", "Cookie": ""})
    assert people.status == 200 and "items" in people.json()
    refused = api.get(f"{demo_server.url}/api/people", headers={"Authorization": "Bearer edc_wrong", "Cookie": ""})
    assert refused.status == 401

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Отозвать").click()
    expect(page.get_by_text("Токен отозван.")).to_be_visible()
    again = api.get(f"{demo_server.url}/api/people", headers={"Authorization": f"Bearer {key}", "Cookie": ""})
    assert again.status == 401


def test_administrator_finds_one_of_two_namesakes_by_name_and_erases_only_her(
    live_server, transactional_db, page, login
):
    from edcluster.core.demo_loader import DEMO_PASSWORD
    from edcluster.organizations.models import Person
    from tests.factories import OrganizationFactory, PersonFactory, UserFactory

    admin = UserFactory(username="privacy_admin", is_superuser=True, is_staff=True)
    admin.set_password(DEMO_PASSWORD)
    admin.save()
    for email, org in (("lebedeva.school@example.test", "Школа № 3"), ("lebedeva.dou@example.test", "Детский сад № 7")):
        p = PersonFactory(last_name="Лебедева", first_name="Ольга", middle_name="Ивановна", email=email)
        p.positions.create(organization=OrganizationFactory(short_name=org), title="учитель")

    login(live_server, "privacy_admin")
    page.goto(f"{live_server.url}/privacy/")
    page.get_by_text("Найти человека по ФИО или телефону").click()
    page.get_by_label("Фамилия").fill("Лебедева")
    page.get_by_label("Имя", exact=True).fill("Ольга")
    page.get_by_role("button", name="Найти", exact=True).click()
    table = page.get_by_role("table", name="Найденные люди")
    expect(table.locator("tbody tr")).to_have_count(2)
    table.get_by_role("row").filter(has_text="Детский сад № 7").get_by_role("button", name="Выбрать").click()
    expect(page.get_by_text("lebedeva.dou@example.test").first).to_be_visible()
    page.get_by_label("Я понимаю, что обезличивание нельзя отменить").check()
    page.get_by_role("button", name="Обезличить данные").click()
    expect(page.get_by_role("status")).to_contain_text("Данные обезличены")

    assert Person.objects.filter(email="lebedeva.school@example.test", last_name="Лебедева").exists()
    assert not Person.objects.filter(email="lebedeva.dou@example.test").exists()
