from __future__ import annotations

from datetime import date

import pytest

from edcluster.core.models import OutboxMessage
from edcluster.meetings import services
from edcluster.meetings.models import Decision
from edcluster.meetings.tasks import sweep_decisions

pytestmark = pytest.mark.django_db


@pytest.fixture
def due_decision(world, meeting):
    world.person_a.email = "anna@example.test"
    world.person_a.save(update_fields=["email"])
    return services.decision_create(
        actor=world.coordinator_x,
        meeting=meeting,
        data={"text": "Провести методический поезд", "responsible": world.person_a, "due_date": date(2025, 3, 20)},
    )


def reminders():
    return list(OutboxMessage.objects.filter(topic="meetings.decision").order_by("pk"))


def test_one_reminder_before_and_one_when_overdue_not_one_per_run(due_decision):
    sweep_decisions(today=date(2025, 3, 1).isoformat())
    assert reminders() == []  # too early
    for day in (15, 16, 18):
        sweep_decisions(today=date(2025, 3, day).isoformat())
    soon = reminders()
    assert len(soon) == 1
    assert soon[0].to == ["anna@example.test"]
    assert soon[0].subject == "Приближается срок решения № 1"
    assert "Провести методический поезд" in soon[0].body and "до 20 марта 2025" in soon[0].body
    for day in (21, 22, 25):
        sweep_decisions(today=date(2025, 3, day).isoformat())
    due_decision.refresh_from_db()
    assert due_decision.status == Decision.Status.OVERDUE
    all_mail = reminders()
    assert len(all_mail) == 2
    assert all_mail[1].subject == "Срок решения № 1 истёк"


def test_done_decision_gets_no_reminder(world, due_decision):
    services.decision_progress(actor=world.coordinator_x, decision=due_decision, data={"status": "done"})
    sweep_decisions(today=date(2025, 4, 1).isoformat())
    due_decision.refresh_from_db()
    assert due_decision.status == Decision.Status.DONE
    assert reminders() == []
