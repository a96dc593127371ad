"""The event's own questions on the registration form: asked, validated, exported, answered by API."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from edcluster.core.errors import ValidationError
from edcluster.events import services
from edcluster.events.models import Question, Registration
from tests.events.helpers import open_event, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(world):
    ev = open_event(world.cluster_x, in_person=10)
    services.question_add(actor=None, event=ev, text="Нужен ли трансфер от вокзала?", kind="yes_no", required=True)
    services.question_add(
        actor=None, event=ev, text="Какую секцию выбираете?", kind="choice", choices=["Секция 1", "Секция 2"]
    )
    return ev


def form_payload(ev, **answers):
    data = person("form@example.test")
    data["organization"] = data.pop("organization_name")
    data["consent"] = "on"
    q1, q2 = ev.questions.all()
    data[q1.field_name] = answers.get("transfer", "")
    data[q2.field_name] = answers.get("section", "")
    return data


def test_the_form_asks_the_events_questions_before_the_consent(client, event):
    page = client.get(f"/events/{event.pk}/register/").content.decode()
    assert "Нужен ли трансфер от вокзала?" in page
    assert "Секция 2" in page
    assert page.index("Какую секцию выбираете?") < page.index("Я даю согласие на обработку персональных данных")


def test_answers_are_stored_with_the_registration(client, event):
    response = client.post(f"/events/{event.pk}/register/", form_payload(event, transfer="да", section="Секция 2"))
    assert response.status_code == 302
    q1, q2 = event.questions.all()
    assert Registration.objects.get().answers == {str(q1.pk): "да", str(q2.pk): "Секция 2"}


def test_a_required_question_left_empty_names_the_question_and_registers_nobody(client, event):
    response = client.post(f"/events/{event.pk}/register/", form_payload(event, section="Секция 1"))
    assert response.status_code == 200
    assert "Ответьте на вопрос «Нужен ли трансфер от вокзала?»." in response.content.decode()
    assert not Registration.objects.exists()


def test_an_answer_outside_the_choices_is_refused(event):
    q1, q2 = event.questions.all()
    with pytest.raises(ValidationError) as exc:
        services.registration_submit(
            event=event, data={**person(), "answers": {str(q1.pk): "да", str(q2.pk): "Секция 9"}}, consent=True
        )
    assert exc.value.errors == {q2.field_name: ["Выберите один из предложенных вариантов."]}
    assert not Registration.objects.exists()


def test_a_choice_question_needs_two_options(world):
    ev = open_event(world.cluster_x)
    with pytest.raises(ValidationError) as exc:
        services.question_add(actor=None, event=ev, text="Выбор", kind="choice", choices=["один"])
    assert "хотя бы два варианта" in exc.value.errors["choices"][0]
    assert not Question.objects.exists()


def test_organiser_adds_a_question_on_the_programme_page(client, world):
    ev = open_event(world.cluster_x)
    client.force_login(world.coordinator_x)
    response = client.post(
        f"/events/{ev.pk}/programme/",
        {"which": "question", "question-text": "Ваш стаж работы?", "question-kind": "text", "question-required": "on"},
    )
    assert response.status_code == 302
    q = Question.objects.get()
    assert (q.text, q.kind, q.required, q.choices) == ("Ваш стаж работы?", "text", True, [])


def test_an_answered_question_cannot_be_removed(client, world, event):
    client.post(f"/events/{event.pk}/register/", form_payload(event, transfer="нет"))
    q1 = event.questions.first()
    client.force_login(world.coordinator_x)
    response = client.post(f"/events/{event.pk}/programme/question/{q1.pk}/delete/", follow=True)
    assert "На вопрос уже ответили участники (1)" in response.content.decode()
    assert Question.objects.filter(pk=q1.pk).exists()


def test_the_registrations_export_has_a_column_per_question(client, world, event):
    client.post(f"/events/{event.pk}/register/", form_payload(event, transfer="да", section="Секция 1"))
    client.force_login(world.coordinator_x)
    response = client.get(f"/events/{event.pk}/registrations/?export=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [c.value for c in sheet[1]]
    row = [c.value for c in sheet[2]]
    assert header[-2:] == ["Нужен ли трансфер от вокзала?", "Какую секцию выбираете?"]
    assert row[-2:] == ["да", "Секция 1"]


def test_api_registration_with_answers_and_the_questions_in_the_event_detail(client, event):
    detail = client.get(f"/api/events/{event.pk}").json()
    assert [q["text"] for q in detail["questions"]] == ["Нужен ли трансфер от вокзала?", "Какую секцию выбираете?"]
    q1 = detail["questions"][0]
    payload = {**person("api@example.test"), "consent": True, "answers": {str(q1["id"]): "да"}}
    response = client.post(f"/api/events/{event.pk}/register", payload, content_type="application/json")
    assert response.status_code == 201
    assert Registration.objects.get().answers == {str(q1["id"]): "да"}
    missing = client.post(
        f"/api/events/{event.pk}/register",
        {**person("api2@example.test"), "consent": True},
        content_type="application/json",
    )
    assert missing.status_code == 422
    assert "Нужен ли трансфер от вокзала?" in missing.json()["message"]
