"""Every write of the consultation centres. Pages, the API and the demo loader call these.

Booking guards a specialist's slot twice: the specialist row is locked (``select_for_update``)
while the slot is checked, and a conditional unique constraint refuses a second live booking
even if two transactions slip past the check (SQLite serialises writers instead).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import uuid
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from edcluster.consultations import access
from edcluster.consultations.models import (
    Appointment,
    Centre,
    CentreDocument,
    Consultation,
    Form,
    ParentRequest,
    Questionnaire,
    QuestionnaireResponse,
    ScheduleEntry,
    Specialist,
    SurveyAnswer,
)
from edcluster.core import ru
from edcluster.core.access import require
from edcluster.core.audit import audit_log
from edcluster.core.errors import Conflict, NotFound, ValidationError
from edcluster.core.mail import Attachment, mail_queue, mail_render
from edcluster.core.services import consent_give, full_clean, model_create, model_update

CENTRE_FIELDS = [
    "organization",
    "kind",
    "name",
    "description",
    "services",
    "forms",
    "address",
    "phone",
    "email",
    "hours",
    "min_duration",
    "is_public",
]
SPECIALIST_FIELDS = ["kind", "full_name", "user", "is_active"]
REQUEST_FIELDS = [
    "applicant_kind",
    "name",
    "child_age",
    "child_expected",
    "topic",
    "question",
    "preferred_form",
    "preferred_time",
    "email",
    "phone",
]
CONSULTATION_FIELDS = [
    "specialist",
    "request",
    "date",
    "form",
    "duration",
    "recipient_category",
    "topic",
    "outcome",
    "follow_up",
    "email",
]
CONSULTATION_PURPOSE = "consultations"
SLOT_TAKEN = _("Это время у специалиста уже занято. Выберите другой слот.")


def _strip(data: Mapping[str, Any]) -> dict[str, Any]:
    return {k: (" ".join(v.split()) if isinstance(v, str) and "\n" not in v else v) for k, v in data.items()}


def family_key(email: str) -> str:
    """A stable pseudonym of a family (keyed hash of the e-mail): counts unique families without
    keeping who they are in the reports."""
    email = (email or "").strip().lower()
    if not email:
        return ""
    return hmac.new(settings.SECRET_KEY.encode(), email.encode(), hashlib.sha256).hexdigest()[:32]


# --- centres ---------------------------------------------------------------------------------------


def _centre_rules(centre: Centre) -> None:
    bad = [f for f in centre.forms or [] if f not in Form.values]
    if bad or not isinstance(centre.forms, list):
        raise ValidationError(errors={"forms": [_("Неизвестная форма работы.")]})
    if centre.min_duration < 1 or centre.min_duration > 240:
        raise ValidationError(errors={"min_duration": [_("Минимальная продолжительность — от 1 до 240 минут.")]})


@transaction.atomic
def centre_create(*, actor: Any, data: Mapping[str, Any]) -> Centre:
    """Open a centre (or point) of an organisation; its editors and coordinators may."""
    organization = data.get("organization")
    if organization is None:
        raise ValidationError(errors={"organization": [_("Укажите организацию.")]})
    require(access.can_create_centre(actor, organization))
    return model_create(
        Centre,
        actor=actor,
        action="consultations.centre.created",
        data=_strip(data),
        fields=CENTRE_FIELDS,
        checks=_centre_rules,
    )


@transaction.atomic
def centre_update(*, actor: Any, centre: Centre, data: Mapping[str, Any]) -> Centre:
    require(access.can_manage_centre(actor, centre))
    if "organization" in data and data["organization"] != centre.organization:
        raise ValidationError(errors={"organization": [_("Организацию центра изменить нельзя.")]})
    centre, _changes = model_update(
        centre,
        actor=actor,
        action="consultations.centre.updated",
        data=_strip(data),
        fields=CENTRE_FIELDS,
        checks=_centre_rules,
    )
    return centre


@transaction.atomic
def specialist_create(*, actor: Any, centre: Centre, data: Mapping[str, Any]) -> Specialist:
    require(access.can_manage_centre(actor, centre))
    return model_create(
        Specialist,
        actor=actor,
        action="consultations.specialist.created",
        data=_strip(data),
        fields=SPECIALIST_FIELDS,
        extra={"centre": centre},
    )


@transaction.atomic
def specialist_update(*, actor: Any, specialist: Specialist, data: Mapping[str, Any]) -> Specialist:
    require(access.can_manage_centre(actor, specialist.centre))
    if specialist.is_active and "is_active" in data and not data["is_active"]:
        booked = Appointment.objects.filter(
            specialist=specialist, status=Appointment.Status.BOOKED, starts_at__gte=timezone.now()
        ).count()
        if booked:
            raise ValidationError(
                errors={
                    "is_active": [
                        _("К специалисту записаны родители ({count}). Сначала перенесите или отмените записи.").format(
                            count=booked
                        )
                    ]
                }
            )
    specialist, _changes = model_update(
        specialist,
        actor=actor,
        action="consultations.specialist.updated",
        data=_strip(data),
        fields=SPECIALIST_FIELDS,
    )
    return specialist


@transaction.atomic
def schedule_add(
    *, actor: Any, specialist: Specialist, weekday: int, start: dt.time, end: dt.time, slot_minutes: int = 60
) -> ScheduleEntry:
    """Weekly hours of a specialist; hours of one specialist on one day never overlap."""
    require(access.can_manage_centre(actor, specialist.centre))
    entry = ScheduleEntry(specialist=specialist, weekday=weekday, start=start, end=end, slot_minutes=slot_minutes)
    full_clean(entry)
    if start >= end:
        raise ValidationError(errors={"end": [_("Окончание приёма должно быть позже начала.")]})
    if not 15 <= slot_minutes <= 240:
        raise ValidationError(errors={"slot_minutes": [_("Длительность приёма — от 15 до 240 минут.")]})
    if ScheduleEntry.objects.filter(specialist=specialist, weekday=weekday, start__lt=end, end__gt=start).exists():
        raise ValidationError(errors={"start": [_("Эти часы пересекаются с уже заданными в этот день.")]})
    entry.save()
    audit_log(
        actor=actor, action="consultations.schedule.added", target=specialist, changes={"schedule": ["", str(entry)]}
    )
    return entry


@transaction.atomic
def schedule_remove(*, actor: Any, entry: ScheduleEntry) -> None:
    """Remove weekly hours. Refused while parents are booked into them: their appointments must be
    moved or cancelled first, so nobody comes to a specialist who no longer receives then."""
    specialist = entry.specialist
    require(access.can_manage_centre(actor, specialist.centre))
    upcoming = [
        a
        for a in Appointment.objects.filter(
            specialist=specialist, status=Appointment.Status.BOOKED, starts_at__gte=timezone.now()
        )
        if _in_hours(entry, timezone.localtime(a.starts_at))
    ]
    if upcoming:
        raise ValidationError(
            _("На эти часы записаны родители ({count}). Сначала перенесите или отмените записи.").format(
                count=len(upcoming)
            )
        )
    described = str(entry)
    entry.delete()
    audit_log(
        actor=actor, action="consultations.schedule.removed", target=specialist, changes={"schedule": [described, ""]}
    )


def _in_hours(entry: ScheduleEntry, local: dt.datetime) -> bool:
    return local.weekday() == entry.weekday and entry.start <= local.time() < entry.end


@transaction.atomic
def document_add(*, actor: Any, centre: Centre, kind: str, file: Any, date: dt.date) -> CentreDocument:
    """Attach a document of the package (положение, приказ, план работы, договор)."""
    require(access.can_manage_centre(actor, centre))
    doc = CentreDocument(centre=centre, kind=kind, file=file, date=date)
    full_clean(doc)
    doc.save()
    audit_log(actor=actor, action="consultations.document.added", target=centre, changes={"document": ["", str(doc)]})
    return doc


def document_checklist(centre: Centre) -> list[tuple[str, CentreDocument | None]]:
    """Every document of the package with its newest upload (or ``None`` when missing)."""
    latest: dict[str, CentreDocument] = {}
    for doc in centre.documents.all():
        latest.setdefault(doc.kind, doc)
    return [(str(label), latest.get(kind)) for kind, label in CentreDocument.Kind.choices]


# --- requests --------------------------------------------------------------------------------------


def _request_rules(req: ParentRequest) -> None:
    if req.child_age is None and not req.child_expected:
        raise ValidationError(errors={"child_age": [_("Укажите возраст ребёнка или отметьте, что ребёнок ожидается.")]})
    if req.child_age is not None and req.child_age > 18:
        raise ValidationError(errors={"child_age": [_("Возраст ребёнка — от 0 до 18 лет.")]})


@transaction.atomic
def request_create(
    *,
    centre: Centre,
    data: Mapping[str, Any],
    consent: bool,
    ip: str | None = None,
    received_at: dt.datetime | None = None,
) -> ParentRequest:
    """A parent's request from the public form. The separate consent to personal-data processing
    is required and recorded (152-FZ). ``received_at`` carries over a request from the centre's
    paper journal with its real date (no confirmation e-mail is sent then)."""
    if not centre.is_public:
        raise NotFound()
    if not consent:
        raise ValidationError(
            errors={"consent": [_("Без согласия на обработку персональных данных обращение не может быть принято.")]}
        )
    data = _strip(data)
    if isinstance(data.get("email"), str):
        data["email"] = data["email"].lower()
    req = model_create(
        ParentRequest,
        actor=None,
        action="consultations.request.created",
        data=data,
        fields=REQUEST_FIELDS,
        checks=_request_rules,
        extra={"centre": centre},
    )
    req.consent = consent_give(purpose=CONSULTATION_PURPOSE, email=req.email, ip=ip, subject=req)
    req.save(update_fields=["consent"])
    if received_at is not None:
        ParentRequest.objects.filter(pk=req.pk).update(created_at=received_at)
        req.created_at = received_at
        return req
    subject, body, html = mail_render("consultations/email/request_received", {"req": req, "centre": centre})
    mail_queue(to=[req.email], subject=subject, body=body, html=html, topic="consultations.request")
    return req


@transaction.atomic
def request_set_status(*, actor: Any, req: ParentRequest, status: str) -> ParentRequest:
    require(access.can_work_in_centre(actor, req.centre))
    if status not in ParentRequest.Status.values:
        raise ValidationError(errors={"status": [_("Неизвестное состояние обращения.")]})
    old = req.status
    if old != status:
        req.status = status
        if status == ParentRequest.Status.SERVED and req.served_at is None:
            req.served_at = timezone.now()
        req.save(update_fields=["status", "served_at", "updated_at"])
        audit_log(actor=actor, action="consultations.request.status", target=req, changes={"status": [old, status]})
    return req


# --- appointments ----------------------------------------------------------------------------------


def slot_fits_schedule(specialist: Specialist, starts_at: dt.datetime) -> ScheduleEntry | None:
    local = timezone.localtime(starts_at)
    t = local.time().replace(tzinfo=None)
    for entry in specialist.schedule.all():
        if entry.weekday != local.weekday() or not entry.start <= t < entry.end:
            continue
        offset = (local.hour * 60 + local.minute) - (entry.start.hour * 60 + entry.start.minute)
        end_minutes = (entry.end.hour * 60 + entry.end.minute) - (entry.start.hour * 60 + entry.start.minute)
        if offset % entry.slot_minutes == 0 and offset + entry.slot_minutes <= end_minutes and local.second == 0:
            return entry
    return None


def _ics(appointment: Appointment) -> bytes:
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//edcluster//consultations//RU")
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    ev = Event()
    ev.add("uid", f"consult-appointment-{appointment.pk}@edcluster")
    ev.add("summary", _("Консультация: %(centre)s") % {"centre": appointment.centre.name})
    ev.add("dtstart", appointment.starts_at)
    ev.add("dtend", appointment.starts_at + dt.timedelta(minutes=appointment.duration))
    ev.add("dtstamp", timezone.now())
    ev.add("location", appointment.centre.address or appointment.get_form_display())
    ev.add(
        "description",
        _("Специалист: %(name)s, %(kind)s. Форма: %(form)s.")
        % {
            "name": appointment.specialist.full_name,
            "kind": appointment.specialist.get_kind_display(),
            "form": appointment.get_form_display(),
        },
    )
    cal.add_component(ev)
    return cal.to_ical()


def appointment_book(
    *,
    actor: Any,
    centre: Centre,
    specialist: Specialist,
    starts_at: dt.datetime,
    form: str,
    request: ParentRequest | None = None,
    email: str = "",
) -> Appointment:
    """Book a specialist's slot from the weekly schedule. A taken slot raises ``Conflict`` with a
    Russian message; the parent gets a confirmation with an ``.ics`` and a cancellation link."""
    require(access.can_work_in_centre(actor, centre))
    if specialist.centre_id != centre.pk or not specialist.is_active:
        raise ValidationError(errors={"specialist": [_("Выберите специалиста этого центра.")]})
    if request is not None and request.centre_id != centre.pk:
        raise ValidationError(errors={"request": [_("Обращение относится к другому центру.")]})
    if form not in Form.values:
        raise ValidationError(errors={"form": [_("Выберите форму консультации.")]})
    if timezone.is_naive(starts_at):
        starts_at = timezone.make_aware(starts_at)
    entry = slot_fits_schedule(specialist, starts_at)
    if entry is None:
        raise ValidationError(errors={"starts_at": [_("В это время специалист не ведёт приём по расписанию.")]})
    email = (email or (request.email if request else "")).strip().lower()
    try:
        with transaction.atomic():
            Specialist.objects.select_for_update().filter(pk=specialist.pk).first()
            if (
                Appointment.objects.filter(specialist=specialist, starts_at=starts_at)
                .exclude(status=Appointment.Status.CANCELLED)
                .exists()
            ):
                raise Conflict(SLOT_TAKEN)
            appointment = Appointment.objects.create(
                centre=centre,
                specialist=specialist,
                request=request,
                starts_at=starts_at,
                duration=entry.slot_minutes,
                form=form,
                email=email,
            )
            audit_log(actor=actor, action="consultations.appointment.booked", target=appointment)
            if request is not None and request.status == ParentRequest.Status.NEW:
                request.status = ParentRequest.Status.BOOKED
                request.save(update_fields=["status", "updated_at"])
            if email:
                ctx = {
                    "a": appointment,
                    "centre": centre,
                    "when": ru.format_date(timezone.localtime(starts_at).date()),
                    "time": timezone.localtime(starts_at).strftime("%H:%M"),
                    "cancel_url": f"{settings.SITE_URL}/consultations/appointments/cancel/{appointment.cancel_token}/",
                }
                subject, body, html = mail_render("consultations/email/appointment_booked", ctx)
                mail_queue(
                    to=[email],
                    subject=subject,
                    body=body,
                    html=html,
                    attachments=[Attachment("konsultatsiya.ics", _ics(appointment), "text/calendar")],
                    topic="consultations.appointment",
                )
    except IntegrityError as exc:
        raise Conflict(SLOT_TAKEN) from exc
    return appointment


@transaction.atomic
def appointment_cancel(*, token: str) -> Appointment:
    """Cancel by the secret link from the confirmation e-mail; the slot becomes free again."""
    appointment = Appointment.objects.select_related("request").filter(cancel_token=token).first()
    if appointment is None:
        raise NotFound(_("Запись не найдена: ссылка неверна."))
    if appointment.status == Appointment.Status.DONE:
        raise Conflict(_("Консультация уже состоялась, отменить её нельзя."))
    if appointment.status == Appointment.Status.BOOKED:
        appointment.status = Appointment.Status.CANCELLED
        appointment.save(update_fields=["status", "updated_at"])
        audit_log(actor=None, action="consultations.appointment.cancelled", target=appointment)
        req = appointment.request
        if req is not None and req.status == ParentRequest.Status.BOOKED:
            req.status = ParentRequest.Status.NEW
            req.save(update_fields=["status", "updated_at"])
    return appointment


# --- consultations ---------------------------------------------------------------------------------


def _consultation_rules(c: Consultation) -> None:
    if c.specialist.centre_id != c.centre_id:
        raise ValidationError(errors={"specialist": [_("Выберите специалиста этого центра.")]})
    if c.request is not None and c.request.centre_id != c.centre_id:
        raise ValidationError(errors={"request": [_("Обращение относится к другому центру.")]})
    if not 1 <= c.duration <= 480:
        raise ValidationError(errors={"duration": [_("Продолжительность — от 1 до 480 минут.")]})
    if c.date > timezone.localdate():
        raise ValidationError(errors={"date": [_("Нельзя записать консультацию, которая ещё не состоялась.")]})


@transaction.atomic
def consultation_record(
    *,
    actor: Any,
    centre: Centre,
    data: Mapping[str, Any],
    appointment: Appointment | None = None,
    send_survey: bool = True,
) -> Consultation:
    """Record a consultation — after an appointment, on a request or for a walk-in. The parent
    (when an e-mail is known) receives the satisfaction survey link unless ``send_survey`` is
    off (records carried over from a paper journal)."""
    require(access.can_work_in_centre(actor, centre))
    data = dict(data)
    if appointment is not None:
        if appointment.centre_id != centre.pk:
            raise ValidationError(errors={"appointment": [_("Запись относится к другому центру.")]})
        data.setdefault("specialist", appointment.specialist)
        data.setdefault("request", appointment.request)
        data.setdefault("form", appointment.form)
        data.setdefault("email", appointment.email)
    req = data.get("request")
    if req is not None and not data.get("email"):
        data["email"] = req.email
    if isinstance(data.get("email"), str):
        data["email"] = data["email"].strip().lower()
    key = family_key(data.get("email") or "") or f"walkin-{uuid.uuid4().hex}"
    consultation = model_create(
        Consultation,
        actor=actor,
        action="consultations.consultation.recorded",
        data=data,
        fields=CONSULTATION_FIELDS,
        checks=_consultation_rules,
        extra={"centre": centre, "appointment": appointment, "family_key": key},
    )
    if appointment is not None and appointment.status != Appointment.Status.DONE:
        appointment.status = Appointment.Status.DONE
        appointment.save(update_fields=["status", "updated_at"])
    if req is not None and req.status != ParentRequest.Status.SERVED:
        req.status = ParentRequest.Status.SERVED
        req.served_at = timezone.make_aware(dt.datetime.combine(consultation.date, dt.time(12)))
        if req.served_at < req.created_at:
            req.served_at = req.created_at
        req.save(update_fields=["status", "served_at", "updated_at"])
    if consultation.email and send_survey:
        ctx = {
            "c": consultation,
            "centre": centre,
            "survey_url": f"{settings.SITE_URL}/consultations/survey/{consultation.survey_token}/",
        }
        subject, body, html = mail_render("consultations/email/survey", ctx)
        mail_queue(
            to=[consultation.email],
            subject=subject,
            body=body,
            html=html,
            topic="consultations.survey",
            dedup_key=f"consult-survey-{consultation.pk}",
        )
    return consultation


@transaction.atomic
def survey_answer(*, token: str, satisfied: bool, score: int, comment: str = "") -> SurveyAnswer:
    """The parent's answer by the link; one per consultation, anonymous in reports."""
    consultation = Consultation.objects.filter(survey_token=token).first()
    if consultation is None:
        raise NotFound(_("Анкета не найдена: ссылка неверна."))
    if SurveyAnswer.objects.filter(consultation=consultation).exists():
        raise Conflict(_("Вы уже ответили на эту анкету. Спасибо!"))
    if not isinstance(score, int) or not 1 <= score <= 5:
        raise ValidationError(errors={"score": [_("Оценка — целое число от 1 до 5.")]})
    answer = SurveyAnswer.objects.create(
        consultation=consultation, satisfied=bool(satisfied), score=score, comment=(comment or "").strip()[:2000]
    )
    audit_log(actor=None, action="consultations.survey.answered", target=consultation)
    return answer


