"""REST API of the consultation centres: centres, parents' requests (public create),
appointments, consultation records and period reports. The same services, selectors and access
rules as the pages.

(No ``from __future__ import annotations`` here: django-ninja reads annotations at import.)
"""

from datetime import date, datetime
from typing import Literal

from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.pagination import PageNumberPagination, paginate
from pydantic import Field

from edcluster.api.auth import OPTIONAL_AUTH
from edcluster.api.schemas import ERROR_RESPONSES
from edcluster.consultations import access, selectors, services
from edcluster.consultations.models import (
    Centre,
    Form,
    ParentRequest,
    Questionnaire,
    RecipientCategory,
    Topic,
)
from edcluster.core.access import require
from edcluster.core.errors import NotFound, ValidationError
from edcluster.organizations.models import Organization

router = Router(tags=["Консультационные центры"])

FormValue = Literal[tuple(Form.values)]  # type: ignore[valid-type]
TopicValue = Literal[tuple(Topic.values)]  # type: ignore[valid-type]
CategoryValue = Literal[tuple(RecipientCategory.values)]  # type: ignore[valid-type]
ApplicantValue = Literal[tuple(ParentRequest.Applicant.values)]  # type: ignore[valid-type]
CentreKindValue = Literal[tuple(Centre.Kind.values)]  # type: ignore[valid-type]
PeriodKind = Literal["month", "quarter", "year"]


class SpecialistOut(Schema):
    id: int
    kind: str
    full_name: str


class CentreOut(Schema):
    id: int
    organization_id: int
    kind: str
    name: str
    description: str
    services: list[str] = Field(validation_alias="service_list")
    forms: list[str]
    address: str
    phone: str
    email: str
    hours: str
    min_duration: int


class RequestIn(Schema):
    applicant_kind: ApplicantValue
    name: str = Field(min_length=1, max_length=200)
    child_age: int | None = Field(None, ge=0, le=18)
    child_expected: bool = False
    topic: TopicValue
    question: str = Field("", max_length=5000)
    preferred_form: FormValue
    preferred_time: str = Field("", max_length=200)
    email: str = Field(min_length=3, max_length=254)
    phone: str = Field("", max_length=50)
    consent: bool = Field(description="отдельное согласие на обработку персональных данных (152-ФЗ)")


class RequestCreated(Schema):
    id: int
    status: str


class RequestOut(Schema):
    id: int
    created_at: datetime
    applicant_kind: str
    name: str
    child_age: int | None
    child_expected: bool
    topic: str
    question: str
    preferred_form: str
    preferred_time: str
    email: str
    phone: str
    status: str


class AppointmentIn(Schema):
    specialist_id: int
    starts_at: datetime
    form: FormValue
    request_id: int | None = None
    email: str = Field("", max_length=254)


class AppointmentOut(Schema):
    id: int
    specialist_id: int
    request_id: int | None
    starts_at: datetime
    duration: int
    form: str
    status: str


class ConsultationIn(Schema):
    specialist_id: int
    request_id: int | None = None
    appointment_id: int | None = None
    date: date
    form: FormValue
    duration: int = Field(ge=1, le=480)
    recipient_category: CategoryValue
    topic: TopicValue
    outcome: str = Field("", max_length=5000)
    follow_up: str = Field("", max_length=5000)
    email: str = Field("", max_length=254)


class ConsultationOut(Schema):
    id: int
    specialist_id: int
    request_id: int | None
    date: date
    form: str
    duration: int
    recipient_category: str
    topic: str
    outcome: str
    follow_up: str


class Row(Schema):
    code: str
    label: str
    count: int


class ReportOut(Schema):
    period: str
    start: date
    end: date
    services: int
    short: int
    families: int
    requests: int
    served: int
    wait_days: float | None
    answers: int
    satisfied: int
    satisfied_share: float | None
    by_form: list[Row]
    by_category: list[Row]
    by_specialist: list[Row]
    by_person: list[Row] = Field(description="по специалистам поимённо: code — id специалиста")
    by_topic: list[Row]
    previous_services: int


def _rows(rows: list) -> list[dict]:
    return [{"code": c, "label": label, "count": n} for c, label, n in rows]


@router.get("/consultations/centres", response=list[CentreOut], auth=OPTIONAL_AUTH, summary="Консультационные центры")
@paginate(PageNumberPagination, page_size=50)
def centre_list(request):
    readable = access.readable_centres(request.user).values_list("pk", flat=True)
    return Centre.objects.filter(is_public=True) | Centre.objects.filter(pk__in=readable)


