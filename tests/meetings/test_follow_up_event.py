"""From a decision, the event that fulfils it in one step; holding it closes the decision."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.urls import reverse

from edcluster.events import services as events
from edcluster.events.models import Event, EventStatus
from edcluster.meetings import services
from edcluster.meetings.models import Decision

pytestmark = pytest.mark.django_db


@pytest.fixture
def decision4(world, meeting):
    services.agenda_item_create(actor=world.coordinator_x, meeting=meeting, data={"title": "Вопрос"})
    d = services.decision_create(
        actor=world.coordinator_x,
        meeting=meeting,
        data={
            "text": "Запланировать в марте 2025 года проведение «Методического поезда»",
            "addressee_kind": "group",
            "addressee_group": "педагоги",
            "due_date": date(2025, 3, 1),
            "due_month_only": True,
        },
    )
    services.protocol_approve(actor=world.coordinator_x, meeting=meeting)
    return d


def _hold(event):
    for status in (
        EventStatus.PUBLISHED,
        EventStatus.REGISTRATION_OPEN,
        EventStatus.REGISTRATION_CLOSED,
        EventStatus.HELD,
    ):
        events.event_set_status(actor=None, event=event, status=status)


def test_page_creates_the_methodical_train_and_holding_it_closes_the_decision(world, decision4, client_for):
    c = client_for(world.coordinator_x)
    page = c.get(reverse("meetings:decision_detail", args=[decision4.pk])).content.decode()
    assert "Создать мероприятие по решению" in page
    response = c.post(
        reverse("meetings:decision_event_create", args=[decision4.pk]),
        {"title": "Методический поезд", "kind": "methodical_train", "starts_on": "2025-03-20"},
    )
    event = Event.objects.get(title="Методический поезд")
    assert response.status_code == 302 and response["Location"] == event.get_absolute_url()
    assert event.cluster == world.cluster_x and event.status == EventStatus.DRAFT
    assert event.goal == decision4.text and event.starts_on == date(2025, 3, 20)
    decision4.refresh_from_db()
    assert decision4.status == Decision.Status.IN_PROGRESS
    assert list(decision4.evidence.values_list("kind", "object_id")) == [("event", event.pk)]
    _hold(Event.objects.get(pk=event.pk))
    decision4.refresh_from_db()
    assert decision4.status == Decision.Status.DONE and decision4.progress == 100


def test_defaults_from_the_decision_and_refusals(world, decision4, client_for):
    event = services.decision_create_event(actor=world.coordinator_x, decision=decision4, data={})
    assert event.title == "Методический поезд" and event.starts_on == date(2025, 3, 1)
    services.decision_progress(actor=world.coordinator_x, decision=decision4, data={"status": "done"})
    c = client_for(world.coordinator_x)
    page = c.post(reverse("meetings:decision_event_create", args=[decision4.pk]), {"kind": "seminar"}, follow=True)
    assert "Решение уже выполнено или отменено" in page.content.decode()
    assert Event.objects.count() == 1


def test_editor_of_addressee_may_report_but_not_create_events(world, decision4, client_for):
    r = client_for(world.editor_a).post(
        f"/api/decisions/{decision4.pk}/event", data=json.dumps({"kind": "seminar"}), content_type="application/json"
    )
    assert r.status_code == 403 and not Event.objects.exists()
    r = client_for(world.coordinator_x).post(
        f"/api/decisions/{decision4.pk}/event",
        data=json.dumps({"title": "Методический поезд", "starts_on": "2025-03-20"}),
        content_type="application/json",
    )
    assert r.status_code == 201 and r.json()["kind"] == "methodical_train" and r.json()["status"] == "draft"
    assert Decision.objects.get(pk=decision4.pk).evidence.get().object_id == r.json()["id"]


def test_page_title_holds_no_follow_up_form(world, decision4, client_for):
    import re

    page = (
        client_for(world.coordinator_x).get(reverse("meetings:decision_detail", args=[decision4.pk])).content.decode()
    )
    title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
    assert "<form" not in title and "details" not in title and "Создать мероприятие" not in title
    assert page.count('id="decision-event"') == 1
