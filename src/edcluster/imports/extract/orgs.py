"""Organisations as documents write them: a legal form, a type abbreviation and a name."""

from __future__ import annotations

import functools
import re

from edcluster.imports.extract.text import nominative_head

# Legal forms and type abbreviations of Russian organisations (the first token of an organisation).
_SINGLE_FORMS = [
    "АО",
    "ПАО",
    "ОАО",
    "ЗАО",
    "ООО",
    "НКО",
    "АНО",
    "НОЧУ",
    "ЧОУ",
    "ЧУ",
    "ФГБОУ",
    "ФГАОУ",
    "ФГБУ",
    "ФГУП",
    "ГБОУ",
    "ГАОУ",
    "ГКОУ",
    "ГБУ",
    "ГАУ",
    "ГКУ",
    "ГАПОУ",
    "ГБПОУ",
    "ГПОУ",
    "ГБДОУ",
    "ГОУ",
    "ГБУК",
    "ГАУК",
    "ОГБОУ",
    "ОГАОУ",
    "ОГБУ",
    "ОГАПОУ",
    "ОГБПОУ",
    "КОГОБУ",
    "КОГОАУ",
    "КОГПОАУ",
    "КОГПОБУ",
    "КОГБУ",
    "КОГКУ",
    "КОГАУ",
    "МБОУ",
    "МАОУ",
    "МКОУ",
    "МОУ",
    "МБДОУ",
    "МАДОУ",
    "МКДОУ",
    "МДОУ",
    "МБУ",
    "МАУ",
    "МКУ",
    "МУ",
    "МБУК",
    "МАУК",
    "МКУК",
    "МУК",
    "МБОУДО",
    "МАОУДО",
    "МКОУДО",
    "МБУДО",
    "МАУДО",
    "МКУДО",
    "ГБУДО",
    # Health care: "учреждение здравоохранения" (ОГБУЗ «Старооскольская детская поликлиника»).
    "ГБУЗ",
    "ГАУЗ",
    "ГКУЗ",
    "ГУЗ",
    "ОГБУЗ",
    "ОГАУЗ",
    "КГБУЗ",
    "МБУЗ",
    "МУЗ",
    "ФГБУЗ",
]
LEGAL_FORMS = [*_SINGLE_FORMS, "МБУ ДО", "МАУ ДО", "МКУ ДО", "ФГАОУ ВО", "ФГБОУ ВО"]
LEGAL_FORM_SET = frozenset(LEGAL_FORMS)
# Type abbreviations that may follow the legal form: СШ, ООШ, ДДТ, ЦНК…
TYPE_ABBREVIATIONS = frozenset(
    [
        "СШ",
        "СОШ",
        "ООШ",
        "НОШ",
        "ОШ",
        "ДДТ",
        "ДЮСШ",
        "ЦДО",
        "ЦДТ",
        "ЦНК",
        "ЦРР",
        "ЦБС",
        "ЦБ",
        "ДОУ",
        "ДС",
        "ДО",
        "ИМС",
        "ЦНППМ",
        "ИРО",
        "ИПК",
        "ДПО",
        "ВО",
        "СПО",
        "ЦО",
        "ЦДЮТ",
        "СЮН",
        "СЮТ",
        "ДШИ",
        "ДХШ",
    ]
)
_ABBR = r"[А-ЯЁ]{2,8}"
# A quoted name, one level of inner quotes allowed: «Детский сад № 5 «Солнышко»».
_QUOTED = r"«(?:[^«»\n]|«[^«»\n]{1,60}»){2,120}»"
# Any legal-form abbreviation not listed above: the type of a Russian state or municipal body ends in
# "У" (учреждение) or "УК" (учреждение культуры), with a region or level prefix ("ТОГБПОУ", "БУК ВО").
# The form may be written together with its level ("ГАУДПО") and followed by a region's abbreviation before the
# quoted name: "БУ ЧР ДПО «…»", "ГАУДПО ЛО «…»".
_GENERIC_FORM = r"[А-ЯЁ]{1,6}У(?:[КЗ]|ДО|ДПО)?(?=(?:\s+[А-ЯЁ]{2,3}){0,2}\s+«)"
# The founder written after a name, part of it: "БОУ «…» Минобразования Чувашии", "ФГБОУ ВО «…» Минпросвещения России".
_FOUNDER = r"Мин[а-яё]{4,12}\s+(?:России|РФ|[А-ЯЁ][а-яё]+(?:ии|ая|ой|ого)(?:\s+(?:Республики|области|края))?)"
_COMMERCIAL_FORMS = frozenset(["АО", "ПАО", "ОАО", "ЗАО", "ООО"])
# An organisation that starts with a legal form: "МКУ ДО ДДТ «Ровесник»", "КОГОБУ СШ пгт Подосиновец",
# "АО «Россельхозбанк»", "МАДОУ № 24 «Журавушка»".
_FORM_ORG = re.compile(
    r"(?<![А-ЯЁа-яё])(?P<org>(?:"
    + "|".join(sorted({f for f in LEGAL_FORMS if " " not in f}, key=len, reverse=True))
    + "|"
    + _GENERIC_FORM
    + r")(?![А-ЯЁ])"
    r"(?:\s+(?:ДО|ВО))?"
    r"(?:\s+" + _ABBR + r")*"
    r"(?:\s*№\s*\d+)?"
    r"(?:\s+(?:детский\s+сад|средняя\s+школа|школа|гимназия|лицей|центр|библиотека|колледж|техникум)"
    r"(?:\s+[а-яё]+){0,2}(?:\s*№\s*\d+)?(?=\s+«))?"
    r"(?:\s+(?:"
    + _QUOTED
    + r"|(?:пгт|с\.|г\.|д\.|п\.|пос\.|села|города|района)\s+[А-ЯЁ][а-яё-]+|"
    + _FOUNDER
    + r"|(?:[А-ЯЁ][а-яё]+(?:ого|ой|ий|ая|ое|ых|ского|ской|ения|ации|ции|ства|ы|а)\s+)*"
    r"(?:(?:городского|муниципального)\s+)?(?:района|области|края|округа|города)))*"
    r")"
)
# Organisations named by their kind: "Управление образования Подосиновского района", "Министерство просвещения РФ".
_NAMED_ORG = re.compile(
    r"(?P<org>(?:Управлени[еяю]|Министерств[оау]|Департамент[ау]?|Комитет[ау]?|Администраци[яию]|Институт[ау]?|Университет[ау]?"
    r"|Центр(?:а|у|ом)?|Колледж(?:а|у|ем)?|Техникум(?:а|у|ом)?|Академи(?:я|и|ю|ей)|Фонд(?:а|у|ом)?|Библиотек(?:а|и|у|ой)"
    r"|Управлением|Министерством|Департаментом|Комитетом|Администрацией|Институтом|Университетом)"
    r"(?:\s+(?:[а-яё]+|[А-ЯЁ][а-яё]+(?:ого|ой|ых|ского|ской|ий|ая)|РФ|Российской\s+Федерации|им\.\s*[А-ЯЁ]\.\s*[А-ЯЁ]\.\s*[А-ЯЁ][а-яё]+)){1,6}"
    r"|[А-ЯЁ][а-яё]+(?:ая|ой|ий|ое)\s+(?:центральн\w+\s+)?(?:библиотек[аи]|школ[аы]|гимнази[яи]|колледж[а]?)(?:\s+им\.\s*[А-ЯЁ]\.\s*[А-ЯЁ]\.\s*[А-ЯЁ][а-яё]+)?)"
)
# The legal form spelled out: "Муниципальное бюджетное общеобразовательное учреждение «Лицей № 21» г. Иваново".
_SPELLED_ORG = re.compile(
    r"(?P<org>(?:Муниципальн|Государственн|Федеральн|Областн|Краев|Частн|Негосударственн|Автономн)[а-яё]+"
    r"(?:\s+[а-яё-]+){0,5}?\s+(?:учреждени|организаци|предприяти)[а-яё]*(?:\s+[а-яё-]+){0,4}?\s*"
    + _QUOTED
    + r"(?:\s+(?:г\.|с\.|пгт|п\.|города)\s*[А-ЯЁ][а-яё-]+)?)"
)
# Spelled out without quotes, a numbered institution: "Муниципальное бюджетное дошкольное образовательное учреждение
# детский сад комбинированного вида № 84 Ангарского городского округа".
_SPELLED_NUMBERED_ORG = re.compile(
    r"(?P<org>(?:Муниципальн|Государственн|Федеральн|Областн|Краев|Частн|Негосударственн|Автономн)[а-яё]+"
    r"(?:\s+[а-яё-]+){0,5}?\s+учреждени[а-яё]*\s+(?:[а-яё-]+\s+){1,5}?№\s*\d+"
    r"(?:\s+[А-ЯЁ][а-яё-]+(?:ого|ой)\s+(?:(?:городского|муниципального)\s+)?(?:округа|района|области|края))?)"
)
# The same in a letterhead typed in capitals: "МУНИЦИПАЛЬНОЕ БЮДЖЕТНОЕ ОБЩЕОБРАЗОВАТЕЛЬНОЕ УЧРЕЖДЕНИЕ\n«СРЕДНЯЯ
# ОБЩЕОБРАЗОВАТЕЛЬНАЯ ШКОЛА № 3» г. ЛЮДИНОВО" — written as a name is written (``_sentence_case``).
_CAPS_QUOTED = r"«(?:[^«»\na-zа-яё]|«[^«»\na-zа-яё]{1,60}»){2,120}»"
_SPELLED_CAPS_ORG = re.compile(
    r"(?<![А-ЯЁа-яё])(?P<org>(?:МУНИЦИПАЛЬН|ГОСУДАРСТВЕНН|ФЕДЕРАЛЬН|ОБЛАСТН|КРАЕВ|ЧАСТН|НЕГОСУДАРСТВЕНН|АВТОНОМН)[А-ЯЁ]+"
    r"(?:\s+[А-ЯЁ-]+){0,5}?\s+(?:УЧРЕЖДЕНИ|ОРГАНИЗАЦИ|ПРЕДПРИЯТИ)[А-ЯЁ]*(?:\s+[А-ЯЁ-]+){0,4}?\s*"
    + _CAPS_QUOTED
    + r"(?:[ \t]+(?:г\.|с\.|пгт|п\.|ГОРОДА|СЕЛА)\s*[А-ЯЁ][А-ЯЁ-]+)?)"
)
_PLACE_BEFORE = ("г.", "с.", "п.", "д.", "пгт", "пос.")


