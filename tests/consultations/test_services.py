import datetime as dt

import pytest
from django.utils import timezone

from edcluster.consultations import services
from edcluster.consultations.models import Appointment, Consultation, ParentRequest, SurveyAnswer
from edcluster.core.errors import Conflict, NotFound, PermissionDenied, ValidationError
from edcluster.core.models import Consent, OutboxMessage
from tests.consultations.conftest import REQUEST, make_request, next_monday

pytestmark = pytest.mark.django_db


def test_request_needs_separate_consent_and_writes_nothing_without_it(centres):
    with pytest.raises(ValidationError) as exc:
        services.request_create(centre=centres["a"], data=REQUEST, consent=False)
    assert "согласия на обработку персональных данных" in exc.value.message
    assert ParentRequest.objects.count() == 0 and Consent.objects.count() == 0


def test_request_records_consent_and_confirms_by_mail(centres):
    req = make_request(centres["a"])
    assert req.status == "new" and req.email == "parent@example.test"
    assert req.consent.text.purpose == "consultations" and req.consent.ip == "127.0.0.1"
    assert OutboxMessage.objects.filter(to=["parent@example.test"], subject__contains="принято").exists()


def test_request_without_child_age_is_refused_in_russian(centres):
    with pytest.raises(ValidationError) as exc:
        services.request_create(centre=centres["a"], data={**REQUEST, "child_age": None}, consent=True)
    assert exc.value.errors["child_age"] == ["Укажите возраст ребёнка или отметьте, что ребёнок ожидается."]
    assert ParentRequest.objects.count() == 0
    req = services.request_create(
        centre=centres["a"], data={**REQUEST, "child_age": None, "child_expected": True}, consent=True
    )
    assert req.child_expected


def test_booking_sends_ics_and_second_booking_of_the_slot_is_refused(world, centres):
    req = make_request(centres["a"])
    when = next_monday()
    a = services.appointment_book(
        actor=world.editor_a,
        centre=centres["a"],
        specialist=centres["sp_a"],
        starts_at=when,
        form="remote",
        request=req,
    )
    req.refresh_from_db()
    assert req.status == "booked"
    mail = OutboxMessage.objects.get(topic="consultations.appointment")
    att = mail.attachments.get()
    assert att.filename.endswith(".ics") and b"BEGIN:VEVENT" in bytes(att.content)
    assert a.cancel_token in mail.body
    with pytest.raises(Conflict) as exc:
        services.appointment_book(
            actor=world.editor_a, centre=centres["a"], specialist=centres["sp_a"], starts_at=when, form="in_person"
        )
    assert exc.value.message == "Это время у специалиста уже занято. Выберите другой слот."
    assert Appointment.objects.count() == 1


def test_cancel_by_link_frees_the_slot(world, centres):
    when = next_monday(11)
    a = services.appointment_book(
        actor=world.editor_a, centre=centres["a"], specialist=centres["sp_a"], starts_at=when, form="remote"
    )
    services.appointment_cancel(token=a.cancel_token)
    again = services.appointment_book(
        actor=world.editor_a, centre=centres["a"], specialist=centres["sp_a"], starts_at=when, form="remote"
    )
    assert again.status == "booked"
    with pytest.raises(NotFound):
        services.appointment_cancel(token="wrong")


def test_booking_outside_schedule_and_by_other_centre_is_refused(world, centres):
    with pytest.raises(ValidationError) as exc:
        services.appointment_book(
            actor=world.editor_a,
            centre=centres["a"],
            specialist=centres["sp_a"],
            starts_at=next_monday(15),
            form="remote",
        )
    assert "не ведёт приём" in exc.value.message
    with pytest.raises(PermissionDenied):
        services.appointment_book(
            actor=world.editor_b,
            centre=centres["a"],
            specialist=centres["sp_a"],
            starts_at=next_monday(),
            form="remote",
        )
    assert Appointment.objects.count() == 0


def test_consultation_closes_request_and_sends_survey_once(world, centres):
    req = make_request(centres["a"])
    c = services.consultation_record(
        actor=world.editor_a,
        centre=centres["a"],
        data={
            "specialist": centres["sp_a"],
            "request": req,
            "date": timezone.localdate(),
            "form": "in_person",
            "duration": 45,
            "recipient_category": "under3",
            "topic": "speech",
        },
    )
    req.refresh_from_db()
    assert req.status == "served" and req.served_at is not None
    assert c.family_key and "@" not in c.family_key
    mail = OutboxMessage.objects.get(topic="consultations.survey")
    assert c.survey_token in mail.body
    services.survey_answer(token=c.survey_token, satisfied=True, score=5)
    with pytest.raises(Conflict):
        services.survey_answer(token=c.survey_token, satisfied=False, score=1)
    assert SurveyAnswer.objects.count() == 1


def test_walk_in_without_request_and_bad_duration(world, centres):
    data = {
        "specialist": centres["sp_a"],
        "date": timezone.localdate(),
        "form": "visit",
        "duration": 0,
        "recipient_category": "foster",
        "topic": "rights",
    }
    with pytest.raises(ValidationError):
        services.consultation_record(actor=world.editor_a, centre=centres["a"], data=data)
    assert Consultation.objects.count() == 0
    c = services.consultation_record(actor=world.editor_a, centre=centres["a"], data={**data, "duration": 30})
    assert c.request is None and c.family_key.startswith("walkin-")
    with pytest.raises(ValidationError) as exc:
        services.consultation_record(
            actor=world.editor_a, centre=centres["a"], data={**data, "specialist": centres["sp_b"]}
        )
    assert exc.value.errors["specialist"] == ["Выберите специалиста этого центра."]


def test_survey_score_out_of_range(world, centres):
    c = services.consultation_record(
        actor=world.editor_a,
        centre=centres["a"],
        data={
            "specialist": centres["sp_a"],
            "date": timezone.localdate() - dt.timedelta(days=1),
            "form": "remote",
            "duration": 50,
            "recipient_category": "other",
            "topic": "other",
        },
    )
    with pytest.raises(ValidationError) as exc:
        services.survey_answer(token=c.survey_token, satisfied=True, score=7)
    assert exc.value.errors["score"] == ["Оценка — целое число от 1 до 5."]


def test_questionnaire_aggregates_answers(world, centres):
    from edcluster.consultations.selectors import questionnaire_results

    q = services.questionnaire_create(
        actor=world.editor_a,
        centre=centres["a"],
        title="Изучение спроса",
        questions=[{"text": "Какая форма удобнее?", "choices": ["очно", "дистанционно"]}],
    )
    for v in ["очно", "очно", "дистанционно"]:
        services.questionnaire_answer(questionnaire=q, answers={"0": v})
    with pytest.raises(ValidationError):
        services.questionnaire_answer(questionnaire=q, answers={"0": "никак"})
    assert questionnaire_results(q)[0]["choices"] == [("очно", 2), ("дистанционно", 1)]
    with pytest.raises(ValidationError):
        services.questionnaire_create(
            actor=world.editor_a, centre=centres["a"], title="Т", questions=[{"text": "?", "choices": ["один"]}]
        )
