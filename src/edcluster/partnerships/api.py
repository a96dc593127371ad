"""REST API of partnerships: partnerships, directions and the network graph. The same
selectors, services and access rules as the pages.

(No ``from __future__ import annotations``: django-ninja reads the annotations at import.)
"""

from datetime import date
from typing import Any, Literal

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from ninja.pagination import PageNumberPagination, paginate
from pydantic import Field

from edcluster.api.auth import OPTIONAL_AUTH
from edcluster.api.schemas import ERROR_RESPONSES
from edcluster.core.access import require
from edcluster.core.errors import NotFound, ValidationError
from edcluster.events.models import Event
from edcluster.meetings.models import Decision
from edcluster.organizations.access import access_cluster
from edcluster.organizations.models import Organization, Person
from edcluster.partnerships import access, graph, selectors, services
from edcluster.partnerships.models import Direction, PartnershipKind, PartnershipStatus, PartyRole

router = Router(tags=["Партнёрства"])

Kind = Literal[tuple(PartnershipKind.values)]  # type: ignore[valid-type]
Status_ = Literal[tuple(PartnershipStatus.values)]  # type: ignore[valid-type]
Role = Literal[tuple(PartyRole.values)]  # type: ignore[valid-type]


class DirectionOut(Schema):
    id: int
    name: str
    order: int
    is_active: bool


class DirectionIn(Schema):
    name: str = Field(min_length=1, max_length=200)
    order: int = Field(100, ge=0)
    is_active: bool = True


class PartyOut(Schema):
    id: int
    organization_id: int
    organization: str = Field(validation_alias="organization.display_name")
    role: str
    signatory_id: int | None
    resources: str


class PartnershipOut(Schema):
    id: int
    kind: str
    title: str
    number: str
    signed_on: date | None
    valid_from: date | None
    valid_until: date | None
    indefinite: bool
    status: str
    description: str
    expected_results: str
    achieved_results: str
    children_count: int | None
    parents_count: int | None
    teachers_count: int | None
    previous_id: int | None
    parties: list[PartyOut]
    directions: list[str]

    @staticmethod
    def resolve_directions(obj: Any) -> list[str]:
        return [d.name for d in obj.directions.all()]

    @staticmethod
    def resolve_parties(obj: Any) -> list[Any]:
        return list(obj.parties.all())


class LinkedEventOut(Schema):
    id: int
    title: str
    starts_on: date | None
    url: str

    @staticmethod
    def resolve_url(obj: Any) -> str:
        return obj.get_absolute_url()


class LinkedDecisionOut(Schema):
    id: int
    number: str
    text: str
    status: str
    meeting: str | None
    url: str

    @staticmethod
    def resolve_number(obj: Any) -> str:
        return str(obj.number)

    @staticmethod
    def resolve_meeting(obj: Any) -> str | None:
        return str(obj.meeting) if obj.meeting_id else None

    @staticmethod
    def resolve_url(obj: Any) -> str:
        return obj.get_absolute_url()


class PartnershipDetailOut(PartnershipOut):
    """One partnership with its links to events and council decisions — only those the caller
    may see (as on the partnership page)."""

    events: list[LinkedEventOut]
    decisions: list[LinkedDecisionOut]

    @staticmethod
    def resolve_events(obj: Any) -> list[Any]:
        return obj.visible_links["events"]

    @staticmethod
    def resolve_decisions(obj: Any) -> list[Any]:
        return obj.visible_links["decisions"]


class PartyIn(Schema):
    organization_id: int
    role: Role = "partner"
    signatory_id: int | None = None
    resources: str = Field("", max_length=5000)


class PartnershipIn(Schema):
    kind: Kind
    title: str = Field(min_length=1, max_length=500)
    number: str = Field("", max_length=50)
    signed_on: date | None = None
    valid_from: date | None = None
    valid_until: date | None = None
    indefinite: bool = False
    description: str = Field("", max_length=20_000)
    expected_results: str = Field("", max_length=20_000)
    achieved_results: str = Field("", max_length=20_000)
    children_count: int | None = Field(None, ge=0)
    parents_count: int | None = Field(None, ge=0)
    teachers_count: int | None = Field(None, ge=0)
    parties: list[PartyIn] = Field(min_length=1, max_length=50)
    direction_ids: list[int] = Field(default_factory=list, max_length=50)
    event_ids: list[int] = Field(default_factory=list, max_length=200)
    decision_ids: list[int] = Field(default_factory=list, max_length=200)
    activate: bool = False


