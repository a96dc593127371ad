from __future__ import annotations

from datetime import date

import pytest
from django.conf import settings

from edcluster.core.models import OutboxMessage
from edcluster.events import services, tasks
from tests.events.helpers import open_event, person

pytestmark = pytest.mark.django_db


def _event_with_people(world, **extra):
    event = open_event(world.cluster_x, in_person=1, online=5, **extra)  # starts 14 November 2030
    services.registration_submit(event=event, data=person("hall@example.test"), consent=True)
    services.registration_submit(event=event, data=person("net@example.test", mode="online"), consent=True)
    services.registration_submit(event=event, data=person("wait@example.test"), consent=True)  # waitlisted
    return event


def test_one_reminder_per_confirmed_participant_even_when_run_twice(world):
    _event_with_people(world)
    assert settings.CELERY_BEAT_SCHEDULE["events.send_reminders"]["task"] == "edcluster.events.tasks.send_reminders"
    assert tasks.send_reminders("2030-11-11") == 0  # 3 days before: too early for the default 2
    assert tasks.send_reminders("2030-11-12") == 2
    assert tasks.send_reminders("2030-11-12") == 0
    assert tasks.send_reminders("2030-11-13") == 0
    reminders = OutboxMessage.objects.filter(topic="events.reminder")
    assert sorted(m.to[0] for m in reminders) == ["hall@example.test", "net@example.test"]
    online = reminders.get(to=["net@example.test"])
    assert online.subject == "Напоминание: «Методическая конференция», 14 ноября 2030 г."
    assert "https://meet.example.test/room" in online.body
    assert "https://meet.example.test/room" not in reminders.get(to=["hall@example.test"]).body
    assert "/cancel/" in online.body


def test_reminder_days_zero_means_none_and_past_events_are_skipped(world):
    _event_with_people(world, reminder_days=0)
    assert tasks.send_reminders("2030-11-13") == 0
    assert tasks.send_reminders(date(2030, 11, 15).isoformat()) == 0
    assert not OutboxMessage.objects.filter(topic="events.reminder").exists()
