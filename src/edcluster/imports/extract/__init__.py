"""Extraction of structured facts from a cleaned document text, in the schema of ``extract --json``.

``extract_document(text, file=...)`` returns one dict (see ``shared/extraction/SCHEMA.md``). The rules
follow how Russian protocols, information letters, resolutions, news and partner pages are written:
a head with the genre, number and date; labelled lines ("Тема:", "Организаторы:", "Присутствовали:");
numbered agenda items with their speakers on the next lines; a decisions block grouped by addressee.
Fields the text does not state are left empty.
"""

from __future__ import annotations

import re
from typing import Any

from edcluster.imports.cleanup import clean_text
from edcluster.imports.extract import ner
from edcluster.imports.extract.dates import find_dates
from edcluster.imports.extract.genre import detect_genre
from edcluster.imports.extract.orgs import dedupe, find_organizations, normal
from edcluster.imports.extract.people import find_people
from edcluster.imports.extract.text import nominative_head, sentence_bounds, unwrap
from edcluster.imports.extract.text import sentence as _sentence

__all__ = ["extract_document", "extract_text"]

# Natasha's ORG spans can add organisations the rules miss in running text (news, partner pages);
# off by default because on the labelled sets they cost more precision than they add recall.
USE_NER = False  # measured: samples orgs F1 0.77 -> 0.75 (recall up, precision down); see bench/README.md
_ORG_NOUN = re.compile(
    r"^(?:[А-ЯЁ][а-яё]+(?:ий|ый|ой|ая|ое|ого|ой|ому|ым|ом)\s+)*"
    r"(?:институт|университет|академи|колледж|техникум|школ|гимнази|лице|центр|библиотек|музе|дом|управлени|"
    r"министерств|департамент|комитет|администраци|фонд|ассоциаци|отделени|союз|объединени|клуб|театр|банк)",
    re.IGNORECASE,
)

