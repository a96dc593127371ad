"""Who may see and do what in practical training — the only place these questions are answered.

Three sides: the college (its editors and cluster coordinators manage periods and see all its
students; its readers see them), the base (sees only the students placed with it; its editors
and the mentor comment and evaluate), the student (sees only their own placement and diary).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from edcluster.core.errors import NotFound, PermissionDenied
from edcluster.organizations.access import can_edit_organization, roles_of
from edcluster.organizations.models import Organization
from edcluster.training.models import Placement, PracticeBase, PracticePeriod, Student, StudentGroup


def _reads_org(user: Any, org_id: int) -> bool:
    r = roles_of(user)
    return r.is_admin or r.viewer_global or org_id in r.readable_orgs


def _edits_org(user: Any, org_id: int) -> bool:
    r = roles_of(user)
    return r.is_admin or org_id in r.editable_orgs


def _uid(user: Any) -> int | None:
    return user.pk if getattr(user, "is_authenticated", False) and user.is_active else None


# --- the college -----------------------------------------------------------------------------------


def can_manage_college(user: Any, college: Organization | int) -> bool:
    """Create periods, set places, assign students, give the final mark."""
    return _edits_org(user, college if isinstance(college, int) else college.pk)


def can_view_college(user: Any, college_id: int) -> bool:
    return _reads_org(user, college_id)


def can_create_base(user: Any, college: Organization, organization: Organization) -> bool:
    return can_manage_college(user, college) or can_edit_organization(user, organization)


def can_edit_base(user: Any, base: PracticeBase) -> bool:
    return _edits_org(user, base.college_id) or _edits_org(user, base.organization_id)


def can_delete_base(user: Any, base: PracticeBase) -> bool:
    """Only the college ends a base; the base itself edits what it offers."""
    return _edits_org(user, base.college_id)


def can_view_base(user: Any, base: PracticeBase) -> bool:
    return _reads_org(user, base.college_id) or _reads_org(user, base.organization_id)


def can_list_base_students(user: Any, base: PracticeBase) -> bool:
    """The list of a base's students (XLSX/DOCX): the college and the base itself — not the
    students who may see the base to choose it."""
    return can_view_base(user, base)


def access_group(user: Any, pk: Any, *, manage: bool = False) -> StudentGroup:
    """A group is seen by its college's readers and changed by its editors."""
    group = StudentGroup.objects.select_related("college").filter(pk=pk).first() if str(pk).isdigit() else None
    if group is None or not can_view_college(user, group.college_id):
        raise NotFound()
    if manage and not can_manage_college(user, group.college_id):
        raise PermissionDenied()
    return group


def visible_groups(user: Any) -> QuerySet[StudentGroup]:
    """The groups of the colleges the user reads (the same rule as ``access_group``)."""
    r = roles_of(user)
    if r.is_admin or r.viewer_global:
        return StudentGroup.objects.all()
    return StudentGroup.objects.filter(college_id__in=r.readable_orgs)


# --- students --------------------------------------------------------------------------------------


def student_records(user: Any) -> QuerySet[Student]:
    uid = _uid(user)
    if uid is None:
        return Student.objects.none()
    return Student.objects.filter(person__user_id=uid)


def is_student_of(user: Any, placement: Placement) -> bool:
    uid = _uid(user)
    return uid is not None and placement.student.person.user_id == uid


def is_mentor_of(user: Any, placement: Placement) -> bool:
    uid = _uid(user)
    return uid is not None and placement.mentor is not None and placement.mentor.user_id == uid


# --- periods ---------------------------------------------------------------------------------------


def visible_periods(user: Any, qs: QuerySet[PracticePeriod] | None = None) -> QuerySet[PracticePeriod]:
    qs = qs if qs is not None else PracticePeriod.objects.all()
    r = roles_of(user)
    if r.is_admin or r.viewer_global:
        return qs
    uid = _uid(user)
    if uid is None:
        return qs.none()
    cond = (
        Q(college_id__in=r.readable_orgs)
        | Q(group__students__person__user_id=uid)
        | Q(offers__base__organization_id__in=r.readable_orgs)
        | Q(placements__mentor__user_id=uid)
    )
    return qs.filter(pk__in=qs.filter(cond).values("pk"))


