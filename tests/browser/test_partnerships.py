import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_network_of_the_demo_cluster_click_a_node_opens_the_organisation(page, demo_server):
    from edcluster.organizations.models import Organization

    bank = Organization.objects.get(short_name="АО «Россельхозбанк»")
    page.goto(demo_server.url + "/network/")
    page.get_by_label("Кластер").select_option(label="Подосиновский образовательный кластер")
    page.get_by_role("button", name="Показать").click()
    expect(page.locator("#network[data-ready='1']")).to_have_count(1)
    expect(page.locator("#metrics")).to_contain_text("Управление образования Подосиновского района")
    box = page.locator("#network").bounding_box()
    pos = page.evaluate(f"window.edcNetwork.$id('{bank.pk}').renderedPosition()")
    page.mouse.click(box["x"] + pos["x"], box["y"] + pos["y"])
    page.wait_for_url(f"{demo_server.url}/organizations/{bank.pk}/")
    expect(page.get_by_role("heading", name="АО «Россельхозбанк»")).to_be_visible()
    expect(page.get_by_role("heading", name="Агрообразование")).to_be_visible()
    expect(page.get_by_role("link", name="КОГОБУ СШ пгт Подосиновец").first).to_be_visible()


def test_editor_finds_the_partner_by_typing_and_creates_the_partnership(page, demo_server, login):
    login(demo_server, "editor")
    page.goto(demo_server.url + "/partnerships/new/")
    page.get_by_label("Вид").select_option(label="Совместный проект")
    page.get_by_label("Название").fill("Робототехника вместе")
    page.get_by_label("Наша организация").select_option(label="КОГОБУ СШ пгт Подосиновец")
    picker = page.locator("#id_partners-ts-control")
    picker.fill("журавушк")
    page.locator(".ts-dropdown .option", has_text="«Журавушка»").first.click()
    page.get_by_role("button", name="Сохранить").click()
    expect(page.get_by_role("heading", name="Робототехника вместе")).to_be_visible()
    expect(page.get_by_role("link", name="МАДОУ № 24 «Журавушка»").first).to_be_visible()