# --- demand questionnaire --------------------------------------------------------------------------


@transaction.atomic
def questionnaire_create(*, actor: Any, centre: Centre, title: str, questions: list[dict]) -> Questionnaire:
    """Publish a demand questionnaire: questions, each with two or more choices."""
    require(access.can_manage_centre(actor, centre))
    title = " ".join((title or "").split())
    if not title:
        raise ValidationError(errors={"title": [_("Укажите название анкеты.")]})
    clean: list[dict] = []
    for i, q in enumerate(questions or [], start=1):
        text = " ".join(str(q.get("text", "")).split())
        choices = [" ".join(str(c).split()) for c in q.get("choices", []) if str(c).strip()]
        if not text or len(choices) < 2:
            raise ValidationError(
                errors={"questions": [_("Вопрос %(n)s: нужен текст и не менее двух вариантов ответа.") % {"n": i}]}
            )
        clean.append({"text": text, "choices": choices})
    if not clean:
        raise ValidationError(errors={"questions": [_("Добавьте хотя бы один вопрос.")]})
    questionnaire = Questionnaire.objects.create(centre=centre, title=title, questions=clean)
    audit_log(actor=actor, action="consultations.questionnaire.created", target=questionnaire)
    return questionnaire


@transaction.atomic
def questionnaire_answer(*, questionnaire: Questionnaire, answers: Mapping[str, str]) -> QuestionnaireResponse:
    if not questionnaire.is_open:
        raise Conflict(_("Анкета закрыта и больше не принимает ответы."))
    clean: dict[str, str] = {}
    for i, q in enumerate(questionnaire.questions):
        value = answers.get(str(i)) or ""
        if value not in q["choices"]:
            raise ValidationError(errors={f"q{i}": [_("Выберите ответ на вопрос «%(q)s».") % {"q": q["text"]}]})
        clean[str(i)] = value
    return QuestionnaireResponse.objects.create(questionnaire=questionnaire, answers=clean)
