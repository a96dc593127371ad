"""REST API of practical training — the same services and access rules as the pages.

(No ``from __future__ import annotations``: django-ninja reads annotations at import.)
"""

import datetime as dt
from typing import Literal

from ninja import Router, Schema, Status
from ninja.pagination import PageNumberPagination, paginate
from pydantic import Field

from edcluster.api.schemas import ERROR_RESPONSES
from edcluster.core.access import require
from edcluster.core.errors import NotFound
from edcluster.organizations.access import access_organization, visible_organizations, visible_people
from edcluster.organizations.models import Person
from edcluster.partnerships.access import access_partnership
from edcluster.training import access, selectors, services
from edcluster.training.models import (
    SPECIALISATIONS,
    Employment,
    Feedback,
    PracticeBase,
    PracticePeriod,
    Student,
    StudentGroup,
)

router = Router(tags=["Практика студентов"])

PeriodKind = Literal[tuple(PracticePeriod.Kind.values)]  # type: ignore[valid-type]
Specialisation = Literal[tuple(code for code, _label in SPECIALISATIONS)]  # type: ignore[valid-type]
FeedbackKind = Literal[tuple(Feedback.Kind.values)]  # type: ignore[valid-type]


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


# --- bases: detail and mentors ---------------------------------------------------------------------


class MentorOut(Schema):
    id: int
    full_name: str


class BaseDetailOut(BaseOut):
    mentors: list[MentorOut]

    @staticmethod
    def resolve_mentors(obj):
        return obj.mentors.order_by("last_name", "first_name", "pk")


class MentorIn(Schema):
    person_id: int


@router.get("/training/bases/{int:base_id}", response={200: BaseDetailOut, **ERROR_RESPONSES})
def base_get(request, base_id: int):
    return access.access_base(request.user, base_id)


@router.post("/training/bases/{int:base_id}/mentors", response={201: BaseDetailOut, **ERROR_RESPONSES})
def mentor_post(request, base_id: int, payload: MentorIn):
    """Attach a mentor: a person with a current post at the base (checked by the service)."""
    base = access.access_base(request.user, base_id, edit=True)
    # Like the page's form: any person id; the service accepts only one with a current post at the base.
    person = Person.objects.filter(pk=payload.person_id).first()
    if person is None:
        raise NotFound("Человек не найден.")
    return Status(201, services.base_mentor_add(actor=request.user, base=base, person=person))


@router.delete("/training/bases/{int:base_id}/mentors/{int:person_id}", response={204: None, **ERROR_RESPONSES})
def mentor_delete(request, base_id: int, person_id: int):
    base = access.access_base(request.user, base_id, edit=True)
    person = base.mentors.filter(pk=person_id).first()
    if person is None:
        raise NotFound("Наставник не найден.")
    services.base_mentor_remove(actor=request.user, base=base, person=person)
    return Status(204, None)


# --- groups and students ---------------------------------------------------------------------------


class GroupOut(Schema):
    id: int
    college_id: int
    name: str
    specialisation: str
    year: int


class GroupIn(Schema):
    college_id: int
    name: str = Field(min_length=1, max_length=50)
    specialisation: Specialisation
    year: int = Field(ge=1990, le=2100)


class StudentOut(Schema):
    id: int
    group_id: int
    person_id: int
    full_name: str = Field(validation_alias="person.full_name")


class StudentIn(Schema):
    person_id: int | None = Field(None, description="человек из реестра; пусто — новый студент по ФИО")
    last_name: str = Field("", max_length=100)
    first_name: str = Field("", max_length=100)
    middle_name: str = Field("", max_length=100)


GROUP_ORDERING = {
    "name": ("name", "pk"),
    "-name": ("-name", "-pk"),
    "year": ("year", "name", "pk"),
    "-year": ("-year", "name", "pk"),
}
GroupOrdering = Literal[tuple(GROUP_ORDERING)]  # type: ignore[valid-type]


@router.get("/training/groups", response=list[GroupOut])
@paginate(PageNumberPagination, page_size=50)
def group_list(
    request,
    college_id: int | None = None,
    specialisation: Specialisation | None = None,
    year: int | None = None,
    ordering: GroupOrdering = "name",
):
    """Groups of the colleges the caller reads; filters combine with AND."""
    filters = {"college_id": college_id, "specialisation": specialisation, "year": year}
    qs = access.visible_groups(request.user).filter(**{k: v for k, v in filters.items() if v is not None})
    return qs.order_by(*GROUP_ORDERING[ordering])


@router.post("/training/groups", response={201: GroupOut, **ERROR_RESPONSES})
def group_post(request, payload: GroupIn):
    college = access_organization(request.user, payload.college_id)
    data = payload.dict(exclude={"college_id"})
    return Status(201, services.group_create(actor=request.user, college=college, data=data))


@router.get("/training/groups/{int:group_id}/students", response={200: list[StudentOut], **ERROR_RESPONSES})
@paginate(PageNumberPagination, page_size=100)
def student_list(request, group_id: int):
    group = access.access_group(request.user, group_id)
    return group.students.select_related("person").order_by("person__last_name", "person__first_name", "pk")


