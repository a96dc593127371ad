from __future__ import annotations

from edcluster.events import services
from edcluster.events.models import Event, EventDay, EventStatus, Registration, Section
from tests.events.helpers import open_event, person
from tests.permissions import EVERYONE, X_COORDINATOR, Case


def event(w) -> int:
    found = Event.objects.filter(cluster=w.cluster_x, status=EventStatus.REGISTRATION_OPEN).first()
    return (found or open_event(w.cluster_x)).pk


def draft(w) -> int:
    found = Event.objects.filter(cluster=w.cluster_x, status=EventStatus.DRAFT).first()
    if found is None:
        found = services.event_create(
            actor=None, cluster=w.cluster_x, data={"title": "Черновик", "kind": "seminar", "starts_on": "2030-01-01"}
        )
    return found.pk


def registration(w) -> Registration:
    ev = Event.objects.get(pk=event(w))
    reg, _created = services.registration_submit(event=ev, data=person("matrix@example.test"), consent=True)
    return reg


def offered(w) -> Registration:
    """A registration holding an offered place (a full event whose participant cancelled)."""
    ev = open_event(w.cluster_x, in_person=1, online=0, title="Мероприятие с листом ожидания")
    first, _c = services.registration_submit(event=ev, data=person("holder@example.test"), consent=True)
    waiting, _c = services.registration_submit(event=ev, data=person("waiting@example.test"), consent=True)
    services.registration_cancel(secret=first.secret)
    waiting.refresh_from_db()
    return waiting


def pending(w) -> Registration:
    """A registration waiting for the organiser's decision on a moderated event."""
    ev = open_event(w.cluster_x, in_person=5, online=0, moderation=True, title="Мероприятие с модерацией")
    reg, _c = services.registration_submit(event=ev, data=person("pending@example.test"), consent=True)
    return reg


def still_pending(w) -> bool:
    return not Registration.objects.filter(email="pending@example.test").exclude(status="pending").exists()


def register_payload(w):
    data = person("form@example.test")
    data["organization"] = data.pop("organization_name")
    data["consent"] = "on"
    return data


def event_payload(w):
    return {"title": "Семинар матрицы", "kind": "seminar", "format": "in_person", "starts_on": "2030-02-01"}


def nothing_new(w) -> bool:
    return not Event.objects.filter(title="Семинар матрицы").exists()


