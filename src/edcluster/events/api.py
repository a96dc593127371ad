"""REST API of events: the same selectors, services and access rules as the pages.

(No ``from __future__ import annotations`` in api modules: django-ninja reads the annotations
at import time to build the schema.)
"""

import uuid
from datetime import date, datetime, time
from typing import Literal

from django.conf import settings
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.pagination import PageNumberPagination, paginate
from pydantic import Field

from edcluster.api.auth import OPTIONAL_AUTH
from edcluster.api.schemas import ERROR_RESPONSES
from edcluster.core.access import require
from edcluster.core.errors import NotFound, ValidationError
from edcluster.core.ratelimit import client_ip, rate_limit_request
from edcluster.events import access, selectors, services
from edcluster.events.models import (
    EventDay,
    EventFormat,
    EventKind,
    EventStatus,
    ItemFormat,
    Mode,
    ParticipantRole,
    QuestionKind,
    Section,
    SiteVisit,
)
from edcluster.organizations.access import access_cluster
from edcluster.organizations.models import Organization
from edcluster.organizations.regions import REGIONS

router = Router(tags=["Мероприятия"])

Kind = Literal[tuple(EventKind.values)]  # type: ignore[valid-type]
Format = Literal[tuple(EventFormat.values)]  # type: ignore[valid-type]
StatusValue = Literal[tuple(EventStatus.values)]  # type: ignore[valid-type]
ModeValue = Literal[tuple(Mode.values)]  # type: ignore[valid-type]
RoleValue = Literal[tuple(ParticipantRole.values)]  # type: ignore[valid-type]
ItemFormatValue = Literal[tuple(ItemFormat.values)]  # type: ignore[valid-type]
QuestionKindValue = Literal[tuple(QuestionKind.values)]  # type: ignore[valid-type]
ProgrammeKind = Literal["day", "section", "item", "site_visit", "question"]
Region = Literal[tuple(code for code, _name in REGIONS)]  # type: ignore[valid-type]


class SpeakerOut(Schema):
    name: str
    position: str
    organization_name: str


class ItemOut(Schema):
    starts_at: time | None
    ends_at: time | None
    title: str
    format: str
    section: str | None = Field(None, validation_alias="section.title")
    speakers: list[SpeakerOut]


class DayOut(Schema):
    date: date
    starts_at: time | None
    ends_at: time | None
    items: list[ItemOut]


class SiteVisitOut(Schema):
    id: int
    title: str
    capacity: int | None


class QuestionOut(Schema):
    id: int
    text: str
    kind: str
    choices: list[str]
    required: bool


class EventOut(Schema):
    id: int
    cluster: str = Field(validation_alias="cluster.slug")
    title: str
    kind: str
    format: str
    status: str
    starts_on: date
    ends_on: date | None
    venue: str | None = Field(None, validation_alias="venue_organization.display_name")
    address: str
    room: str
    theme: str
    goal: str
    tasks: list[str]
    audience: list[str]
    registration_opens_at: datetime | None
    registration_deadline: datetime | None
    capacity_in_person: int | None
    capacity_online: int | None
    reminder_days: int
    moderation: bool


class EventDetailOut(EventOut):
    programme: list[DayOut]
    site_visits: list[SiteVisitOut]
    questions: list[QuestionOut]

    @staticmethod
    def resolve_questions(obj):
        return list(obj.questions.all())

    @staticmethod
    def resolve_programme(obj):
        return selectors.programme(obj)

    @staticmethod
    def resolve_site_visits(obj):
        return list(obj.site_visits.all())


class EventIn(Schema):
    cluster: str
    title: str = Field(min_length=1, max_length=500)
    kind: Kind
    format: Format = "in_person"
    starts_on: date
    ends_on: date | None = None
    address: str = Field("", max_length=500)
    room: str = Field("", max_length=100)
    theme: str = ""
    goal: str = ""
    tasks: list[str] = []
    audience: list[str] = []
    online_link: str = ""
    online_instructions: str = ""
    registration_opens_at: datetime | None = None
    registration_deadline: datetime | None = None
    capacity_in_person: int | None = Field(None, ge=0)
    capacity_online: int | None = Field(None, ge=0)
    reminder_days: int = Field(2, ge=0, le=60)
    moderation: bool = False


class EventPatch(Schema):
    """Only the fields sent are changed; fields frozen in the event's status are refused."""

    title: str | None = Field(None, min_length=1, max_length=500)
    kind: Kind | None = None
    format: Format | None = None
    starts_on: date | None = None
    ends_on: date | None = None
    address: str | None = Field(None, max_length=500)
    room: str | None = Field(None, max_length=100)
    theme: str | None = None
    goal: str | None = None
    tasks: list[str] | None = None
    audience: list[str] | None = None
    online_link: str | None = None
    online_instructions: str | None = None
    registration_opens_at: datetime | None = None
    registration_deadline: datetime | None = None
    capacity_in_person: int | None = Field(None, ge=0)
    capacity_online: int | None = Field(None, ge=0)
    reminder_days: int | None = Field(None, ge=0, le=60)
    moderation: bool | None = None