@router.get(
    "/consultations/centres/{int:centre_id}",
    response={200: CentreOut, **ERROR_RESPONSES},
    auth=OPTIONAL_AUTH,
    summary="Консультационный центр",
)
def centre_get(request, centre_id: int):
    return access.access_centre(request.user, centre_id)


@router.post(
    "/consultations/centres/{int:centre_id}/requests",
    response={201: RequestCreated, **ERROR_RESPONSES},
    auth=OPTIONAL_AUTH,
    summary="Подать обращение (без входа)",
)
def request_post(request, centre_id: int, payload: RequestIn):
    centre = access.access_centre(request.user, centre_id)
    data = payload.dict()
    consent = data.pop("consent")
    req = services.request_create(centre=centre, data=data, consent=consent, ip=request.META.get("REMOTE_ADDR"))
    return Status(201, req)


@router.get(
    "/consultations/centres/{int:centre_id}/requests",
    response={200: list[RequestOut], **ERROR_RESPONSES},
    summary="Очередь обращений",
)
@paginate(PageNumberPagination, page_size=50)
def request_list(request, centre_id: int, status: str | None = None):
    centre = access.access_centre(request.user, centre_id, records=True)
    return selectors.request_queue(centre, status=status)


@router.get(
    "/consultations/centres/{int:centre_id}/appointments",
    response={200: list[AppointmentOut], **ERROR_RESPONSES},
    summary="Записи на приём",
)
@paginate(PageNumberPagination, page_size=50)
def appointment_list(request, centre_id: int):
    centre = access.access_centre(request.user, centre_id, records=True)
    return centre.appointments.order_by("starts_at")


@router.post(
    "/consultations/centres/{int:centre_id}/appointments",
    response={201: AppointmentOut, **ERROR_RESPONSES},
    summary="Записать на приём",
)
def appointment_post(request, centre_id: int, payload: AppointmentIn):
    centre = access.access_centre(request.user, centre_id, work=True)
    specialist = centre.specialists.filter(pk=payload.specialist_id).first()
    if specialist is None:
        raise NotFound()
    req = centre.requests.filter(pk=payload.request_id).first() if payload.request_id else None
    appointment = services.appointment_book(
        actor=request.user,
        centre=centre,
        specialist=specialist,
        starts_at=payload.starts_at,
        form=payload.form,
        request=req,
        email=payload.email,
    )
    return Status(201, appointment)


@router.get(
    "/consultations/centres/{int:centre_id}/consultations",
    response={200: list[ConsultationOut], **ERROR_RESPONSES},
    summary="Консультации",
)
@paginate(PageNumberPagination, page_size=50)
def consultation_list(request, centre_id: int, date_from: date | None = None, date_to: date | None = None):
    centre = access.access_centre(request.user, centre_id, records=True)
    qs = centre.consultations.order_by("-date", "-id")
    if date_from:
        qs = qs.filter(date__gte=date_from)
    if date_to:
        qs = qs.filter(date__lte=date_to)
    return qs


@router.post(
    "/consultations/centres/{int:centre_id}/consultations",
    response={201: ConsultationOut, **ERROR_RESPONSES},
    summary="Записать консультацию",
)
def consultation_post(request, centre_id: int, payload: ConsultationIn):
    centre = access.access_centre(request.user, centre_id, work=True)
    data = payload.dict()
    specialist = centre.specialists.filter(pk=data.pop("specialist_id")).first()
    request_id, appointment_id = data.pop("request_id"), data.pop("appointment_id")
    if specialist is None:
        raise NotFound()
    data["specialist"] = specialist
    data["request"] = centre.requests.filter(pk=request_id).first() if request_id else None
    appointment = centre.appointments.filter(pk=appointment_id).first() if appointment_id else None
    if (request_id and data["request"] is None) or (appointment_id and appointment is None):
        raise NotFound()
    return Status(
        201, services.consultation_record(actor=request.user, centre=centre, data=data, appointment=appointment)
    )


@router.get(
    "/consultations/centres/{int:centre_id}/report",
    response={200: ReportOut, **ERROR_RESPONSES},
    summary="Отчёт центра за месяц, квартал или год",
)
def centre_report(request, centre_id: int, kind: PeriodKind = "month", year: int | None = None, n: int = 1):
    centre = access.access_centre(request.user, centre_id, records=True)
    period = selectors.Period.parse(kind, year or selectors.Period.current().year, n)
    data = selectors.report(Centre.objects.filter(pk=centre.pk), period, named=True)
    return {
        **{k: data[k] for k in ReportOut.model_fields if k in data and not k.startswith("by_")},
        **{k: _rows(data[k]) for k in ("by_form", "by_category", "by_specialist", "by_person", "by_topic")},
        "period": period.label,
        "start": period.start,
        "end": period.end,
        "previous_services": data["previous"]["services"],
    }


