"""The registry's personal data (``Person``: name, e-mail, phone, posts) for export and erasure
(``core.privacy``). Other apps find a person's ``Person`` rows through ``persons_of``."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet

from edcluster.core.models import AuditEntry
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
from edcluster.core.search import build_search_text
from edcluster.organizations.models import Person


def persons_of(subject: Subject, erased: Erased | None = None) -> QuerySet[Person]:
    """The person's registry records: the subject's own (``person:<id>``), those with their
    e-mail, or — during an erasure, after the registry has run — with the placeholder that
    replaced it."""
    q = Q(pk__in=list(subject.person_ids)) | subject.email_q()
    if erased is not None:
        q |= Q(email=erased.email)
    return Person.objects.filter(q)


def _export(subject: Subject) -> list[dict[str, Any]]:
    return [
        {
            "фамилия": p.last_name,
            "имя": p.first_name,
            "отчество": p.middle_name,
            "e-mail": p.email,
            "телефон": p.phone,
            "должности": [
                {"организация": str(pos.organization), "должность": pos.title}
                for pos in p.positions.select_related("organization")
            ],
        }
        for p in persons_of(subject)
    ]


def _erase(subject: Subject, erased: Erased) -> int:
    people = list(persons_of(subject))
    for person in people:
        person.last_name, person.first_name, person.middle_name = ERASED_NAME, "", ""
        person.email, person.phone = erased.email, ""
        person.search_text = build_search_text(ERASED_NAME)
        person.save(update_fields=["last_name", "first_name", "middle_name", "email", "phone", "search_text"])
    if people:
        # The history of these records showed the name and the old values.
        AuditEntry.objects.filter(
            target_type=ContentType.objects.get_for_model(Person), target_id__in=[str(p.pk) for p in people]
        ).update(target_repr=ERASED_NAME, changes={})
    return len(people)


def _find(lookup: Lookup) -> list[Candidate]:
    if lookup.last_name:
        people = Person.objects.filter(name_q(lookup))
        if lookup.organization:
            org = lookup.organization
            people = people.filter(
                Q(positions__organization__short_name__icontains=org)
                | Q(positions__organization__full_name__icontains=org)
            ).distinct()
    else:
        people = Person.objects.filter(phone_q(lookup))
    found = []
    for p in people.prefetch_related("positions__organization")[:200]:
        found.append(Candidate(email=p.email, name=p.full_name, organization=posts(p), source="реестр", person_id=p.pk))
    return found


def posts(person: Person) -> str:
    """Where the person works, to tell namesakes apart: «Школа № 5 (учитель), …»; positions must
    be prefetched with their organisations."""
    return ", ".join(
        f"{pos.organization} ({pos.title})" if pos.title else str(pos.organization) for pos in person.positions.all()
    )


def register() -> None:
    register_personal_data("Реестр: сведения о человеке", export=_export, erase=_erase, order=10, find=_find)
