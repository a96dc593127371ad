"""Russian personal names (ФИО): parsing, short forms, declension and back.

A :class:`FullName` holds the surname, first name and patronymic as written
(any of the last two may be an initial, "Е."). Declension goes through
:mod:`edcluster.core.ru.declension`, which picks pytrovich or pymorphy3 per
name part as measured on the gold table.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from edcluster.core.ru._morph import analyzer, check_case
from edcluster.core.ru.declension import decline_part
from edcluster.core.ru.gender import TURKIC_PARTICLES, Gender, guess_gender

NBSP = "\u00a0"
_TOKEN_RE = re.compile(r"(?P<initial>[А-ЯЁ]\.(?:-[А-ЯЁ]\.)?)|(?P<word>[А-ЯЁа-яё]+(?:['’-][А-ЯЁа-яё]+)*)|(?P<space>\s+)")
# A patronymic in any case: Иванович, Ивановичу, Ильичом, Ивановна, Ильиничной.
_PATRONYMIC_RE = re.compile(r"(?:ич(?:а|у|ем|ом|е)?|(?:вн|чн)(?:а|ы|е|у|ой|ою))$")


@dataclass(frozen=True)
class FullName:
    """A person's name: surname, first name and patronymic as written.

    ``gender`` is a hint for declension (inferred when ``None``) and is not
    part of equality: two names with the same parts are the same name.
    """

    last: str
    first: str = ""
    middle: str = ""
    gender: Gender | None = field(default=None, compare=False)

    @property
    def full(self) -> str:
        """The name in full, "Грязева Елена Борисовна"; initials only give :attr:`short`."""
        if is_initial(self.first) or is_initial(self.middle):
            return self.short
        return " ".join(part for part in (self.last, self.first, self.middle) if part)

    @property
    def short(self) -> str:
        """Surname and initials, "Грязева Е.Б.", with a no-break space between them."""
        return NBSP.join(part for part in (self.last, self.initials) if part)

    @property
    def short_initials_first(self) -> str:
        """Initials and surname, "Е.Б. Грязева", with a no-break space between them."""
        return NBSP.join(part for part in (self.initials, self.last) if part)

    @property
    def initials(self) -> str:
        """The initials, "Е.Б." (no space between them; "А.-М." for a double first name)."""
        return "".join(_initial(part) for part in (self.first, self.middle) if part)

    @property
    def first_middle(self) -> str:
        """First name and patronymic, "Елена Борисовна" (the initials when only they are known)."""
        if is_initial(self.first) or is_initial(self.middle):
            return self.initials
        return " ".join(part for part in (self.first, self.middle) if part)

    def inflect(self, case: str) -> FullName:
        """This name in *case* ("gent", "datv"…), every part declined; initials stay."""
        return decline_name(self.last, self.first, self.middle, case=case, gender=self.gender)


def decline_name(
    last: str, first: str = "", middle: str = "", case: str = "gent", gender: Gender | None = None
) -> FullName:
    """Decline a nominative full name into *case*.

    ``decline_name("Грязева", "Елена", "Борисовна", "datv")`` gives
    "Грязевой Елене Борисовне". Without *gender* it is guessed from the
    parts (:func:`guess_gender`); a name whose gender cannot be told is
    declined by the rules that do not depend on it.
    """
    check_case(case)
    gender = gender or guess_gender(last, first, middle)
    return FullName(
        last=decline_part("last", last, case, gender),
        first=decline_part("first", first, case, gender),
        middle=decline_part("middle", middle, case, gender),
        gender=gender,
    )


def parse_name(text: str) -> FullName | None:
    """Read a full name written in one of the usual ways, or return None.

    Understood: "Грязева Елена Борисовна", "Елена Борисовна Грязева",
    "Грязева Е.Б." / "Грязева Е. Б.", "Е.Б. Грязева", "Грязева Елена",
    "Елена Борисовна", "Мамедов Рашид Ильхам оглы". Words in capitals are
    capitalised ("ГРЯЗЕВА" → "Грязева"); "ё" stays as written. Text with
    other characters, words in lower case (other than "оглы", "кызы"), or
    words that do not make a name (no patronymic where one is needed) give
    None. The gender is guessed (:func:`guess_gender`).
    """
    tokens = _tokens(text)
    if tokens is None:
        return None
    parts = _arrange("".join(kind for kind, _ in tokens), [value for _, value in tokens])
    if parts is None:
        return None
    return FullName(*parts, gender=guess_gender(*parts))


def _arrange(kinds: str, values: list[str]) -> tuple[str, str, str] | None:
    """(last, first, middle) from tokens of *kinds*: "W" a word, "I" an initial."""
    if kinds in ("WII", "WI"):
        return values[0], values[1], values[2] if len(values) > 2 else ""
    if kinds in ("IIW", "IW"):
        return values[-1], values[0], values[1] if len(values) > 2 else ""
    if kinds == "WWW":
        return _three_word_order(*values)
    if kinds == "WW":
        return _two_word_order(*values)
    return None


def _tokens(text: str) -> list[tuple[str, str]] | None:
    """("I", "Е.") and ("W", "Грязева") tokens of *text*, or None if it has anything else."""
    tokens: list[tuple[str, str]] = []
    position = 0
    text = text.strip()
    while position < len(text):
        match = _TOKEN_RE.match(text, position)
        if match is None:
            return None
        position = match.end()
        if match.lastgroup == "initial":
            tokens.append(("I", match.group()))
        elif match.lastgroup == "word":
            word = match.group()
            if word.lower() in TURKIC_PARTICLES and tokens and tokens[-1][0] == "W":
                tokens[-1] = ("W", f"{tokens[-1][1]} {word.lower()}")
            elif not word[:1].isupper():
                return None
            else:
                tokens.append(("W", _normal_case(word)))
    return tokens or None


def _normal_case(word: str) -> str:
    """Capitalise a word written in capitals: "ГРЯЗЕВА" → "Грязева", "ПЕТРОВ-ВОДКИН" → "Петров-Водкин"."""
    if not word.isupper() or len(word) == 1:
        return word
    return re.sub(r"[А-ЯЁа-яё]+", lambda m: m.group()[0].upper() + m.group()[1:].lower(), word)


def _is_patronymic(word: str) -> bool:
    lower = word.lower()
    return lower.split()[-1] in TURKIC_PARTICLES or bool(_PATRONYMIC_RE.search(lower))


@functools.lru_cache(maxsize=4096)
def _is_first_name(word: str) -> bool:
    lower = word.lower()
    return analyzer().word_is_known(lower) and any("Name" in parse.tag for parse in analyzer().parse(lower))


def _three_word_order(one: str, two: str, three: str) -> tuple[str, str, str] | None:
    """(last, first, middle) of three words: "Фамилия Имя Отчество" or "Имя Отчество Фамилия"."""
    surname_first = _is_patronymic(three) and not _is_patronymic(two)
    surname_last = _is_patronymic(two) and not _is_patronymic(three)
    if _is_patronymic(two) and _is_patronymic(three):
        # "Дмитрий Дмитриевич Шостакович": the surname looks like a patronymic too.
        surname_last = _is_first_name(one)
        surname_first = not surname_last
    if surname_first:
        return one, two, three
    if surname_last:
        return three, one, two
    return None


def _two_word_order(one: str, two: str) -> tuple[str, str, str] | None:
    """(last, first, middle) of two words: "Имя Отчество", "Фамилия Имя" or "Имя Фамилия"."""
    if _is_patronymic(two) and _is_first_name(one):
        return "", one, two
    if _is_first_name(two) and not _is_first_name(one):
        return one, two, ""
    if _is_first_name(one) and not _is_first_name(two):
        return two, one, ""
    return None


def is_initial(part: str) -> bool:
    """True for a name part written as an initial ("Е.", "А.-М.")."""
    return part.endswith(".")


def _initial(part: str) -> str:
    if is_initial(part):
        return part
    return "-".join(f"{piece[0].upper()}." for piece in part.split("-") if piece)
