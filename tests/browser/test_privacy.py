"""A person's data as an administrator handles a request under 152-FZ: find by e-mail, see it,
erase it — and the person no longer shows up."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_administrator_finds_and_erases_a_persons_data(live_server, transactional_db, page, login):
    from edcluster.core.demo_loader import DEMO_PASSWORD
    from edcluster.core.services import consent_give
    from tests.factories import PersonFactory, UserFactory

    admin = UserFactory(username="privacy_admin", is_superuser=True, is_staff=True)
    admin.set_password(DEMO_PASSWORD)
    admin.save()
    PersonFactory(last_name="Грязева", first_name="Елена", middle_name="Борисовна", email="gryazeva@example.test")
    consent_give(purpose="registry", email="gryazeva@example.test", ip="10.0.0.7")

    login(live_server, "privacy_admin")
    page.goto(f"{live_server.url}/privacy/")
    page.get_by_label("E-mail человека").fill("gryazeva@example.test")
    page.get_by_role("button", name="Показать данные").click()
    expect(page.get_by_text("Реестр: сведения о человеке")).to_be_visible()
    expect(page.get_by_text("Грязева", exact=True)).to_be_visible()
    page.get_by_label("Я понимаю, что обезличивание нельзя отменить").check()
    page.get_by_role("button", name="Обезличить данные").click()
    expect(page.get_by_role("status")).to_contain_text("Данные обезличены")
    page.get_by_label("E-mail человека").fill("gryazeva@example.test")
    page.get_by_role("button", name="Показать данные").click()
    expect(page.get_by_text("Сведений с этим e-mail на платформе нет.")).to_be_visible()
