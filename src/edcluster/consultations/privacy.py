"""Parents' requests, bookings and survey addresses for export and erasure (``core.privacy``).
Erased requests keep their centre, topic, form and dates, so the service statistics hold."""

from __future__ import annotations

from typing import Any

from edcluster.consultations.models import Appointment, Consultation, ParentRequest
from edcluster.core.privacy import (
    ERASED_NAME,
    Candidate,
    Erased,
    Lookup,
    Subject,
    name_words_q,
    phone_q,
    register_personal_data,
)


def _export(subject: Subject) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = [
        {
            "обращение в центр": str(r.centre),
            "дата": r.created_at.isoformat(),
            "как обращаться": r.name,
            "кто обращается": r.get_applicant_kind_display(),
            "возраст ребёнка": r.child_age,
            "тема": r.get_topic_display(),
            "вопрос": r.question,
            "e-mail": r.email,
            "телефон": r.phone,
            "состояние": r.get_status_display(),
        }
        for r in ParentRequest.objects.filter(subject.email_q()).select_related("centre")
    ]
    rows += [
        {"запись на приём": str(a.centre), "начало": a.starts_at.isoformat(), "состояние": a.get_status_display()}
        for a in Appointment.objects.filter(subject.email_q()).select_related("centre")
    ]
    rows += [
        {"консультация": str(c.centre), "дата": c.date.isoformat(), "тема": c.get_topic_display()}
        for c in Consultation.objects.filter(subject.email_q()).select_related("centre")
    ]
    return rows


def _erase(subject: Subject, erased: Erased) -> int:
    n = ParentRequest.objects.filter(subject.email_q()).update(
        name=ERASED_NAME, email=erased.email, phone="", question="", preferred_time=""
    )
    n += Appointment.objects.filter(subject.email_q()).update(email=erased.email)
    n += Consultation.objects.filter(subject.email_q()).update(email=erased.email)
    return n


def _find(lookup: Lookup) -> list[Candidate]:
    """Parents give one free-text name and no organisation: a lookup naming an organisation
    finds no parent by name."""
    if lookup.last_name:
        if lookup.organization:
            return []
        rows = ParentRequest.objects.filter(name_words_q(lookup, "name"))
    else:
        rows = ParentRequest.objects.filter(phone_q(lookup))
    return [
        Candidate(email=r.email, name=r.name, organization="", source="обращение в консультационный центр")
        for r in rows.select_related("centre")[:200]
    ]


def register() -> None:
    register_personal_data(
        "Консультационные центры: обращения родителей", export=_export, erase=_erase, order=40, find=_find
    )