EV = "events:"
CASES = [
    Case(EV + "cluster_events", "GET", lambda w: "/clusters/x/events/", EVERYONE),
    Case(EV + "cluster_feed", "GET", lambda w: "/clusters/x/events.ics", EVERYONE),
    Case(EV + "event_detail", "GET", lambda w: f"/events/{event(w)}/", EVERYONE),
    Case(EV + "event_detail", "GET", lambda w: f"/events/{draft(w)}/", X_COORDINATOR, label="draft"),
    Case(EV + "event_ics", "GET", lambda w: f"/events/{event(w)}/event.ics", EVERYONE),
    Case(EV + "register", "GET", lambda w: f"/events/{event(w)}/register/", EVERYONE),
    Case(EV + "register", "POST", lambda w: f"/events/{event(w)}/register/", EVERYONE, data=register_payload),
    Case(EV + "register", "GET", lambda w: f"/events/{draft(w)}/register/", X_COORDINATOR, label="draft"),
    Case(EV + "registration_status", "GET", lambda w: f"/events/registration/{registration(w).secret}/", EVERYONE),
    Case(
        EV + "registration_cancel",
        "GET",
        lambda w: f"/events/registration/{registration(w).secret}/cancel/",
        EVERYONE,
    ),
    Case(
        EV + "registration_cancel",
        "POST",
        lambda w: f"/events/registration/{registration(w).secret}/cancel/",
        EVERYONE,
    ),
    Case(EV + "registration_offer", "GET", lambda w: f"/events/registration/{offered(w).secret}/offer/", EVERYONE),
    Case(
        EV + "registration_offer",
        "POST",
        lambda w: f"/events/registration/{offered(w).secret}/offer/",
        EVERYONE,
        data=lambda w: {"action": "decline"},
    ),
    Case(EV + "event_create", "GET", lambda w: "/clusters/x/events/new/", X_COORDINATOR),
    Case(
        EV + "event_create",
        "POST",
        lambda w: "/clusters/x/events/new/",
        X_COORDINATOR,
        data=event_payload,
        unchanged=nothing_new,
    ),
    Case(EV + "event_edit", "GET", lambda w: f"/events/{event(w)}/edit/", X_COORDINATOR),
    Case(EV + "programme", "GET", lambda w: f"/events/{event(w)}/programme/", X_COORDINATOR),
    Case(
        EV + "programme",
        "POST",
        lambda w: f"/events/{event(w)}/programme/",
        X_COORDINATOR,
        data=lambda w: {"which": "section", "section-title": "Секция матрицы"},
        unchanged=lambda w: not Section.objects.filter(title="Секция матрицы").exists(),
    ),
    Case(
        EV + "programme_remove",
        "POST",
        lambda w: f"/events/{event(w)}/programme/day/{EventDay.objects.filter(event_id=event(w)).get().pk}/delete/",
        X_COORDINATOR,
        label="day with no items",
        unchanged=lambda w: EventDay.objects.filter(event_id=event(w)).exists(),
    ),
    Case(
        EV + "event_edit",
        "POST",
        lambda w: f"/events/{event(w)}/edit/",
        X_COORDINATOR,
        data=lambda w: {
            **event_payload(w),
            "title": "Методическая конференция",
            "starts_on": "2030-11-14",
            "format": "mixed",
            "capacity_in_person": 2,
            "capacity_online": 1,
            "online_link": "https://meet.example.test/room",
        },
    ),
    Case(
        EV + "event_status",
        "POST",
        lambda w: f"/events/{event(w)}/status/",
        X_COORDINATOR,
        data=lambda w: {"status": "registration_closed"},
    ),
    Case(EV + "registrations", "GET", lambda w: f"/events/{event(w)}/registrations/", X_COORDINATOR),
    Case(
        EV + "registrations",
        "GET",
        lambda w: f"/events/{event(w)}/registrations/?export=xlsx",
        X_COORDINATOR,
        label="xlsx",
    ),
    Case(EV + "check_in", "GET", lambda w: f"/events/{event(w)}/check-in/", X_COORDINATOR),
    Case(
        EV + "check_in",
        "POST",
        lambda w: f"/events/{event(w)}/check-in/",
        X_COORDINATOR,
        data=lambda w: {"code": registration(w).code},
    ),
    Case(
        EV + "moderate",
        "POST",
        lambda w: (lambda r: f"/events/{r.event_id}/registrations/{r.pk}/moderate/")(pending(w)),
        X_COORDINATOR,
        data=lambda w: {"decision": "approve"},
        unchanged=still_pending,
    ),
    Case(EV + "no_shows", "POST", lambda w: f"/events/{event(w)}/no-shows/", X_COORDINATOR),
]


def api_register_payload(w):
    data = person("api@example.test")
    data["consent"] = True
    return data


