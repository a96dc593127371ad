"""Council membership, attendance and speakers' name snapshots for export and erasure
(``core.privacy``). Attendance rows stay, so the protocol's counts hold."""

from __future__ import annotations

from typing import Any

from edcluster.core.privacy import ERASED_NAME, Erased, register_personal_data
from edcluster.meetings.models import Attendee, BodyMember, Speaker
from edcluster.organizations.privacy import persons_of


def _export(email: str) -> list[dict[str, Any]]:
    people = persons_of(email)
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


def _erase(email: str, erased: Erased) -> int:
    people = persons_of(email, erased)
    n = Speaker.objects.filter(person__in=people).update(name=ERASED_NAME, position="")
    n += Attendee.objects.filter(person__in=people).exclude(name="").update(name=ERASED_NAME)
    return n


def register() -> None:
    register_personal_data("Советы: членство, присутствие, выступления", export=_export, erase=_erase, order=45)
