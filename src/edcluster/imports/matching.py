"""Match what a document names against the registry: the same organisation or person, or a proposal of a new one.

Organisations are compared by a key in which the legal form is always the abbreviation
("Муниципальное казённое учреждение дополнительного образования «Дом детского творчества «Ровесник»»"
and "МКУ ДО ДДТ «Ровесник»" give the same key), quotes, case, "ё" and spacing do not count. People are
the same when surname and initials agree (full names must agree in full) and, when the document
says where they work, they hold a post in the matched organisation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from edcluster.core.ru import name_to_nominative

# Words of a legal form and the letter they give in the abbreviation, in the order they are written.
_FORM_LETTERS = {
    "кировское": "к", "кировского": "к", "областное": "о", "областного": "о", "федеральное": "ф", "федерального": "ф",
    "государственное": "г", "государственного": "г", "муниципальное": "м", "муниципального": "м",
    "казенное": "к", "казенного": "к", "бюджетное": "б", "бюджетного": "б", "автономное": "а", "автономного": "а",
    "общеобразовательное": "о", "общеобразовательного": "о", "дошкольное": "до", "дошкольного": "до",
    "профессиональное": "п", "профессионального": "п", "образовательное": "о", "образовательного": "о",
    "частное": "ч", "частного": "ч", "некоммерческое": "н", "учреждение": "у", "учреждения": "у",
}  # fmt: skip
_PHRASES = (
    ("учреждение культуры", "ук"),
    ("учреждения культуры", "ук"),
    ("учреждение дополнительного образования", "удо"),
    ("учреждения дополнительного образования", "удо"),
    ("высшего образования", "во"),
    ("дополнительного профессионального образования", "дпо"),
    ("средняя общеобразовательная школа", "сош"),
    ("основная общеобразовательная школа", "оош"),
    ("начальная общеобразовательная школа", "нош"),
    ("средняя школа", "сш"),
    ("спортивная школа", "сш"),
    ("дом детского творчества", "ддт"),
    ("центр народной культуры", "цнк"),
    ("центр развития ребенка", "црр"),
    ("детская школа искусств", "дши"),
    ("центр дополнительного образования", "цдо"),
    ("поселка городского типа", "пгт"),
    ("поселок городского типа", "пгт"),
    ("акционерное общество", "ао"),
    ("публичное акционерное общество", "пао"),
    ("общество с ограниченной ответственностью", "ооо"),
)
_QUOTES = re.compile(r"[«»\"'“”„`]")
# All phrases in one pattern, longest first (as the loop over them did): one pass over the name.
_PHRASE_ABBREVIATIONS = dict(_PHRASES)
_PHRASE = re.compile(r"\b(?:" + "|".join(re.escape(p) for p, _ in sorted(_PHRASES, key=lambda p: -len(p[0]))) + r")\b")


def org_key(name: str) -> str:
    """The comparison key of an organisation name."""
    text = _QUOTES.sub(" ", (name or "").lower().replace("ё", "е"))
    text = re.sub(r"№\s*", "№", text)
    text = re.sub(r"[^\w№/ -]+", " ", text)
    text = re.sub(r"\s+-\s+|\s+", " ", text).strip()
    text = _PHRASE.sub(lambda m: _PHRASE_ABBREVIATIONS[m.group()], text)
    words = text.split()
    out: list[str] = []
    letters = ""
    for word in words:
        if word in _FORM_LETTERS:
            if not (letters.endswith("до") and word.startswith("образовательн")):
                letters += _FORM_LETTERS[word]
            continue
        if letters:
            if word in ("ук", "удо"):
                letters += word
                continue
            out.append(letters)
            letters = ""
        out.append(word)
    if letters:
        out.append(letters)
    # "МКУ ДО" and "МКУДО" are written both ways.
    return re.sub(r"\b(\w+у)до\b", r"\1 до", " ".join(out))


@dataclass(frozen=True)
class NameKey:
    last: str
    first: str
    middle: str

    def same(self, other: NameKey) -> bool:
        if self.last[: max(4, len(self.last) - 2)] != other.last[: max(4, len(other.last) - 2)]:
            return False
        for mine, theirs in ((self.first, other.first), (self.middle, other.middle)):
            if not mine or not theirs:
                continue
            if len(mine) > 1 and len(theirs) > 1:
                if mine != theirs:
                    return False
            elif mine[0] != theirs[0]:
                return False
        return bool(self.first and other.first)


def name_key(name: str) -> NameKey | None:
    parsed = name_to_nominative(name)
    if parsed is None:
        return None

    def clean(part: str) -> str:
        return part.lower().replace("ё", "е").rstrip(".")

    return NameKey(clean(parsed.last), clean(parsed.first), clean(parsed.middle))


def match_organization(name: str, organizations: Iterable[Any]) -> Any | None:
    """The registry organisation that *name* names, or None."""
    key = org_key(name)
    if not key:
        return None
    for organization in organizations:
        for candidate in (organization.short_name, organization.full_name):
            if candidate and org_key(candidate) == key:
                return organization
    return None


def match_person(name: str, people: Iterable[Any], organization: Any | None = None) -> Any | None:
    """The registry person *name* is, or None; with *organization*, only people who hold a post there."""
    key = name_key(name)
    if key is None:
        return None
    for person in people:
        other = NameKey(
            person.last_name.lower().replace("ё", "е"),
            person.first_name.lower().replace("ё", "е"),
            (person.middle_name or "").lower().replace("ё", "е"),
        )
        if not key.same(other):
            continue
        if organization is not None and not _holds_post(person, organization):
            continue
        return person
    return None


def _holds_post(person: Any, organization: Any) -> bool:
    """Whether *person* holds a post in *organization*; reads the prefetched positions
    (``prefetch_related("positions")``) without a query per person."""
    return any(position.organization_id == organization.pk for position in person.positions.all())


def propose(result: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """For an extraction result: each organisation and person matched to the registry or proposed as new."""
    from edcluster.organizations.models import Organization, Person

    organizations = list(Organization.objects.all())
    org_rows = []
    by_name: dict[str, Any] = {}
    for name in result.get("organizations") or []:
        match = match_organization(name, organizations)
        by_name[name] = match
        org_rows.append({"name": name, "match": match.pk if match else None, "action": "match" if match else "new"})
    people_rows = []
    people = Person.objects.prefetch_related("positions")
    for person in result.get("people") or []:
        org_name = person.get("organization")
        organization = by_name.get(org_name) if org_name else None
        if org_name and organization is None:
            organization = match_organization(org_name, organizations)
        surname = (person["name"].split() or [""])[0]
        candidates = people.filter(last_name__istartswith=surname[:4])
        match = match_person(person["name"], candidates, organization) if (organization or not org_name) else None
        people_rows.append(
            {
                "name": person["name"],
                "organization": org_name,
                "match": match.pk if match else None,
                "action": "match" if match else "new",
            }
        )
    return {"organizations": org_rows, "people": people_rows}
