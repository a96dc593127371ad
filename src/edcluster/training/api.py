"""REST API of practical training — the same services and access rules as the pages.

(No ``from __future__ import annotations``: django-ninja reads annotations at import.)
"""

import datetime as dt
from typing import Literal

from ninja import Router, Schema, Status
from pydantic import Field

from edcluster.api.schemas import ERROR_RESPONSES
from edcluster.core.access import require
from edcluster.core.errors import NotFound
from edcluster.organizations.access import access_organization
from edcluster.organizations.models import Person
from edcluster.partnerships.access import access_partnership
from edcluster.training import access, selectors, services
from edcluster.training.models import PracticeBase, PracticePeriod, Student, StudentGroup

router = Router(tags=["Практика студентов"])

PeriodKind = Literal[tuple(PracticePeriod.Kind.values)]  # type: ignore[valid-type]


class BaseOut(Schema):
    id: int
    organization_id: int
    organization: str = Field(validation_alias="organization.display_name")
    college_id: int
    partnership_id: int
    specialisations: list[str]
    conditions: str
    default_places: int
    mentor_load: int


class BaseIn(Schema):
    college_id: int
    organization_id: int
    partnership_id: int
    specialisations: list[str] = []
    conditions: str = ""
    default_places: int = Field(5, ge=0, le=500)
    mentor_load: int = Field(2, ge=1, le=50)


class BasePatch(Schema):
    specialisations: list[str] | None = None
    conditions: str | None = None
    default_places: int | None = Field(None, ge=0, le=500)
    mentor_load: int | None = Field(None, ge=1, le=50)


class PeriodOut(Schema):
    id: int
    college_id: int
    group_id: int
    group: str = Field(validation_alias="group.name")
    kind: str
    title: str
    starts_on: dt.date
    ends_on: dt.date
    tasks: list[str] = Field(validation_alias="task_list")
    supervisor_id: int | None
    choice_open: bool


class PeriodIn(Schema):
    college_id: int
    group_id: int
    kind: PeriodKind
    title: str = ""
    starts_on: dt.date
    ends_on: dt.date
    tasks: str = ""
    supervisor_id: int | None = None
    choice_open: bool = True


class OfferOut(Schema):
    base_id: int
    base: str
    places: int
    taken: int
    free: int


class PlacementOut(Schema):
    id: int
    period_id: int
    student_id: int
    student: str = Field(validation_alias="student.person.full_name")
    base_id: int
    mentor_id: int | None
    chosen_by_student: bool
    final_mark: int | None


class PlacementIn(Schema):
    base_id: int
    student_id: int | None = Field(None, description="пусто — студент выбирает место сам")
    mentor_id: int | None = None


class PlacementPatch(Schema):
    mentor_id: int | None = Field(description="наставник базы; null — снять наставника")


class DiaryOut(Schema):
    id: int
    date: dt.date
    present: bool
    text: str
    mentor_comment: str


class DiaryIn(Schema):
    date: dt.date
    text: str = Field(min_length=1)
    present: bool = True


class EvaluationIn(Schema):
    marks: dict[str, int]
    characteristic: str


class EvaluationOut(Schema):
    placement_id: int
    marks: dict[str, int]
    mark: int
    characteristic: str


@router.get("/training/bases", response=list[BaseOut])
def base_list(request):
    return list(access.visible_bases(request.user).select_related("organization"))


@router.post("/training/bases", response={201: BaseOut, **ERROR_RESPONSES})
def base_post(request, payload: BaseIn):
    college = access_organization(request.user, payload.college_id)
    org = access_organization(request.user, payload.organization_id)
    partnership = access_partnership(request.user, payload.partnership_id)
    base = services.base_create(
        actor=request.user,
        college=college,
        organization=org,
        partnership=partnership,
        specialisations=payload.specialisations,
        conditions=payload.conditions,
        default_places=payload.default_places,
        mentor_load=payload.mentor_load,
    )
    return Status(201, base)


@router.patch("/training/bases/{int:base_id}", response={200: BaseOut, **ERROR_RESPONSES}, summary="Изменить базу")
def base_patch(request, base_id: int, payload: BasePatch):
    """Only the fields sent change."""
    base = access.access_base(request.user, base_id, edit=True)
    data = {k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None}
    return services.base_update(actor=request.user, base=base, data=data)


