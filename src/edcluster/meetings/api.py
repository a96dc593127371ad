"""REST API of councils, meetings, protocols and decisions — the same services and access
rules as the pages.

(No ``from __future__ import annotations``: django-ninja reads annotations at import.)
"""

import datetime as dt
from typing import Literal

from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from pydantic import Field

from edcluster.api.schemas import ERROR_RESPONSES
from edcluster.core.access import require
from edcluster.core.errors import ValidationError
from edcluster.meetings import access, selectors, services
from edcluster.meetings.models import AgendaItem, Body, BodyMember, Decision, Evidence, Meeting
from edcluster.organizations.access import access_cluster
from edcluster.organizations.models import Organization, Person

router = Router(tags=["Советы и решения"])

BodyKind = Literal[tuple(Body.Kind.values)]  # type: ignore[valid-type]
MemberRole = Literal[tuple(BodyMember.Role.values)]  # type: ignore[valid-type]
AttendanceStyle = Literal[tuple(Meeting.AttendanceStyle.values)]  # type: ignore[valid-type]
DecisionStatus = Literal[tuple(Decision.Status.values)]  # type: ignore[valid-type]
AddresseeKind = Literal[tuple(Decision.AddresseeKind.values)]  # type: ignore[valid-type]
EvidenceKind = Literal[tuple(Evidence.Kind.values)]  # type: ignore[valid-type]
ProtocolAction = Literal["remarks", "approve", "draft"]


class MemberOut(Schema):
    id: int
    person_id: int
    person: str = Field(validation_alias="person.full_name")
    organization_id: int | None
    role: str
    since: dt.date | None
    until: dt.date | None


class BodyOut(Schema):
    id: int
    cluster: str = Field(validation_alias="cluster.slug")
    kind: str
    name: str
    name_gent: str
    short_name_gent: str
    description: str


class BodyDetailOut(BodyOut):
    members: list[MemberOut]


class BodyIn(Schema):
    kind: BodyKind = "council"
    name: str = Field(min_length=1, max_length=300)
    name_gent: str = Field("", max_length=400)
    short_name_gent: str = Field("", max_length=200)
    description: str = ""


class MemberIn(Schema):
    person_id: int
    organization_id: int | None = None
    role: MemberRole = "member"
    since: dt.date | None = None
    until: dt.date | None = None


class SpeakerOut(Schema):
    name: str
    position: str
    organization: str


class StatementOut(Schema):
    name: str
    text: str


class ItemOut(Schema):
    id: int
    order: int
    title: str
    heard: str
    speakers: list[SpeakerOut]
    statements: list[StatementOut]


class DecisionOut(Schema):
    id: int
    number: str
    meeting_id: int | None
    item_id: int | None
    text: str
    addressee_kind: str
    addressee: str = Field(validation_alias="addressee_display")
    addressee_organization_id: int | None
    addressee_person_id: int | None
    responsible_id: int | None
    due_date: dt.date | None
    due_month_only: bool
    status: str
    progress: int


class MeetingOut(Schema):
    id: int
    body_id: int
    number: int
    date: dt.date
    time: dt.time | None
    place: str
    theme: str
    organizers: str
    chair_id: int | None
    secretary_id: int | None
    signature_title: str
    attendance_style: str
    status: str
    attendance: str = ""


class MeetingDetailOut(MeetingOut):
    attendee_ids: list[int] = []
    items: list[ItemOut] = []
    decisions: list[DecisionOut] = []


class MeetingIn(Schema):
    number: int | None = Field(None, ge=1)
    date: dt.date
    time: dt.time | None = None
    place: str = Field("", max_length=300)
    theme: str = Field("", max_length=500)
    organizers: str = ""
    chair_id: int | None = None
    secretary_id: int | None = None
    signature_title: str = Field("", max_length=200)
    attendance_style: AttendanceStyle = "counted"
    attended_count: int | None = Field(None, ge=0)
    attended_org_count: int | None = Field(None, ge=0)
    attendee_ids: list[int] = []


class MeetingPatch(Schema):
    number: int | None = Field(None, ge=1)
    date: dt.date | None = None
    place: str | None = Field(None, max_length=300)
    theme: str | None = Field(None, max_length=500)
    organizers: str | None = None
    signature_title: str | None = Field(None, max_length=200)
    attendance_style: AttendanceStyle | None = None


class AttendanceIn(Schema):
    person_ids: list[int]


class SpeakerIn(Schema):
    person_id: int | None = None
    name: str = Field("", max_length=300)
    position: str = Field("", max_length=300)
    organization: str = Field("", max_length=500)


