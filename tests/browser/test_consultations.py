"""The whole path of a parent's request: public form → booking → consultation record → survey →
the month report counts it and the satisfaction share moves."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.fixture
def centre_setup(transactional_db):
    from edcluster.consultations import services
    from edcluster.core.demo_loader import DEMO_PASSWORD
    from edcluster.organizations.models import RoleAssignment
    from tests.factories import OrganizationFactory, UserFactory

    org = OrganizationFactory(
        short_name="Детский сад «Берёзка»", full_name="Детский сад «Берёзка»", kind="kindergarten"
    )
    editor = UserFactory(username="kc_editor")
    editor.set_password(DEMO_PASSWORD)
    editor.save()
    RoleAssignment.objects.create(user=editor, role="editor", organization=org)
    centre = services.centre_create(
        actor=editor,
        data={"organization": org, "name": "Консультационный центр «Берёзка»", "forms": ["in_person", "visit"]},
    )
    sp = services.specialist_create(
        actor=editor, centre=centre, data={"kind": "speech", "full_name": "Лебедева Ольга Сергеевна"}
    )
    for weekday in range(7):
        services.schedule_add(actor=editor, specialist=sp, weekday=weekday, start=dt.time(9), end=dt.time(12))
    # an earlier consultation this month whose parent was not satisfied: the share starts at 0 %
    earlier = services.consultation_record(
        actor=editor,
        centre=centre,
        data={
            "specialist": sp,
            "date": timezone.localdate(),
            "form": "in_person",
            "duration": 45,
            "recipient_category": "other",
            "topic": "other",
        },
    )
    services.survey_answer(token=earlier.survey_token, satisfied=False, score=2)
    return centre


def _summary_value(page, label):
    return page.locator("#summary tr", has_text=label).locator("td").nth(1)


def test_request_to_report(page, live_server, centre_setup, login):
    from edcluster.core.models import OutboxMessage

    centre = centre_setup
    # 1. the parent submits a request on the public page
    page.goto(f"{live_server.url}/consultations/{centre.pk}/")
    page.get_by_role("link", name="Записаться на консультацию").click()
    page.get_by_label("Кто обращается").select_option(label="родитель")
    page.get_by_label("Как к вам обращаться").fill("Мария Ивановна")
    page.get_by_label("Возраст ребёнка, лет").fill("4")
    page.get_by_label("Тема").select_option(label="речь")
    page.get_by_label("Удобная форма").select_option(label="выезд в семью")
    page.get_by_label("E-mail", exact=True).fill("maria@example.test")
    page.get_by_role("button", name="Отправить обращение").click()
    expect(page.get_by_text("Без согласия на обработку персональных данных")).to_be_visible()
    page.get_by_label("Даю согласие на обработку персональных данных").check()
    page.get_by_role("button", name="Отправить обращение").click()
    expect(page.get_by_text(re.compile(r"Обращение № \d+ принято"))).to_be_visible()

    # 2. the centre books a slot for it
    login(live_server, "kc_editor")
    page.goto(f"{live_server.url}/consultations/{centre.pk}/office/")
    expect(page.get_by_role("cell", name="Мария Ивановна (родитель)")).to_be_visible()
    page.get_by_label("Свободное время").select_option(index=0)
    page.get_by_label("Форма", exact=True).select_option(label="выезд в семью")
    page.get_by_label("Обращение", exact=True).select_option(index=1)
    page.get_by_role("button", name="Записать", exact=True).click()
    expect(page.get_by_text("Запись создана; родителю отправлено подтверждение.")).to_be_visible()
    assert OutboxMessage.objects.filter(topic="consultations.appointment", to=["maria@example.test"]).exists()

    # 3. … and records the consultation (the family came earlier than booked: today)
    page.get_by_role("link", name="Записать консультацию", exact=True).click()
    page.get_by_label("Дата").fill(timezone.localdate().isoformat())
    page.get_by_label("Продолжительность, мин").fill("50")
    page.get_by_label("Категория получателя").select_option(label="родители детей, не посещающих детский сад")
    page.get_by_label("Тема").select_option(label="речь")
    page.get_by_role("button", name="Сохранить").click()
    expect(page.get_by_text("Консультация записана.")).to_be_visible()

    page.goto(f"{live_server.url}/consultations/{centre.pk}/report/")
    expect(_summary_value(page, "Доля удовлетворённых")).to_have_text("0,0")

    # 4. the parent answers the survey from the e-mail
    survey = OutboxMessage.objects.get(topic="consultations.survey", to=["maria@example.test"])
    path = re.search(r"/consultations/survey/\S+/", survey.body).group(0)
    page.goto(live_server.url + path)
    page.get_by_label("Да").check()
    page.get_by_label("5").check()
    page.get_by_role("button", name="Отправить ответ").click()
    expect(page.get_by_text("Спасибо! Ваш ответ принят.")).to_be_visible()

    # 5. the month report counts it in the right form and category; the share moved
    page.goto(f"{live_server.url}/consultations/{centre.pk}/report/")
    expect(_summary_value(page, "Оказано услуг")).to_have_text("2")
    expect(page.locator("#by_form tr", has_text="выезд в семью").locator("td").nth(1)).to_have_text("1")
    expect(page.locator("#by_category tr", has_text="не посещающих детский сад").locator("td").nth(1)).to_have_text("1")
    expect(_summary_value(page, "Доля удовлетворённых")).to_have_text("50,0")
