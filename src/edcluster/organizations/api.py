"""REST API of the registry: clusters, organisations, people. The same selectors, services and
access rules as the pages.

(No ``from __future__ import annotations`` in api modules: django-ninja reads the annotations
at import time to build the schema.)
"""

from datetime import date
from typing import Literal

from django.shortcuts import get_object_or_404
from ninja import FilterSchema, Query, Router, Schema, Status
from ninja.pagination import PageNumberPagination, paginate
from pydantic import Field

from edcluster.api.auth import OPTIONAL_AUTH
from edcluster.api.pagination import SearchPagination
from edcluster.api.schemas import ERROR_RESPONSES
from edcluster.core.access import require
from edcluster.core.errors import NotFound
from edcluster.organizations import access, selectors, services
from edcluster.organizations.models import (
    Cluster,
    Gender,
    KindergartenOrientation,
    Membership,
    Organization,
    OrganizationKind,
    Position,
)
from edcluster.organizations.regions import REGIONS

router = Router(tags=["Реестр"])

Kind = Literal[tuple(OrganizationKind.values)]  # type: ignore[valid-type]
Orientation = Literal[("", *KindergartenOrientation.values)]  # type: ignore[valid-type]
Region = Literal[("", *(code for code, _name in REGIONS))]  # type: ignore[valid-type]
GenderValue = Literal[("", *Gender.values)]  # type: ignore[valid-type]
MembershipRole = Literal[tuple(Membership.Role.values)]  # type: ignore[valid-type]


# --- schemas ---------------------------------------------------------------------------------------


class MembershipOut(Schema):
    cluster: str = Field(validation_alias="cluster.slug")
    cluster_name: str = Field(validation_alias="cluster.name")
    role: str
    since: date | None
    until: date | None


class OrganizationOut(Schema):
    id: int
    full_name: str
    short_name: str
    legal_form: str
    kind: str
    kindergarten_orientation: str
    region: str
    municipality: str
    address: str
    inn: str
    ogrn: str
    phone: str
    email: str
    website: str
    is_confirmed: bool
    memberships: list[MembershipOut]


class OrganizationIn(Schema):
    full_name: str = Field(min_length=1, max_length=500)
    short_name: str = Field("", max_length=255)
    legal_form: str = Field("", max_length=30)
    kind: Kind
    kindergarten_orientation: Orientation = ""
    region: Region = ""
    municipality: str = Field("", max_length=200)
    address: str = Field("", max_length=500)
    inn: str = Field("", max_length=12)
    ogrn: str = Field("", max_length=15)
    phone: str = Field("", max_length=50)
    email: str = Field("", max_length=254)
    website: str = Field("", max_length=200)
    description: str = Field("", max_length=10_000)
    cluster: str | None = Field(None, description="slug кластера, в который войдёт организация")
    membership_role: MembershipRole = Membership.Role.MEMBER


class OrganizationPatch(Schema):
    full_name: str | None = Field(None, min_length=1, max_length=500)
    short_name: str | None = Field(None, max_length=255)
    legal_form: str | None = Field(None, max_length=30)
    kind: Kind | None = None
    kindergarten_orientation: Orientation | None = None
    region: Region | None = None
    municipality: str | None = Field(None, max_length=200)
    address: str | None = Field(None, max_length=500)
    inn: str | None = Field(None, max_length=12)
    ogrn: str | None = Field(None, max_length=15)
    phone: str | None = Field(None, max_length=50)
    email: str | None = Field(None, max_length=254)
    website: str | None = Field(None, max_length=200)
    description: str | None = Field(None, max_length=10_000)


ORGANIZATION_ORDERING = {
    "name": ("short_name", "full_name", "pk"),
    "-name": ("-short_name", "-full_name", "-pk"),
    "region": ("region", "municipality", "short_name", "pk"),
    "-region": ("-region", "-municipality", "-short_name", "-pk"),
    "kind": ("kind", "short_name", "pk"),
    "-kind": ("-kind", "-short_name", "-pk"),
    "created": ("created_at", "pk"),
    "-created": ("-created_at", "-pk"),
}
OrganizationOrdering = Literal[tuple(ORGANIZATION_ORDERING)]  # type: ignore[valid-type]
CLUSTER_ORDERING = {
    "name": ("name", "pk"),
    "-name": ("-name", "-pk"),
    "region": ("region", "name", "pk"),
    "-region": ("-region", "-name", "-pk"),
    "created": ("created_at", "pk"),
    "-created": ("-created_at", "-pk"),
}
ClusterOrdering = Literal[tuple(CLUSTER_ORDERING)]  # type: ignore[valid-type]


class OrganizationFilter(FilterSchema):
    q: str | None = Field(None, max_length=200, description="поиск с учётом словоформ")
    cluster: str | None = None
    kind: Kind | None = None
    region: Region | None = None
    municipality: str | None = Field(None, max_length=200)
    ordering: OrganizationOrdering = Field("name", description="порядок: name, region, kind, created; «-» — обратный")