_TERRITORY_WORDS = frozenset(
    {"города", "села", "посёлка", "поселка", "района", "округа", "области", "края", "республики"}
    | {"городского", "муниципального", "сельского", "поселения"}
)


@functools.lru_cache(maxsize=1024)
def _is_place(word: str) -> bool:
    from edcluster.core.ru._morph import analyzer

    return any("Geox" in p.tag for p in analyzer().parse(word)[:2])


def _sentence_case(name: str) -> str:
    """A name typed in capitals as names are written: the first word and the first word of each quoted
    name capitalised, places capitalised ("г. Людиново", "города Череповца"), abbreviations kept."""
    words = name.split()
    out: list[str] = []
    quoted = 0  # inside the quoted name a word is capitalised only first or after initials ("им. А.С. Пушкина")
    for index, word in enumerate(words):
        core = word.strip('«»"()„“,.')
        lower = word.lower()
        previous = words[index - 1] if index else ""
        quoted += word.count("«") - word.count("»")
        if core in LEGAL_FORM_SET or core in TYPE_ABBREVIATIONS or not core.isalpha():
            out.append(word)
            continue
        place = previous.lower() in _PLACE_BEFORE or bool(re.fullmatch(r"(?:[А-ЯЁ]\.){1,2}", previous))
        if not place and not quoted and "»" not in word and "»" in " ".join(words[:index]):
            # After the quoted name: "ГОРОДА ЧЕРЕПОВЦА", "СТАРООСКОЛЬСКОГО ГОРОДСКОГО ОКРУГА".
            place = len(core) > 2 and core.lower() not in _TERRITORY_WORDS and _is_place(core.lower())
        if index == 0 or word.startswith("«") or place:
            at = lower.find(core.lower()[0])
            lower = lower[:at] + lower[at].upper() + lower[at + 1 :]
        out.append(lower)
    return " ".join(out)


