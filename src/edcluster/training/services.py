"""Every write of practical training. Pages, the API and the demo loader call these.

Capacity: a place is taken inside one transaction that first locks the base's places row of the
period (``BasePlaces``, ``select_for_update``) and only then counts the placements; a unique
constraint (period, student) backs "one place per student and period". On SQLite the
transaction is ``IMMEDIATE`` (see settings), so two students racing for the last place are
serialised there too: one gets it, the other reads the Russian message below.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from edcluster.core import ru
from edcluster.core.access import require
from edcluster.core.audit import audit_log
from edcluster.core.errors import Conflict, ValidationError
from edcluster.core.services import full_clean, model_create, model_update
from edcluster.organizations.models import Organization, OrganizationKind, Person, Position
from edcluster.organizations.services import person_create, position_add
from edcluster.partnerships.models import Partnership, PartnershipStatus
from edcluster.training import access
from edcluster.training.models import (
    CRITERIA,
    PRACTICE_DIRECTION,
    SPECIALISATIONS,
    BasePlaces,
    DiaryEntry,
    Employment,
    Evaluation,
    Feedback,
    Placement,
    PracticeBase,
    PracticePeriod,
    Student,
    StudentGroup,
)

PERIOD_FIELDS = ["group", "kind", "title", "starts_on", "ends_on", "tasks", "supervisor", "choice_open"]
MARKS = (2, 3, 4, 5)


def _text(value: Any) -> str:
    return " ".join(str(value or "").split())


def _works_at(person: Person, org_id: int) -> bool:
    return Position.objects.filter(person=person, organization_id=org_id, until__isnull=True).exists()


# --- bases -----------------------------------------------------------------------------------------


@transaction.atomic
def base_create(
    *,
    actor: Any,
    college: Organization,
    organization: Organization,
    partnership: Partnership,
    specialisations: list[str] | None = None,
    conditions: str = "",
    default_places: int = 5,
    mentor_load: int = 2,
) -> PracticeBase:
    """Make ``organization`` a practice base of ``college``: they must both be parties of a signed
    partnership with the direction «Практическая подготовка студентов»."""
    require(access.can_create_base(actor, college, organization))
    if college.kind != OrganizationKind.COLLEGE:
        raise ValidationError(errors={"college": [_("Студентов на практику направляет колледж или техникум.")]})
    parties = set(partnership.parties.values_list("organization_id", flat=True))
    if not {college.pk, organization.pk} <= parties:
        raise ValidationError(errors={"partnership": [_("Колледж и база должны быть сторонами этого договора.")]})
    if not partnership.directions.filter(name=PRACTICE_DIRECTION).exists():
        raise ValidationError(
            errors={"partnership": [_("У договора нет направления %(d)s.") % {"d": ru.quote(PRACTICE_DIRECTION)}]}
        )
    if partnership.status not in (PartnershipStatus.ACTIVE, PartnershipStatus.EXPIRING):
        raise ValidationError(errors={"partnership": [_("Договор не действует.")]})
    specs = _specialisations(specialisations)
    if PracticeBase.objects.filter(college=college, organization=organization).exists():
        raise Conflict(_("%(org)s уже база практики этого колледжа.") % {"org": organization.display_name})
    return model_create(
        PracticeBase,
        actor=actor,
        action="training.base.created",
        data={
            "college": college,
            "organization": organization,
            "partnership": partnership,
            "specialisations": specs,
            "conditions": conditions.strip(),
            "default_places": default_places,
            "mentor_load": mentor_load,
        },
        fields=[
            "college",
            "organization",
            "partnership",
            "specialisations",
            "conditions",
            "default_places",
            "mentor_load",
        ],
    )


def _specialisations(values: Any) -> list[str]:
    known = {code for code, _label in SPECIALISATIONS}
    specs = [s for s in (values or []) if s]
    if any(s not in known for s in specs):
        raise ValidationError(errors={"specialisations": [_("Неизвестная специальность.")]})
    return list(dict.fromkeys(specs))


BASE_FIELDS = ["specialisations", "conditions", "default_places", "mentor_load"]


@transaction.atomic
def base_update(*, actor: Any, base: PracticeBase, data: Mapping[str, Any]) -> PracticeBase:
    """Change what a base offers: specialisations, conditions, places per period by default and
    students per mentor. Places already offered in periods are changed with ``places_set``;
    mentors with ``base_mentor_add``/``base_mentor_remove``."""
    require(access.can_edit_base(actor, base))
    clean = dict(data)
    if "specialisations" in clean:
        clean["specialisations"] = _specialisations(clean["specialisations"])
    if "conditions" in clean:
        clean["conditions"] = str(clean["conditions"] or "").strip()
    for name, low in (("default_places", 0), ("mentor_load", 1)):
        if name in clean:
            value = clean[name]
            if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= 500:
                raise ValidationError(errors={name: [_("Укажите число от %(low)s до 500.") % {"low": low}]})
    base = PracticeBase.objects.select_for_update(of=("self",)).select_related("organization").get(pk=base.pk)
    base, _changes = model_update(base, actor=actor, action="training.base.updated", data=clean, fields=BASE_FIELDS)
    return base


@transaction.atomic
def base_delete(*, actor: Any, base: PracticeBase) -> None:
    """Remove a base of the college. Refused while students are placed there: their diaries,
    evaluations and the documents stay tied to the base. Places offered in periods go with it."""
    require(access.can_delete_base(actor, base))
    base = PracticeBase.objects.select_for_update(of=("self",)).select_related("organization").get(pk=base.pk)
    placed = Placement.objects.filter(base=base).count()
    if placed:
        raise Conflict(
            _(
                "Базу практики %(base)s нельзя удалить, пока на ней есть студенты (%(n)s). "
                "Сначала отмените распределения."
            )
            % {"base": ru.quote(base.organization.display_name), "n": ru.count_phrase(placed, "студент")}
        )
    audit_log(
        actor=actor,
        action="training.base.deleted",
        target=base.college,
        changes={"practice_base": [base.organization.display_name, ""]},
    )
    base.delete()


@transaction.atomic
def base_mentor_add(*, actor: Any, base: PracticeBase, person: Person) -> PracticeBase:
    """A mentor is a person with a current post at the base."""
    require(access.can_edit_base(actor, base))
    if not _works_at(person, base.organization_id):
        raise ValidationError(
            errors={
                "person": [
                    _("Наставник должен работать в организации %(org)s.")
                    % {"org": ru.quote(base.organization.display_name)}
                ]
            }
        )
    if not base.mentors.filter(pk=person.pk).exists():
        base.mentors.add(person)
        audit_log(
            actor=actor, action="training.base.mentor_added", target=base, changes={"mentors": ["", person.short_name]}
        )
    return base


@transaction.atomic
def base_mentor_remove(*, actor: Any, base: PracticeBase, person: Person) -> PracticeBase:
    """Detach a mentor from the base; their past placements keep them as mentor."""
    require(access.can_edit_base(actor, base))
    if base.mentors.filter(pk=person.pk).exists():
        base.mentors.remove(person)
        audit_log(
            actor=actor,
            action="training.base.mentor_removed",
            target=base,
            changes={"mentors": [person.short_name, ""]},
        )
    return base


# --- groups and students ---------------------------------------------------------------------------


@transaction.atomic
def group_create(*, actor: Any, college: Organization, data: Mapping[str, Any]) -> StudentGroup:
    require(access.can_manage_college(actor, college))
    if StudentGroup.objects.filter(college=college, name=_text(data.get("name"))).exists():
        raise Conflict(_("Группа с таким названием уже есть."))
    return model_create(
        StudentGroup,
        actor=actor,
        action="training.group.created",
        data={**data, "name": _text(data.get("name"))},
        fields=["name", "specialisation", "year"],
        extra={"college": college},
    )


@transaction.atomic
def student_add(*, actor: Any, group: StudentGroup, person: Person) -> Student:
    """Enrol a person (with the post «студент» in the college) into a group."""
    require(access.can_manage_college(actor, group.college_id))
    existing = Student.objects.filter(group=group, person=person).first()
    if existing:
        return existing
    if not _works_at(person, group.college_id):
        position_add(actor=actor, person=person, organization=group.college, title="студент", category="student")
    student = Student.objects.create(group=group, person=person)
    audit_log(actor=actor, action="training.student.added", target=student, changes={"group": ["", group.name]})
    return student


def _started(placement: Placement) -> str | None:
    """What makes a placement a practice under way or done, the college's record that is neither
    cancelled nor withdrawn with the student: the diary, the mentor's evaluation, the final mark or
    a survey. The reason (a phrase for «…нельзя: <reason>.»), ``None`` when nothing is recorded."""
    if placement.final_mark is not None:
        return _("уже поставлена итоговая оценка")
    if placement.diary.exists():
        return _("уже ведётся дневник практики")
    if Evaluation.objects.filter(placement=placement).exists():
        return _("наставник уже оценил студента")
    if placement.feedback.exists():
        return _("уже заполнена анкета")
    return None


@transaction.atomic
def student_remove(*, actor: Any, student: Student) -> None:
    """Take a student out of a group. Placements with nothing recorded yet (no diary, evaluation,
    final mark or survey) are withdrawn with them; a practice already under way or done is the
    college's record and blocks the removal, as does a recorded employment. The person stays in
    the registry."""
    require(access.can_manage_college(actor, student.group.college_id))
    student = Student.objects.select_for_update(of=("self",)).select_related("person", "group").get(pk=student.pk)
    placements = list(student.placements.select_related("period"))
    for p in placements:
        if _started(p):
            raise Conflict(
                _(
                    "%(name)s нельзя исключить из группы: по практике %(p)s уже ведётся дневник или стоят оценки — "
                    "эта запись колледжа сохраняется."
                )
                % {"name": student.person.short_name, "p": ru.quote(str(p.period))}
            )
    if Employment.objects.filter(student=student).exists():
        raise Conflict(
            _("%(name)s нельзя исключить из группы: записано трудоустройство выпускника.")
            % {"name": student.person.short_name}
        )
    for p in placements:
        audit_log(actor=actor, action="training.placement.cancelled", target=p)
    audit_log(
        actor=actor,
        action="training.student.removed",
        target=student.group,
        changes={"students": [student.person.short_name, ""]},
    )
    student.delete()


@transaction.atomic
def student_enrol(
    *, actor: Any, group: StudentGroup, person: Person | None = None, data: Mapping[str, Any] | None = None
) -> Student:
    """Enrol an existing registry person, or a new one (ФИО in ``data``) created through the
    registry with the post «студент» in the college — one transaction: nothing stays half-made."""
    require(access.can_manage_college(actor, group.college_id))
    data = data or {}
    if person is None:
        if not _text(data.get("last_name")) or not _text(data.get("first_name")):
            raise ValidationError(
                errors={"person": [_("Выберите человека из реестра или введите фамилию и имя нового студента.")]}
            )
        person = person_create(
            actor=actor,
            data={k: _text(data.get(k)) for k in ("last_name", "first_name", "middle_name")},
            organization=group.college,
            position_title="студент",
        )
    return student_add(actor=actor, group=group, person=person)


@transaction.atomic
def student_account_link(*, actor: Any, student: Student, user: Any) -> Student:
    """Give a student their own sign-in: the person's account is what "my placement and diary"
    is checked against. A person already linked to another account is refused."""
    require(access.can_manage_college(actor, student.group.college_id))
    person = Person.objects.select_for_update().get(pk=student.person_id)
    if person.user_id == user.pk:
        return student
    if person.user_id is not None or Person.objects.filter(user=user).exists():
        raise Conflict(_("У студента или у этой учётной записи уже есть привязка."))
    person.user = user
    person.save(update_fields=["user", "updated_at"])
    audit_log(
        actor=actor,
        action="training.student.account_linked",
        target=student,
        changes={"user": ["", user.get_username()]},
    )
    student.person = person
    return student


# --- periods and places ----------------------------------------------------------------------------


def _period_rules(period: PracticePeriod) -> None:
    if period.group.college_id != period.college_id:
        raise ValidationError(errors={"group": [_("Группа другого колледжа.")]})
    if period.supervisor and not _works_at(period.supervisor, period.college_id):
        raise ValidationError(errors={"supervisor": [_("Руководитель практики должен работать в колледже.")]})


@transaction.atomic
def period_create(*, actor: Any, college: Organization, data: Mapping[str, Any]) -> PracticePeriod:
    require(access.can_manage_college(actor, college))
    return model_create(
        PracticePeriod,
        actor=actor,
        action="training.period.created",
        data={k: (v.strip() if isinstance(v, str) else v) for k, v in data.items()},
        fields=PERIOD_FIELDS,
        checks=_period_rules,
        extra={"college": college},
    )


@transaction.atomic
def places_set(*, actor: Any, period: PracticePeriod, base: PracticeBase, places: int) -> BasePlaces:
    """Offer ``places`` at ``base`` for ``period`` (never fewer than already taken)."""
    require(access.can_manage_college(actor, period.college_id))
    if base.college_id != period.college_id:
        raise ValidationError(errors={"base": [_("Это база практики другого колледжа.")]})
    if places is None or places < 0:
        raise ValidationError(errors={"places": [_("Укажите число мест.")]})
    offer = BasePlaces.objects.select_for_update().filter(period=period, base=base).first()
    taken = Placement.objects.filter(period=period, base=base).count()
    if places < taken:
        raise ValidationError(
            errors={
                "places": [
                    _("Уже распределено %(n)s — мест не может быть меньше.") % {"n": ru.count_phrase(taken, "студент")}
                ]
            }
        )
    if offer is None:
        offer = BasePlaces.objects.create(period=period, base=base, places=places)
        audit_log(actor=actor, action="training.places.set", target=period, changes={str(base): ["", places]})
    elif offer.places != places:
        audit_log(actor=actor, action="training.places.set", target=period, changes={str(base): [offer.places, places]})
        offer.places = places
        offer.save(update_fields=["places", "updated_at"])
    return offer


# --- placement -------------------------------------------------------------------------------------


def _mentor_load(*, period: PracticePeriod, mentors: Iterable[Person], exclude: int | None = None) -> dict[int, int]:
    """Students each mentor leads in the period's dates, in any period (one query; a mentor with
    none is absent). ``exclude``: a placement that does not count. Callers lock the base first."""
    same_dates = Placement.objects.filter(
        mentor__in=mentors, period__starts_on__lte=period.ends_on, period__ends_on__gte=period.starts_on
    )
    if exclude is not None:
        same_dates = same_dates.exclude(pk=exclude)
    rows = same_dates.order_by().values("mentor").annotate(n=Count("pk")).values_list("mentor", "n")
    return dict(rows)


def _mentor_check(*, base: PracticeBase, period: PracticePeriod, mentor: Person, exclude: int | None = None) -> None:
    """The mentor belongs to the base and has room in the period's dates (``exclude``: the
    placement being changed does not count against them)."""
    if not base.mentors.filter(pk=mentor.pk).exists():
        raise ValidationError(errors={"mentor": [_("Этот человек не наставник базы.")]})
    # a mentor's load spans periods: the base row serialises it across them
    PracticeBase.objects.select_for_update().filter(pk=base.pk).first()
    load = _mentor_load(period=period, mentors=[mentor], exclude=exclude).get(mentor.pk, 0)
    if load >= base.mentor_load:
        raise Conflict(
            _("Наставник перегружен: %(name)s уже ведёт %(n)s в эти даты.")
            % {"name": mentor.short_name, "n": ru.count_phrase(load, "студент", "accs")}
        )


def _place(
    *, actor: Any, period: PracticePeriod, student: Student, base: PracticeBase, mentor: Person | None, by_student: bool
) -> Placement:
    if student.group_id != period.group_id:
        raise ValidationError(errors={"student": [_("Студент не из группы этого периода практики.")]})
    # The lock: concurrent choices of the same base in the same period wait here, one by one.
    offer = BasePlaces.objects.select_for_update().filter(period=period, base=base).first()
    if offer is None:
        raise ValidationError(
            errors={
                "base": [_("%(base)s не принимает студентов в этот период.") % {"base": base.organization.display_name}]
            }
        )
    if Placement.objects.filter(period=period, student=student).exists():
        raise Conflict(_("Студент уже распределён на эту практику."))
    overlap = (
        Placement.objects.filter(
            student__person_id=student.person_id,
            period__starts_on__lte=period.ends_on,
            period__ends_on__gte=period.starts_on,
        )
        .exclude(period=period)
        .select_related("period")
        .first()
    )
    if overlap is not None:
        raise Conflict(
            _("Даты пересекаются: в это время студент уже на практике %(p)s (%(d)s).")
            % {
                "p": ru.quote(str(overlap.period)),
                "d": ru.format_date_range(overlap.period.starts_on, overlap.period.ends_on),
            }
        )
    taken = Placement.objects.filter(period=period, base=base).count()
    if taken >= offer.places:
        name = base.organization.display_name
        if by_student:
            raise Conflict(
                _(
                    "Мест больше нет: последнее место в базе практики %(base)s уже занял другой студент. "
                    "Выберите другую базу."
                )
                % {"base": ru.quote(name)}
            )
        raise Conflict(
            _("База заполнена: в базе практики %(base)s все места заняты (%(n)s).")
            % {"base": ru.quote(name), "n": ru.count_phrase(offer.places, "место")}
        )
    if mentor is not None:
        _mentor_check(base=base, period=period, mentor=mentor)
    try:
        with transaction.atomic():
            placement = Placement.objects.create(
                period=period, student=student, base=base, mentor=mentor, chosen_by_student=by_student
            )
    except IntegrityError as exc:
        raise Conflict(_("Студент уже распределён на эту практику.")) from exc
    audit_log(
        actor=actor,
        action="training.placement.created",
        target=placement,
        changes={"base": ["", base.organization.display_name], "mentor": ["", mentor.short_name if mentor else ""]},
    )
    return placement


@transaction.atomic
def placement_create(
    *, actor: Any, period: PracticePeriod, student: Student, base: PracticeBase, mentor: Person | None = None
) -> Placement:
    """The college coordinator assigns a student to a base (and a mentor)."""
    require(access.can_manage_college(actor, period.college_id))
    return _place(actor=actor, period=period, student=student, base=base, mentor=mentor, by_student=False)


@transaction.atomic
def placement_choose(*, actor: Any, period: PracticePeriod, base: PracticeBase) -> Placement:
    """The signed-in student takes a place at ``base``; a free mentor is attached when there is one."""
    student = access.student_records(actor).filter(group_id=period.group_id).select_related("person").first()
    require(student is not None and access.can_choose(actor, period, student), _("Выбор базы сейчас недоступен."))
    assert student is not None
    placement = _place(actor=actor, period=period, student=student, base=base, mentor=None, by_student=True)
    # the same lock and count as ``_mentor_check``: a mentor's load spans periods
    PracticeBase.objects.select_for_update().filter(pk=base.pk).first()
    mentors = list(base.mentors.all())
    loads = _mentor_load(period=period, mentors=mentors)
    mentor = next((m for m in mentors if loads.get(m.pk, 0) < base.mentor_load), None)
    if mentor is not None:
        placement.mentor = mentor
        placement.save(update_fields=["mentor", "updated_at"])
        audit_log(
            actor=actor,
            action="training.placement.mentor_changed",
            target=placement,
            changes={"mentor": ["", mentor.short_name]},
        )
    return placement


@transaction.atomic
def placement_cancel(*, actor: Any, placement: Placement) -> None:
    require(access.can_cancel_placement(actor, placement))
    reason = _started(placement)
    if reason:
        raise Conflict(_("Отменить распределение нельзя: %(reason)s.") % {"reason": reason})
    audit_log(actor=actor, action="training.placement.cancelled", target=placement)
    placement.delete()


@transaction.atomic
def placement_mentor_set(*, actor: Any, placement: Placement, mentor: Person | None) -> Placement:
    """Change (or take off) the mentor of a placement: the college or the base decides; the new
    mentor must be one of the base's mentors with room in the practice's dates."""
    require(access.can_change_mentor(actor, placement))
    placement = (
        Placement.objects.select_for_update(of=("self",))
        .select_related("base__organization", "period", "mentor")
        .get(pk=placement.pk)
    )
    if (mentor.pk if mentor else None) == placement.mentor_id:
        return placement
    if mentor is not None:
        _mentor_check(base=placement.base, period=placement.period, mentor=mentor, exclude=placement.pk)
    old = placement.mentor.short_name if placement.mentor else ""
    placement.mentor = mentor
    placement.save(update_fields=["mentor", "updated_at"])
    audit_log(
        actor=actor,
        action="training.placement.mentor_changed",
        target=placement,
        changes={"mentor": [old, mentor.short_name if mentor else ""]},
    )
    return placement


# --- during practice -------------------------------------------------------------------------------


@transaction.atomic
def diary_add(*, actor: Any, placement: Placement, data: Mapping[str, Any]) -> DiaryEntry:
    """The student's entry of one day (with an optional attached material)."""
    require(access.can_write_diary(actor, placement))
    day: date | None = data.get("date")
    period = placement.period
    if day is None or not (period.starts_on <= day <= period.ends_on):
        raise ValidationError(
            errors={
                "date": [
                    _("Дата должна быть в пределах практики: %(d)s")
                    % {"d": ru.format_date_range(period.starts_on, period.ends_on)}
                ]
            }
        )
    if placement.diary.filter(date=day).exists():
        raise Conflict(_("Запись за %(d)s уже есть.") % {"d": ru.format_date(day)})
    upload = data.get("attachment")
    if upload:
        # checked by content like the practices' materials: no HTML, SVG or programs
        from edcluster.practices.uploads import check_upload

        try:
            check_upload(upload.name, upload.read())
        except ValidationError as exc:
            raise ValidationError(errors={"attachment": exc.errors.get("file", [exc.message])}) from exc
        upload.seek(0)
    entry = DiaryEntry(
        placement=placement,
        date=day,
        text=(data.get("text") or "").strip(),
        present=bool(data.get("present", True)),
        attachment=upload or "",
    )
    if not entry.text:
        raise ValidationError(errors={"text": [_("Опишите, что было сделано за день.")]})
    full_clean(entry)
    entry.save()
    audit_log(
        actor=actor, action="training.diary.added", target=placement, changes={"diary": ["", ru.format_date(day)]}
    )
    return entry