_NUMBER = re.compile(
    r"(?:протокол\w*|приказ\w*|решени\w*|письм\w*|исх\.?|от\s+[0-9][^\n№]{3,30}?)\s*№\s*(?P<n>[\w/-]+)", re.IGNORECASE
)
# A number alone on its line, or beside its date as letterheads print them: "20.02.2025 № 17-03/412",
# "№ 17-03/412 от 20.02.2025".
_NUMBER_LINE = re.compile(
    r"^\s*(?:(?:от\s+)?\d{1,2}\.\d{1,2}\.\d{2,4}\s*(?:г\.)?\s*)?№\s*(?P<n>[\w/.-]*\d[\w/.-]*)"
    r"\s*(?:от\s+[^\n]{6,30})?\s*$",
    re.MULTILINE | re.IGNORECASE,
)
_ITEM = re.compile(r"^(?P<n>\d{1,2})\.\s+(?P<text>\S.*)$", re.MULTILINE)
_LETTERED = re.compile(r"^(?:[а-е]\)|[-–•])\s+(?P<text>\S.*)$", re.MULTILINE)
# The heading of an agenda or programme as protocols and letters write it, alone on its line; the items
# follow, numbered (cleanup makes "1)", "I." and "1." alike), lettered or bulleted.
_AGENDA_HEAD = re.compile(
    r"^[ \t]*(?:(?:вопросы\s+)?повестк[аи](?:\s+(?:дня|заседания|совещания|встречи|семинара))?|порядок\s+работы"
    r"|программа(?:\s+\w+)?(?:\s+(?:предусматривает|включает))?"
    r"|в\s+программе(?:\s+\w+){0,2}|(?:основные\s+)?вопросы,?\s+(?:для|к|на|выносимые\s+на)\s+обсуждени\w*"
    r"|(?:для|к|на)\s+обсуждени\w+\s+(?:предлагаются|выносятся|планируются)(?:\s+следующие)?\s+вопросы"
    r"|планируется\s+(?:обсудить|рассмотреть)(?:\s+следующие\s+вопросы)?"
    r"|(?:будут|планируется)\s+(?:рассмотрены|обсуждены|обсудить)\s+(?:следующие\s+)?вопросы)[ \t]*:?[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
_BULLET = re.compile(r"^(?:[а-е]\)|[-–—•·▪*])\s*(?P<text>\S.*)$")
_DECISION_HEAD = re.compile(
    r"^\s*(?:решени[ея](?:\s+[^\n:]{0,60})?|решили|постановили|рекомендации(?:\s+[^\n:]{0,60})?|рекомендовано|"
    r"предложения(?:\s+[^\n:]{0,60})?)\s*:?\s*$"
    r"|^[^\n]{0,200}\b(?:рекомендует|решил[аи]?|постановил[аи]?|рекомендовал[аи]?|предлагает)\s*:\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_HEARD = re.compile(r"^\s*(?:\d+\.\s*)?слушали\s*:?\s*(?P<rest>.*)$", re.IGNORECASE | re.MULTILINE)
_LABEL = r"^\s*{}\s*:\s*(?P<v>.+)$"
_EVENT_VERB = re.compile(
    r"(?:провод|пройд|состоит|состоял|проведут|прошл|прошёл|прошел|открыти|заседани|встреч|приглаша|"
    r"ждём|ждем|запланирован|организ|принимал|обсудил)",
    re.IGNORECASE,
)
_DEADLINE_CONTEXT = re.compile(
    r"(?:регистрац|зарегистрир|заяв(?:к|ок)|принимаютс|направить|представить|подать|при[её]м|анкет|форм[уы]\s+(?:заявки|"
    r"регистрации|участия)|электронн\w+\s+форм|конкурсн\w+\s+(?:работ|материал))",
    re.IGNORECASE,
)
# What stands right before a deadline: "до", "не позднее", "по", "в срок до", "срок подачи заявок –".
_DEADLINE_BEFORE = re.compile(
    r"(?:\bдо|не\s+позднее|\bпо|срок\w*(?:\s+[а-яё]+){0,3}\s*[:–—-]\s*(?:до\s+)?)\s*$", re.IGNORECASE
)
# Who is counted: a total ("человек", "чел.", "участников") or a group ("школьников", "педагогов").
_TOTAL_NOUN = r"участник\w*|человек\w*|чел\b\.?|делегат\w*|слушател\w*|гост\w*|член\w*"
_GROUP_NOUN = (
    r"педагог\w*|руководител\w*|заведующ\w*|представител\w*|специалист\w*|учител\w*|воспитател\w*|студент\w*"
    r"|школьник\w*|обучающ\w*|учащ\w*|дет(?:ей|и)\b|ребят\b|родител\w*|выпускник\w*|эксперт\w*|преподавател\w*"
    r"|методист\w*|наставник\w*|работник\w*|сотрудник\w*|директор\w*|заместител\w*|волонт[её]р\w*|работодател\w*"
)
# "полсотни руководителей", "два десятка педагогов": numbers written in words that documents use for a crowd.
_WORD_NUMBERS = {"полсотни": 50, "полусотни": 50, "полтора десятка": 15, "полутора десятков": 15}
_TENS = {"два": 2, "двух": 2, "три": 3, "трёх": 3, "трех": 3, "четыре": 4, "четырёх": 4, "четырех": 4, "пять": 5}
_NUMBER_WORD = (
    r"\d{1,5}|полсотни|полусотни|полтора\s+десятка|полутора\s+десятков"
    r"|(?:два|двух|три|тр[её]х|четыре|четыр[её]х|пять)\s+десятк(?:а|ов)"
)
_COUNT = re.compile(
    r"(?<![\d.,–-])(?P<n>" + _NUMBER_WORD + r")\s+(?:(?:[а-яё]+(?:ых|их)|[а-яё]+ей)\s+)?"
    r"(?P<what>" + _TOTAL_NOUN + "|" + _GROUP_NOUN + r")"
    r"(?:\s+из\s+(?P<orgs>\d{1,4})\s+(?:\w+\s+){0,2}(?:организаци\w*|учреждени\w*|школ\w*|ДОУ|сад\w*|колледж\w*))?",
    re.IGNORECASE,
)
# The sentence or labelled line says these people took part (not "планируется участие 30 школ").
_PARTICIPATION = re.compile(
    r"присутствова|присутству[юе]т|приняли\s+участие|приняло\s+участие|примут\s+участие|участвова|собрал|соберёт|"
    r"соберет|в\s+работе|зарегистрирова|объединил|участник\w*\s+(?:\w+\s+){0,2}стал|стали\s+участник|встрет|"
    r"(?:участник|слушател|стаж[её]р|курсант|делегат|гост)\w*ми\s+стали|"
    r"(?:на|в)\s+(?:заседании|семинаре|совещании|встрече|конференции|форуме)\s+(?:присутствовал|работал)",
    re.IGNORECASE,
)
_ATTENDANCE_LABEL = re.compile(
    r"^\s*(?:присутствовал\w*|присутствуют|участник\w*|приняли участие|всего\s+присутствовал\w*)\s*[:–—-]\s*"
    r"(?:на\s+заседании\s+)?(?P<n>\d{1,5})\b(?!\s*[./]\d)",
    re.IGNORECASE | re.MULTILINE,
)
# Groups after "в том числе" or "из них" are part of the total before them, not more people.
_SUBSET = re.compile(r"в\s+том\s+числе|из\s+них|из\s+которых|среди\s+них|включая", re.IGNORECASE)
_REGIONS = re.compile(r"(?P<n>\d{1,3})\s+(?:субъект\w*|регион\w*)", re.IGNORECASE)
_ORGS_COUNT = re.compile(r"(?P<n>\d{1,4})\s+(?:\w+\s+){0,2}(?:организаци\w*|учреждени\w*)", re.IGNORECASE)


def extract_text(raw: str, file: str = "") -> dict[str, Any]:
    """Clean *raw* and extract it."""
    return extract_document(clean_text(raw), file=file)


def extract_document(text: str, file: str = "") -> dict[str, Any]:
    genre = detect_genre(text)
    dates = find_dates(text)
    date, end_date = _event_date(text, dates, genre)
    people = find_people(text)
    agenda = _agenda(text, people) if genre in ("protocol", "info_letter") else []
    _roles(text, people, agenda, genre)
    entities = ner.spans(text) if USE_NER else []
    organizations = _organizations(text, people, entities)
    participants, orgs_count = _counts(text)
    decisions = _decisions(text) if genre in ("protocol", "resolution") else []
    return {
        "file": file,
        "genre": genre,
        "doc_number": _number(text, genre),
        "date": date.isoformat() if date else None,
        "end_date": end_date.isoformat() if end_date else None,
        "title": _title(text, genre),
        "organizers": _organizers(text),
        "organizations": organizations,
        "people": [p.as_dict() for p in people],
        "agenda_items": agenda,
        "decisions": decisions,
        "decision_addressees": _addressees(text, decisions),
        "event_kind": _event_kind(text, genre),
        "participants_count": participants,
        "organizations_count": orgs_count,
        "format": _format(text),
        "venue": _venue(text),
        "registration_deadline": _deadline(text, dates, genre),
        "target_audience": _audience(text),
        "regions_count": _regions(text),
        "spans": {"people": [list(s) for p in people for s in p.spans]},
    }


def _head(text: str, lines: int = 10) -> str:
    return "\n".join(text.splitlines()[:lines])


def _number(text: str, genre: str) -> str | None:
    if genre not in ("protocol", "resolution", "info_letter", "other"):
        return None
    head = _head(text)
    match = _NUMBER.search(head) or _NUMBER_LINE.search(head)
    return match.group("n").strip(".") if match else None


# "Дата и время проведения: 6 февраля 2025 г.", "Сроки проведения – 10–11 апреля", "Дата: 29.08.2024".
_DATE_LABEL = re.compile(
    r"^[ \t]*(?:дата(?:\s+и\s+время)?(?:\s+(?:проведения|заседания|собрания))?|сроки?\s+проведения)[ \t]*[:–—-]",
    re.IGNORECASE | re.MULTILINE,
)
# The line under a website's headline: "21.10.2024 | Пресс-центр ИРО", "Новости | 12.12.2024" — when it was
# published, not when the event was.
_PUBLICATION_LINE = re.compile(
    r"^[^\n]{0,40}(?:\d{1,2}\.\d{1,2}\.\d{4}\s*[|•·]|[|•·]\s*\d{1,2}\.\d{1,2}\.\d{4})[^\n]{0,60}$", re.MULTILINE
)


def _event_date(text: str, dates: list, genre: str) -> tuple[Any, Any]:
    candidates = [d for d in dates if not _is_deadline(text, d)]
    if not candidates:
        return None, None
    for label in _DATE_LABEL.finditer(text):
        line_end = text.find("\n", label.end())
        on_line = [d for d in candidates if label.end() <= d.start < (line_end if line_end >= 0 else len(text))]
        if on_line:
            return on_line[0].first, on_line[0].last
    if genre in ("protocol", "resolution"):
        head_end = len(_head(text, 12))
        in_head = [d for d in candidates if d.start < head_end]
        if in_head:
            return in_head[0].first, in_head[0].last
    if genre == "news":
        published = [(m.start(), m.end()) for m in _PUBLICATION_LINE.finditer(text[:300])]
        candidates = [d for d in candidates if not any(s <= d.start < e for s, e in published)] or candidates
    flat = unwrap(text)
    for mention in candidates:
        sentence = _sentence(flat, mention.start)
        if _EVENT_VERB.search(sentence):
            if re.search(r"сегодня,?\s*$", text[max(0, mention.start - 15) : mention.start], re.IGNORECASE):
                continue
            return mention.first, mention.last
    if genre in ("protocol", "resolution", "info_letter"):
        return candidates[0].first, candidates[0].last
    if genre == "news":
        # The lead of a news item says when: "С 15 по 17 октября институт принимал участников …".
        lead = re.search(r"\n\s*\n(?P<p>[^\n]*[а-яё][^\n]*[.!](?:\n|$))", text)
        if lead:
            in_lead = [d for d in candidates if lead.start("p") <= d.start < lead.end("p")]
            if in_lead:
                return in_lead[0].first, in_lead[0].last
    return None, None


def _is_deadline(text: str, mention: Any) -> bool:
    """ "Заявки принимаются до 7 ноября 2025 г. включительно", "в срок до 14.03.2025", "Срок подачи заявок –
    1 ноября", "Приём заявок с 1 по 7 ноября" (a range whose last day is the deadline)."""
    before = text[max(0, mention.start - 40) : mention.start]
    ranged = mention.last is not None and re.search(r"(?:при[её]м|принимаютс)", before, re.IGNORECASE)
    return bool(_DEADLINE_BEFORE.search(before) or ranged) and bool(
        _DEADLINE_CONTEXT.search(_sentence(text, mention.start))
    )


def _deadline(text: str, dates: list, genre: str) -> str | None:
    # In a protocol or resolution, a date after "РЕШИЛИ:" is a decision's due date ("подать заявки
    # до 10 декабря"), not a registration deadline of the meeting.
    head = _DECISION_HEAD.search(text) if genre in ("protocol", "resolution") else None
    for mention in dates:
        if head is not None and mention.start > head.start():
            continue
        if _is_deadline(text, mention):
            return (mention.last or mention.first).isoformat()
    return None


def _label(text: str, *names: str) -> str | None:
    for name in names:
        match = re.search(_LABEL.format(name), text, re.IGNORECASE | re.MULTILINE)
        if match:
            return match.group("v").strip()
    return None


def _unquote(value: str) -> str:
    value = value.strip().rstrip(".")
    if value.startswith("«") and value.endswith("»") and value.count("«") == 1:
        return value[1:-1]
    return value


def _title(text: str, genre: str) -> str | None:
    labelled = _label(text, "тема", "тема заседания", "тема конференции", "тема семинара")
    if labelled:
        return _unquote(labelled)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if genre == "info_letter":
        match = re.search(
            r"(?:конференци|семинар|форум|фестивал|конкурс|совещани|круглом?\s+стол|вебинар)[\w-]*\s+(«[^»]+»)",
            text,
        )
        return _unquote(match.group(1)) if match else None
    if genre == "resolution":
        head = " ".join(lines[:3])
        match = re.search(r"«([^»]+)»", head)
        return match.group(1) if match else (lines[0] if lines else None)
    if genre == "news":
        for line in lines[:3]:
            if len(line.split()) >= 5:
                return line.rstrip(".")
        return None
    return lines[0].rstrip(".") if lines and len(lines[0]) < 200 else None


def _organizers(text: str) -> list[str]:
    value = _label(text, "организаторы?", "организатор мероприятия")
    if not value:
        return []
    return [part.strip(" .") for part in re.split(r";", value) if part.strip(" .")]


def _organizations(text: str, people: list, entities: list[tuple[int, int, str]]) -> list[str]:
    # Names are read with the lines wrapped inside a paragraph joined (a name broken over lines as in a PDF).
    flat = unwrap(text)
    found = find_organizations(flat)
    names: list[str] = []
    aliases: set[str] = set()
    for index, (_, end, name) in enumerate(found):
        # "Государственное автономное учреждение … «Институт развития образования …» (ГАУ ДПО «ИРО НО»)": an
        # official short name (a legal form and a quoted name) in brackets right after the full one is the
        # same body, and the text goes on with it; an abbreviation made for the text ("(МБДОУ № 84)",
        # "(ПОИПКРО)", "(далее – ЦДЮТТ)") is not a name of its own: the full one is kept.
        bracket = re.match(r"\s*\(\s*(?:далее\s*[–—-]?\s*)?(?P<short>[^()\n]{2,60}?)\s*\)", flat[end:])
        official = bracket and "«" in bracket.group("short") and index + 1 < len(found)
        if official and re.fullmatch(r"\s*\(\s*", flat[end : found[index + 1][0]]):
            continue
        if bracket:
            aliases.add(normal(bracket.group("short")))
        names.append(name)
    names.extend(_ner_organizations(text, found, entities))
    for organizer in _organizers(text):
        names.append(re.sub(r"\s*\([^)]*\)\s*", " ", organizer).strip())
    names.extend(p.organization for p in people if p.organization)
    names = [name for name in names if normal(name) not in aliases]
    return _one_per_body(_drop_short_forms(dedupe(names)))


_TERRITORY_TAIL = re.compile(
    r"(?:\s+[А-ЯЁ][а-яё-]+(?:ой|ого|ских|ской|ского))*(?:\s+(?:городского|муниципального))?"
    r"\s+(?:области|края|района|округа|республики|Республики|города\s+[А-ЯЁ][а-яё-]+)|\s+(?:Республики\s+)?[А-ЯЁ][а-яё]+ии"
)


def _initials(quoted: str) -> set[str]:
    """ "Центр детского и юношеского технического творчества" → {"ЦДЮТТ"}; hyphenated words counted whole or by part."""
    words = [w for w in re.split(r"[\s«»\"]+", quoted) if len(w) > 2 or w.isdigit()]
    whole = "".join(w[0] for w in words).upper()
    parts = "".join(p[0] for w in words for p in w.split("-") if p).upper()
    return {whole, parts}


def _drop_short_forms(names: list[str]) -> list[str]:
    """Names that only repeat another organisation of the list: an acronym of its quoted name ("ОГПУ" beside
    "ФГБОУ ВО «Оренбургский государственный педагогический университет»"), or its quoted name with a territory
    ("Институт развития образования Липецкой области" beside "ГАУДПО ЛО «Институт развития образования»")."""
    quoted = [m.group(1) for name in names for m in re.finditer(r"«((?:[^«»]|«[^«»]*»)+)»", name)]
    acronyms = set().union(*(_initials(q) for q in quoted)) if quoted else set()
    kept = []
    for name in names:
        if re.fullmatch(r"[А-ЯЁ]{3,10}", name) and name in acronyms:
            continue
        if "«" not in name and any(
            name.startswith(q) and _TERRITORY_TAIL.fullmatch(name[len(q) :]) for q in quoted if len(q.split()) >= 2
        ):
            continue
        kept.append(name)
    return kept


_TRAILING_PLACE = re.compile(r"\s+(?:г|города|с|села|пгт|п|района|округа|области)(?:\s+\S+){1,2}$")
_FORM_AND_NAME = re.compile(r"^(?P<form>[^«]{2,200}?)\s*«(?P<name>.+)»$")


def _body_keys(name: str) -> tuple[str, str, str | None]:
    """Two keys under which names are the same organisation: ``org_key`` without the town ("Муниципальное
    автономное учреждение дополнительного образования «Дом детского творчества» города Череповца" and "МАУ ДО
    «ДДТ»"), and the legal form with the initials of the quoted name ("ОГБОУ ДО «Областной центр дополнительного
    образования»" and "ОГБОУ ДО «ОЦДО»")."""
    from edcluster.imports.matching import org_key

    match = _FORM_AND_NAME.match(name)
    initials = None
    if match:
        quoted = match.group("name")
        form = org_key(match.group("form"))
        compact = quoted.replace(" ", "")
        if compact.isupper() and compact.isalpha() and len(compact) <= 8:
            initials = f"{form}:{compact}"
        elif re.fullmatch(r"[А-ЯЁа-яё -]+", quoted) and len(quoted.split()) >= 3:
            initials = f"{form}:" + "".join(w[0] for w in quoted.split() if len(w) > 2).upper()
    key = org_key(name)
    return key, _TRAILING_PLACE.sub("", key), initials


def _one_per_body(names: list[str]) -> list[str]:
    """One name per organisation, where the first of its names stood. The same key (a spelled-out legal form
    and its standard abbreviation say the same): the shorter is kept. An acronym made for the text ("ОЦДО"):
    the name it stands for is kept."""
    keys = [_body_keys(name) for name in names]
    kept: list[str] = []
    done: set[int] = set()
    for index in range(len(names)):
        if index in done:
            continue
        key, bare, initials = keys[index]
        # With the town left out on one side only: "СОШ № 3" of two towns are two schools.
        same_key = [i for i in range(index, len(names)) if key and (keys[i][0] in (key, bare) or keys[i][1] == key)]
        acronym = [i for i in range(index, len(names)) if initials and keys[i][2] == initials]
        done.update(same_key, acronym, [index])
        if len(acronym) > 1:
            kept.append(max((names[i] for i in acronym), key=len))
        else:
            kept.append(min((names[i] for i in same_key or [index]), key=len))
    return kept


def _ner_organizations(text: str, found: list[tuple[int, int, str]], entities: list[tuple[int, int, str]]) -> list[str]:
    names = []
    for start, stop, kind in entities:
        if kind != "ORG" or any(s < stop and start < e for s, e, _ in found):
            continue
        name = text[start:stop].strip(' «»"')
        words = name.split()
        if len(words) < 2 or not _ORG_NOUN.match(name) or "\n" in name:
            continue
        names.append(nominative_head(name))
    return names


def _count_value(word: str) -> int:
    word = " ".join(word.lower().split())
    if word.isdigit():
        return int(word)
    if word in _WORD_NUMBERS:
        return _WORD_NUMBERS[word]
    return _TENS.get(word.split()[0], 0) * 10


def _counts(text: str) -> tuple[int | None, int | None]:
    """How many people took part (and from how many organisations), as the text states it:
    "Присутствовали: 17 чел.", "приняли участие 45 человек из 12 организаций", groups added up
    ("186 школьников … и 34 педагога" → 220); groups after "в том числе" are part of the total."""
    participants = orgs = None
    at = len(text)
    labelled = _ATTENDANCE_LABEL.search(text)
    for match in _COUNT.finditer(text):
        start, end = sentence_bounds(text, match.start())
        line_start = text.rfind("\n", 0, match.start()) + 1
        label = re.match(
            r"\s*(?:присутствовал\w*|присутствуют|участник\w*|приняли участие)\s*[:–—-]",
            text[line_start : match.start()],
            re.IGNORECASE,
        )
        if not (label or _PARTICIPATION.search(text[start:end])):
            continue
        participants, at = _count_value(match.group("n")), match.start()
        if match.group("orgs"):
            orgs = int(match.group("orgs"))
        if not re.fullmatch(_TOTAL_NOUN, match.group("what"), re.IGNORECASE):
            participants += _more_groups(text, match, end)
        break
    if labelled and labelled.start() < at:  # "Присутствовали: 17" before any counted phrase
        participants = int(labelled.group("n"))
    if participants is None:
        participants = _attendance_list(text)
    if orgs is None:
        for match in _ORGS_COUNT.finditer(text):
            if _PARTICIPATION.search(_sentence(text, match.start())):
                orgs = int(match.group("n"))
                break
    return participants, orgs


# "Присутствовали: Гаврилова И.Р., Шарафутдинова Л.Р., Елисеева Т.Н.": the members present, named one by one.
_ATTENDANCE_NAMES = re.compile(r"^[ \t]*(?:присутствовал\w*|присутствуют)[ \t]*[:–—-][ \t]*(?P<v>[^\n]+)$", re.I | re.M)
_LISTED_NAME = re.compile(
    r"(?:[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?\s+[А-ЯЁ]\.\s?(?:[А-ЯЁ]\.?)?|(?:[А-ЯЁ]\.\s?){1,2}\s*[А-ЯЁ][а-яё]+"
    r"|[А-ЯЁ][а-яё]+\s+[А-ЯЁ][а-яё]+\s+[А-ЯЁ][а-яё]+(?:вич|вна|чна|ич))"
)


def _attendance_list(text: str) -> int | None:
    """How many people an attendance line lists by name (every comma-separated part a name, at least two)."""
    match = _ATTENDANCE_NAMES.search(text)
    if not match:
        return None
    parts = [part.strip(" .;") for part in re.split(r"[,;]", match.group("v")) if part.strip(" .;")]
    if len(parts) < 2 or not all(_LISTED_NAME.fullmatch(part) for part in parts):
        return None
    return len(parts)


def _more_groups(text: str, first: re.Match[str], end: int) -> int:
    """People of further groups joined to the first by "и" or a comma in the same sentence."""
    added = 0
    cursor = first.end()
    for match in _COUNT.finditer(text, first.end(), end):
        between = text[cursor : match.start()]
        if _SUBSET.search(between) or len(between) > 60 or not re.search(r"(?:^|\s)и\s|,", between):
            break
        if re.fullmatch(_TOTAL_NOUN, match.group("what"), re.IGNORECASE):
            break
        added += _count_value(match.group("n"))
        cursor = match.end()
    return added


# A sentence that says how the event is (was) held: "Формат проведения – онлайн", "Занятия проходили
# очно", "Семинар пройдёт в дистанционном формате", "… на платформе «Сферум»", "будет организована онлайн-трансляция".
_FORMAT_CONTEXT = re.compile(
    r"формат|форм[аеу]\s+проведения|провод|провед|проход|прош[её]?л|пройд|состоит|состоял|режим|участие|подключ|"
    r"организ|трансл|платформ|заняти|работ[аы]л",
    re.IGNORECASE,
)
_MIXED = re.compile(
    r"смешанн|гибридн|очно[-–\s]*(?:и\s+|,\s*)?(?:дистанц|заочн|онлайн)|очн\w*\s+(?:формат\w*\s+)?с\s+(?:онлайн[-\s]*)?"
    r"трансляци|очн\w*\s+и\s+(?:дистанционн|онлайн)|(?:онлайн|дистанционн)\w*\s+и\s+очн",
    re.IGNORECASE,
)
_ONLINE = re.compile(
    r"онлайн|дистанционн|дистанционно|видеоконференц|\bвкс\b|вебинар|трансляци|на\s+платформе|"
    r"в\s+(?:системе|сервисе)\s+(?:видеосвязи|видеоконференц)",
    re.IGNORECASE,
)
_OFFLINE = re.compile(r"\bочно\b|\bочн(?:ом|ой|ая|ый|ую|ые|ых)\b|\bв\s+очном\s+режиме\b", re.IGNORECASE)


def _format(text: str) -> str | None:
    """offline, online or mixed, from the first sentence that says how the event is held."""
    if not (_ONLINE.search(text) or _OFFLINE.search(text) or _MIXED.search(text)):
        return None
    for sentence in re.split(r"(?<=[.!?])\s+|\n", text):
        if not _FORMAT_CONTEXT.search(sentence):
            continue
        if _MIXED.search(sentence) or (_OFFLINE.search(sentence) and re.search(r"трансляци", sentence, re.I)):
            return "mixed"
        if _OFFLINE.search(sentence):
            return "offline"
        if _ONLINE.search(sentence) and not re.search(r"онлайн-платформ|онлайн\s+платформ", sentence, re.I):
            return "online"
    return None


def _venue(text: str) -> str | None:
    labelled = _label(text, "место проведения", "место")
    if labelled:
        return labelled.rstrip(".")
    match = re.search(r"на\s+базе\s+((?:[А-ЯЁ]{2,8}\s+)*«[^»]+»|[А-ЯЁ][а-яё]+\s[^.,:\n]{3,80})", text)
    return match.group(1).strip() if match else None


def _audience(text: str) -> str | None:
    match = re.search(
        r"(?:к\s+участию(?:\s+в\s+[^\n.]{0,40}?)?\s+приглашаются|приглашаем\s+принять\s+участие)\s+([^.\n]+)",
        text,
        re.IGNORECASE,
    )
    return match.group(1).strip() if match else None


def _regions(text: str) -> int | None:
    match = _REGIONS.search(text)
    return int(match.group("n")) if match else None


def _numbered_block(block: str) -> list[str]:
    return [m.group("text").strip() for m in _ITEM.finditer(block)]


def _speakers(people: list, start: int, end: int) -> list[str]:
    return [p.name for p in people if any(start <= s < end for s, _ in p.spans)]


def _item_title(value: str) -> str:
    # "Опыт работы с молодыми специалистами – Бушмелева Ольга Ивановна, …": the speaker is not the title.
    value = re.split(r"\s+[–—-]\s+(?=(?:[А-ЯЁ]\.\s?)*[А-ЯЁ][а-яё]+\s+[А-ЯЁ])", value)[0].strip()
    return _unquote(value.rstrip(" .;"))


def _numbered_items(text: str, start: int, end: int) -> list[re.Match[str]]:
    """Numbered lines from *start*: 1, 2, 3 … in order; a list numbered from 1 again is another list."""
    items: list[re.Match[str]] = []
    for match in _ITEM.finditer(text, start, end):
        number = int(match.group("n"))
        if number == len(items) + 1:
            items.append(match)
        elif number == 1 and items:
            break
    return items


def _bulleted_items(text: str, start: int) -> list[tuple[int, int, str]]:
    """Bulleted or lettered lines right after *start*; a line without a bullet continues the item
    before it unless that one ended its sentence; any other line ends the list."""
    items: list[tuple[int, int, str]] = []
    position = start
    for line in text[start:].split("\n"):
        line_start, position = position, position + len(line) + 1
        stripped = line.strip()
        if not stripped:
            if items and not _BULLET.match(text[position:].lstrip("\n").split("\n", 1)[0].strip()):
                break
            continue
        bullet = _BULLET.match(stripped)
        if bullet:
            items.append((line_start, position, bullet.group("text")))
        elif items and not items[-1][2].rstrip().endswith((";", ".", "!", "?")):
            items[-1] = (items[-1][0], position, items[-1][2] + " " + stripped)
        else:
            break
    return items


def _agenda(text: str, people: list) -> list[dict[str, Any]]:
    head = _AGENDA_HEAD.search(text)
    heard = list(_HEARD.finditer(text))
    decision = _DECISION_HEAD.search(text, head.end() if head else 0)
    items: list[dict[str, Any]] = []
    if head:
        block_end = (
            min(m.start() for m in [*heard[:1], decision] if m is not None) if (heard or decision) else len(text)
        )
        if block_end <= head.end():
            block_end = len(text)
        matches = _numbered_items(text, head.end(), block_end)
        for index, match in enumerate(matches):
            end = matches[index + 1].start() if index + 1 < len(matches) else block_end
            items.append({"title": _item_title(match.group("text")), "speakers": _speakers(people, match.start(), end)})
        if not items:
            for start, end, value in _bulleted_items(text, head.end()):
                items.append({"title": _item_title(value.rstrip(" ;")), "speakers": _speakers(people, start, end)})
    if heard:
        blocks = []
        for index, match in enumerate(heard):
            end = heard[index + 1].start() if index + 1 < len(heard) else len(text)
            following = _DECISION_HEAD.search(text, match.end(), end)
            stop = following.start() if following else end
            blocks.append((match, stop))
        if items and len(items) == len(blocks):
            for item, (match, stop) in zip(items, blocks, strict=True):
                item["speakers"] = item["speakers"] or _speakers(people, match.start(), stop)
            return items
        if not items:
            for match, stop in blocks:
                title = match.group("rest").strip() or text[match.end() : stop].strip().split("\n")[0]
                items.append({"title": _unquote(title)[:300], "speakers": _speakers(people, match.start(), stop)})
    return items


def _decisions(text: str) -> list[str]:
    decisions: list[str] = []
    for head in _DECISION_HEAD.finditer(text):
        end_match = re.search(
            r"^\s*(?:\d+\.\s*)?слушали|^\s*(?:председатель|секретарь)\b",
            text[head.end() :],
            re.IGNORECASE | re.MULTILINE,
        )
        block = text[head.end() : head.end() + end_match.start()] if end_match else text[head.end() :]
        items = _numbered_block(block)
        if not items:
            items = [m.group("text").strip() for m in _LETTERED.finditer(block)]
        if not items:
            first = block.strip().split("\n")[0].strip()
            if first:
                items = [first]
        decisions.extend(items)
    if not decisions and re.search(r"итоги|резолюци|рекомендац|предложени", _head(text, 6), re.IGNORECASE):
        decisions = _numbered_block(text)
    return [d.rstrip(" .;") for d in decisions]


_ITEM_LINE = re.compile(r"^\s*(?:\d{1,2}[.)]|[а-я]\)|[–—•*-])\s")
# A heading over a group of decisions: "Учреждениям культуры:" or, short, "Управление образования."
_ADDRESSEE_LINE = re.compile(
    r"^\s*(?P<name>[А-ЯЁA-Z«][^\n:]{2,150}?)\s*:\s*$|^\s*(?P<short>[А-ЯЁ][^\n:.]{2,80}?)\s*\.\s*$"
)
_PLURAL_DATIVE = re.compile(r"(?:ам|ям|ах|ях)$")


def _addressees(text: str, decisions: list[str]) -> list[str | None]:
    """Whom each decision is addressed to, where the text groups them under a heading line
    ("Отделу образования администрации …:", "Учреждениям культуры:", "Управление образования."),
    brought to the nominative; ``[]`` when the text does not group them."""
    found: list[str | None] = []
    cursor = 0
    for decision in decisions:
        at = text.find(decision, cursor)
        if at < 0:
            found.append(None)
            continue
        cursor = at + len(decision)
        addressee = None
        for line in reversed(text[:at].splitlines()[-40:]):
            if not line.strip() or _ITEM_LINE.match(line):
                continue
            match = _ADDRESSEE_LINE.match(line)
            name = match and (match.group("name") or match.group("short"))
            if name and not _DECISION_HEAD.match(line) and len(name.split()) <= (12 if match.group("name") else 6):
                addressee = _addressee_nominative(name)
            break
        found.append(addressee)
    return found if any(found) else []


def _addressee_nominative(phrase: str) -> str:
    """ "Отделу образования …" → "Отдел образования …"; a plural group keeps its number:
    "Руководителям общеобразовательных организаций" → "Руководители общеобразовательных организаций"."""
    from edcluster.core.ru._morph import analyzer

    words = phrase.split()
    if not words or any("nomn" in p.tag for p in analyzer().parse(words[0].lower().strip("«"))):
        return phrase  # already a heading in the nominative: "Дошкольные образовательные организации"
    run = 0
    while run < len(words) and words[run].isalpha() and not words[run].isupper():
        parses = analyzer().parse(words[run].lower())
        if not any(p.tag.POS in ("NOUN", "ADJF", "PRTF") and "datv" in p.tag for p in parses):
            break
        run += 1
        if any(p.tag.POS == "NOUN" for p in parses[:1]):
            break
    if not run or not _PLURAL_DATIVE.search(words[run - 1].lower()):
        return nominative_head(phrase)
    out = []
    for word in words[:run]:
        parse = next((p for p in analyzer().parse(word.lower()) if "datv" in p.tag and "plur" in p.tag), None)
        form = parse.inflect({"nomn", "plur"}) if parse else None
        new = form.word if form else word
        out.append(new.capitalize() if word[:1].isupper() else new)
    return " ".join(out + words[run:])


def _event_kind(text: str, genre: str) -> str | None:
    """The kind of event a resolution or letter comes from, named in its heading."""
    head = _head(text, 6).lower()
    for stem, kind in (
        ("круглого стола", "round_table"),
        ("круглый стол", "round_table"),
        ("секци", "section"),
        ("конференци", "conference"),
        ("совещани", "conference"),
        ("семинар", "seminar"),
        ("форум", "conference"),
        ("фестивал", "festival"),
    ):
        if stem in head:
            return kind
    return None


def _roles(text: str, people: list, agenda: list[dict[str, Any]], genre: str) -> None:
    speakers = {name for item in agenda for name in item["speakers"]}
    last_lines = "\n".join(text.strip().splitlines()[-3:])
    last_start = len(text.strip()) - len(last_lines)
    for person in people:
        if person.role:
            continue
        if person.name in speakers:
            person.role = "speaker"
        elif genre in ("protocol", "info_letter", "resolution") and len(person.spans) == 1:
            start, end = person.spans[0]
            line_end = text.find("\n", end)
            rest = text[end : line_end if line_end >= 0 else len(text)].strip()
            line_start = text.rfind("\n", 0, start) + 1
            if start >= last_start and not rest and end - line_start < 120:
                person.role = "signatory"