_INSTITUTION_NOUN = (
    r"(?:университет|институт|колледж|техникум|училищ|академи|консерватори|филармони|музе|библиотек|театр|"
    r"школ|гимнази|лице|центр|отделени|филиал|представительств|ассоциаци)[а-яё]*"
)
_ADJECTIVE_END = r"(?:ий|ый|ой|ая|ое|ого|ому|ым|им|ом|ем|ую|их|ых|ими|ыми)"
# A proper name built on an institution noun, in any case: "Пермским государственным гуманитарно-педагогическим
# университетом", "в Тамбовском областном краеведческом музее", "Калининградского областного института развития
# образования" — brought to the nominative.
_INSTITUTION_ORG = re.compile(
    r"(?<![А-ЯЁа-яё-])(?P<org>(?P<head>[А-ЯЁ][а-яё-]+"
    + _ADJECTIVE_END
    + r"\s+(?:[а-яё-]+"
    + _ADJECTIVE_END
    + r"\s+){0,3}"
    r"(?:" + _INSTITUTION_NOUN + r"|[Ии]нститут[а-яё]*|[Уу]ниверситет[а-яё]*)"
    r"(?:\s*№\s*\d+)?(?:\s+(?:им\.|имени)\s*(?:[А-ЯЁ]\.\s*){1,2}[А-ЯЁ][а-яё]+)?)"
    r"(?P<tail>(?:\s+[А-ЯЁа-яё][а-яё]+){0,4}))"
)
# A numbered institution written with its kind: "школы № 11", "пожарно-спасательная часть № 18", "детским садом № 3".
_NUMBERED_ORG = re.compile(
    r"(?<![А-ЯЁа-яё«-])(?P<org>(?:[а-яё-]+" + _ADJECTIVE_END + r"\s+)?"
    r"(?:школ[аыеуой]*|гимнази[яиюей]+|лице[йяюеем]+|детск[а-яё]+\s+сад[а-яё]*|колледж[а-яё]*|част[ьиюя]+|"
    r"библиотек[а-яё]*)\s*№\s*\d+)"
)
# A kind of organisation followed by its quoted name: "издательства «Просвещение»", "фонд «Вклад в будущее»".
_KIND_QUOTED_ORG = re.compile(
    r"(?<![А-ЯЁа-яё])(?P<org>(?:(?:[Дд]етск(?:ий|ого|ом|ому)\s+)?[Тт]ехнопарк|[Кк]вантори|[Ии]здательств|[Фф]онд|"
    r"[Аа]ссоциаци|[Кк]омпани|[Кк]орпораци|[Аа]гентств|[Бб]анк|[Мм]узе|[Тт]еатр|[Бб]иблиотек|(?:IT|АйТи|Айти)-куб)"
    r"[а-яё]*\s+" + _QUOTED + r"|[Цц]ентр(?:а|у|ом|е)?\s+(?:образования\s+)?«Точка\s+роста»)"
)
# A sole trader is an organisation named by its owner: "ИП Лопатина Е.А.", "ИП Соколов Андрей Петрович".
IP_ORG = re.compile(
    r"(?<![А-ЯЁа-яё])(?P<org>(?:ИП|[Ии]ндивидуальн\w+\s+предпринимател\w*)\s+[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?"
    r"(?:\s*[А-ЯЁ]\.\s?[А-ЯЁ]\.|(?:\s+[А-ЯЁ][а-яё]+){2}))"
)
# Bodies of government named by their field, capitalised or not: "управление образования администрации
# Сокольского муниципального округа", "Отделу образования администрации Моршанского района".
_AUTHORITY_ORG = re.compile(
    r"(?<![А-ЯЁа-яё])(?P<org>(?:[Уу]правлени|[Оо]тдел|[Кк]омитет|[Дд]епартамент|[Мм]инистерств)[а-яё]*\s+"
    r"(?:образования|культуры|просвещения|здравоохранения|спорта|науки|по\s+[а-яё]+|социальн[а-яё]+|молод[её]жн[а-яё]+)"
    r"(?:\s+(?:и\s+науки|и\s+спорта|и\s+молодежной\s+политики|[Аа]дминистрации|[Мм]эрии|муниципального|городского|"
    r"района|округа|области|края|города\s+[А-ЯЁ][а-яё-]+|города|республики|[А-ЯЁ][а-яё-]+(?:ого|ой|ых|ского|ской|ска|ска)|[А-ЯЁ][а-яё-]+а)"
    r"(?![А-ЯЁа-яё-]))*)"
)
# Territorial bodies of federal services as they are written: "МО МВД России «Шарьинский»", "ОГИБДД УМВД России по
# Ангарскому городскому округу", "ОМВД России по Кирово-Чепецкому району", "ГУ МЧС России по Пермскому краю".
_FEDERAL_ORG = re.compile(
    r"(?<![А-ЯЁа-яё])(?P<org>(?:(?:О?ГИБДД|ОДН|ОУУП|ОП|ОВД|ЛОП)\s+)?(?:(?:ГУ|МУ|МО|ЛО)\s+)?"
    r"[А-ЯЁ]{0,3}(?:МВД|МЧС|ФСБ|ФСИН|ФНС|ГИБДД)\s+(?:России|РФ)"
    r"(?:\s+" + _QUOTED + r"|\s+по\s+(?:[А-ЯЁ][а-яё]+(?:-[А-ЯЁ]?[а-яё]+)?(?:ому|ой)\s+)?"
    r"(?:(?:городскому|муниципальному)\s+)?(?:району|округу|краю|области|республике|городу\s+[А-ЯЁ][а-яё-]+))?)"
)
# Ministries shortened to "Мин…": "Минобразования Калининградской области", "Минпросвещения России".
_MIN_ORG = re.compile(
    r"(?<![А-ЯЁа-яё])(?P<org>Мин(?:образования|просвещения|культуры|обрнауки|спорта|труда|здрава|цифры|сельхоза)"
    r"(?:\s+(?:России|РФ|[А-ЯЁ][а-яё]+(?:ой|ого)\s+(?:области|края|республики)))?)"
)
_STOP_TAIL = re.compile(
    r"\s+(?:по|в|на|и|для|с|о|об|при|от|как|рассказал\w*|проанализировал\w*)$|\s+(?:по|в|на|и|для|с|о|об|при|от)\s.*$"
)
_GENERIC_LOWER = {
    "сельского", "хозяйства", "просвещения", "образования", "культуры", "науки", "развития", "изучения",
    "района", "области", "края", "города", "округа", "детства", "семьи", "воспитания", "спорта", "молодежи",
}  # fmt: skip