@transaction.atomic
def diary_comment(*, actor: Any, entry: DiaryEntry, comment: str, present: bool | None = None) -> DiaryEntry:
    """The mentor's comment on a day; the mentor also confirms attendance."""
    require(access.can_mentor(actor, entry.placement))
    changes: dict[str, list[Any]] = {}
    comment = comment.strip()
    if comment != entry.mentor_comment:
        changes["mentor_comment"] = [entry.mentor_comment, comment]
        entry.mentor_comment = comment
    if present is not None and present != entry.present:
        changes["present"] = [entry.present, present]
        entry.present = present
    if changes:
        entry.save()
        audit_log(actor=actor, action="training.diary.commented", target=entry.placement, changes=changes)
    return entry


@transaction.atomic
def evaluation_save(*, actor: Any, placement: Placement, marks: Mapping[str, Any], characteristic: str) -> Evaluation:
    """The mentor's evaluation: a mark 2–5 for every criterion, the overall mark is their rounded
    mean; the characteristic text goes into the DOCX."""
    require(access.can_mentor(actor, placement))
    errors: dict[str, list[str]] = {}
    clean: dict[str, int] = {}
    for code, _label in CRITERIA:
        try:
            value = int(marks.get(code))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            value = 0
        if value not in MARKS:
            errors[code] = [_("Поставьте оценку от 2 до 5.")]
        clean[code] = value
    characteristic = characteristic.strip()
    if not characteristic:
        errors["characteristic"] = [_("Напишите характеристику студента.")]
    if errors:
        raise ValidationError(errors=errors)
    mark = int(sum(clean.values()) / len(clean) + 0.5)
    mentor = placement.mentor if access.is_mentor_of(actor, placement) else None
    old = Evaluation.objects.filter(placement=placement).values_list("mark", flat=True).first()
    evaluation, _created = Evaluation.objects.update_or_create(
        placement=placement,
        defaults={
            "marks": clean,
            "mark": mark,
            "characteristic": characteristic,
            "evaluated_by": mentor or placement.mentor,
        },
    )
    audit_log(
        actor=actor,
        action="training.evaluation.saved",
        target=placement,
        changes={"mark": ["" if old is None else old, mark]},
    )
    return evaluation