class ClusterOut(Schema):
    id: int
    name: str
    short_name: str
    slug: str
    description: str
    region: str
    municipality: str
    base_organization_id: int | None
    website: str
    is_public: bool


class ClusterIn(Schema):
    name: str = Field(min_length=1, max_length=300)
    short_name: str = Field("", max_length=100)
    slug: str = Field(min_length=1, max_length=100, pattern=r"^[-a-zA-Z0-9_]+$")
    description: str = Field("", max_length=10_000)
    region: Region = ""
    municipality: str = Field("", max_length=200)
    base_organization_id: int | None = None
    website: str = Field("", max_length=200)
    is_public: bool = True


class ClusterPatch(Schema):
    name: str | None = Field(None, min_length=1, max_length=300)
    short_name: str | None = Field(None, max_length=100)
    description: str | None = Field(None, max_length=10_000)
    region: Region | None = None
    municipality: str | None = Field(None, max_length=200)
    base_organization_id: int | None = None
    website: str | None = Field(None, max_length=200)
    is_public: bool | None = None


class PositionOut(Schema):
    id: int
    organization_id: int
    organization: str = Field(validation_alias="organization.display_name")
    title: str
    category: str
    since: date | None
    until: date | None


class PersonOut(Schema):
    id: int
    last_name: str
    first_name: str
    middle_name: str
    full_name: str
    short_name: str
    gender: str
    email: str
    phone: str
    positions: list[PositionOut]


class PersonIn(Schema):
    last_name: str = Field(min_length=1, max_length=100)
    first_name: str = Field(min_length=1, max_length=100)
    middle_name: str = Field("", max_length=100)
    gender: GenderValue = ""
    email: str = Field("", max_length=254)
    phone: str = Field("", max_length=50)
    organization_id: int
    position: str = Field(min_length=1, max_length=300)


class PersonPatch(Schema):
    last_name: str | None = Field(None, min_length=1, max_length=100)
    first_name: str | None = Field(None, min_length=1, max_length=100)
    middle_name: str | None = Field(None, max_length=100)
    gender: GenderValue | None = None
    email: str | None = Field(None, max_length=254)
    phone: str | None = Field(None, max_length=50)


def _set(payload: Schema) -> dict:
    return {k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None}


# --- clusters --------------------------------------------------------------------------------------


@router.get("/clusters", response=list[ClusterOut], auth=OPTIONAL_AUTH, summary="Кластеры")
@paginate(PageNumberPagination, page_size=50)
def cluster_list(request, ordering: ClusterOrdering = "name"):
    """Clusters the caller may see, sorted by name (default), region or creation date."""
    return selectors.clusters_visible(request.user).order_by(*CLUSTER_ORDERING[ordering])


@router.get("/clusters/{slug}", response={200: ClusterOut, **ERROR_RESPONSES}, auth=OPTIONAL_AUTH, summary="Кластер")
def cluster_get(request, slug: str):
    return access.access_cluster(request.user, slug)


@router.post("/clusters", response={201: ClusterOut, **ERROR_RESPONSES}, summary="Создать кластер")
def cluster_post(request, payload: ClusterIn):
    data = payload.dict()
    base_id = data.pop("base_organization_id")
    data["base_organization"] = get_object_or_404(Organization, pk=base_id) if base_id else None
    return Status(201, services.cluster_create(actor=request.user, data=data))


@router.patch("/clusters/{slug}", response={200: ClusterOut, **ERROR_RESPONSES}, summary="Изменить кластер")
def cluster_patch(request, slug: str, payload: ClusterPatch):
    cluster = access.access_cluster(request.user, slug, edit=True)
    data = _set(payload)
    if "base_organization_id" in data:
        data["base_organization"] = Organization.objects.filter(pk=data.pop("base_organization_id")).first()
        if data["base_organization"] is None:
            raise NotFound()
    return services.cluster_update(actor=request.user, cluster=cluster, data=data)


# --- organisations ---------------------------------------------------------------------------------


@router.get("/organizations", response=list[OrganizationOut], auth=OPTIONAL_AUTH, summary="Организации")
@paginate(PageNumberPagination, page_size=50)
def organization_list(request, filters: Query[OrganizationFilter]):
    cluster = Cluster.objects.filter(slug=filters.cluster).first() if filters.cluster else None
    if filters.cluster and cluster is None:
        return Organization.objects.none()
    return selectors.organization_list(
        user=request.user,
        cluster=cluster,
        kind=filters.kind or "",
        region=filters.region or "",
        municipality=filters.municipality or "",
        query=filters.q or "",
    ).order_by(*ORGANIZATION_ORDERING[filters.ordering])


@router.get(
    "/organizations/{int:org_id}",
    response={200: OrganizationOut, **ERROR_RESPONSES},
    auth=OPTIONAL_AUTH,
    summary="Организация",
)
def organization_get(request, org_id: int):
    return selectors.organization_detail(organization=access.access_organization(request.user, org_id))