# Tried in this order; a later pattern never takes a span an earlier one found.
# Each with a string the text must contain for it to be tried at all (a cheap test before the regex).
_WORDED_ORGS = (
    (IP_ORG, ""),
    (_SPELLED_CAPS_ORG, "«"),
    (_SPELLED_ORG, "«"),
    (_SPELLED_NUMBERED_ORG, "№"),
    (_AUTHORITY_ORG, ""),
    (_MIN_ORG, "Мин"),
    (_KIND_QUOTED_ORG, "«"),
    (_NAMED_ORG, ""),
    (_INSTITUTION_ORG, ""),
    (_NUMBERED_ORG, "№"),
)


def find_organizations(text: str, *, nominative: bool = True) -> list[tuple[int, int, str]]:
    """(start, end, name) of every organisation the text names, in order, as written (names in an
    oblique case brought to the nominative unless ``nominative=False``: only the spans wanted)."""
    # Federal bodies first: "ОГИБДД МУ МВД России по …" is not a municipal institution "МУ".
    found: list[tuple[int, int, str]] = []
    if "России" in text or "РФ" in text:
        found = [(m.start("org"), m.end("org"), m.group("org")) for m in _FEDERAL_ORG.finditer(text)]
    for match in _FORM_ORG.finditer(text):
        if any(s < match.end() and match.start() < e for s, e, _ in found):
            continue
        name = match.group("org").strip()
        if (
            name in LEGAL_FORM_SET
            and name not in _COMMERCIAL_FORMS
            and not text[match.end() : match.end() + 2].strip().startswith("«")
        ):
            continue
        if name in _COMMERCIAL_FORMS:
            # "ПАО Сбербанк": a company's own name written without quotes.
            bare = re.match(r"\s+([A-ZА-ЯЁ][\w-]*[a-zа-яё][\w-]*)", text[match.end() :])
            if not bare:
                continue
            name = f"{name} {bare.group(1)}"
        found.append((match.start(), match.start() + len(name), name))
    for regex, needed in _WORDED_ORGS:
        if needed not in text:
            continue
        for match in regex.finditer(text):
            if regex in (
                _SPELLED_ORG,
                _SPELLED_NUMBERED_ORG,
                IP_ORG,
                _KIND_QUOTED_ORG,
                _SPELLED_CAPS_ORG,
                _FEDERAL_ORG,
            ):
                written = match.group("org")
            elif regex is _INSTITUTION_ORG:
                tail = _trim(("x " + match.group("tail")).strip())[1:]
                written = match.group("head") + tail
                if _inside_name(text, match.start("org")) or _generic(match.group("head"), tail):
                    continue
            else:
                written = _trim(match.group("org"))
            start = match.start("org")
            end = start + len(written)
            if (
                (len(written.split()) < 2 and regex is not _MIN_ORG)
                or re.search(r"\b(?:наш|ваш|эт|тот|все)\w*\b", written, re.IGNORECASE)
                or any(s < end and start < e for s, e, _ in found)
            ):
                continue
            if regex is _SPELLED_CAPS_ORG:
                found.append((start, end, _sentence_case(written)))
                continue
            # A name broken over lines (a letterhead) is one line of text.
            name = " ".join(written.split())
            found.append((start, end, nominative_head(name) if nominative else name))
    return _join_branches(text, sorted(found))


