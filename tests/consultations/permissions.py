import datetime as dt

from django.utils import timezone

from edcluster.consultations import services
from edcluster.consultations.models import Centre, ScheduleEntry, Specialist
from tests.permissions import EVERYONE, WITH_ROLE, X_EDITORS, X_READERS, Case

EDITORS_ANYWHERE = frozenset({"editor_a", "editor_b", "coordinator_x", "coordinator_y", "admin"})


def centre(w) -> Centre:
    """Centre of organisation A (cluster X) with a psychologist receiving on Mondays 10–12."""
    found = Centre.objects.filter(organization=w.org_a).first()
    if found:
        return found
    c = services.centre_create(actor=w.admin, data={"organization": w.org_a, "name": "КЦ А", "forms": ["remote"]})
    sp = services.specialist_create(actor=w.admin, centre=c, data={"kind": "psychologist", "full_name": "Психолог"})
    services.schedule_add(actor=w.admin, specialist=sp, weekday=0, start=dt.time(10), end=dt.time(12))
    return c


def monday_slot(w) -> str:
    c = centre(w)
    today = timezone.localdate()
    day = today + dt.timedelta(days=(7 - today.weekday()) or 7)
    when = timezone.make_aware(dt.datetime.combine(day, dt.time(10)))
    return f"{c.specialists.get().pk}|{when.isoformat()}"


def a_request(w):
    from tests.consultations.conftest import make_request

    return make_request(centre(w))


def a_consultation(w):
    c = centre(w)
    return services.consultation_record(
        actor=w.admin,
        centre=c,
        data={
            "specialist": c.specialists.get(),
            "date": timezone.localdate(),
            "form": "remote",
            "duration": 45,
            "recipient_category": "other",
            "topic": "other",
            "email": "p@example.test",
        },
    )


def an_appointment(w):
    from edcluster.consultations.models import Appointment

    c = centre(w)
    _sp_pk, when = monday_slot(w).split("|")
    return (
        services.appointment_book(
            actor=w.admin,
            centre=c,
            specialist=c.specialists.get(),
            starts_at=dt.datetime.fromisoformat(when),
            form="remote",
        )
        if not Appointment.objects.exists()
        else Appointment.objects.get()
    )


def a_questionnaire(w):
    c = centre(w)
    return c.questionnaires.first() or services.questionnaire_create(
        actor=w.admin, centre=c, title="Спрос", questions=[{"text": "Удобно ли?", "choices": ["да", "нет"]}]
    )


def request_payload(w):
    return {
        "applicant_kind": "parent",
        "name": "Мама",
        "child_age": "2",
        "topic": "speech",
        "preferred_form": "remote",
        "email": "mama@example.test",
        "consent": "on",
    }


def consultation_payload(w):
    c = centre(w)
    return {
        "specialist": c.specialists.get().pk,
        "date": timezone.localdate().isoformat(),
        "form": "remote",
        "duration": "45",
        "recipient_category": "under3",
        "topic": "speech",
    }


NS = "consultations:"
P = "/consultations/"
CASES = [
    Case(NS + "centre_list", "GET", lambda w: P, EVERYONE),
    Case(NS + "centre_create", "GET", lambda w: P + "new/", EDITORS_ANYWHERE),
    Case(NS + "centre_detail", "GET", lambda w: f"{P}{centre(w).pk}/", EVERYONE),
    Case(NS + "request_create", "GET", lambda w: f"{P}{centre(w).pk}/request/", EVERYONE),
    Case(NS + "request_create", "POST", lambda w: f"{P}{centre(w).pk}/request/", EVERYONE, data=request_payload),
    Case(NS + "office", "GET", lambda w: f"{P}{centre(w).pk}/office/", X_READERS),
    Case(NS + "manage", "GET", lambda w: f"{P}{centre(w).pk}/manage/", X_EDITORS),
    Case(
        NS + "manage",
        "POST",
        lambda w: f"{P}{centre(w).pk}/manage/",
        X_EDITORS,
        data=lambda w: {"which": "specialist", "s-kind": "speech", "s-full_name": "Логопед", "s-is_active": "on"},
    ),
    Case(
        NS + "specialist_edit",
        "GET",
        lambda w: f"{P}{centre(w).pk}/specialists/{centre(w).specialists.get().pk}/",
        X_EDITORS,
    ),
    Case(
        NS + "specialist_edit",
        "POST",
        lambda w: f"{P}{centre(w).pk}/specialists/{centre(w).specialists.get().pk}/",
        X_EDITORS,
        data=lambda w: {"kind": "psychologist", "full_name": "Психолог из матрицы", "is_active": "on"},
        unchanged=lambda w: not Specialist.objects.filter(full_name="Психолог из матрицы").exists(),
    ),
    Case(
        NS + "schedule_remove",
        "POST",
        lambda w: f"{P}{centre(w).pk}/schedule/{ScheduleEntry.objects.get(specialist__centre=centre(w)).pk}/delete/",
        X_EDITORS,
        unchanged=lambda w: ScheduleEntry.objects.filter(specialist__centre=centre(w)).exists(),
    ),
    Case(
        NS + "appointment_book",
        "POST",
        lambda w: f"{P}{centre(w).pk}/book/",
        X_EDITORS,
        data=lambda w: {"slot": monday_slot(w), "form": "remote", "email": "p@example.test"},
    ),
    Case(
        NS + "request_status",
        "POST",
        lambda w: f"{P}{centre(w).pk}/requests/{a_request(w).pk}/status/",
        X_EDITORS,
        data=lambda w: {"status": "cancelled"},
    ),
    Case(NS + "consultation_create", "GET", lambda w: f"{P}{centre(w).pk}/records/new/", X_EDITORS),
    Case(
        NS + "consultation_create",
        "POST",
        lambda w: f"{P}{centre(w).pk}/records/new/",
        X_EDITORS,
        data=consultation_payload,
    ),
    Case(NS + "centre_report", "GET", lambda w: f"{P}{centre(w).pk}/report/", X_READERS),
    Case(NS + "centre_report_xlsx", "GET", lambda w: f"{P}{centre(w).pk}/report/xlsx/", X_READERS),
    Case(NS + "centre_report_docx", "GET", lambda w: f"{P}{centre(w).pk}/report/docx/", X_READERS),
    Case(NS + "area_report", "GET", lambda w: P + "reports/", WITH_ROLE),
    Case(NS + "area_report_xlsx", "GET", lambda w: P + "reports/xlsx/", WITH_ROLE),
    Case(NS + "area_report_docx", "GET", lambda w: P + "reports/docx/", WITH_ROLE),
    Case(
        NS + "appointment_cancel",
        "GET",
        lambda w: f"{P}appointments/cancel/{an_appointment(w).cancel_token}/",
        EVERYONE,
    ),
    Case(NS + "survey", "GET", lambda w: f"{P}survey/{a_consultation(w).survey_token}/", EVERYONE),
    Case(NS + "questionnaire_answer", "GET", lambda w: f"{P}questionnaires/{a_questionnaire(w).pk}/", EVERYONE),
    Case(
        NS + "questionnaire_results", "GET", lambda w: f"{P}questionnaires/{a_questionnaire(w).pk}/results/", X_READERS
    ),
]

