from __future__ import annotations

from edcluster.certificates import services as cert_services
from edcluster.events import services
from edcluster.events.models import Event, Registration
from tests.events.helpers import open_event, person

NAMES = [
    ("Грязева", "Елена", "Борисовна"),
    ("Залесова", "Ольга", "Николаевна"),
    ("Мохина", "Татьяна", "Ивановна"),
    ("Ачилова", "Наталья", "Владимировна"),
    ("Чебыкина", "Светлана", "Анатольевна"),
    ("Пахомовская", "Ирина", "Сергеевна"),
]


def held_event(cluster, *, people: int = 6, checked_in: int = 4, speakers: int = 2, title="Конференция") -> Event:
    """An event with ``people`` confirmed registrations: the first ``checked_in`` came, the first
    ``speakers`` were speakers with a talk title."""
    event = open_event(cluster, in_person=50, online=50, title=title)
    for i in range(people):
        last, first, middle = NAMES[i % len(NAMES)]
        extra = {"last_name": last + ("" if i < len(NAMES) else str(i)), "first_name": first, "middle_name": middle}
        if i < speakers:
            extra.update(role="speaker", talk_title=f"Практика наставничества № {i + 1}")
        registration, _c = services.registration_submit(
            event=event, data=person(f"p{i}-{event.pk}@example.test", **extra), consent=True
        )
        if i < checked_in:
            services.registration_check_in(actor=None, event=event, code=registration.code)
    cert_services.kinds_default(actor=None, event=event)
    return event


def registration(event: Event, last_name: str) -> Registration:
    return event.registrations.get(last_name=last_name)