class StatementIn(Schema):
    name: str = Field(min_length=1, max_length=300)
    text: str = Field(min_length=1)


class ItemIn(Schema):
    order: int | None = Field(None, ge=1)
    title: str = Field(min_length=1, max_length=500)
    heard: str = ""
    speakers: list[SpeakerIn] = []
    statements: list[StatementIn] = []


class DecisionIn(Schema):
    item_id: int | None = None
    text: str = Field(min_length=1)
    addressee_kind: AddresseeKind = ""
    addressee_organization_id: int | None = None
    addressee_group: str = Field("", max_length=300)
    addressee_person_id: int | None = None
    responsible_id: int | None = None
    due_date: dt.date | None = None
    due_month_only: bool = False


class ItemPatch(Schema):
    order: int | None = Field(None, ge=1)
    title: str | None = Field(None, min_length=1, max_length=500)
    heard: str | None = None
    speakers: list[SpeakerIn] | None = None
    statements: list[StatementIn] | None = None


class DecisionPatch(Schema):
    item_id: int | None = None
    order: int | None = Field(None, ge=1)
    text: str | None = Field(None, min_length=1)
    addressee_kind: AddresseeKind | None = None
    addressee_organization_id: int | None = None
    addressee_group: str | None = Field(None, max_length=300)
    addressee_person_id: int | None = None
    responsible_id: int | None = None
    due_date: dt.date | None = None
    due_month_only: bool | None = None


class ProgressIn(Schema):
    status: DecisionStatus | None = None
    progress: int | None = Field(None, ge=0, le=100)


class EvidenceIn(Schema):
    kind: EvidenceKind
    title: str = Field(min_length=1, max_length=500)
    object_id: int | None = None
    url: str = Field("", max_length=500)
    mark_done: bool = False


class EvidenceOut(Schema):
    id: int
    kind: str
    title: str
    object_id: int | None
    url: str


def _person(pk):
    if pk is None:
        return None
    person = Person.objects.filter(pk=pk).first()
    if person is None:
        raise ValidationError(errors={"person": ["Человек не найден."]})
    return person


def _org(pk):
    if pk is None:
        return None
    org = Organization.objects.filter(pk=pk).first()
    if org is None:
        raise ValidationError(errors={"organization": ["Организация не найдена."]})
    return org


def _meeting_out(meeting: Meeting, detail: bool = False) -> dict:
    data = MeetingOut.from_orm(meeting).dict()
    data["attendance"] = services.attendance_text(meeting)
    if detail:
        data["attendee_ids"] = [a.person_id for a in meeting.attendees.all() if a.person_id]
        data["items"] = list(meeting.items.prefetch_related("speakers", "statements"))
        decisions = meeting.decisions.select_related("item", "addressee_organization", "addressee_person")
        data["decisions"] = list(decisions)
    return data


# --- bodies ---------------------------------------------------------------------------------------


@router.get("/bodies", response={200: list[BodyOut], **ERROR_RESPONSES}, summary="Коллегиальные органы")
def body_list(request, cluster: str | None = None):
    qs = access.visible_bodies(request.user).select_related("cluster")
    if cluster:
        qs = qs.filter(cluster=access_cluster(request.user, cluster))
    return list(qs)


@router.post("/clusters/{slug}/bodies", response={201: BodyOut, **ERROR_RESPONSES}, summary="Создать орган")
def body_post(request, slug: str, payload: BodyIn):
    cluster = access_cluster(request.user, slug)
    require(access.can_create_body(request.user, cluster))
    return Status(201, services.body_create(actor=request.user, cluster=cluster, data=payload.dict()))


@router.get("/bodies/{int:body_id}", response={200: BodyDetailOut, **ERROR_RESPONSES}, summary="Орган и его состав")
def body_get(request, body_id: int):
    return access.access_body(request.user, body_id)


@router.post("/bodies/{int:body_id}/members", response={201: MemberOut, **ERROR_RESPONSES}, summary="Добавить в состав")
def member_post(request, body_id: int, payload: MemberIn):
    body = access.access_body(request.user, body_id, edit=True)
    data = payload.dict()
    data["person"] = _person(data.pop("person_id"))
    data["organization"] = _org(data.pop("organization_id"))
    return Status(201, services.body_member_add(actor=request.user, body=body, data=data))


# --- meetings -------------------------------------------------------------------------------------