CASES += [
    Case("GET /api/events", "GET", lambda w: "/api/events", EVERYONE),
    Case("GET /api/events/{event_id}", "GET", lambda w: f"/api/events/{event(w)}", EVERYONE),
    Case("GET /api/events/{event_id}", "GET", lambda w: f"/api/events/{draft(w)}", X_COORDINATOR, label="draft"),
    Case(
        "POST /api/events",
        "POST",
        lambda w: "/api/events",
        X_COORDINATOR,
        data=lambda w: {"cluster": "x", **event_payload(w)},
        json=True,
    ),
    Case(
        "PATCH /api/events/{event_id}",
        "PATCH",
        lambda w: f"/api/events/{draft(w)}",
        X_COORDINATOR,
        data=lambda w: {"title": "Черновик семинара", "room": "12"},
        json=True,
    ),
    Case(
        "POST /api/events/{event_id}/status",
        "POST",
        lambda w: f"/api/events/{event(w)}/status",
        X_COORDINATOR,
        data=lambda w: {"status": "registration_closed"},
        json=True,
    ),
    Case(
        "GET /api/events/{event_id}/registrations",
        "GET",
        lambda w: f"/api/events/{event(w)}/registrations",
        X_COORDINATOR,
    ),
    Case(
        "POST /api/events/{event_id}/register",
        "POST",
        lambda w: f"/api/events/{event(w)}/register",
        EVERYONE,
        data=api_register_payload,
        json=True,
    ),
    Case(
        "POST /api/events/{event_id}/check-in",
        "POST",
        lambda w: f"/api/events/{event(w)}/check-in",
        X_COORDINATOR,
        data=lambda w: {"code": registration(w).code},
        json=True,
    ),
    Case(
        "POST /api/events/{event_id}/registrations/{registration_id}/moderate",
        "POST",
        lambda w: (lambda r: f"/api/events/{r.event_id}/registrations/{r.pk}/moderate")(pending(w)),
        X_COORDINATOR,
        data=lambda w: {"decision": "reject"},
        json=True,
        unchanged=still_pending,
    ),
]


def new_section(w) -> int:
    ev = Event.objects.get(pk=event(w))
    return services.section_add(actor=None, event=ev, title="Секция для удаления").pk


def no_api_section(w) -> bool:
    return not Section.objects.filter(title="Секция API").exists()


CASES += [
    Case(
        "POST /api/events/{event_id}/days",
        "POST",
        lambda w: f"/api/events/{event(w)}/days",
        X_COORDINATOR,
        data=lambda w: {"date": "2030-11-15", "starts_at": "10:00"},
        json=True,
    ),
    Case(
        "POST /api/events/{event_id}/sections",
        "POST",
        lambda w: f"/api/events/{event(w)}/sections",
        X_COORDINATOR,
        data=lambda w: {"title": "Секция API"},
        json=True,
        unchanged=no_api_section,
    ),
    Case(
        "POST /api/events/{event_id}/items",
        "POST",
        lambda w: f"/api/events/{event(w)}/items",
        X_COORDINATOR,
        data=lambda w: {
            "day_id": EventDay.objects.filter(event_id=event(w)).first().pk,
            "title": "Доклад",
            "speakers": [{"name": "Грязева Елена Борисовна", "position": "директор"}],
        },
        json=True,
    ),
    Case(
        "POST /api/events/{event_id}/site-visits",
        "POST",
        lambda w: f"/api/events/{event(w)}/site-visits",
        X_COORDINATOR,
        data=lambda w: {"title": "Площадка API", "capacity": 5},
        json=True,
    ),
    Case(
        "POST /api/events/{event_id}/questions",
        "POST",
        lambda w: f"/api/events/{event(w)}/questions",
        X_COORDINATOR,
        data=lambda w: {"text": "Нужен ли трансфер?", "kind": "yes_no"},
        json=True,
    ),
    Case(
        "DELETE /api/events/{event_id}/programme/{kind}/{item_id}",
        "DELETE",
        lambda w: f"/api/events/{event(w)}/programme/section/{new_section(w)}",
        X_COORDINATOR,
    ),
    Case(
        "POST /api/registrations/{secret}/offer",
        "POST",
        lambda w: f"/api/registrations/{offered(w).secret}/offer",
        EVERYONE,
        data=lambda w: {"decision": "decline"},
        json=True,
    ),
    Case(
        "POST /api/registrations/{secret}/cancel",
        "POST",
        lambda w: f"/api/registrations/{registration(w).secret}/cancel",
        EVERYONE,
    ),
]