# --- centre creation and the demand questionnaire -------------------------------------------------


class CentreIn(Schema):
    organization_id: int
    kind: CentreKindValue = "centre"
    name: str = Field(min_length=1, max_length=300)
    description: str = Field("", max_length=10000)
    services: list[str] = Field(default_factory=list, max_length=100, description="услуги, по одной")
    forms: list[FormValue] = ["in_person"]
    address: str = Field("", max_length=500)
    phone: str = Field("", max_length=50)
    email: str = Field("", max_length=254)
    hours: str = Field("", max_length=300)
    min_duration: int = Field(45, ge=1, le=240)
    is_public: bool = True


@router.post(
    "/consultations/centres",
    response={201: CentreOut, **ERROR_RESPONSES},
    summary="Создать консультационный центр (пункт)",
)
def centre_post(request, payload: CentreIn):
    """The same rule as the page: an organisation's editors (for their organisation) and admins."""
    require(access.can_create_any_centre(request.user))
    data = payload.dict()
    organization = Organization.objects.filter(pk=data.pop("organization_id")).first()
    if organization is None:
        raise ValidationError(errors={"organization_id": [_("Такой организации нет в реестре.")]})
    data["organization"] = organization
    data["services"] = "\n".join(" ".join(s.split()) for s in data["services"] if s.strip())
    data["forms"] = list(dict.fromkeys(data["forms"]))
    if not " ".join(data["name"].split()):
        raise ValidationError(errors={"name": [_("Заполните это поле.")]})
    return Status(201, services.centre_create(actor=request.user, data=data))


class QuestionnaireQuestionOut(Schema):
    text: str
    choices: list[str]


class QuestionnaireOut(Schema):
    id: int
    title: str
    is_open: bool
    created_at: datetime
    questions: list[QuestionnaireQuestionOut]


class QuestionnaireAnswerIn(Schema):
    answers: dict[str, str] = Field(
        description="Ответы: {номер вопроса с 0: выбранный вариант}", json_schema_extra={"maxProperties": 100}
    )


class AnswerCreated(Schema):
    questionnaire_id: int
    answered: bool


class ChoiceCount(Schema):
    choice: str
    count: int


class QuestionResultOut(Schema):
    text: str
    total: int
    choices: list[ChoiceCount]


class QuestionnaireResultsOut(Schema):
    id: int
    title: str
    responses: int
    questions: list[QuestionResultOut]


def _questionnaire(user, questionnaire_id: int) -> Questionnaire:
    """A questionnaire of a centre the user may see (public centres: everyone)."""
    q = Questionnaire.objects.select_related("centre").filter(pk=questionnaire_id).first()
    if q is None or not access.can_view_centre(user, q.centre):
        raise NotFound()
    return q


@router.get(
    "/consultations/centres/{int:centre_id}/questionnaires",
    response={200: list[QuestionnaireOut], **ERROR_RESPONSES},
    auth=OPTIONAL_AUTH,
    summary="Анкеты изучения спроса центра",
)
def questionnaire_list(request, centre_id: int):
    """Open questionnaires for everyone who sees the centre; closed ones too for those who may read
    its records."""
    centre = access.access_centre(request.user, centre_id)
    qs = centre.questionnaires.order_by("-created_at", "-pk")
    if not access.can_read_centre_records(request.user, centre):
        qs = qs.filter(is_open=True)
    return list(qs)


@router.post(
    "/consultations/questionnaires/{int:questionnaire_id}/answers",
    response={201: AnswerCreated, **ERROR_RESPONSES},
    auth=None,
    summary="Ответить на анкету (анонимно)",
)
def questionnaire_answer(request, questionnaire_id: int, payload: QuestionnaireAnswerIn):
    q = _questionnaire(request.user, questionnaire_id)
    services.questionnaire_answer(questionnaire=q, answers=payload.answers)
    return Status(201, {"questionnaire_id": q.pk, "answered": True})


@router.get(
    "/consultations/questionnaires/{int:questionnaire_id}/results",
    response={200: QuestionnaireResultsOut, **ERROR_RESPONSES},
    summary="Итоги анкеты по вопросам",
)
def questionnaire_results(request, questionnaire_id: int):
    q = Questionnaire.objects.select_related("centre").filter(pk=questionnaire_id).first()
    if q is None:
        raise NotFound()
    access.access_centre(request.user, q.centre_id, records=True)
    rows = selectors.questionnaire_results(q)
    return {
        "id": q.pk,
        "title": q.title,
        "responses": q.responses.count(),
        "questions": [
            {"text": r["text"], "total": r["total"], "choices": [{"choice": c, "count": n} for c, n in r["choices"]]}
            for r in rows
        ],
    }