class PartnershipPatch(Schema):
    title: str | None = Field(None, min_length=1, max_length=500)
    number: str | None = Field(None, max_length=50)
    signed_on: date | None = None
    valid_from: date | None = None
    valid_until: date | None = None
    indefinite: bool | None = None
    description: str | None = Field(None, max_length=20_000)
    expected_results: str | None = Field(None, max_length=20_000)
    achieved_results: str | None = Field(None, max_length=20_000)
    children_count: int | None = Field(None, ge=0)
    parents_count: int | None = Field(None, ge=0)
    teachers_count: int | None = Field(None, ge=0)
    event_ids: list[int] | None = Field(None, max_length=200, description="заменяет видимые вам связи")
    decision_ids: list[int] | None = Field(None, max_length=200, description="заменяет видимые вам связи")


class PartnershipFilter(Schema):
    direction_id: int | None = None
    kind: Kind | None = None
    status: Status_ | None = None
    organization_kind: str | None = Field(None, max_length=20)
    municipality: str | None = Field(None, max_length=200)
    organization_id: int | None = None
    expiring_soon: bool = False


class NodeOut(Schema):
    id: str
    label: str
    kind: str
    kind_name: str
    municipality: str
    member: bool
    colour: str
    degree: int
    url: str


class EdgeOut(Schema):
    id: str
    source: str
    target: str
    directions: list[str]
    partnerships: list[int]
    weight: int


class GraphOut(Schema):
    nodes: list[NodeOut]
    edges: list[EdgeOut]
    metrics: dict[str, Any]


def _parties(items: list[PartyIn]) -> list[dict[str, Any]]:
    result = []
    for item in items:
        org = Organization.objects.filter(pk=item.organization_id, is_confirmed=True).first()
        if org is None:
            raise NotFound()
        signatory = Person.objects.filter(pk=item.signatory_id).first() if item.signatory_id else None
        result.append({"organization": org, "role": item.role, "signatory": signatory, "resources": item.resources})
    return result


def _linked(model: Any, ids: list[int] | None) -> list[Any] | None:
    """The events or decisions named by ``ids``; an unknown id gets the same answer as one the
    caller may not link (no hint of what exists elsewhere)."""
    if ids is None:
        return None
    found = {x.pk: x for x in model.objects.filter(pk__in=ids)}
    if len(found) != len(set(ids)):
        field = "events" if model.__name__ == "Event" else "decisions"
        raise ValidationError(
            errors={field: [_("Связать можно только с мероприятием или решением кластера одной из сторон.")]}
        )
    return [found[i] for i in dict.fromkeys(ids)]


def _detail(request, pk: int) -> Any:
    p = access.access_partnership(request.user, pk)
    p.visible_links = selectors.partnership_links(request.user, p)
    return p


@router.get("/directions", response=list[DirectionOut], auth=OPTIONAL_AUTH, summary="Направления партнёрства")
def direction_list(request):
    return Direction.objects.all()


@router.post("/directions", response={201: DirectionOut, **ERROR_RESPONSES}, summary="Добавить направление")
def direction_post(request, payload: DirectionIn):
    return Status(201, services.direction_create(actor=request.user, data=payload.dict()))


@router.get("/partnerships", response=list[PartnershipOut], auth=OPTIONAL_AUTH, summary="Партнёрства")
@paginate(PageNumberPagination, page_size=50)
def partnership_list(request, filters: Query[PartnershipFilter]):
    return selectors.partnership_list(
        request.user,
        direction=filters.direction_id,
        kind=filters.kind or "",
        status=filters.status or "",
        organization_kind=filters.organization_kind or "",
        municipality=filters.municipality or "",
        organization=filters.organization_id,
        expiring_soon=filters.expiring_soon,
    )


@router.get(
    "/partnerships/{int:pk}",
    response={200: PartnershipDetailOut, **ERROR_RESPONSES},
    auth=OPTIONAL_AUTH,
    summary="Партнёрство",
)
def partnership_get(request, pk: int):
    return _detail(request, pk)


@router.post("/partnerships", response={201: PartnershipDetailOut, **ERROR_RESPONSES}, summary="Добавить партнёрство")
def partnership_post(request, payload: PartnershipIn):
    data = payload.dict()
    parties = _parties(payload.parties)
    directions = list(Direction.objects.filter(pk__in=data.pop("direction_ids")))
    events = _linked(Event, data.pop("event_ids")) or []
    decisions = _linked(Decision, data.pop("decision_ids")) or []
    activate = data.pop("activate")
    data.pop("parties")
    p = services.partnership_create(
        actor=request.user,
        data=data,
        parties=parties,
        directions=directions,
        activate=activate,
        events=events,
        decisions=decisions,
    )
    return Status(201, _detail(request, p.pk))


@router.patch(
    "/partnerships/{int:pk}", response={200: PartnershipDetailOut, **ERROR_RESPONSES}, summary="Изменить партнёрство"
)
def partnership_patch(request, pk: int, payload: PartnershipPatch):
    p = access.access_partnership(request.user, pk, edit=True)
    data = payload.dict(exclude_unset=True)
    events = _linked(Event, data.pop("event_ids", None))
    decisions = _linked(Decision, data.pop("decision_ids", None))
    services.partnership_update(actor=request.user, partnership=p, data=data, events=events, decisions=decisions)
    return _detail(request, pk)


