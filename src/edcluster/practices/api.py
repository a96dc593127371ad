"""REST API of the library of practices: practices, materials, adoptions. The same selectors,
services and access rules as the pages.

(No ``from __future__ import annotations``: django-ninja reads the annotations at import.)
"""

from datetime import date
from decimal import Decimal
from typing import Any, Literal

from django.utils.translation import gettext as _
from ninja import File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import PageNumberPagination, paginate
from pydantic import Field

from edcluster.api.auth import OPTIONAL_AUTH
from edcluster.api.schemas import ERROR_RESPONSES
from edcluster.core.access import require
from edcluster.core.errors import NotFound, ValidationError
from edcluster.events import access as event_access
from edcluster.organizations.access import roles_of
from edcluster.organizations.models import Cluster, Organization, Person
from edcluster.partnerships.models import Direction
from edcluster.practices import access, selectors, services
from edcluster.practices.models import Audience, MaterialKind, PracticeStatus, Visibility, WorkForm

router = Router(tags=["Практики"])

AudienceCode = Literal[tuple(Audience.values)]  # type: ignore[valid-type]
WorkForm_ = Literal[tuple(WorkForm.values)]  # type: ignore[valid-type]
Status_ = Literal[tuple(PracticeStatus.values)]  # type: ignore[valid-type]
Visibility_ = Literal[tuple(Visibility.values)]  # type: ignore[valid-type]
Kind = Literal[tuple(MaterialKind.values)]  # type: ignore[valid-type]


class MaterialOut(Schema):
    id: int
    title: str
    kind: str
    video_url: str
    file_url: str | None
    content_type: str
    size: int
    author_id: int | None
    author_name: str
    sharing: str
    version: int
    programme_item_id: int | None
    preview_url: str | None

    @staticmethod
    def resolve_file_url(obj: Any) -> str | None:
        return f"/practices/materials/{obj.pk}/" if obj.file else None

    @staticmethod
    def resolve_preview_url(obj: Any) -> str | None:
        return f"/practices/materials/{obj.pk}/preview/" if obj.preview else None


class IndicatorOut(Schema):
    name: str
    before: Decimal
    after: Decimal
    entered_by: str | None

    @staticmethod
    def resolve_entered_by(obj: Any) -> str | None:
        return obj.entered_by.username if obj.entered_by_id else None


class IndicatorIn(Schema):
    name: str = Field(min_length=1, max_length=300)
    before: Decimal = Field(max_digits=12, decimal_places=2)
    after: Decimal = Field(max_digits=12, decimal_places=2)


class AdoptionOut(Schema):
    id: int
    practice_id: int
    organization_id: int
    organization: str = Field(validation_alias="organization.display_name")
    adopted_on: date
    adaptation: str
    own_results: str
    participants_reached: int | None
    survey_url: str
    entered_by: str | None
    indicators: list[IndicatorOut]

    @staticmethod
    def resolve_entered_by(obj: Any) -> str | None:
        return obj.entered_by.username if obj.entered_by_id else None

    @staticmethod
    def resolve_indicators(obj: Any) -> list[Any]:
        return list(obj.values.all())


class AdoptionIn(Schema):
    organization_id: int
    adopted_on: date
    adaptation: str = Field("", max_length=20_000)
    own_results: str = Field("", max_length=20_000)
    participants_reached: int | None = Field(None, ge=0)
    survey_url: str = Field("", max_length=200)
    indicators: list[IndicatorIn] = Field(default_factory=list, max_length=50)


class AdoptionPatch(Schema):
    adopted_on: date | None = None
    adaptation: str | None = Field(None, max_length=20_000)
    own_results: str | None = Field(None, max_length=20_000)
    participants_reached: int | None = Field(None, ge=0)
    survey_url: str | None = Field(None, max_length=200)
    indicators: list[IndicatorIn] = Field(default_factory=list, max_length=50)


