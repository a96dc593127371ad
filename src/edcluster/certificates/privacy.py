"""Certificates in a person's data export and erasure (``core.privacy``).

Erasure blanks the personal snapshot and keeps the certificate: its number stays taken and the
public verification page still answers, saying «сертификат выдан, данные удалены»."""

from __future__ import annotations

from typing import Any

from edcluster.certificates.models import PERSONAL_FIELDS, Certificate
from edcluster.core.privacy import Erased, Subject, register_personal_data


def _export(subject: Subject) -> list[dict[str, Any]]:
    return [
        {
            "сертификат": c.number,
            "вид": c.kind.get_code_display(),
            "мероприятие": c.event.title,
            "дата выдачи": c.issued_on.isoformat(),
            "ФИО": c.full_name,
            "организация": c.organization_name,
            "тема доклада": c.talk_title,
            "аннулирован": c.revoked_at.isoformat() if c.revoked_at else None,
        }
        for c in Certificate.objects.filter(subject.email_q(), personal_erased=False).select_related("event", "kind")
    ]


def _erase(subject: Subject, erased: Erased) -> int:
    # Certificates are issued to registrations, which always carry an e-mail: a registry person
    # without one holds none (``email_q`` then matches nothing).
    blank: dict[str, Any] = dict.fromkeys(PERSONAL_FIELDS, "")
    return Certificate.objects.filter(subject.email_q()).update(**blank, personal_erased=True)


def register() -> None:
    register_personal_data("Сертификаты", export=_export, erase=_erase, order=35)