EVENT_ORDERING = {
    "starts_on": ("starts_on", "pk"),
    "-starts_on": ("-starts_on", "-pk"),
    "title": ("title", "pk"),
    "-title": ("-title", "-pk"),
}
EventOrdering = Literal[tuple(EVENT_ORDERING)]  # type: ignore[valid-type]


class StatusIn(Schema):
    status: StatusValue


class RegistrationIn(Schema):
    last_name: str = Field(min_length=1, max_length=100)
    first_name: str = Field(min_length=1, max_length=100)
    middle_name: str = Field("", max_length=100)
    organization_id: int | None = None
    organization_name: str = Field("", max_length=500)
    position: str = Field(min_length=1, max_length=300)
    region: Region
    email: str = Field(min_length=3, max_length=254)
    phone: str = Field("", max_length=50)
    mode: ModeValue
    role: RoleValue = "listener"
    talk_title: str = Field("", max_length=500)
    site_visit_id: int | None = None
    answers: dict[str, str] = Field(
        default_factory=dict, description="Ответы на вопросы мероприятия: {id вопроса: ответ}"
    )
    consent: bool = Field(description="Согласие на обработку персональных данных (152-ФЗ)")
    consent_version: int | None = None


class RegistrationPublicOut(Schema):
    status: str
    mode: str
    code: str
    created: bool


class RegistrationOut(Schema):
    id: int
    last_name: str
    first_name: str
    middle_name: str
    organization_name: str
    position: str
    region: str
    email: str
    phone: str
    mode: str
    role: str
    talk_title: str
    status: str
    code: str
    checked_in_at: datetime | None
    no_show: bool
    answers: dict[str, str]


class ModerateIn(Schema):
    decision: Literal["approve", "reject"]


class CheckInIn(Schema):
    code: str = Field(min_length=1, max_length=20)


@router.get("/events", response=list[EventOut], auth=OPTIONAL_AUTH, summary="Мероприятия")
@paginate(PageNumberPagination, page_size=50)
def event_list(
    request,
    cluster: str | None = None,
    kind: Kind | None = None,
    status: StatusValue | None = None,
    format: Format | None = None,
    starts_from: date | None = None,
    starts_to: date | None = None,
    upcoming: bool = False,
    ordering: EventOrdering = "starts_on",
):
    """Filters combine with AND: a cluster (slug), a kind, a status, a format, the first day's
    range; ``upcoming`` keeps events not yet over. Sorted by date (default) or title."""
    from django.utils import timezone

    qs = selectors.event_list(
        access.visible_events(request.user),
        cluster=access_cluster(request.user, cluster) if cluster else None,
        kind=kind,
        status=status,
        event_format=format,
        starts_from=starts_from,
        starts_to=starts_to,
        upcoming_from=timezone.localdate() if upcoming else None,
    )
    return qs.order_by(*EVENT_ORDERING[ordering])


@router.get(
    "/events/{int:event_id}",
    response={200: EventDetailOut, **ERROR_RESPONSES},
    auth=OPTIONAL_AUTH,
    summary="Мероприятие с программой",
)
def event_get(request, event_id: int):
    return access.access_event(request.user, event_id)


@router.post("/events", response={201: EventOut, **ERROR_RESPONSES}, summary="Создать мероприятие")
def event_post(request, payload: EventIn):
    data = payload.dict()
    cluster = access_cluster(request.user, data.pop("cluster"))
    require(access.can_manage_cluster_events(request.user, cluster))
    return Status(201, services.event_create(actor=request.user, cluster=cluster, data=data))


@router.patch("/events/{int:event_id}", response={200: EventOut, **ERROR_RESPONSES}, summary="Изменить мероприятие")
def event_patch(request, event_id: int, payload: EventPatch):
    event = access.access_event(request.user, event_id, manage=True)
    nullable = {"ends_on", "registration_opens_at", "registration_deadline", "capacity_in_person", "capacity_online"}
    data = {k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None or k in nullable}
    return services.event_update(actor=request.user, event=event, data=data)


@router.post(
    "/events/{int:event_id}/status", response={200: EventOut, **ERROR_RESPONSES}, summary="Сменить статус мероприятия"
)
def event_status(request, event_id: int, payload: StatusIn):
    event = access.access_event(request.user, event_id, manage=True)
    return services.event_set_status(actor=request.user, event=event, status=payload.status)