@router.get("/bodies/{int:body_id}/meetings", response={200: list[MeetingOut], **ERROR_RESPONSES}, summary="Заседания")
def meeting_list(request, body_id: int):
    body = access.access_body(request.user, body_id)
    return [_meeting_out(m) for m in selectors.body_meetings(body, request.user)]


@router.post(
    "/bodies/{int:body_id}/meetings", response={201: MeetingDetailOut, **ERROR_RESPONSES}, summary="Создать заседание"
)
def meeting_post(request, body_id: int, payload: MeetingIn):
    body = access.access_body(request.user, body_id, edit=True)
    data = {k: v for k, v in payload.dict().items() if v is not None}
    attendee_ids = data.pop("attendee_ids", [])
    for field in ("chair", "secretary"):
        if f"{field}_id" in data:
            data[field] = _person(data.pop(f"{field}_id"))
    members = {m.person_id: m.person for m in body.members.select_related("person")}
    unknown = [pk for pk in attendee_ids if pk not in members]
    if unknown:
        raise ValidationError(errors={"attendee_ids": ["Отмечать можно только членов органа."]})
    meeting = services.meeting_create(
        actor=request.user, body=body, data=data, attendees=[members[pk] for pk in attendee_ids]
    )
    return Status(201, _meeting_out(meeting, detail=True))


@router.get("/meetings/{int:meeting_id}", response={200: MeetingDetailOut, **ERROR_RESPONSES}, summary="Заседание")
def meeting_get(request, meeting_id: int):
    return _meeting_out(access.access_meeting(request.user, meeting_id), detail=True)


@router.patch(
    "/meetings/{int:meeting_id}", response={200: MeetingDetailOut, **ERROR_RESPONSES}, summary="Изменить заседание"
)
def meeting_patch(request, meeting_id: int, payload: MeetingPatch):
    meeting = access.access_meeting(request.user, meeting_id, edit=True)
    data = {k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None}
    services.meeting_update(actor=request.user, meeting=meeting, data=data)
    return _meeting_out(meeting, detail=True)


@router.put(
    "/meetings/{int:meeting_id}/attendance",
    response={200: MeetingDetailOut, **ERROR_RESPONSES},
    summary="Отметить присутствующих",
)
def attendance_put(request, meeting_id: int, payload: AttendanceIn):
    meeting = access.access_meeting(request.user, meeting_id, edit=True)
    members = {m.person_id: m.person for m in meeting.body.members.select_related("person")}
    if any(pk not in members for pk in payload.person_ids):
        raise ValidationError(errors={"person_ids": ["Отмечать можно только членов органа."]})
    services.attendance_set(actor=request.user, meeting=meeting, people=[members[pk] for pk in payload.person_ids])
    return _meeting_out(meeting, detail=True)


@router.post("/meetings/{int:meeting_id}/items", response={201: ItemOut, **ERROR_RESPONSES}, summary="Вопрос повестки")
def item_post(request, meeting_id: int, payload: ItemIn):
    meeting = access.access_meeting(request.user, meeting_id, edit=True)
    speakers = _speakers(payload.speakers)
    data = {"title": payload.title, "heard": payload.heard}
    if payload.order:
        data["order"] = payload.order
    item = services.agenda_item_create(
        actor=request.user,
        meeting=meeting,
        data=data,
        speakers=speakers,
        statements=[s.dict() for s in payload.statements],
    )
    return Status(201, item)


@router.post(
    "/meetings/{int:meeting_id}/decisions", response={201: DecisionOut, **ERROR_RESPONSES}, summary="Решение заседания"
)
def decision_post(request, meeting_id: int, payload: DecisionIn):
    meeting = access.access_meeting(request.user, meeting_id, edit=True)
    data = payload.dict()
    item_id = data.pop("item_id")
    data["item"] = get_object_or_404(AgendaItem, pk=item_id, meeting=meeting) if item_id else None
    data["addressee_organization"] = _org(data.pop("addressee_organization_id"))
    data["addressee_person"] = _person(data.pop("addressee_person_id"))
    data["responsible"] = _person(data.pop("responsible_id"))
    return Status(201, services.decision_create(actor=request.user, meeting=meeting, data=data))


def _speakers(payload_speakers) -> list[dict]:
    rows = []
    for s in payload_speakers:
        row = s.dict()
        row["person"] = _person(row.pop("person_id"))
        rows.append(row)
    return rows


