import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_school_adopts_the_agro_classes_and_the_page_shows_the_adoption_and_chart(page, demo_server, login):
    login(demo_server, "editor")  # editor of КОГОБУ СШ пгт Подосиновец
    page.goto(demo_server.url + "/practices/")
    page.locator("#id_q").fill("агроклассы")
    page.get_by_role("button", name="Найти").click()
    page.get_by_role("link", name="Агроклассы от Россельхозбанка").click()
    expect(page.get_by_text("Пока никто не отметил внедрение.")).to_be_visible()
    page.get_by_role("link", name="Отметить внедрение").click()
    page.get_by_label("Организация").select_option(label="КОГОБУ СШ пгт Подосиновец")
    page.get_by_label("Дата внедрения").fill("2025-03-20")
    page.get_by_label("Как адаптирована").fill("Агрокласс для учащихся 8 класса")
    page.get_by_label("Участников охвачено").fill("24")
    page.get_by_role("button", name="Сохранить").click()
    expect(page.get_by_text("Внедрение отмечено.")).to_be_visible()
    expect(page.locator("#adoptions")).to_contain_text("КОГОБУ СШ пгт Подосиновец")
    expect(page.locator("#adoptions")).to_contain_text("24 участника")
    expect(page.locator("#adoption-chart[data-ready='1']")).to_have_count(1)
    expect(page.get_by_text("внедрена", exact=True)).to_be_visible()