@router.get(
    "/events/{int:event_id}/registrations",
    response={200: list[RegistrationOut], **ERROR_RESPONSES},
    summary="Регистрации (организатору)",
)
@paginate(PageNumberPagination, page_size=100)
def registration_list(request, event_id: int, mode: str = "", status: str = "", region: str = ""):
    event = access.access_event(request.user, event_id, manage=True)
    return selectors.registration_list(event, mode=mode, status=status, region=region)


@router.post(
    "/events/{int:event_id}/register",
    response={200: RegistrationPublicOut, 201: RegistrationPublicOut, **ERROR_RESPONSES},
    auth=None,
    summary="Зарегистрироваться (без учётной записи)",
)
def register(request, event_id: int, payload: RegistrationIn):
    event = access.access_event(request.user, event_id)
    rate_limit_request(request, "events.register", limit=settings.EDCLUSTER_EVENTS_REGISTER_LIMIT, email=payload.email)
    data = payload.dict()
    consent, version = data.pop("consent"), data.pop("consent_version")
    org_id, visit_id = data.pop("organization_id"), data.pop("site_visit_id")
    data["organization"] = Organization.objects.filter(pk=org_id, is_confirmed=True).first() if org_id else None
    data["site_visit"] = SiteVisit.objects.filter(pk=visit_id, event=event).first() if visit_id else None
    if data["organization"] is not None:
        data["organization_name"] = data["organization"].display_name
    registration, created = services.registration_submit(
        event=event, data=data, consent=consent, consent_version=version, ip=client_ip(request)
    )
    out = {"status": registration.status, "mode": registration.mode, "code": registration.code, "created": created}
    return Status(201 if created else 200, out)


@router.post(
    "/events/{int:event_id}/check-in",
    response={200: RegistrationOut, **ERROR_RESPONSES},
    summary="Отметить участника по коду",
)
def check_in(request, event_id: int, payload: CheckInIn):
    event = access.access_event(request.user, event_id, manage=True)
    return services.registration_check_in(actor=request.user, event=event, code=payload.code)


@router.post(
    "/events/{int:event_id}/registrations/{int:registration_id}/moderate",
    response={200: RegistrationOut, **ERROR_RESPONSES},
    summary="Подтвердить или отклонить заявку (модерация)",
)
def moderate(request, event_id: int, registration_id: int, payload: ModerateIn):
    event = access.access_event(request.user, event_id, manage=True)
    return services.registration_moderate(
        actor=request.user, event=event, registration_id=registration_id, approve=payload.decision == "approve"
    )


# --- programme editing (organiser; the same services as the page ``events:programme``) -------------


class DayIn(Schema):
    date: date
    starts_at: time | None = None
    ends_at: time | None = None


class DayCreatedOut(Schema):
    id: int
    date: date
    starts_at: time | None
    ends_at: time | None


class SectionIn(Schema):
    title: str = Field(min_length=1, max_length=500)


class SectionCreatedOut(Schema):
    id: int
    title: str


class SpeakerIn(Schema):
    name: str = Field(min_length=1, max_length=300)
    position: str = Field("", max_length=300)
    organization_name: str = Field("", max_length=500)


class ItemIn(Schema):
    day_id: int
    title: str = Field(min_length=1, max_length=500)
    format: ItemFormatValue = "report"
    starts_at: time | None = None
    ends_at: time | None = None
    section_id: int | None = None
    speakers: list[SpeakerIn] = []


class ItemCreatedOut(Schema):
    id: int
    day_id: int
    section_id: int | None
    starts_at: time | None
    ends_at: time | None
    title: str
    format: str
    speakers: list[SpeakerOut]

    @staticmethod
    def resolve_speakers(obj):
        return list(obj.speakers.all())


class SiteVisitIn(Schema):
    title: str = Field(min_length=1, max_length=500)
    capacity: int | None = Field(None, ge=0, le=2_147_483_647)
    organization_id: int | None = None


class QuestionIn(Schema):
    text: str = Field(min_length=1, max_length=500)
    kind: QuestionKindValue = "text"
    choices: list[str] = Field(default_factory=list, max_length=100)
    required: bool = False


class RemovedOut(Schema):
    removed: str


def _blank(value: str, field: str) -> str:
    value = value.strip()
    if not value:
        raise ValidationError(errors={field: [_("Заполните это поле.")]})
    return value


@router.post(
    "/events/{int:event_id}/days",
    response={201: DayCreatedOut, **ERROR_RESPONSES},
    summary="Добавить день программы",
)
def day_post(request, event_id: int, payload: DayIn):
    event = access.access_event(request.user, event_id, manage=True)
    return Status(201, services.day_add(actor=request.user, event=event, **payload.dict()))


