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

An administrator who knows only a name (with the organisation) or a phone number finds the person
first (``person_find``): providers that keep names and phones register ``find(lookup)``, which
returns the matching records as ``Candidate``s; they are grouped by e-mail, shown to the
administrator, and the chosen one is exported or erased by its e-mail — so a namesake with
another e-mail is never touched.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core import signing
from django.db import transaction
from django.db.models import Q

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
class Lookup:
    """What the administrator knows of the person: a name (the organisation narrows namesakes)
    or a phone number (``phone`` holds its last 10 digits)."""

    last_name: str = ""
    first_name: str = ""
    middle_name: str = ""
    organization: str = ""
    phone: str = ""


@dataclass(frozen=True)
class Candidate:
    """One record that matched a lookup: whose it is and where it was found."""

    email: str
    name: str
    organization: str
    source: str


@dataclass
class Match:
    """The records of one e-mail that matched: one person, as far as the platform can tell."""

    email: str
    names: list[str] = field(default_factory=list)
    organizations: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Provider:
    label: str
    export: Callable[[str], list[dict[str, Any]]]
    erase: Callable[[str, Erased], int]
    order: int
    find: Callable[[Lookup], list[Candidate]] | None = None


_providers: dict[str, Provider] = {}


def register_personal_data(
    label: str,
    *,
    export: Callable[[str], list[dict[str, Any]]],
    erase: Callable[[str, Erased], int],
    order: int = 50,
    find: Callable[[Lookup], list[Candidate]] | None = None,
) -> None:
    """Register (or replace, by ``label``) where an app keeps personal data."""
    _providers[label] = Provider(label=label, export=export, erase=erase, order=order, find=find)


def providers() -> list[Provider]:
    return sorted(_providers.values(), key=lambda p: (p.order, p.label))


def normalise_email(email: str) -> str:
    email = (email or "").strip()
    if "@" not in email or len(email) > 254:
        raise ValidationError(errors={"email": ["Укажите e-mail полностью, например ivanova@example.ru."]})
    return email


def phone_digits(phone: str) -> str:
    """The last 10 digits of a Russian number («8 (900) 123-45-67» and «+7 900 1234567» agree)."""
    return re.sub(r"\D", "", phone or "")[-10:]


def _name_regex(value: str, *, word: bool = False) -> str:
    """An exact, case-insensitive pattern in which е and ё stand for each other (the database's
    own case folding of Cyrillic depends on its locale, so both cases are spelt out). ``word``:
    the name as a whole word anywhere in a free-text field («Мария Иванова»)."""
    parts = []
    for ch in value:
        if ch.lower() in "её":
            parts.append("[еёЕЁ]")
        elif ch.lower() != ch.upper():
            parts.append(f"[{re.escape(ch.lower())}{re.escape(ch.upper())}]")
        else:
            parts.append(re.escape(ch))
    if word:
        edge = "[^а-яёА-ЯЁa-zA-Z]"
        return f"(^|{edge})" + "".join(parts) + f"($|{edge})"
    return "^" + "".join(parts) + "$"


def name_words_q(lookup: Lookup, field_name: str) -> Q:
    """Each part of the name given appears as a word of a free-text name field."""
    q = Q()
    for value in (lookup.last_name, lookup.first_name, lookup.middle_name):
        if value.strip():
            q &= Q(**{f"{field_name}__regex": _name_regex(value.strip(), word=True)})
    return q


def name_q(lookup: Lookup, *, last: str = "last_name", first: str = "first_name", middle: str = "middle_name") -> Q:
    """Names equal up to case and ё/е; each part given must match."""
    q = Q()
    for value, field_name in ((lookup.last_name, last), (lookup.first_name, first), (lookup.middle_name, middle)):
        if value.strip():
            q &= Q(**{f"{field_name}__regex": _name_regex(value.strip())})
    return q


def phone_matches(stored: str, lookup: Lookup) -> bool:
    return bool(lookup.phone) and phone_digits(stored) == lookup.phone


def person_find(
    *, last_name: str = "", first_name: str = "", middle_name: str = "", organization: str = "", phone: str = ""
) -> list[Match]:
    """Everyone whose records match the name (and organisation) or the phone, one ``Match`` per
    e-mail. A surname or a phone number is required; nothing is changed."""
    digits = phone_digits(phone)
    if phone.strip() and len(digits) < 10:
        raise ValidationError(errors={"phone": ["Укажите телефон полностью: 10 цифр после +7 или 8."]})
    if not last_name.strip() and not digits:
        raise ValidationError(errors={"last_name": ["Укажите фамилию или телефон человека."]})
    lookup = Lookup(
        last_name=last_name.strip()[:100],
        first_name=first_name.strip()[:100],
        middle_name=middle_name.strip()[:100],
        organization=organization.strip()[:300],
        phone=digits,
    )
    matches: dict[str, Match] = {}
    for provider in providers():
        for c in provider.find(lookup) if provider.find else []:
            if not c.email or "@erased.invalid" in c.email:
                continue
            m = matches.setdefault(c.email.lower(), Match(email=c.email))
            for values, value in ((m.names, c.name), (m.organizations, c.organization), (m.sources, c.source)):
                if value and value not in values:
                    values.append(value)
    return sorted(matches.values(), key=lambda m: (m.names[:1], m.email.lower()))


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
