"""Organisations as documents write them: a legal form, a type abbreviation and a name."""

from __future__ import annotations

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
_QUOTED = r"«[^«»\n]{2,80}»"
# An organisation that starts with a legal form: "МКУ ДО ДДТ «Ровесник»", "КОГОБУ СШ пгт Подосиновец",
# "АО «Россельхозбанк»", "МАДОУ № 24 «Журавушка»".
_FORM_ORG = re.compile(
    r"(?<![А-ЯЁа-яё])(?P<org>(?:"
    + "|".join(sorted({f for f in LEGAL_FORMS if " " not in f}, key=len, reverse=True))
    + r")"
    r"(?:\s+(?:ДО|ВО))?"
    r"(?:\s+" + _ABBR + r")*"
    r"(?:\s*№\s*\d+)?"
    r"(?:\s+(?:детский\s+сад|средняя\s+школа|школа|гимназия|лицей|центр|библиотека|колледж|техникум)"
    r"(?:\s+[а-яё]+){0,2}(?:\s*№\s*\d+)?(?=\s+«))?"
    r"(?:\s+(?:" + _QUOTED + r"|(?:пгт|с\.|г\.|д\.|п\.|пос\.|села|города|района)\s+[А-ЯЁ][а-яё-]+"
    r"|(?:[А-ЯЁ][а-яё]+(?:ого|ой|ий|ая|ое|ых|ского|ской|ения|ации|ции|ства|ы|а)\s+)*(?:района|области|края|округа|города)))*"
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
_STOP_TAIL = re.compile(
    r"\s+(?:по|в|на|и|для|с|о|об|при|от|как|рассказал\w*|проанализировал\w*)$|\s+(?:по|в|на|и|для|с|о|об|при|от)\s.*$"
)
_GENERIC_LOWER = {
    "сельского", "хозяйства", "просвещения", "образования", "культуры", "науки", "развития", "изучения",
    "района", "области", "края", "города", "округа", "детства", "семьи", "воспитания", "спорта", "молодежи",
}  # fmt: skip


def find_organizations(text: str) -> list[tuple[int, int, str]]:
    """(start, end, name) of every organisation the text names, in order, as written."""
    found: list[tuple[int, int, str]] = []
    for match in _FORM_ORG.finditer(text):
        name = match.group("org").strip()
        if name in LEGAL_FORM_SET and not text[match.end() : match.end() + 2].strip().startswith("«"):
            continue
        found.append((match.start(), match.start() + len(name), name))
    for match in _NAMED_ORG.finditer(text):
        name = nominative_head(_trim(match.group("org")))
        if len(name.split()) < 2 or re.search(r"\b(?:наш|ваш|эт|тот|все)\w*\b", name, re.IGNORECASE):
            continue
        start = match.start()
        if any(s <= start < e for s, e, _ in found):
            continue
        found.append((start, start + len(name), name))
    return sorted(found)


def _trim(name: str) -> str:
    words = name.split()
    # Cut the lowercase tail that is not part of a name ("Министерства просвещения РФ, познакомила").
    while len(words) > 1 and words[-1].islower() and words[-1] not in _GENERIC_LOWER:
        words.pop()
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
