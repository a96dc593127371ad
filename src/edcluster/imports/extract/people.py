"""People as protocols and letters write them, brought to the nominative, with position and organisation."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from edcluster.core.ru import name_to_nominative, parse_name
from edcluster.core.ru._morph import analyzer
from edcluster.imports.extract.orgs import IP_ORG, LEGAL_FORM_SET, find_organizations
from edcluster.imports.extract.text import first_sentence, nominative_head, sentence_bounds, unwrap

_CAP = r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?"
_PATR = r"[А-ЯЁ][а-яё]+(?:вич|вна|чна|ична|ич|вича|вичу|вичем|виче|вны|вне|вну|вной|чны|чне|чну|чной|ичем|ичу|ича)"
_INIT = r"[А-ЯЁ]\.\s?(?:[А-ЯЁ]\.)?"
# "Грязева Елена Борисовна", "Елена Борисовна Грязева", "Грязева Е.Б.", "Е. Б. Грязева".
_FULL = re.compile(rf"(?<![А-ЯЁа-яё.])(?:{_CAP} +{_CAP} +{_PATR}|{_CAP} +{_PATR} +{_CAP})(?![а-яё])")
_SURNAME_INITIALS = re.compile(rf"(?<![А-ЯЁа-яё.])({_CAP}) +({_INIT})(?![А-ЯЁа-яё])")
_INITIALS_SURNAME = re.compile(rf"(?<![А-ЯЁа-яё.])(?<!им\. )(?<!им\.)({_INIT}) ?({_CAP})(?![а-яё])")
_FIRST_PATR = re.compile(rf"(?<![А-ЯЁа-яё])({_CAP}) +({_PATR})(?![а-яё])")
_ACCUSATIVE_BEFORE = re.compile(r"(?:слушали|заслушали|заслушав|поручить|наградить|благодарность)\W*$", re.IGNORECASE)
_ROLE_WORDS = (
    ("chair", re.compile(r"председател", re.IGNORECASE)),
    ("secretary", re.compile(r"секретар", re.IGNORECASE)),
)
_POSITION_START = re.compile(
    r"^(?:перв(?:ый|ая)$|зам\.|заместител|директор|заведующ|методист|учител|педагог|воспитател|специалист|главн|ведущ|старш|"
    r"управляющ|начальник|руководител|председател|секретар|преподавател|библиотекар|советник|инспектор|эксперт|"
    r"консультант|доцент|профессор|ректор|проректор|декан|студент|социальн|психолог|логопед|дефектолог|"
    r"инструктор|музыкальн|тьютор|член|куратор|глава|министр|депутат|представитель|сотрудник|координатор)",
    re.IGNORECASE,
)
_ORG_START_WORD = re.compile(r"^[А-ЯЁ]")
_DEGREE = re.compile(
    r"^(?:(?:[кд]\.\s?[а-яё]{1,5}\.\s?н\.|канд\.\s?[а-яё.\s]{2,30}?наук|(?:кандидат|доктор)\s+[а-яё]+\s+наук)"
    r"\s*,\s*)+"
)
_TERRITORY = re.compile(
    r"^(?:(?:[А-ЯЁ][а-яё-]+(?:ого|ой|ского|ской)\s+)+(?:муниципального\s+|городского\s+)?"
    r"(?:края|области|района|округа|республики)|Российской\s+Федерации|РФ|России)$"
)


@dataclass
class Person:
    name: str
    position: str | None = None
    organization: str | None = None
    role: str | None = None
    spans: list[tuple[int, int]] = field(default_factory=list)

    @property
    def key(self) -> str:
        return person_key(self.name)

    def as_dict(self) -> dict[str, str | None]:
        return {"name": self.name, "position": self.position, "organization": self.organization, "role": self.role}


def person_key(name: str) -> str:
    words = [w for w in re.split(r"[\s.]+", name.lower().replace("ё", "е")) if w]
    longs = [w for w in words if len(w) > 1]
    shorts = [w for w in words if len(w) == 1]
    if not longs:
        return ""
    first = shorts[0] if shorts else (longs[1][0] if len(longs) > 1 else "")
    return f"{longs[0]} {first}"


@functools.lru_cache(maxsize=8192)
def _is_common_word(word: str) -> bool:
    """True when *word* reads as an ordinary word rather than a surname (Тема, Решение, Методист)."""
    parses = analyzer().parse(word.lower())
    if any({"Surn", "Name", "Patr"} & set(p.tag.grammemes) for p in parses[:3]):
        return False
    return analyzer().word_is_known(word.lower())


_SURNAME_END = re.compile(r"(?:ов|ова|ев|ева|ёв|ёва|ин|ина|ын|ына|ский|ская|цкий|цкая)$")


@functools.lru_cache(maxsize=2048)
def _first_name(word: str) -> bool:
    """ "Константин" in "Константин Игоревич Лыков": a first name before a patronymic, so the word after the
    patronymic is a surname even when it is also an ordinary word (лыко, волк, соловей)."""
    return any("Name" in p.tag for p in analyzer().parse(word.lower())[:2])


_NOMINATIVE_PATRONYMIC = re.compile(r"(?:вич|вна|чна|ична|ич)$")


def _nominative(text: str, hint: str | None) -> str | None:
    text = re.sub(r"([А-ЯЁ]\.)\s+([А-ЯЁ]\.)", r"\1\2", text)
    text = re.sub(r"([А-ЯЁ]\.)([А-ЯЁ][а-яё])", r"\1 \2", text)
    return _nominative_cached(text, hint)


@functools.lru_cache(maxsize=2048)
def _nominative_cached(text: str, hint: str | None) -> str | None:
    words = text.split()
    if len(words) == 3 and hint is None and any(_NOMINATIVE_PATRONYMIC.search(w) for w in words[1:]):
        # "Фамилия Имя Отчество" or "Имя Отчество Фамилия" with the patronymic in the nominative: the name is in
        # the nominative (its parts agree), so the full declension search is not needed.
        parsed = parse_name(text)
    else:
        parsed = name_to_nominative(text, hint)
    if parsed is None:
        return None
    if parsed.first.endswith("."):
        return f"{parsed.last} {parsed.first}{parsed.middle}".strip()
    return " ".join(p for p in (parsed.last, parsed.first, parsed.middle) if p)


def _hint(text: str, start: int) -> str | None:
    return "accs" if _ACCUSATIVE_BEFORE.search(text[max(0, start - 40) : start]) else None


# "им. Л.И. Кузьмина", "имени заслуженного учителя Российской Федерации А.М. Кузьмина": the person an
# organisation is named after is not a person of the document.
_HONORIFIC = re.compile(
    r"\b(?:им\.|имени)(?:\s+[а-яё]+|\s+Российской\s+Федерации|\s+РФ|\s+СССР){0,5}"
    r"\s*(?:[А-ЯЁ]\.\s*){0,2}[А-ЯЁ][а-яё-]+(?:\s+[А-ЯЁ][а-яё]+){0,2}(?:\s*(?:[А-ЯЁ]\.\s*){1,2})?"
)


def find_people(text: str, *, signatures: bool = True) -> list[Person]:
    """Every person of *text*, merged by surname and first initial, in order of first mention."""
    mentions: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return not any(s < end and start < e for s, e in taken)

    for match in _HONORIFIC.finditer(text):
        taken.append((match.start(), match.end()))
    # "ИП Лопатина Е.А." is an organisation (a sole trader), not a person of the text.
    for match in IP_ORG.finditer(text):
        taken.append((match.start(), match.end()))

    position = 0
    while match := _FULL.search(text, position):
        words = match.group().split()
        position = match.end()
        if not free(match.start(), match.end()):
            continue
        if _is_common_word(words[0]) or (
            _is_common_word(words[-1]) and not re.fullmatch(_PATR, words[-1]) and not _first_name(words[0])
        ):
            # "Чувашской Республики Ирина Владимировна Гордеева": the name may start at the next word.
            position = match.start() + len(words[0])
            continue
        name = _nominative(match.group(), _hint(text, match.start()))
        if name:
            mentions.append((match.start(), match.end(), name))
            taken.append((match.start(), match.end()))
    for regex, order in ((_SURNAME_INITIALS, "si"), (_INITIALS_SURNAME, "is")):
        for match in regex.finditer(text):
            if not free(match.start(), match.end()):
                continue
            surname = match.group(1) if order == "si" else match.group(2)
            if surname.upper() == surname or surname in LEGAL_FORM_SET:
                continue
            # "Пестова О.В." (пест — a pestle): a word with a surname's ending and two initials is a surname.
            two_initials = re.fullmatch(r"[А-ЯЁ]\.\s?[А-ЯЁ]\.", match.group(2) if order == "si" else match.group(1))
            if _is_common_word(surname) and not (two_initials and _SURNAME_END.search(surname)):
                continue
            name = _nominative(match.group(), _hint(text, match.start()))
            if name:
                mentions.append((match.start(), match.end(), name))
                taken.append((match.start(), match.end()))
    people: dict[str, Person] = {}
    flat = ""  # the text with wrapped lines joined, made when a position is looked for before a name
    for start, end, name in sorted(mentions):
        key = person_key(name)
        if not key:
            continue
        person = people.get(key) or _same_person(people, name)
        if person is None:
            person = people[key] = Person(name)
        elif len(name) > len(person.name) and "." not in name:
            person.name = name
        person.spans.append((start, end))
        _attach(text, person, start, end)
        if not person.position:
            flat = flat or unwrap(text)
            _position_before(flat, person, start)
    # "Оксана Александровна рассказала": first name and patronymic alone point back to a full name.
    by_first_middle = {}
    for person in people.values():
        words = person.name.split()
        if len(words) == 3 and "." not in person.name:
            by_first_middle[(words[1], words[2])] = person
    for match in _FIRST_PATR.finditer(text):
        if not free(match.start(), match.end()):
            continue
        if (match.group(1), match.group(2)) in by_first_middle:
            by_first_middle[(match.group(1), match.group(2))].spans.append((match.start(), match.end()))
            continue
        parsed = _first_middle_nominative(match.group())
        if parsed and (parsed.first, parsed.middle) in by_first_middle:
            by_first_middle[(parsed.first, parsed.middle)].spans.append((match.start(), match.end()))
    return list(people.values())


@functools.lru_cache(maxsize=2048)
def _first_middle_nominative(text: str):
    return name_to_nominative(text)


def _same_person(people: dict[str, Person], name: str) -> Person | None:
    words = name.replace(".", ". ").split()
    for person in people.values():
        other = person.name.replace(".", ". ").split()
        same_surname = words[0][:-1] == other[0][:-1] and words[0][:4] == other[0][:4]
        if same_surname and len(words) > 1 and len(other) > 1 and words[1][0] == other[1][0]:
            return person
        # "учителя истории Белова А.В." after "Белов Алексей Викторович": the oblique case of a man's
        # surname (+а, +у, +ым, +е) with the same initials is him, not a woman "Белова".
        initials = [w[0] for w in words[1:3]]
        if (
            len(other) == 3
            and "." in name
            and words[0][len(other[0]) :] in ("а", "у", "ым", "е")
            and words[0].startswith(other[0])
            and initials == [w[0] for w in other[1:3]][: len(initials)]
        ):
            return person
    return None


def _attach(text: str, person: Person, start: int, end: int) -> None:
    """Read position and organisation from the rest of the line ("…, методист КОГОБУ СШ пгт Подосиновец")."""
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start].strip(" ,–-:")
    after = text[end:line_end].strip()
    after = re.sub(r"^[,–—-]\s*", "", after).rstrip(" .;,")
    # An academic degree before the position: "к.п.н., доцента кафедры педагогики …".
    after = _DEGREE.sub("", after)
    role = None
    for value, regex in _ROLE_WORDS:
        if regex.search(before) or regex.match(after):
            role = value
    if role and not person.role:
        person.role = role
    tail = after if _POSITION_START.match(after) else ""
    if not tail and before and _POSITION_START.match(before) and len(before) < 150:
        tail = before
    if not tail and re.match(r"^\(", after):
        tail = after.strip("()")
    if not tail or person.position:
        return
    tail = first_sentence(tail)
    tail = re.split(
        r"\s+(?:рассказал|выступил|отметил|представил|познакомил|подвел|подвёл|о\s)"
        r"|,\s*(?:котор|где|тел\b|e-mail|эл\.)|\s+тел\.|;"
        # "…, – «Профессиональные пробы…»": the title of the talk follows a dash, it is not the organisation.
        r"|,?\s+[–—-]\s+(?=«)",
        tail,
    )[0].strip(" .,")
    position, organization = split_position(tail)
    if position and not re.match(r"^(председател|секретар)\w*$", position, re.IGNORECASE):
        person.position = nominative_head(position[0].lower() + position[1:] if position[1:2].islower() else position)
    elif position:
        person.position = None
    if organization:
        person.organization = nominative_head(organization)


def _position_before(text: str, person: Person, start: int) -> None:
    """ "…обратилась заведующий детским садом Е.В. Лаптева": the position just before the name in its sentence."""
    sentence_start, _ = sentence_bounds(text, start)
    before = text[sentence_start:start]
    words = before.split()
    for index in range(max(0, len(words) - 8), len(words)):
        if _POSITION_START.match(words[index]):
            phrase = " ".join(words[index:]).strip(" ,–-:")
            if phrase and not re.search(r"[.;!?]", phrase):
                phrase = phrase[0].lower() + phrase[1:]
                position, organization = split_position(phrase)
                person.position = position
                if organization and not person.organization:
                    person.organization = nominative_head(organization)
            return


def split_position(tail: str) -> tuple[str | None, str | None]:
    """Position and organisation of a tail.

    "заместитель директора по УВР МКУ ДО ДДТ «Ровесник»" → ("заместитель директора по УВР", "МКУ ДО ДДТ «Ровесник»").
    """
    orgs = find_organizations(tail, nominative=False)
    if orgs:
        start = orgs[0][0]
        position = tail[:start].strip(" ,–-")
        return position or None, _organization_end(tail[start:].strip(" ,.")) or None
    words = tail.split()
    for index, word in enumerate(words[1:], start=1):
        if _TERRITORY.match(" ".join(words[index:])):
            break  # "заместитель министра образования Пермского края": a territory, not an organisation
        if _ORG_START_WORD.match(word) and not (word.isupper() and len(word) <= 4 and word not in LEGAL_FORM_SET):
            return " ".join(words[:index]) or None, _organization_end(" ".join(words[index:])) or None
    return tail or None, None


# After a comma, a lower-case word other than a place ("ОГПУ, кандидат педагогических наук", "МОУ Ленинская СШ, член
# муниципальной комиссии") begins a degree, a title or another role of the person, not the rest of the organisation.
_AFTER_ORGANIZATION = re.compile(
    r",\s*(?!(?:города|села|посёлка|поселка|района|округа|области|края|республики|структурное|филиал)\b)"
    r"(?:[а-яё]{3,}|[кд]\.\s?[а-яё]{1,5}\.\s?н\.)"
)


def _organization_end(organization: str) -> str:
    return _AFTER_ORGANIZATION.split(organization, maxsplit=1)[0].strip(" ,.")
