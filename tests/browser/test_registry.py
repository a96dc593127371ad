import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_home_names_the_demo_cluster_and_search_finds_kindergartens(page, demo_server):
    page.goto(demo_server.url + "/")
    expect(page.get_by_role("link", name="«Подосиновский образовательный кластер»")).to_be_visible()
    page.get_by_role("link", name="Организации").click()
    page.get_by_placeholder(re.compile("название, город")).fill("детские сады")
    page.get_by_role("button", name="Найти").click()
    expect(page.get_by_role("link", name="МАДОУ № 24 «Журавушка»")).to_be_visible()
    expect(page.get_by_role("link", name="КОГОБУ СШ пгт Подосиновец")).to_have_count(0)


def test_coordinator_adds_organisation_and_sees_its_history(page, demo_server, login):
    login(demo_server, "coordinator")
    page.goto(demo_server.url + "/organizations/new/")
    page.get_by_label("Полное наименование").fill(
        "Муниципальное казённое дошкольное образовательное учреждение детский сад «Сказка» пгт Подосиновец"
    )
    page.get_by_label("Краткое наименование").fill("МКДОУ детский сад «Сказка»")
    page.get_by_label("Тип").select_option(label="Детский сад")
    page.get_by_label("Кластер").select_option(label="Подосиновский образовательный кластер")
    page.get_by_label("ИНН").fill("1234567890")
    page.get_by_role("button", name="Сохранить").click()
    expect(page.get_by_text("не проходит проверку контрольной суммы")).to_be_visible()
    page.get_by_label("ИНН").fill("")
    page.get_by_role("button", name="Сохранить").click()
    expect(page.get_by_role("heading", name="МКДОУ детский сад «Сказка»")).to_be_visible()
    expect(page.get_by_text("История изменений")).to_be_visible()
    expect(page.get_by_text("organizations.organization.created")).to_be_visible()


def test_editor_of_one_organisation_gets_no_edit_form_for_another(page, demo_server, login):
    from edcluster.organizations.models import Organization

    other = Organization.objects.get(short_name="АО «Россельхозбанк»")
    login(demo_server, "editor")
    response = page.goto(f"{demo_server.url}/organizations/{other.pk}/edit/")
    assert response.status == 403
    expect(page.get_by_text("Недостаточно прав")).to_be_visible()
