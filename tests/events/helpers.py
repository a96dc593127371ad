from __future__ import annotations

from datetime import date, time, timedelta

from django.utils import timezone

from edcluster.events import services
from edcluster.events.models import EventStatus


def open_event(cluster, *, format="mixed", in_person=2, online=1, **extra):
    data = {
        "title": "Методическая конференция",
        "kind": "conference",
        "format": format,
        "starts_on": date(2030, 11, 14),
        "capacity_in_person": in_person,
        "capacity_online": online,
        "online_link": "https://meet.example.test/room",
        "registration_deadline": timezone.now() + timedelta(days=7),
        **extra,
    }
    event = services.event_create(actor=None, cluster=cluster, data=data)
    services.day_add(actor=None, event=event, date=data["starts_on"], starts_at=time(10), ends_at=time(16))
    services.event_set_status(actor=None, event=event, status=EventStatus.PUBLISHED)
    services.event_set_status(actor=None, event=event, status=EventStatus.REGISTRATION_OPEN)
    return event


def person(email="ivanova@example.test", mode="in_person", **extra):
    return {
        "last_name": "Иванова",
        "first_name": "Мария",
        "middle_name": "Петровна",
        "organization_name": "МБДОУ «Детский сад № 5»",
        "position": "методист",
        "region": "34",
        "email": email,
        "phone": "+7 900 000-00-00",
        "mode": mode,
        "role": "listener",
        **extra,
    }