@router.post("/training/groups/{int:group_id}/students", response={201: StudentOut, **ERROR_RESPONSES})
def student_post(request, group_id: int, payload: StudentIn):
    """Enrol a registry person or a new one (ФИО) — the service behind the group page."""
    group = access.access_group(request.user, group_id, manage=True)
    person = None
    if payload.person_id is not None:
        person = visible_people(request.user).filter(pk=payload.person_id).first()
        if person is None:
            raise NotFound("Человек не найден.")
    data = payload.dict(exclude={"person_id"})
    return Status(201, services.student_enrol(actor=request.user, group=group, person=person, data=data))


# --- placements: cancel, final mark, feedback ------------------------------------------------------


class FinalMarkIn(Schema):
    mark: int = Field(ge=2, le=5)


class FeedbackIn(Schema):
    kind: FeedbackKind
    score: int = Field(ge=1, le=5)
    comment: str = Field("", max_length=2000)


class FeedbackOut(Schema):
    placement_id: int
    kind: str
    score: int
    comment: str


@router.delete("/training/placements/{int:placement_id}", response={204: None, **ERROR_RESPONSES})
def placement_delete(request, placement_id: int):
    """Cancel a placement (refused once the diary has started)."""
    p = access.access_placement(request.user, placement_id)
    require(access.can_cancel_placement(request.user, p))
    services.placement_cancel(actor=request.user, placement=p)
    return Status(204, None)


@router.put("/training/placements/{int:placement_id}/final-mark", response={200: PlacementOut, **ERROR_RESPONSES})
def final_mark_put(request, placement_id: int, payload: FinalMarkIn):
    p = access.access_placement(request.user, placement_id)
    require(access.can_final_mark(request.user, p))
    return services.final_mark_set(actor=request.user, placement=p, mark=payload.mark)


@router.post("/training/placements/{int:placement_id}/feedback", response={201: FeedbackOut, **ERROR_RESPONSES})
def feedback_post(request, placement_id: int, payload: FeedbackIn):
    """The satisfaction survey: ``base`` about the college's preparation, ``student`` about the base."""
    p = access.access_placement(request.user, placement_id)
    require(access.can_give_feedback(request.user, p, payload.kind))
    fb = services.feedback_give(
        actor=request.user, placement=p, kind=payload.kind, score=payload.score, comment=payload.comment
    )
    return Status(201, fb)


# --- employment and outcomes -----------------------------------------------------------------------


class EmploymentOut(Schema):
    student_id: int
    student: str = Field(validation_alias="student.person.full_name")
    organization_id: int | None
    year: int


class EmploymentIn(Schema):
    student_id: int
    organization_id: int | None = Field(None, description="пусто — работает вне организаций кластера")
    year: int = Field(ge=0, le=10_000)


def _managed_college(request, college_id: int):
    college = access_organization(request.user, college_id)
    require(access.can_manage_college(request.user, college))
    return college


@router.get("/training/colleges/{int:college_id}/employment", response={200: list[EmploymentOut], **ERROR_RESPONSES})
@paginate(PageNumberPagination, page_size=100)
def employment_list(request, college_id: int):
    college = _managed_college(request, college_id)
    return (
        Employment.objects.filter(student__group__college=college)
        .select_related("student__person")
        .order_by("-year", "student__person__last_name", "pk")
    )


@router.put("/training/colleges/{int:college_id}/employment", response={200: EmploymentOut, **ERROR_RESPONSES})
def employment_put(request, college_id: int, payload: EmploymentIn):
    """Record where a graduate works (the share employed in the cluster on the outcomes page)."""
    college = _managed_college(request, college_id)
    student = Student.objects.filter(pk=payload.student_id, group__college=college).select_related("person").first()
    if student is None:
        raise NotFound("Выпускник не найден.")
    org = None
    if payload.organization_id is not None:
        org = visible_organizations(request.user).filter(pk=payload.organization_id).first()
        if org is None:
            raise NotFound("Организация не найдена.")
    return services.employment_set(actor=request.user, student=student, organization=org, year=payload.year)


class OutcomeBaseOut(Schema):
    base_id: int
    name: str
    placements: int
    avg_final_mark: float | None


class OutcomesOut(Schema):
    placements: int
    bases: int
    avg_mentor_mark: float | None
    avg_final_mark: float | None
    graduates_employed: int
    employed_in_cluster: int
    employed_share: float | None = Field(description="доля выпускников, работающих в кластере, 0–1")
    per_base: list[OutcomeBaseOut]


@router.get("/training/outcomes", response={200: OutcomesOut, **ERROR_RESPONSES})
def outcomes_get(request):
    """The outcome figures over the placements the caller may see (the page «Итоги практики»)."""
    require(access.can_view_outcomes(request.user))
    return selectors.outcome_figures(access.visible_placements(request.user))
