"""Council membership, attendance and speakers' name snapshots for export and erasure
(``core.privacy``). Attendance rows stay, so the protocol's counts hold."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from edcluster.core.privacy import ERASED_NAME, Candidate, Erased, Lookup, Subject, name_q, register_personal_data
from edcluster.meetings.models import Attendee, BodyMember, Speaker
from edcluster.organizations.privacy import persons_of, posts


def _export(subject: Subject) -> list[dict[str, Any]]:
    people = persons_of(subject)
    rows: list[dict[str, Any]] = [
        {"член органа": str(m.body), "роль": m.get_role_display()}
        for m in BodyMember.objects.filter(person__in=people).select_related("body")
    ]
    rows += [
        {"присутствовал на заседании": str(a.meeting.body), "дата": a.meeting.date.isoformat()}
        for a in Attendee.objects.filter(person__in=people).select_related("meeting__body")
    ]
    rows += [
        {"докладчик по вопросу": s.item.title, "ФИО": s.name, "должность": s.position}
        for s in Speaker.objects.filter(person__in=people).select_related("item")
    ]
    return rows


def _erase(subject: Subject, erased: Erased) -> int:
    people = persons_of(subject, erased)
    n = Speaker.objects.filter(person__in=people).update(name=ERASED_NAME, position="")
    n += Attendee.objects.filter(person__in=people).exclude(name="").update(name=ERASED_NAME)
    return n


def _find(lookup: Lookup) -> list[Candidate]:
    """Council members by name: the registry person, with the council and their posts."""
    if not lookup.last_name:
        return []
    members = BodyMember.objects.filter(
        name_q(lookup, last="person__last_name", first="person__first_name", middle="person__middle_name")
    )
    if lookup.organization:
        org = lookup.organization
        members = members.filter(
            Q(person__positions__organization__short_name__icontains=org)
            | Q(person__positions__organization__full_name__icontains=org)
            | Q(body__name__icontains=org)
        ).distinct()
    return [
        Candidate(
            email=m.person.email,
            name=m.person.full_name,
            organization=posts(m.person),
            source=f"член органа «{m.body}» ({m.get_role_display()})",
            person_id=m.person_id,
        )
        for m in members.select_related("body", "person").prefetch_related("person__positions__organization")[:200]
    ]


def register() -> None:
    register_personal_data(
        "Советы: членство, присутствие, выступления", export=_export, erase=_erase, order=45, find=_find
    )