@router.delete("/training/bases/{int:base_id}", response={204: None, **ERROR_RESPONSES}, summary="Удалить базу")
def base_delete(request, base_id: int):
    """Refused (409) while students are placed at the base."""
    base = access.access_base(request.user, base_id)
    services.base_delete(actor=request.user, base=base)
    return Status(204, None)


@router.delete(
    "/training/students/{int:student_id}", response={204: None, **ERROR_RESPONSES}, summary="Исключить из группы"
)
def student_delete(request, student_id: int):
    """Placements with nothing recorded go with the student; a practice with a diary or marks
    refuses (409)."""
    student = Student.objects.select_related("group").filter(pk=student_id).first()
    if student is None:
        raise NotFound("Студент не найден.")
    access.access_group(request.user, student.group_id, manage=True)
    services.student_remove(actor=request.user, student=student)
    return Status(204, None)


@router.get("/training/periods", response=list[PeriodOut])
def period_list(request):
    return list(selectors.periods_for(request.user))


@router.post("/training/periods", response={201: PeriodOut, **ERROR_RESPONSES})
def period_post(request, payload: PeriodIn):
    college = access_organization(request.user, payload.college_id)
    data = payload.dict(exclude={"college_id", "group_id", "supervisor_id"})
    data["group"] = StudentGroup.objects.filter(pk=payload.group_id, college=college).first()
    if data["group"] is None:
        raise NotFound("Группа не найдена.")
    data["supervisor"] = Person.objects.filter(pk=payload.supervisor_id).first() if payload.supervisor_id else None
    return Status(201, services.period_create(actor=request.user, college=college, data=data))


@router.get("/training/periods/{int:period_id}/offers", response=list[OfferOut])
def offer_list(request, period_id: int):
    period = access.access_period(request.user, period_id)
    return [
        {
            "base_id": o.offer.base_id,
            "base": str(o.offer.base),
            "places": o.offer.places,
            "taken": o.taken,
            "free": o.free,
        }
        for o in selectors.period_offers(period)
    ]


@router.get("/training/periods/{int:period_id}/placements", response=list[PlacementOut])
def placement_list(request, period_id: int):
    period = access.access_period(request.user, period_id)
    return list(selectors.period_placements(request.user, period))


@router.post("/training/periods/{int:period_id}/placements", response={201: PlacementOut, **ERROR_RESPONSES})
def placement_post(request, period_id: int, payload: PlacementIn):
    period = access.access_period(request.user, period_id)
    base = PracticeBase.objects.filter(pk=payload.base_id, college_id=period.college_id).first()
    if base is None:
        raise NotFound("База не найдена.")
    if payload.student_id is None:
        return Status(201, services.placement_choose(actor=request.user, period=period, base=base))
    student = Student.objects.filter(pk=payload.student_id, group_id=period.group_id).first()
    if student is None:
        raise NotFound("Студент не найден.")
    mentor = Person.objects.filter(pk=payload.mentor_id).first() if payload.mentor_id else None
    placement = services.placement_create(actor=request.user, period=period, student=student, base=base, mentor=mentor)
    return Status(201, placement)


@router.patch(
    "/training/placements/{int:placement_id}",
    response={200: PlacementOut, **ERROR_RESPONSES},
    summary="Сменить наставника",
)
def placement_patch(request, placement_id: int, payload: PlacementPatch):
    p = access.access_placement(request.user, placement_id)
    require(access.can_change_mentor(request.user, p))
    mentor = None
    if payload.mentor_id is not None:
        mentor = p.base.mentors.filter(pk=payload.mentor_id).first()
        if mentor is None:
            raise NotFound("Наставник базы не найден.")
    return services.placement_mentor_set(actor=request.user, placement=p, mentor=mentor)


@router.get("/training/placements/{int:placement_id}/diary", response=list[DiaryOut])
def diary_list(request, placement_id: int):
    return list(access.access_placement(request.user, placement_id).diary.all())


@router.post("/training/placements/{int:placement_id}/diary", response={201: DiaryOut, **ERROR_RESPONSES})
def diary_post(request, placement_id: int, payload: DiaryIn):
    p = access.access_placement(request.user, placement_id)
    return Status(201, services.diary_add(actor=request.user, placement=p, data=payload.dict()))


@router.put("/training/placements/{int:placement_id}/evaluation", response={200: EvaluationOut, **ERROR_RESPONSES})
def evaluation_put(request, placement_id: int, payload: EvaluationIn):
    p = access.access_placement(request.user, placement_id)
    return services.evaluation_save(
        actor=request.user, placement=p, marks=payload.marks, characteristic=payload.characteristic
    )
