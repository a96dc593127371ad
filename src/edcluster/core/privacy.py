"""Personal data of one person across every app (152-FZ): export and erasure.

A person (a data subject, ``Subject``) is identified by the e-mail address they gave —
registrations, parents' requests, consents and registry records all carry one — or, for a registry
person with no e-mail (a council member or a student entered by a coordinator), by the registry
record itself: the subject key ``person:<id>`` (``subject_for``). Each app that keeps personal
data registers a provider in its ``AppConfig.ready()``::

    from edcluster.core.privacy import register_personal_data
    register_personal_data("Регистрации на мероприятия", export=_export, erase=_erase, order=30)

- ``export(subject) -> list[dict[str, Any]]`` — the person's records, one readable dict each
  (Russian keys, plain JSON values);
- ``erase(subject, erased) -> int`` — anonymise them in place and return how many records changed.
  Rows are kept (so counts of participants, requests and attendance stay right); only what
  identifies the person is replaced by ``erased.name`` / ``erased.email`` / empty strings.

Providers run in ascending ``order``: core (0: accounts, consents, outbox) and the registry
(10: ``Person``) first; the registry replaces the e-mail of the person's ``Person`` records with
``erased.email``, so later providers find those records by either address
(``organizations.privacy.persons_of(subject, erased)``) to clear name snapshots they keep.
Providers that key on an e-mail filter with ``subject.email_q(field)``, which matches nothing
for a subject without one (never every blank e-mail).
``person_erase`` runs everything in one transaction and records one audit entry that holds
counts only, never the e-mail.

An administrator who knows only a name (with the organisation) or a phone number finds the person
first (``person_find``): providers that keep names and phones register ``find(lookup)``, which
returns the matching records as ``Candidate``s; they are grouped by e-mail (a registry person
without one by ``person:<id>``), shown to the administrator with the organisations, posts,
councils and student groups where each was found, and the chosen one is exported or erased by
its key — so a namesake is never touched.
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
class Subject:
    """Whose data: an e-mail, and/or registry ``Person`` ids (a person with no e-mail is known
    only by their registry record)."""

    email: str = ""
    person_ids: tuple[int, ...] = ()

    @property
    def key(self) -> str:
        return self.email if self.email else ",".join(f"person:{pk}" for pk in self.person_ids)

    def email_q(self, field_name: str = "email") -> Q:
        """Records whose ``field_name`` is this e-mail (case-insensitive); none without one."""
        if not self.email:
            return Q(pk__in=[])
        return Q(**{f"{field_name}__iexact": self.email})


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
    person_id: int | None = None  # the registry record, for a person with no e-mail


@dataclass
class Match:
    """The records of one e-mail (or of one registry person without an e-mail) that matched:
    one person, as far as the platform can tell. ``key`` is what export and erasure take."""

    email: str
    key: str = ""
    names: list[str] = field(default_factory=list)
    organizations: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Provider:
    label: str
    export: Callable[[Subject], list[dict[str, Any]]]
    erase: Callable[[Subject, Erased], int]
    order: int
    find: Callable[[Lookup], list[Candidate]] | None = None


_providers: dict[str, Provider] = {}


def register_personal_data(
    label: str,
    *,
    export: Callable[[Subject], list[dict[str, Any]]],
    erase: Callable[[Subject, Erased], int],
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


def phone_q(lookup: Lookup, field_name: str = "phone") -> Q:
    """Rows whose phone ends with the lookup's 10 digits, whatever the separators («8 (900)
    123-45-67», «+7 900 1234567»): the exact comparison is made by the database, so a cap on the
    rows found never cuts the person off."""
    return Q(**{f"{field_name}__regex": r"\D*".join(lookup.phone) + r"\D*$"})


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
            if "@erased.invalid" in c.email:
                continue
            if c.email:
                key = c.email.lower()
            elif c.person_id is not None:
                key = f"person:{c.person_id}"
            else:
                continue
            m = matches.setdefault(key, Match(email=c.email, key=c.email or key))
            for values, value in ((m.names, c.name), (m.organizations, c.organization), (m.sources, c.source)):
                if value and value not in values:
                    values.append(value)
    return sorted(matches.values(), key=lambda m: (m.names[:1], m.email.lower(), m.key))


_PERSON_KEY = re.compile(r"person:(\d{1,18})")


def subject_for(key: str) -> Subject:
    """The subject a key names: an e-mail, or ``person:<id>`` — a registry person (with their
    e-mail too, when the record has one). ``ValidationError`` in Russian for anything else."""
    key = (key or "").strip()
    if not key.startswith("person:") or "@" in key:
        return Subject(email=normalise_email(key))
    from edcluster.organizations.models import Person

    match = _PERSON_KEY.fullmatch(key)
    person = Person.objects.filter(pk=int(match.group(1))).first() if match else None
    if person is None:
        raise ValidationError("Человек не найден в реестре. Найдите его заново по ФИО или телефону.")
    if "@erased.invalid" in person.email:
        raise ValidationError("Данные этого человека уже обезличены.")
    return Subject(email=person.email, person_ids=(person.pk,))


def person_export(*, email: str) -> dict[str, Any]:
    """Everything the platform keeps about the person with this e-mail (or subject key), by
    section."""
    subject = subject_for(email)
    sections = []
    for provider in providers():
        records = provider.export(subject)
        if records:
            sections.append({"раздел": provider.label, "записи": records})
    return {"e-mail": subject.email, "разделы": sections}


def person_erase(*, email: str, actor: Any, note: str = "") -> dict[str, int]:
    """Anonymise the person with this e-mail (or subject key) everywhere in one transaction;
    counts per section are returned and audited (``core.privacy.erased``)."""
    subject = subject_for(email)
    erased = Erased(email=f"udaleno-{secrets.token_hex(6)}@erased.invalid")
    counts: dict[str, int] = {}
    with transaction.atomic():
        for provider in providers():
            n = provider.erase(subject, erased)
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
