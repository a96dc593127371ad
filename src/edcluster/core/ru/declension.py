"""Declension of one part of a name (surname, first name, patronymic) into a case.

Two engines are available: pytrovich (suffix rules made for names) and
pymorphy3 (a dictionary of the language with name tags). ``bench/ru_names.py``
scores both per name part against the gold table in ``data/name_cases.tsv``;
:data:`CHOSEN` records the winner per part and a test keeps it equal to what
the bench measures. :func:`decline_part` asks the winner, falls back to the
other engine when the winner has no answer, and applies the local rules below
where both engines are wrong in ways the gold table shows.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from edcluster.core.ru._morph import CASES, analyzer, check_case, petrovich, respell_name
from edcluster.core.ru.gender import TURKIC_PARTICLES, Gender

PARTS: tuple[str, ...] = ("last", "first", "middle")
Engine = Callable[[str, str, str, Gender | None], str | None]

# Written from the output of bench/ru_names.py; test_names.py fails when a
# change of the engines or of the gold table makes another engine win.
CHOSEN: dict[str, str] = {"last": "pytrovich", "first": "pytrovich", "middle": "pytrovich"}

_PYMORPHY_GRAMMEME = {"last": "Surn", "first": "Name", "middle": "Patr"}
_PYMORPHY_GENDER = {Gender.MALE: "masc", Gender.FEMALE: "femn"}


def pytrovich_form(part: str, word: str, case: str, gender: Gender | None) -> str | None:
    """*word* (a name *part* in the nominative) in *case* according to pytrovich, or None.

    pytrovich itself returns a word none of its rules matches unchanged,
    which cannot be told from an indeclinable name; this adapter returns
    None for such words (no rule of the part for any hyphen piece) so that
    the caller can ask the other engine.
    """
    from pytrovich.enums import Case, NamePart
    from pytrovich.enums import Gender as PetrovichGender

    if case == "nomn":
        return word
    if not any(_petrovich_has_rule(part, piece) for piece in word.split("-")):
        return None
    name_part = {"last": NamePart.LASTNAME, "first": NamePart.FIRSTNAME, "middle": NamePart.MIDDLENAME}[part]
    petrovich_case = {
        "gent": Case.GENITIVE,
        "datv": Case.DATIVE,
        "accs": Case.ACCUSATIVE,
        "ablt": Case.INSTRUMENTAL,
        "loct": Case.PREPOSITIONAL,
    }[case]
    if gender is None:
        return petrovich().make(name_part, PetrovichGender.ANDROGYNOUS, petrovich_case, word, known_gender=False)
    petrovich_gender = PetrovichGender.MALE if gender is Gender.MALE else PetrovichGender.FEMALE
    return petrovich().make(name_part, petrovich_gender, petrovich_case, word)


def _petrovich_has_rule(part: str, piece: str) -> bool:
    exceptions, suffixes = _petrovich_tests()[part]
    lower = piece.lower()
    return lower in exceptions or lower.endswith(suffixes)


@functools.cache
def _petrovich_tests() -> dict[str, tuple[frozenset[str], tuple[str, ...]]]:
    """Per name part, the whole words and the endings that pytrovich's rules match."""
    from pytrovich.maker import PetrovichDeclinationMaker

    rules = json.loads(Path(PetrovichDeclinationMaker.DEFAULT_PATH_TO_RULES_FILE).read_text("utf-8"))
    tests = {}
    for part, key in (("last", "lastname"), ("first", "firstname"), ("middle", "middlename")):
        section = rules[key]
        exceptions = frozenset(test for rule in section.get("exceptions", []) for test in rule["test"])
        suffixes = tuple(test for rule in section.get("suffixes", []) for test in rule["test"])
        tests[part] = (exceptions, suffixes)
    return tests


def pymorphy_form(part: str, word: str, case: str, gender: Gender | None) -> str | None:
    """*word* in *case* according to pymorphy3's dictionary, or None when it has no such name.

    Each hyphen part is looked up on its own ("Мамина-Сибиряк"); a part
    must have a parse tagged as a surname, first name or patronymic (as
    *part* asks) in the nominative singular and, when *gender* is known, of
    that gender.
    """
    if case == "nomn":
        return word
    forms = []
    for piece in word.split("-"):
        form = _pymorphy_piece(part, piece, case, gender)
        if form is None:
            return None
        forms.append(form)
    return "-".join(forms)


def _pymorphy_piece(part: str, piece: str, case: str, gender: Gender | None) -> str | None:
    wanted = {_PYMORPHY_GRAMMEME[part], "nomn", "sing"}
    if gender is not None:
        wanted.add(_PYMORPHY_GENDER[gender])
    for parse in analyzer().parse(piece.lower()):
        if wanted in parse.tag:
            inflected = parse.inflect({case, "sing"})
            return respell_name(inflected.word, piece) if inflected is not None else None
    return None


ENGINES: dict[str, Engine] = {"pytrovich": pytrovich_form, "pymorphy3": pymorphy_form}


@functools.lru_cache(maxsize=65536)
def decline_part(part: str, word: str, case: str, gender: Gender | None) -> str:
    """Decline one name *part* ("last", "first" or "middle") into *case*.

    Empty parts and initials ("Е.") stay as they are. Otherwise the local
    rules speak first, then the engine chosen for the part, then the other
    engine; a word nobody can decline is returned unchanged.
    """
    check_case(case)
    if case == "nomn" or not word or "." in word:
        return word
    ruled = _local_rule(part, word, case, gender)
    if ruled is not None:
        return ruled
    chosen = CHOSEN[part]
    for name in (chosen, *(other for other in ENGINES if other != chosen)):
        form = ENGINES[name](part, word, case, gender)
        if form:
            return form
    return word


def _local_rule(part: str, word: str, case: str, gender: Gender | None) -> str | None:
    """Corrections for errors of both engines that the gold table shows; None when none applies."""
    words = word.split()
    if part == "middle" and len(words) > 1 and words[-1].lower() in TURKIC_PARTICLES:
        # "Ильхам оглы", "Рафик кызы": official documents keep the Turkic
        # patronymic as it is in every case (gold rows Мамедов, Алиева,
        # Гусейнов). pytrovich has no rule for them; pymorphy3 declines "Ильхам".
        return word
    if part == "first" and gender is Gender.FEMALE and word.lower().endswith("ь"):
        # Feminine names in a soft consonant decline like "тетрадь", as
        # Любовь and Нинель do: Гузели, Айгулью. pytrovich leaves every
        # name in "-ль" but a few exceptions unchanged and pymorphy3 tags
        # Гузель and Айгуль indeclinable (gold rows Хабибуллина, Гарипова).
        return {"accs": word, "ablt": f"{word}ю"}.get(case, f"{word[:-1]}и")
    return None


@dataclass(frozen=True)
class GoldRow:
    """One person of the gold table: their gender and full name in each case."""

    gender: Gender
    forms: dict[str, tuple[str, str, str]]  # case -> (last, first, middle)


@functools.cache
def gold_table() -> tuple[GoldRow, ...]:
    """The hand-written gold table ``data/name_cases.tsv`` that the bench and the tests score against."""
    text = resources.files("edcluster.core.ru").joinpath("data/name_cases.tsv").read_text("utf-8")
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        gender, *cells = line.split("\t")
        forms = {case: _split_cell(cell) for case, cell in zip(CASES, cells, strict=True)}
        rows.append(GoldRow(gender=Gender.MALE if gender == "m" else Gender.FEMALE, forms=forms))
    return tuple(rows)


def _split_cell(cell: str) -> tuple[str, str, str]:
    last, first, middle = cell.split("|")
    return last, first, middle
