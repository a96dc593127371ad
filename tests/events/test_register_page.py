"""The public registration page reads only what it shows: an event without site visits or its own
questions costs two queries (the event, the consent text); with them, the form asks for them."""

from __future__ import annotations

import pytest

from edcluster.events import services
from edcluster.events.models import Registration
from tests.events.helpers import open_event, person

pytestmark = pytest.mark.django_db


def _form(**extra):
    data = person("form@example.test", **extra)
    data["organization"] = data.pop("organization_name")
    data["consent"] = "on"
    return data


def test_plain_event_page_reads_the_event_and_the_consent_text_only(world, client, django_assert_num_queries):
    event = open_event(world.cluster_x)
    client.get(f"/events/{event.pk}/register/")  # the first visit publishes the consent text
    with django_assert_num_queries(2):
        page = client.get(f"/events/{event.pk}/register/").content.decode()
    assert "Регистрация на мероприятие" in page and "Форма участия" in page
    assert "Площадка для посещения" not in page


def test_event_with_site_visits_and_a_question_asks_both(world, client, django_assert_num_queries):
    event = open_event(world.cluster_x, in_person=5)
    visit = services.site_visit_add(actor=None, event=event, title="Школа № 3: робототехника", capacity=2)
    services.question_add(actor=None, event=event, text="Нужен ли трансфер?", kind="yes_no")
    client.get(f"/events/{event.pk}/register/")  # the first visit publishes the consent text
    with django_assert_num_queries(4):  # + the site visits, + the questions
        page = client.get(f"/events/{event.pk}/register/").content.decode()
    assert "Площадка для посещения" in page and "Школа № 3: робототехника" in page
    assert "Нужен ли трансфер?" in page
    question = event.questions.get()
    response = client.post(
        f"/events/{event.pk}/register/", {**_form(), "site_visit": str(visit.pk), question.field_name: "да"}
    )
    assert response.status_code == 302
    registration = Registration.objects.get(email="form@example.test")
    assert registration.site_visit_id == visit.pk and registration.answers == {str(question.pk): "да"}


def test_site_visit_of_another_event_is_refused_on_the_page(world, client):
    event = open_event(world.cluster_x, in_person=5)
    services.site_visit_add(actor=None, event=event, title="Школа № 3", capacity=2)
    other = open_event(world.cluster_x)
    foreign = services.site_visit_add(actor=None, event=other, title="Чужая площадка", capacity=2)
    page = client.post(f"/events/{event.pk}/register/", {**_form(), "site_visit": str(foreign.pk)}).content.decode()
    assert "Выберите корректный вариант" in page
    assert not Registration.objects.exists()
