"""A student's practice in their data export and erasure (``core.privacy``).

The student is a registry person (erased by ``organizations.privacy``); here the free texts they
and their mentor wrote about them are cleared, while placements, marks and dates stay for the
college's counts."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.db import transaction
from django.db.models import Q

from edcluster.core.privacy import Candidate, Erased, Lookup, Subject, name_q, register_personal_data
from edcluster.organizations.privacy import persons_of, posts
from edcluster.training.models import DiaryEntry, Evaluation, Feedback, Placement, Student

ERASED_TEXT = "Текст удалён вместе с персональными данными."


def _placements(subject: Subject, erased: Erased | None = None):
    return Placement.objects.filter(student__person__in=persons_of(subject, erased))


def _export(subject: Subject) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    placements = _placements(subject).select_related("period", "base__organization")
    for p in placements.prefetch_related("diary"):
        rows.append(
            {
                "практика": str(p.period),
                "база": p.base.organization.display_name,
                "дневник": [
                    {"дата": d.date.isoformat(), "что сделано": d.text, "комментарий наставника": d.mentor_comment}
                    for d in p.diary.all()
                ],
            }
        )
    rows += [
        {"студент группы": s.group.name, "колледж": s.group.college.display_name}
        for s in Student.objects.filter(person__in=persons_of(subject)).select_related("group__college")
    ]
    return rows


def _erase(subject: Subject, erased: Erased) -> int:
    """Diary texts, the mentor's comments and the uploaded materials (files removed from storage
    once the erasure commits), the characteristic and the student's own feedback comments."""
    placements = _placements(subject, erased)
    diary = DiaryEntry.objects.filter(placement__in=placements)
    for entry in diary.exclude(attachment="").only("attachment"):
        transaction.on_commit(partial(entry.attachment.storage.delete, entry.attachment.name))
    n = diary.update(text=ERASED_TEXT, mentor_comment="", attachment="")
    n += Evaluation.objects.filter(placement__in=placements).update(characteristic=ERASED_TEXT)
    n += (
        Feedback.objects.filter(placement__in=placements, kind=Feedback.Kind.STUDENT)
        .exclude(comment="")
        .update(comment="")
    )
    return n


def _find(lookup: Lookup) -> list[Candidate]:
    """Students by name: the registry person, with the college and the group."""
    if not lookup.last_name:
        return []
    students = Student.objects.filter(
        name_q(lookup, last="person__last_name", first="person__first_name", middle="person__middle_name")
    )
    if lookup.organization:
        org = lookup.organization
        students = students.filter(
            Q(group__college__short_name__icontains=org) | Q(group__college__full_name__icontains=org)
        )
    return [
        Candidate(
            email=s.person.email,
            name=s.person.full_name,
            organization=posts(s.person) or s.group.college.display_name,
            source=f"студент группы {s.group.name} ({s.group.college.display_name})",
            person_id=s.person_id,
        )
        for s in students.select_related("group__college", "person").prefetch_related(
            "person__positions__organization"
        )[:200]
    ]


def register() -> None:
    register_personal_data(
        "Практика студентов: дневник и характеристика", export=_export, erase=_erase, order=60, find=_find
    )
