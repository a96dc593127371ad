"""The registry's personal data (``Person``: name, e-mail, phone, posts) for export and erasure
(``core.privacy``). Other apps find a person's ``Person`` rows through ``persons_of``."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet

from edcluster.core.models import AuditEntry
from edcluster.core.privacy import ERASED_NAME, Candidate, Erased, Lookup, name_q, phone_matches, register_personal_data
from edcluster.core.search import build_search_text
from edcluster.organizations.models import Person


def persons_of(email: str, erased: Erased | None = None) -> QuerySet[Person]:
    """The person's registry records: by their e-mail, or — during an erasure, after the registry
    has run — by the placeholder that replaced it."""
    q = Q(email__iexact=email)
    if erased is not None:
        q |= Q(email=erased.email)
    return Person.objects.filter(q)


def _export(email: str) -> list[dict[str, Any]]:
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
        for p in persons_of(email)
    ]


def _erase(email: str, erased: Erased) -> int:
    people = list(persons_of(email))
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
    else:  # by phone: narrowed in the database by the last digits, compared exactly here
        people = Person.objects.filter(phone__contains=lookup.phone[-2:])
    found = []
    for p in people.prefetch_related("positions__organization")[:200]:
        if not lookup.last_name and not phone_matches(p.phone, lookup):
            continue
        orgs = ", ".join(str(pos.organization) for pos in p.positions.all())
        found.append(Candidate(email=p.email, name=p.full_name, organization=orgs, source="реестр"))
    return found


def register() -> None:
    register_personal_data("Реестр: сведения о человеке", export=_export, erase=_erase, order=10, find=_find)
