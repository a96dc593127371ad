import re
from datetime import date, time, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_register_online_then_organiser_checks_in_by_code(page, demo_server, login):
    from edcluster.core.models import OutboxMessage
    from edcluster.events import services
    from edcluster.events.models import Registration
    from edcluster.organizations.models import Cluster

    cluster = Cluster.objects.get(slug="podosinovets")
    event = services.event_create(
        actor=None,
        cluster=cluster,
        data={
            "title": "Методический поезд",
            "kind": "methodical_train",
            "format": "mixed",
            "starts_on": date(2030, 3, 20),
            "capacity_in_person": 30,
            "capacity_online": 100,
            "online_link": "https://meet.example.test/poezd",
            "registration_deadline": timezone.now() + timedelta(days=30),
        },
    )
    services.day_add(actor=None, event=event, date=date(2030, 3, 20), starts_at=time(10), ends_at=time(13))
    services.event_set_status(actor=None, event=event, status="published")
    services.event_set_status(actor=None, event=event, status="registration_open")

    page.goto(f"{demo_server.url}/clusters/podosinovets/events/")
    page.get_by_role("link", name="Методический поезд", exact=True).click()
    expect(page.get_by_role("heading", name="20 марта 2030 г., 10:00–13:00")).to_be_visible()
    page.get_by_role("link", name="Зарегистрироваться").click()
    page.get_by_label("Фамилия").fill("Смирнова")
    page.get_by_label("Имя", exact=True).fill("Ольга")
    page.get_by_label("Отчество").fill("Ивановна")
    picker = page.locator("#id_organization-ts-control")
    picker.fill("МКОУ ООШ д. Новая")
    page.locator(".ts-dropdown .create").click()
    page.get_by_label("Должность").fill("учитель")
    page.get_by_label("Регион").select_option(label="Кировская область")
    page.get_by_label("E-mail").fill("smirnova@example.test")
    page.get_by_label("Форма участия").select_option(label="онлайн")
    page.get_by_role("button", name="Зарегистрироваться").click()
    expect(page.get_by_text("Без согласия на обработку персональных данных регистрация невозможна.")).to_be_visible()
    page.get_by_label("Я даю согласие на обработку персональных данных").check()
    page.get_by_role("button", name="Зарегистрироваться").click()
    expect(page.get_by_test_id("status")).to_contain_text("Регистрация подтверждена")

    registration = Registration.objects.get(email="smirnova@example.test")
    assert registration.mode == "online" and registration.organization_name == "МКОУ ООШ д. Новая"
    message = OutboxMessage.objects.get(to=["smirnova@example.test"])
    assert "https://meet.example.test/poezd" in message.body and registration.code in message.body
    assert {a.filename for a in message.attachments.all()} == {"event.ics", f"qr-{registration.code}.png"}

    login(demo_server, "coordinator")
    page.goto(f"{demo_server.url}/events/{event.pk}/check-in/")
    expect(page.get_by_test_id("counts")).to_have_text("Отмечено: 0 из 1.")
    page.get_by_label("Код участника").fill(registration.code.lower())
    page.get_by_role("button", name="Отметить").click()
    expect(page.get_by_text(re.compile("Отмечен: Смирнова Ольга Ивановна"))).to_be_visible()
    expect(page.get_by_test_id("counts")).to_have_text("Отмечено: 1 из 1.")
    page.goto(f"{demo_server.url}/events/{event.pk}/registrations/")
    expect(page.get_by_test_id("counts")).to_contain_text("1 участник из 1 субъекта")