API = "/api/consultations/centres"
CASES += [
    Case("GET /api/consultations/centres", "GET", lambda w: API, EVERYONE),
    Case("GET /api/consultations/centres/{centre_id}", "GET", lambda w: f"{API}/{centre(w).pk}", EVERYONE),
    Case(
        "POST /api/consultations/centres/{centre_id}/requests",
        "POST",
        lambda w: f"{API}/{centre(w).pk}/requests",
        EVERYONE,
        json=True,
        data=lambda w: {**request_payload(w), "child_age": 2, "consent": True},
    ),
    Case(
        "GET /api/consultations/centres/{centre_id}/requests",
        "GET",
        lambda w: f"{API}/{centre(w).pk}/requests",
        X_READERS,
    ),
    Case(
        "GET /api/consultations/centres/{centre_id}/appointments",
        "GET",
        lambda w: f"{API}/{centre(w).pk}/appointments",
        X_READERS,
    ),
    Case(
        "POST /api/consultations/centres/{centre_id}/appointments",
        "POST",
        lambda w: f"{API}/{centre(w).pk}/appointments",
        X_EDITORS,
        json=True,
        data=lambda w: {
            "specialist_id": int(monday_slot(w).split("|")[0]),
            "starts_at": monday_slot(w).split("|")[1],
            "form": "remote",
        },
    ),
    Case(
        "GET /api/consultations/centres/{centre_id}/consultations",
        "GET",
        lambda w: f"{API}/{centre(w).pk}/consultations",
        X_READERS,
    ),
    Case(
        "POST /api/consultations/centres/{centre_id}/consultations",
        "POST",
        lambda w: f"{API}/{centre(w).pk}/consultations",
        X_EDITORS,
        json=True,
        data=lambda w: {**consultation_payload(w), "specialist_id": centre(w).specialists.get().pk, "duration": 45},
    ),
    Case(
        "GET /api/consultations/centres/{centre_id}/report", "GET", lambda w: f"{API}/{centre(w).pk}/report", X_READERS
    ),
]


CASES += [
    Case(
        "POST /api/consultations/centres",
        "POST",
        lambda w: API,
        X_EDITORS,
        data=lambda w: {"organization_id": w.org_a.pk, "name": "КЦ матрицы", "forms": ["in_person"]},
        json=True,
        unchanged=lambda w: not Centre.objects.filter(name="КЦ матрицы").exists(),
    ),
    Case(
        "GET /api/consultations/centres/{centre_id}/questionnaires",
        "GET",
        lambda w: f"{API}/{a_questionnaire(w).centre_id}/questionnaires",
        EVERYONE,
    ),
    Case(
        "POST /api/consultations/questionnaires/{questionnaire_id}/answers",
        "POST",
        lambda w: f"/api/consultations/questionnaires/{a_questionnaire(w).pk}/answers",
        EVERYONE,
        data=lambda w: {"answers": {str(i): q["choices"][0] for i, q in enumerate(a_questionnaire(w).questions)}},
        json=True,
    ),
    Case(
        "GET /api/consultations/questionnaires/{questionnaire_id}/results",
        "GET",
        lambda w: f"/api/consultations/questionnaires/{a_questionnaire(w).pk}/results",
        X_READERS,
    ),
]
