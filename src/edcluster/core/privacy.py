"""Personal data of one person across every app (152-FZ): export and erasure.

A person (a data subject) is identified by the e-mail address they gave: registrations,
parents' requests, consents and registry records all carry one. Each app that keeps personal
data registers a provider in its ``AppConfig.ready()``::

    from edcluster.core.privacy import register_personal_data
    register_personal_data("Регистрации на мероприятия", export=_export, erase=_erase, order=30)

- ``export(email) -> list[dict[str, Any]]`` — the person's records, one readable dict each
  (Russian keys, plain JSON values);
- ``erase(email, erased) -> int`` — anonymise them in place and return how many records changed.
  Rows are kept (so counts of participants, requests and attendance stay right); only what
  identifies the person is replaced by ``erased.name`` / ``erased.email`` / empty strings.

Providers run in ascending ``order``: core (0: accounts, consents, outbox) and the registry
(10: ``Person``) first; the registry replaces the e-mail of the person's ``Person`` records with
``erased.email``, so later providers find those records by either address
(``organizations.privacy.persons_of(email, erased)``) to clear name snapshots they keep.
``person_erase`` runs everything in one transaction and records one audit entry that holds
counts only, never the e-mail.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core import signing
from django.db import transaction

from edcluster.core.audit import audit_log
from edcluster.core.errors import ValidationError

ERASED_NAME = "Данные удалены"


@dataclass(frozen=True)
class Erased:
    """What replaces the person's data: one placeholder e-mail per erasure, so that distinct
    people stay distinct in counts while nobody can be told apart by it."""

    email: str
    name: str = ERASED_NAME


@dataclass(frozen=True)
class Provider:
    label: str
    export: Callable[[str], list[dict[str, Any]]]
    erase: Callable[[str, Erased], int]
    order: int


_providers: dict[str, Provider] = {}


def register_personal_data(
    label: str,
    *,
    export: Callable[[str], list[dict[str, Any]]],
    erase: Callable[[str, Erased], int],
    order: int = 50,
) -> None:
    """Register (or replace, by ``label``) where an app keeps personal data."""
    _providers[label] = Provider(label=label, export=export, erase=erase, order=order)


def providers() -> list[Provider]:
    return sorted(_providers.values(), key=lambda p: (p.order, p.label))


def normalise_email(email: str) -> str:
    email = (email or "").strip()
    if "@" not in email or len(email) > 254:
        raise ValidationError(errors={"email": ["Укажите e-mail полностью, например ivanova@example.ru."]})
    return email


def person_export(*, email: str) -> dict[str, Any]:
    """Everything the platform keeps about the person with this e-mail, by section."""
    email = normalise_email(email)
    sections = []
    for provider in providers():
        records = provider.export(email)
        if records:
            sections.append({"раздел": provider.label, "записи": records})
    return {"e-mail": email, "разделы": sections}


def person_erase(*, email: str, actor: Any, note: str = "") -> dict[str, int]:
    """Anonymise the person everywhere in one transaction; counts per section are returned and
    audited (``core.privacy.erased``)."""
    email = normalise_email(email)
    erased = Erased(email=f"udaleno-{secrets.token_hex(6)}@erased.invalid")
    counts: dict[str, int] = {}
    with transaction.atomic():
        for provider in providers():
            n = provider.erase(email, erased)
            if n:
                counts[provider.label] = n
        audit_log(
            actor=actor,
            action="core.privacy.erased",
            changes={label: [n, 0] for label, n in counts.items()},
            note=note or "Персональные данные обезличены",
        )
    return counts


# --- the person's own link -------------------------------------------------------------------

_SALT = "edcluster.privacy.subject"
LINK_MAX_AGE = 7 * 24 * 3600


def subject_token(email: str) -> str:
    return signing.dumps(normalise_email(email).lower(), salt=_SALT, compress=True)


def subject_email(token: str) -> str:
    """The e-mail a link was made for; ``ValidationError`` when forged or older than 7 days."""
    try:
        return str(signing.loads(token, salt=_SALT, max_age=LINK_MAX_AGE))
    except signing.BadSignature as exc:
        raise ValidationError("Ссылка недействительна или устарела. Запросите новую.") from exc


def email_iexact(field: str, email: str) -> dict[str, str]:
    """A filter kwarg matching ``email`` case-insensitively."""
    return {f"{field}__iexact": email}


def privacy_link_send(*, email: str) -> None:
    """Mail the person a signed link to their data. Sent whether or not anything is stored, so
    the answer never tells a stranger who is registered."""
    from django.conf import settings
    from django.urls import reverse

    from edcluster.core.mail import mail_queue

    email = normalise_email(email)
    url = settings.SITE_URL + reverse("core:privacy_subject", args=[subject_token(email)])
    mail_queue(
        to=[email],
        subject="Ваши персональные данные на платформе edcluster",
        body=(
            "Здравствуйте!\n\nПо ссылке ниже можно посмотреть и скачать все сведения о вас, которые хранит "
            "платформа, отозвать согласия и попросить удалить данные. Ссылка действует 7 дней.\n\n"
            f"{url}\n\nЕсли вы не запрашивали эту ссылку, просто не отвечайте на письмо.\n"
        ),
        topic="privacy",
    )