@router.patch(
    "/agenda-items/{int:item_id}", response={200: ItemOut, **ERROR_RESPONSES}, summary="Изменить вопрос повестки"
)
def item_patch(request, item_id: int, payload: ItemPatch):
    item = access.access_item(request.user, item_id, edit=True)
    given = payload.dict(exclude_unset=True)
    data = {k: given[k] for k in ("order", "title", "heard") if given.get(k) is not None}
    return services.agenda_item_update(
        actor=request.user,
        item=item,
        data=data,
        speakers=_speakers(payload.speakers) if payload.speakers is not None else None,
        statements=[s.dict() for s in payload.statements] if payload.statements is not None else None,
    )


@router.delete("/agenda-items/{int:item_id}", response={204: None, **ERROR_RESPONSES}, summary="Удалить вопрос")
def item_delete(request, item_id: int):
    item = access.access_item(request.user, item_id, edit=True)
    services.agenda_item_delete(actor=request.user, item=item)
    return Status(204, None)


PROTOCOL_ACTIONS = {
    "remarks": services.protocol_send_for_remarks,
    "approve": services.protocol_approve,
    "draft": services.protocol_return_to_draft,
}


@router.post(
    "/meetings/{int:meeting_id}/protocol/{action}",
    response={200: MeetingOut, **ERROR_RESPONSES},
    summary="Протокол: на замечания, утвердить, в черновик",
)
def protocol_post(request, meeting_id: int, action: ProtocolAction):
    meeting = access.access_meeting(request.user, meeting_id, edit=True)
    PROTOCOL_ACTIONS[action](actor=request.user, meeting=meeting)
    return _meeting_out(meeting)


# --- decisions ------------------------------------------------------------------------------------


@router.get("/decisions", response={200: list[DecisionOut], **ERROR_RESPONSES}, summary="Решения (доска)")
def decision_list(
    request,
    cluster: str | None = None,
    body_id: int | None = None,
    organization_id: int | None = None,
    addressee: str = "",
    status: DecisionStatus | None = None,
    overdue: bool = False,
    this_month: bool = False,
):
    scope = {}
    if cluster:
        scope["cluster"] = access_cluster(request.user, cluster)
    if body_id:
        scope["body"] = access.access_body(request.user, body_id)
    if organization_id:
        scope["organization"] = _org(organization_id)
    return list(
        selectors.decision_board(
            request.user, addressee=addressee, status=status or "", overdue=overdue, this_month=this_month, **scope
        )[:500]
    )


@router.get("/decisions/{int:decision_id}", response={200: DecisionOut, **ERROR_RESPONSES}, summary="Решение")
def decision_get(request, decision_id: int):
    return access.access_decision(request.user, decision_id)


@router.patch(
    "/decisions/{int:decision_id}", response={200: DecisionOut, **ERROR_RESPONSES}, summary="Изменить решение"
)
def decision_patch(request, decision_id: int, payload: DecisionPatch):
    """Only the fields sent change; ``null`` clears an optional link (addressee, responsible,
    due date, item)."""
    decision = access.access_decision(request.user, decision_id, edit=True)
    given = payload.dict(exclude_unset=True)
    data = {}
    for key, value in given.items():
        if key == "item_id":
            data["item"] = (
                get_object_or_404(AgendaItem, pk=value, meeting_id=decision.meeting_id) if value is not None else None
            )
        elif key in ("addressee_organization_id",):
            data["addressee_organization"] = _org(value)
        elif key in ("addressee_person_id", "responsible_id"):
            data[key.removesuffix("_id")] = _person(value)
        elif key in ("text", "order", "addressee_kind", "addressee_group", "due_month_only") and value is None:
            continue
        else:
            data[key] = value
    return services.decision_update(actor=request.user, decision=decision, data=data)


@router.delete("/decisions/{int:decision_id}", response={204: None, **ERROR_RESPONSES}, summary="Удалить решение")
def decision_delete(request, decision_id: int):
    decision = access.access_decision(request.user, decision_id, edit=True)
    services.decision_delete(actor=request.user, decision=decision)
    return Status(204, None)


@router.post(
    "/decisions/{int:decision_id}/progress", response={200: DecisionOut, **ERROR_RESPONSES}, summary="Ход исполнения"
)
def decision_progress_post(request, decision_id: int, payload: ProgressIn):
    decision = access.access_decision(request.user, decision_id, report=True)
    data = {k: v for k, v in payload.dict().items() if v is not None}
    if not data:
        raise ValidationError("Укажите состояние или процент выполнения.")
    return services.decision_progress(actor=request.user, decision=decision, data=data)