def _generic(head: str, tail: str) -> bool:
    """ "Опорная школа (района)", "Ресурсный центр": an adjective and a noun name a kind, not an organisation.

    A name of two words needs an adjective made from a place ("Пермский музей") or a name after it
    ("Федеральный институт развития образования").
    """
    words = head.split()
    territory_only = all(word.lower() in ("района", "области", "края", "города", "округа") for word in tail.split())
    return len(words) == 2 and "ск" not in words[0][-6:].lower() and territory_only


def _join_branches(text: str, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """ "Вологодского отделения ПАО Сбербанк": a branch and the organisation it belongs to are one name."""
    out: list[tuple[int, int, str]] = []
    for start, end, name in found:
        if out:
            p_start, p_end, p_name = out[-1]
            # "Детская библиотека № 6 МБУК «Централизованная библиотечная система»": a numbered subdivision
            # followed by the body it belongs to.
            subdivision = re.search(r"(?:библиотек|филиал|отделени|подразделени)\w*\s*№\s*\d+$", p_name)
            parent = subdivision and re.match(r"[А-ЯЁ]{2,}\s", name)
            joined = re.search(r"(?:отделени|филиал|представительств)\w*$", p_name) or parent
            if joined and not text[p_end:start].strip():
                out[-1] = (p_start, end, f"{p_name} {name}")
                continue
        out.append((start, end, name))
    return out


def _inside_name(text: str, start: int) -> bool:
    """The phrase continues a longer name: "Институт … воспитания Российской академии образования"."""
    previous = re.search(r"([а-яё]+)\s+$", text[max(0, start - 30) : start])
    return bool(previous and re.search(r"(?:ания|ения|ства|тия|ции)$", previous.group(1)))


def _trim(name: str) -> str:
    words = name.split()
    # Cut the lowercase tail that is not part of a name ("Министерства просвещения РФ, познакомила").
    while len(words) > 1 and (
        (words[-1].islower() and words[-1] not in _GENERIC_LOWER) or words[-1].strip(".,;:") in ("и", "в", "на")
    ):
        words.pop()
    words[-1] = words[-1].rstrip(".,;:")
    return " ".join(words)


def dedupe(names: list[str]) -> list[str]:
    """Drop repeats and names contained in a longer one already kept (by normalised form)."""
    kept: list[str] = []
    for name in names:
        key = normal(name)
        if not key:
            continue
        if any(key == normal(k) or key in normal(k) for k in kept):
            continue
        kept = [k for k in kept if normal(k) not in key]
        kept.append(name)
    return kept


def normal(name: str) -> str:
    words = re.sub(r"[^\w№]+", " ", name.lower().replace("ё", "е")).split()
    return " ".join(w[: max(4, len(w) - 2)] if w.isalpha() and len(w) > 4 else w for w in words)