@router.post(
    "/partnerships/{int:pk}/activate",
    response={200: PartnershipDetailOut, **ERROR_RESPONSES},
    summary="Ввести партнёрство в действие",
)
def partnership_activate(request, pk: int):
    p = access.access_partnership(request.user, pk, edit=True)
    services.partnership_activate(actor=request.user, partnership=p)
    return _detail(request, pk)


@router.post(
    "/partnerships/{int:pk}/terminate",
    response={200: PartnershipDetailOut, **ERROR_RESPONSES},
    summary="Расторгнуть партнёрство",
)
def partnership_terminate(request, pk: int):
    p = access.access_partnership(request.user, pk, edit=True)
    services.partnership_terminate(actor=request.user, partnership=p)
    return _detail(request, pk)


class DirectionPatch(Schema):
    name: str | None = Field(None, min_length=1, max_length=200)
    order: int | None = Field(None, ge=0, le=32767)
    is_active: bool | None = None


@router.patch("/directions/{int:pk}", response={200: DirectionOut, **ERROR_RESPONSES}, summary="Изменить направление")
def direction_patch(request, pk: int, payload: DirectionPatch):
    require(access.can_manage_directions(request.user))
    direction = Direction.objects.filter(pk=pk).first()
    if direction is None:
        raise NotFound()
    data = {k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None}
    return services.direction_update(actor=request.user, direction=direction, data=data)


@router.get("/network", response={200: GraphOut, **ERROR_RESPONSES}, auth=OPTIONAL_AUTH, summary="Граф партнёрств")
def network(
    request,
    cluster: str | None = None,
    municipality: str | None = None,
    region: str | None = None,
    direction_id: int | None = None,
):
    c = access_cluster(request.user, cluster) if cluster else None
    require(access.can_view_network(request.user, c))
    scope = graph.Scope(
        cluster=c,
        municipality=municipality or "",
        region=region or "",
        direction=get_object_or_404(Direction, pk=direction_id) if direction_id else None,
    )
    ng = graph.network_graph(scope)
    return {**graph.graph_json(ng), "metrics": graph.graph_metrics(ng)}


# --- renewal, parties, amendments ------------------------------------------------------------------


class RenewIn(Schema):
    valid_until: date | None = Field(None, description="новый срок; пусто вместе с indefinite=true — бессрочно")
    indefinite: bool = False
    number: str = Field("", max_length=50)


class AmendmentIn(Schema):
    number: str = Field("", max_length=50)
    signed_on: date | None = None
    summary: str = Field(min_length=1, max_length=20_000)


class AmendmentOut(Schema):
    id: int
    partnership_id: int
    number: str
    signed_on: date | None
    summary: str


@router.post(
    "/partnerships/{int:pk}/renew",
    response={201: PartnershipOut, **ERROR_RESPONSES},
    summary="Продлить партнёрство: новая версия с новым сроком",
)
def partnership_renew(request, pk: int, payload: RenewIn):
    p = access.access_partnership(request.user, pk, edit=True)
    new = services.partnership_renew(actor=request.user, partnership=p, **payload.dict())
    return Status(201, access.access_partnership(request.user, new.pk))


@router.post(
    "/partnerships/{int:pk}/parties",
    response={201: PartnershipOut, **ERROR_RESPONSES},
    summary="Добавить сторону партнёрства",
)
def party_post(request, pk: int, payload: PartyIn):
    p = access.access_partnership(request.user, pk, edit=True)
    services.party_add(actor=request.user, partnership=p, data=_parties([payload])[0])
    return Status(201, access.access_partnership(request.user, pk))


@router.delete(
    "/partnerships/{int:pk}/parties/{int:party_id}",
    response={204: None, **ERROR_RESPONSES},
    summary="Удалить сторону партнёрства (остаются не меньше двух)",
)
def party_delete(request, pk: int, party_id: int):
    p = access.access_partnership(request.user, pk, edit=True)
    party = p.parties.select_related("partnership", "organization").filter(pk=party_id).first()
    if party is None:
        raise NotFound()
    services.party_remove(actor=request.user, party=party)
    return Status(204, None)


@router.post(
    "/partnerships/{int:pk}/amendments",
    response={201: AmendmentOut, **ERROR_RESPONSES},
    summary="Добавить дополнительное соглашение",
)
def amendment_post(request, pk: int, payload: AmendmentIn):
    p = access.access_partnership(request.user, pk, edit=True)
    return Status(201, services.amendment_add(actor=request.user, partnership=p, data=payload.dict()))