@router.post(
    "/decisions/{int:decision_id}/evidence",
    response={201: EvidenceOut, **ERROR_RESPONSES},
    summary="Подтверждение выполнения",
)
def evidence_post(request, decision_id: int, payload: EvidenceIn):
    decision = access.access_decision(request.user, decision_id, report=True)
    return Status(201, services.evidence_add(actor=request.user, decision=decision, **payload.dict()))


# --- section results ------------------------------------------------------------------------------


class SectionResultIn(Schema):
    participants_unit: str = Field("участник", max_length=100)
    participants_place: str = Field("", max_length=300)
    summary: str = ""
    outputs: str = ""


class RecommendationOut(Schema):
    id: int
    number: str
    text: str
    status: str
    steps: list[str] = []


class RecommendationGroupOut(Schema):
    addressee: str
    recommendations: list[RecommendationOut]


class KindergartenCountOut(Schema):
    orientation: str
    count: int
    text: str


class SectionResultsOut(Schema):
    section_id: int
    event_id: int
    participants: str
    people: int
    organizations: int
    kindergartens: list[KindergartenCountOut]
    participants_unit: str
    participants_place: str
    summary: str
    outputs: str
    groups: list[RecommendationGroupOut]


class RecommendationIn(Schema):
    text: str = Field(min_length=1)
    addressee_kind: AddresseeKind
    addressee_organization_id: int | None = None
    addressee_group: str = Field("", max_length=300)
    addressee_person_id: int | None = None
    responsible_id: int | None = None
    due_date: dt.date | None = None
    due_month_only: bool = False
    steps: list[str] = []


def _section_results_out(section) -> dict:
    from edcluster.meetings.models import SectionResult

    result = SectionResult.objects.filter(section=section).first()
    counts = services.section_counts(section)
    return {
        "section_id": section.pk,
        "event_id": section.event_id,
        "participants": services.section_participants_text(section, result, counts=counts),
        "people": counts["people"],
        "organizations": counts["organizations"],
        "kindergartens": counts["kindergartens"],
        "participants_unit": result.participants_unit if result else "участник",
        "participants_place": result.participants_place if result else "",
        "summary": result.summary if result else "",
        "outputs": result.outputs if result else "",
        "groups": [
            {
                "addressee": g["addressee"],
                "recommendations": [
                    {
                        "id": d.pk,
                        "number": d.number,
                        "text": d.text,
                        "status": d.status,
                        "steps": [m.title for m in d.milestones.all()],
                    }
                    for d in g["decisions"]
                ],
            }
            for g in services.section_recommendations(section)
        ],
    }


@router.get(
    "/sections/{int:section_id}/results", response={200: SectionResultsOut, **ERROR_RESPONSES}, summary="Итоги секции"
)
def section_results_get(request, section_id: int):
    return _section_results_out(access.access_section(request.user, section_id))


@router.put(
    "/sections/{int:section_id}/results",
    response={200: SectionResultsOut, **ERROR_RESPONSES},
    summary="Сохранить итоги секции",
)
def section_results_put(request, section_id: int, payload: SectionResultIn):
    section = access.access_section(request.user, section_id, edit=True)
    services.section_result_save(actor=request.user, section=section, data=payload.dict())
    return _section_results_out(section)


@router.post(
    "/sections/{int:section_id}/recommendations",
    response={201: DecisionOut, **ERROR_RESPONSES},
    summary="Рекомендация секции",
)
def section_recommendation_post(request, section_id: int, payload: RecommendationIn):
    section = access.access_section(request.user, section_id, edit=True)
    data = payload.dict()
    steps = data.pop("steps")
    data["addressee_organization"] = _org(data.pop("addressee_organization_id"))
    data["addressee_person"] = _person(data.pop("addressee_person_id"))
    data["responsible"] = _person(data.pop("responsible_id"))
    decision = services.section_recommendation_add(actor=request.user, section=section, data=data, steps=steps)
    return Status(201, decision)


class FollowUpEventIn(Schema):
    title: str = Field("", max_length=500)
    kind: str = "methodical_train"
    starts_on: dt.date | None = None


class FollowUpEventOut(Schema):
    id: int
    title: str
    kind: str
    status: str
    starts_on: dt.date
    goal: str


@router.post(
    "/decisions/{int:decision_id}/event",
    response={201: FollowUpEventOut, **ERROR_RESPONSES},
    summary="Создать мероприятие по решению",
)
def decision_event_post(request, decision_id: int, payload: FollowUpEventIn):
    decision = access.access_decision(request.user, decision_id)
    require(access.can_create_decision_event(request.user, decision))
    event = services.decision_create_event(actor=request.user, decision=decision, data=payload.dict())
    return Status(201, event)