@router.post("/organizations", response={201: OrganizationOut, **ERROR_RESPONSES}, summary="Добавить организацию")
def organization_post(request, payload: OrganizationIn):
    data = payload.dict()
    slug, role = data.pop("cluster"), data.pop("membership_role")
    cluster = access.access_cluster(request.user, slug) if slug else None
    org = services.organization_create(actor=request.user, data=data, cluster=cluster, membership_role=role)
    return Status(201, selectors.organization_detail(organization=org))


@router.patch(
    "/organizations/{int:org_id}", response={200: OrganizationOut, **ERROR_RESPONSES}, summary="Изменить организацию"
)
def organization_patch(request, org_id: int, payload: OrganizationPatch):
    org = access.access_organization(request.user, org_id, edit=True)
    org = services.organization_update(actor=request.user, organization=org, data=_set(payload))
    return selectors.organization_detail(organization=org)


# --- people ----------------------------------------------------------------------------------------


@router.get("/people", response={200: list[PersonOut], **ERROR_RESPONSES}, summary="Люди")
@paginate(SearchPagination, page_size=50)
def person_list(request, q: str | None = None, organization_id: int | None = None):
    require(access.can_list_people(request.user))
    org = Organization.objects.filter(pk=organization_id).first() if organization_id else None
    return selectors.person_list(user=request.user, organization=org, query=q or "")


@router.get("/people/{int:person_id}", response={200: PersonOut, **ERROR_RESPONSES}, summary="Человек")
def person_get(request, person_id: int):
    return selectors.person_detail(person=access.access_person(request.user, person_id))


@router.post("/people", response={201: PersonOut, **ERROR_RESPONSES}, summary="Добавить человека")
def person_post(request, payload: PersonIn):
    data = payload.dict()
    org = access.access_organization(request.user, data.pop("organization_id"), edit=True)
    title = data.pop("position")
    person = services.person_create(actor=request.user, data=data, organization=org, position_title=title)
    return Status(201, selectors.person_detail(person=person))


@router.patch("/people/{int:person_id}", response={200: PersonOut, **ERROR_RESPONSES}, summary="Изменить человека")
def person_patch(request, person_id: int, payload: PersonPatch):
    person = access.access_person(request.user, person_id, edit=True)
    person = services.person_update(actor=request.user, person=person, data=_set(payload))
    return selectors.person_detail(person=person)


# --- memberships, confirmation, positions ----------------------------------------------------------


class MembershipSetIn(Schema):
    role: MembershipRole = Membership.Role.MEMBER
    since: date | None = None
    until: date | None = None
    note: str = Field("", max_length=500)


class ClusterMemberOut(Schema):
    id: int
    cluster: str = Field(validation_alias="cluster.slug")
    organization_id: int
    role: str
    since: date | None
    until: date | None
    note: str


class PositionIn(Schema):
    organization_id: int
    title: str = Field(min_length=1, max_length=300)
    since: date | None = None
    until: date | None = None


@router.put(
    "/clusters/{slug}/members/{int:org_id}",
    response={200: ClusterMemberOut, **ERROR_RESPONSES},
    summary="Включить организацию в кластер (или изменить её роль и даты)",
)
def membership_put(request, slug: str, org_id: int, payload: MembershipSetIn):
    cluster = access.access_cluster(request.user, slug, edit=True)
    org = access.access_organization(request.user, org_id)
    return services.membership_set(actor=request.user, cluster=cluster, organization=org, **payload.dict())


@router.delete(
    "/clusters/{slug}/members/{int:org_id}",
    response={204: None, **ERROR_RESPONSES},
    summary="Исключить организацию из кластера",
)
def membership_delete(request, slug: str, org_id: int):
    cluster = access.access_cluster(request.user, slug, edit=True)
    membership = Membership.objects.select_related("cluster").filter(cluster=cluster, organization_id=org_id).first()
    if membership is None:
        raise NotFound()
    services.membership_remove(actor=request.user, membership=membership)
    return Status(204, None)


@router.post(
    "/organizations/{int:org_id}/confirm",
    response={200: OrganizationOut, **ERROR_RESPONSES},
    summary="Подтвердить организацию, введённую участником",
)
def organization_confirm(request, org_id: int):
    org = access.access_organization(request.user, org_id)
    org = services.organization_confirm(actor=request.user, organization=org)
    return selectors.organization_detail(organization=org)


@router.post(
    "/people/{int:person_id}/positions",
    response={201: PersonOut, **ERROR_RESPONSES},
    summary="Добавить должность человеку",
)
def position_post(request, person_id: int, payload: PositionIn):
    person = access.access_person(request.user, person_id, edit=True)
    org = access.access_organization(request.user, payload.organization_id)
    services.position_add(
        actor=request.user, person=person, organization=org, **payload.dict(exclude={"organization_id"})
    )
    return Status(201, selectors.person_detail(person=person))


@router.delete("/positions/{int:position_id}", response={204: None, **ERROR_RESPONSES}, summary="Удалить должность")
def position_delete(request, position_id: int):
    position = Position.objects.select_related("person", "organization").filter(pk=position_id).first()
    if position is None:
        raise NotFound()
    access.access_person(request.user, position.person_id)
    services.position_remove(actor=request.user, position=position)
    return Status(204, None)