@transaction.atomic
def final_mark_set(*, actor: Any, placement: Placement, mark: int) -> Placement:
    require(access.can_final_mark(actor, placement))
    if mark not in MARKS:
        raise ValidationError(errors={"mark": [_("Итоговая оценка — от 2 до 5.")]})
    old = placement.final_mark
    placement.final_mark = mark
    placement.save(update_fields=["final_mark", "updated_at"])
    audit_log(
        actor=actor, action="training.placement.final_mark", target=placement, changes={"final_mark": [old, mark]}
    )
    return placement


@transaction.atomic
def feedback_give(*, actor: Any, placement: Placement, kind: str, score: int, comment: str = "") -> Feedback:
    """Satisfaction survey: the base about the college's preparation, the student about the base."""
    if kind not in Feedback.Kind.values:
        raise ValidationError(errors={"kind": [_("Неизвестная анкета.")]})
    require(access.can_give_feedback(actor, placement, kind))
    if score not in (1, 2, 3, 4, 5):
        raise ValidationError(errors={"score": [_("Оцените от 1 до 5.")]})
    fb, _created = Feedback.objects.update_or_create(
        placement=placement, kind=kind, defaults={"score": score, "comment": comment.strip()}
    )
    audit_log(actor=actor, action="training.feedback.given", target=placement, changes={kind: ["", score]})
    return fb


@transaction.atomic
def employment_set(*, actor: Any, student: Student, organization: Organization | None, year: int) -> Employment:
    """Where a graduate works (``None``: outside the cluster's organisations)."""
    require(access.can_manage_college(actor, student.group.college_id))
    if not 1990 <= int(year) <= date.today().year + 1:
        raise ValidationError(errors={"year": [_("Укажите год трудоустройства от 1990 до следующего года.")]})
    emp, _created = Employment.objects.update_or_create(
        student=student, defaults={"organization": organization, "year": year}
    )
    audit_log(
        actor=actor,
        action="training.employment.set",
        target=student,
        changes={"employment": ["", organization.display_name if organization else _("вне кластера")]},
    )
    return emp
