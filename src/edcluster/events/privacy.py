"""Registrations and speakers' name snapshots for export and erasure (``core.privacy``).
Anonymised registrations stay in place, so participant counts and check-in figures hold."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from edcluster.core.privacy import (
    ERASED_NAME,
    Candidate,
    Erased,
    Lookup,
    Subject,
    name_q,
    phone_q,
    register_personal_data,
)
from edcluster.events.models import Registration, Speaker
from edcluster.organizations.privacy import persons_of


def _export(subject: Subject) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = [
        {
            "мероприятие": r.event.title,
            "дата": r.event.starts_on.isoformat(),
            "фамилия": r.last_name,
            "имя": r.first_name,
            "отчество": r.middle_name,
            "организация": r.organization_name,
            "должность": r.position,
            "e-mail": r.email,
            "телефон": r.phone,
            "статус": r.get_status_display(),
            "отмечен на входе": r.checked_in_at.isoformat() if r.checked_in_at else None,
        }
        for r in Registration.objects.filter(subject.email_q()).select_related("event")
    ]
    rows += [
        {"выступление": s.item.title, "мероприятие": s.item.day.event.title, "ФИО": s.name}
        for s in Speaker.objects.filter(person__in=persons_of(subject)).select_related("item__day__event")
    ]
    return rows


def _erase(subject: Subject, erased: Erased) -> int:
    n = Registration.objects.filter(subject.email_q()).update(
        last_name=ERASED_NAME, first_name="", middle_name="", email=erased.email, phone="", position=""
    )
    n += Speaker.objects.filter(person__in=persons_of(subject, erased)).update(name=ERASED_NAME, position="")
    return n


def _find(lookup: Lookup) -> list[Candidate]:
    if lookup.last_name:
        rows = Registration.objects.filter(name_q(lookup))
        if lookup.organization:
            org = lookup.organization
            rows = rows.filter(
                Q(organization_name__icontains=org)
                | Q(organization__short_name__icontains=org)
                | Q(organization__full_name__icontains=org)
            )
    else:
        rows = Registration.objects.filter(phone_q(lookup))
    return [
        Candidate(
            email=r.email,
            name=" ".join(x for x in (r.last_name, r.first_name, r.middle_name) if x),
            organization=r.organization_name,
            source="регистрация на мероприятие",
        )
        for r in rows[:200]
    ]


def register() -> None:
    register_personal_data("Мероприятия: регистрации и выступления", export=_export, erase=_erase, order=30, find=_find)