class PracticeOut(Schema):
    id: int
    title: str
    cluster: str = Field(validation_alias="cluster.slug")
    organizations: list[int]
    authors: list[int]
    direction: str | None
    audience: list[str]
    work_form: str
    goal: str
    content: str
    stages: str
    resources: str
    transfer_conditions: str
    results: str
    participants_count: int | None
    evidence: str
    indicators: list[str]
    status: str
    recommendation: str
    recommended_by_id: int | None = Field(None, description="решение совета (meetings), которым рекомендована")
    presented_at_id: int | None = Field(None, description="мероприятие, на котором представлена докладом")
    visibility: str
    tags: list[str]

    @staticmethod
    def resolve_organizations(obj: Any) -> list[int]:
        return [o.pk for o in obj.organizations.all()]

    @staticmethod
    def resolve_authors(obj: Any) -> list[int]:
        return [p.pk for p in obj.authors.all()]

    @staticmethod
    def resolve_direction(obj: Any) -> str | None:
        return obj.direction.name if obj.direction_id else None

    @staticmethod
    def resolve_audience(obj: Any) -> list[str]:
        return obj.audience_list

    @staticmethod
    def resolve_indicators(obj: Any) -> list[str]:
        return obj.indicator_list

    @staticmethod
    def resolve_tags(obj: Any) -> list[str]:
        return obj.tag_list


class PracticeIn(Schema):
    title: str = Field(min_length=1, max_length=500)
    cluster: str = Field(min_length=1, max_length=100, description="slug кластера")
    organization_ids: list[int] = Field(min_length=1, max_length=20)
    author_ids: list[int] = Field(default_factory=list, max_length=50)
    direction_id: int | None = None
    audience: list[AudienceCode] = Field(default_factory=list)
    work_form: WorkForm_
    goal: str = Field("", max_length=20_000)
    content: str = Field("", max_length=20_000)
    stages: str = Field("", max_length=20_000)
    resources: str = Field("", max_length=20_000)
    transfer_conditions: str = Field("", max_length=20_000)
    results: str = Field("", max_length=20_000)
    participants_count: int | None = Field(None, ge=0)
    evidence: str = Field("", max_length=20_000)
    indicators: list[str] = Field(default_factory=list, max_length=20)
    status: Status_ = "described"
    recommendation: str = Field("", max_length=500)
    recommended_by_id: int | None = None
    visibility: Visibility_ = "cluster"
    tags: list[str] = Field(default_factory=list, max_length=30)


class PracticePatch(Schema):
    title: str | None = Field(None, min_length=1, max_length=500)
    direction_id: int | None = None
    audience: list[AudienceCode] | None = None
    work_form: WorkForm_ | None = None
    goal: str | None = Field(None, max_length=20_000)
    content: str | None = Field(None, max_length=20_000)
    stages: str | None = Field(None, max_length=20_000)
    resources: str | None = Field(None, max_length=20_000)
    transfer_conditions: str | None = Field(None, max_length=20_000)
    results: str | None = Field(None, max_length=20_000)
    participants_count: int | None = Field(None, ge=0)
    evidence: str | None = Field(None, max_length=20_000)
    indicators: list[str] | None = Field(None, max_length=20)
    status: Status_ | None = None
    recommendation: str | None = Field(None, max_length=500)
    recommended_by_id: int | None = None
    visibility: Visibility_ | None = None
    tags: list[str] | None = Field(None, max_length=30)


class PracticeFilter(Schema):
    q: str | None = Field(None, max_length=200)
    direction_id: int | None = None
    audience: AudienceCode | None = None
    work_form: WorkForm_ | None = None
    organization_kind: str | None = Field(None, max_length=20)
    municipality: str | None = Field(None, max_length=200)
    status: Status_ | None = None
    organization_id: int | None = None