def can_view_period(user: Any, period: PracticePeriod) -> bool:
    return visible_periods(user, PracticePeriod.objects.filter(pk=period.pk)).exists()


def can_choose(user: Any, period: PracticePeriod, student: Student) -> bool:
    """A student picks a base themselves when the period is open for choice."""
    uid = _uid(user)
    return (
        uid is not None and period.choice_open and student.group_id == period.group_id and student.person.user_id == uid
    )


def access_period(user: Any, pk: Any, *, manage: bool = False) -> PracticePeriod:
    period = (
        PracticePeriod.objects.select_related("college", "group", "supervisor").filter(pk=pk).first()
        if str(pk).isdigit()
        else None
    )
    if period is None or not can_view_period(user, period):
        raise NotFound()
    if manage and not can_manage_college(user, period.college_id):
        raise PermissionDenied()
    return period


# --- placements ------------------------------------------------------------------------------------


def visible_placements(user: Any, qs: QuerySet[Placement] | None = None) -> QuerySet[Placement]:
    """The college sees all its students; a base only those placed with it; a mentor their own;
    a student only themselves."""
    qs = qs if qs is not None else Placement.objects.all()
    r = roles_of(user)
    if r.is_admin or r.viewer_global:
        return qs
    uid = _uid(user)
    if uid is None:
        return qs.none()
    return qs.filter(
        Q(period__college_id__in=r.readable_orgs)
        | Q(base__organization_id__in=r.readable_orgs)
        | Q(student__person__user_id=uid)
        | Q(mentor__user_id=uid)
    )


def can_view_placement(user: Any, p: Placement) -> bool:
    return (
        _reads_org(user, p.period.college_id)
        or _reads_org(user, p.base.organization_id)
        or is_student_of(user, p)
        or is_mentor_of(user, p)
    )


def can_write_diary(user: Any, p: Placement) -> bool:
    return is_student_of(user, p) or roles_of(user).is_admin


def can_mentor(user: Any, p: Placement) -> bool:
    """Comment the diary, mark attendance, evaluate, answer the base's survey."""
    return is_mentor_of(user, p) or _edits_org(user, p.base.organization_id)


def can_final_mark(user: Any, p: Placement) -> bool:
    return can_manage_college(user, p.period.college_id)


def can_change_mentor(user: Any, p: Placement) -> bool:
    return can_manage_college(user, p.period.college_id) or _edits_org(user, p.base.organization_id)


def can_cancel_placement(user: Any, p: Placement) -> bool:
    return can_manage_college(user, p.period.college_id) or (is_student_of(user, p) and p.chosen_by_student)


def can_give_feedback(user: Any, p: Placement, kind: str) -> bool:
    if roles_of(user).is_admin:
        return True
    return is_student_of(user, p) if kind == "student" else can_mentor(user, p)


def access_placement(user: Any, pk: Any) -> Placement:
    p = (
        Placement.objects.select_related(
            "period__college", "period__group", "period__supervisor", "student__person", "base__organization", "mentor"
        )
        .filter(pk=pk)
        .first()
        if str(pk).isdigit()
        else None
    )
    if p is None or not can_view_placement(user, p):
        raise NotFound()
    return p


# --- bases -----------------------------------------------------------------------------------------


def visible_bases(user: Any, qs: QuerySet[PracticeBase] | None = None) -> QuerySet[PracticeBase]:
    qs = qs if qs is not None else PracticeBase.objects.all()
    r = roles_of(user)
    if r.is_admin or r.viewer_global:
        return qs
    uid = _uid(user)
    if uid is None:
        return qs.none()
    own_colleges = Student.objects.filter(person__user_id=uid).values("group__college_id")
    return qs.filter(
        Q(college_id__in=r.readable_orgs) | Q(organization_id__in=r.readable_orgs) | Q(college_id__in=own_colleges)
    )


def access_base(user: Any, pk: Any, *, edit: bool = False) -> PracticeBase:
    base = (
        PracticeBase.objects.select_related("organization", "college", "partnership").filter(pk=pk).first()
        if str(pk).isdigit()
        else None
    )
    if base is None or not visible_bases(user, PracticeBase.objects.filter(pk=base.pk)).exists():
        raise NotFound()
    if edit and not can_edit_base(user, base):
        raise PermissionDenied()
    return base


def can_view_outcomes(user: Any) -> bool:
    return _uid(user) is not None