@router.post(
    "/events/{int:event_id}/sections",
    response={201: SectionCreatedOut, **ERROR_RESPONSES},
    summary="Добавить секцию",
)
def section_post(request, event_id: int, payload: SectionIn):
    event = access.access_event(request.user, event_id, manage=True)
    title = _blank(payload.title, "title")
    return Status(201, services.section_add(actor=request.user, event=event, title=title))


@router.post(
    "/events/{int:event_id}/items",
    response={201: ItemCreatedOut, **ERROR_RESPONSES},
    summary="Добавить пункт программы с докладчиками",
)
def item_post(request, event_id: int, payload: ItemIn):
    """Speakers are given as written (ФИО, должность, организация), as on the programme page."""
    event = access.access_event(request.user, event_id, manage=True)
    day = EventDay.objects.filter(event=event, pk=payload.day_id).first()
    if day is None:
        raise ValidationError(errors={"day_id": [_("Такого дня нет в программе мероприятия.")]})
    section = None
    if payload.section_id is not None:
        section = Section.objects.filter(event=event, pk=payload.section_id).first()
        if section is None:
            raise ValidationError(errors={"section_id": [_("Такой секции нет в программе мероприятия.")]})
    speakers = [
        {
            "name": _blank(s.name, "speakers"),
            "position": s.position.strip(),
            "organization_name": s.organization_name.strip(),
        }
        for s in payload.speakers
    ]
    item = services.item_add(
        actor=request.user,
        day=day,
        title=_blank(payload.title, "title"),
        format=payload.format,
        starts_at=payload.starts_at,
        ends_at=payload.ends_at,
        section=section,
        speaker_names=speakers,
    )
    return Status(201, item)


@router.post(
    "/events/{int:event_id}/site-visits",
    response={201: SiteVisitOut, **ERROR_RESPONSES},
    summary="Добавить площадку для посещения",
)
def site_visit_post(request, event_id: int, payload: SiteVisitIn):
    event = access.access_event(request.user, event_id, manage=True)
    organization = None
    if payload.organization_id is not None:
        organization = Organization.objects.filter(pk=payload.organization_id, is_confirmed=True).first()
        if organization is None:
            raise ValidationError(errors={"organization_id": [_("Такой организации нет в реестре.")]})
    visit = services.site_visit_add(
        actor=request.user,
        event=event,
        title=_blank(payload.title, "title"),
        organization=organization,
        capacity=payload.capacity,
    )
    return Status(201, visit)


@router.post(
    "/events/{int:event_id}/questions",
    response={201: QuestionOut, **ERROR_RESPONSES},
    summary="Добавить вопрос регистрационной формы",
)
def question_post(request, event_id: int, payload: QuestionIn):
    event = access.access_event(request.user, event_id, manage=True)
    choices = [c[:500] for c in payload.choices]
    question = services.question_add(
        actor=request.user,
        event=event,
        text=_blank(payload.text, "text"),
        kind=payload.kind,
        choices=choices,
        required=payload.required,
    )
    return Status(201, question)


@router.delete(
    "/events/{int:event_id}/programme/{kind}/{int:item_id}",
    response={200: RemovedOut, **ERROR_RESPONSES},
    summary="Удалить день, секцию, пункт, площадку или вопрос",
)
def programme_delete(request, event_id: int, kind: ProgrammeKind, item_id: int):
    event = access.access_event(request.user, event_id, manage=True)
    return {"removed": services.programme_remove(actor=request.user, event=event, kind=kind, pk=item_id)}


# --- the person's own registration by its secret link (public, like the pages) --------------------


class OfferIn(Schema):
    decision: Literal["accept", "decline"]


class RegistrationStateOut(Schema):
    status: str
    mode: str
    code: str
    offer_expires_at: datetime | None


def _secret_uuid(secret: str) -> uuid.UUID:
    try:
        return uuid.UUID(secret)
    except ValueError:
        raise NotFound(_("Регистрация не найдена.")) from None


@router.post(
    "/registrations/{secret}/offer",
    response={200: RegistrationStateOut, **ERROR_RESPONSES},
    auth=None,
    summary="Принять или отклонить предложенное место (по секретной ссылке)",
)
def registration_offer(request, secret: str, payload: OfferIn):
    key = _secret_uuid(secret)
    if payload.decision == "accept":
        return services.offer_accept(secret=key)
    return services.offer_decline(secret=key)


@router.post(
    "/registrations/{secret}/cancel",
    response={200: RegistrationStateOut, **ERROR_RESPONSES},
    auth=None,
    summary="Отменить регистрацию (по секретной ссылке)",
)
def registration_cancel(request, secret: str):
    """Idempotent: a cancelled registration stays cancelled; the freed place goes to the first
    person waiting."""
    return services.registration_cancel(secret=_secret_uuid(secret))