class MaterialIn(Schema):
    title: str = Field(min_length=1, max_length=300)
    kind: Kind = "other"
    video_url: str = Field("", max_length=200)
    author_id: int | None = None
    author_name: str = Field("", max_length=300)
    sharing: Visibility_ = "cluster"
    version: int = Field(1, ge=1)


class EventMaterialIn(MaterialIn):
    programme_item_id: int | None = None


def _normalise(data: dict[str, Any]) -> dict[str, Any]:
    """API lists → the stored forms; ids → objects."""
    if "audience" in data:
        data["audience"] = services.audience_value(data["audience"] or [])
    if "indicators" in data:
        data["indicators"] = "\n".join(data["indicators"] or [])
    if "tags" in data:
        data["tags"] = ", ".join(data["tags"] or [])
    if "recommended_by_id" in data:
        from edcluster.meetings.models import Decision

        pk = data.pop("recommended_by_id")
        data["recommended_by"] = Decision.objects.filter(pk=pk).first() if pk else None
        if pk and data["recommended_by"] is None:
            raise NotFound()
    if "direction_id" in data:
        pk = data.pop("direction_id")
        data["direction"] = Direction.objects.filter(pk=pk).first() if pk else None
        if pk and data["direction"] is None:
            raise NotFound()
    return data


@router.get("/practices", response=list[PracticeOut], auth=OPTIONAL_AUTH, summary="Практики")
@paginate(PageNumberPagination, page_size=50)
def practice_list(request, filters: Query[PracticeFilter]):
    return selectors.practice_list(
        request.user,
        q=filters.q or "",
        direction=filters.direction_id,
        audience=filters.audience or "",
        work_form=filters.work_form or "",
        organization_kind=filters.organization_kind or "",
        municipality=filters.municipality or "",
        status=filters.status or "",
        organization=filters.organization_id,
    ).prefetch_related("authors")


@router.get(
    "/practices/{int:pk}", response={200: PracticeOut, **ERROR_RESPONSES}, auth=OPTIONAL_AUTH, summary="Практика"
)
def practice_get(request, pk: int):
    return access.access_practice(request.user, pk)


@router.post("/practices", response={201: PracticeOut, **ERROR_RESPONSES}, summary="Описать практику")
def practice_post(request, payload: PracticeIn):
    require(access.can_create_practice(request.user))
    data = payload.dict()
    cluster = Cluster.objects.filter(slug=data.pop("cluster")).first()
    orgs = list(Organization.objects.filter(pk__in=data.pop("organization_ids")))
    authors = list(Person.objects.filter(pk__in=data.pop("author_ids")))
    if cluster is None or not orgs:
        raise NotFound()
    require(access.can_author_for(request.user, {o.pk for o in orgs}, cluster.pk))
    data["cluster"] = cluster
    p = services.practice_create(actor=request.user, data=_normalise(data), organizations=orgs, authors=authors)
    return Status(201, access.access_practice(request.user, p.pk))


@router.patch("/practices/{int:pk}", response={200: PracticeOut, **ERROR_RESPONSES}, summary="Изменить практику")
def practice_patch(request, pk: int, payload: PracticePatch):
    p = access.access_practice(request.user, pk, edit=True)
    services.practice_update(actor=request.user, practice=p, data=_normalise(payload.dict(exclude_unset=True)))
    return access.access_practice(request.user, pk)


@router.get(
    "/practices/{int:pk}/materials",
    response={200: list[MaterialOut], **ERROR_RESPONSES},
    auth=OPTIONAL_AUTH,
    summary="Материалы практики",
)
def material_list(request, pk: int):
    return access.visible_materials(request.user, access.access_practice(request.user, pk))


@router.post(
    "/practices/{int:pk}/materials",
    response={201: MaterialOut, **ERROR_RESPONSES},
    summary="Добавить материал (файл проверяется по содержимому)",
)
def material_post(request, pk: int, payload: Form[MaterialIn], file: UploadedFile = File(None)):  # noqa: B008
    p = access.access_practice(request.user, pk, edit=True)
    data, upload = _material_input(payload.dict(), file)
    return Status(201, services.material_add(actor=request.user, practice=p, data=data, upload=upload))


def _material_input(data: dict[str, Any], file: Any) -> tuple[dict[str, Any], tuple[str, bytes] | None]:
    author_id = data.pop("author_id")
    if author_id:
        data["author"] = Person.objects.filter(pk=author_id).first()
        if data["author"] is None:
            raise NotFound()
    if not data["video_url"]:
        data.pop("video_url")
    return data, ((file.name or "file", file.read()) if file is not None else None)


@router.get(
    "/events/{int:pk}/materials",
    response={200: list[MaterialOut], **ERROR_RESPONSES},
    auth=OPTIONAL_AUTH,
    summary="Материалы мероприятия",
)
def event_material_list(request, pk: int):
    return access.visible_event_materials(request.user, event_access.access_event(request.user, pk))


@router.post(
    "/events/{int:pk}/materials",
    response={201: MaterialOut, **ERROR_RESPONSES},
    summary="Добавить материал мероприятия (организатор — любой, выступающий — к своему докладу)",
)
def event_material_post(request, pk: int, payload: Form[EventMaterialIn], file: UploadedFile = File(None)):  # noqa: B008
    event = event_access.access_event(request.user, pk)
    require(access.can_add_event_material(request.user, event))
    data, upload = _material_input(payload.dict(), file)
    item_id = data.pop("programme_item_id")
    items = {i.pk: i for i in access.speaker_items(request.user, event)}
    if item_id is not None and item_id not in items:
        raise ValidationError(errors={"programme_item_id": [_("Такого доклада нет среди ваших докладов.")]})
    if item_id is None and not event_access.can_manage_event(request.user, event):
        raise ValidationError(errors={"programme_item_id": [_("Укажите доклад, к которому относится материал.")]})
    material = services.event_material_add(
        actor=request.user, event=event, data=data, upload=upload, programme_item=items.get(item_id)
    )
    return Status(201, material)


@router.delete("/practice-materials/{int:pk}", response={204: None, **ERROR_RESPONSES}, summary="Удалить материал")
def material_delete(request, pk: int):
    m = access.access_material(request.user, pk, edit=True)
    services.material_delete(actor=request.user, material=m)
    return Status(204, None)


@router.get(
    "/practices/{int:pk}/adoptions",
    response={200: list[AdoptionOut], **ERROR_RESPONSES},
    auth=OPTIONAL_AUTH,
    summary="Внедрения практики",
)
def adoption_list(request, pk: int):
    return selectors.adoptions_of(access.access_practice(request.user, pk))


@router.post(
    "/practices/{int:pk}/adoptions", response={201: AdoptionOut, **ERROR_RESPONSES}, summary="Отметить внедрение"
)
def adoption_post(request, pk: int, payload: AdoptionIn):
    p = access.access_practice(request.user, pk)
    data = payload.dict()
    org = Organization.objects.filter(pk=data.pop("organization_id")).first()
    if org is None:
        raise NotFound()
    require(roles_of(request.user).is_admin or org.pk in access.adopting_orgs(request.user, p))
    indicators = data.pop("indicators")
    a = services.adoption_create(actor=request.user, practice=p, organization=org, data=data, indicators=indicators)
    return Status(201, selectors.adoptions_of(p).get(pk=a.pk))


@router.patch(
    "/practice-adoptions/{int:pk}", response={200: AdoptionOut, **ERROR_RESPONSES}, summary="Изменить внедрение"
)
def adoption_patch(request, pk: int, payload: AdoptionPatch):
    a = access.access_adoption(request.user, pk, edit=True)
    data = payload.dict(exclude_unset=True)
    indicators = data.pop("indicators", [])
    services.adoption_update(actor=request.user, adoption=a, data=data, indicators=indicators)
    return selectors.adoptions_of(a.practice).get(pk=a.pk)
