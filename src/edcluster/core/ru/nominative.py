"""Names read from documents, in any case, brought back to the nominative.

Protocols write "слушали Петрову И.И.", "поручить Грязевой Е.Б.",
"с Залесовой Светланой Владимировной". To store the person we need the
nominative, and a word form alone rarely tells it: "Петрову" is the dative of
Петров and the accusative of Петрова. So every case and gender is tried: for
each part, nominatives are proposed (the dictionary's lemmas, then ending
swaps) and a proposal is kept only if declining it back gives the text
exactly. Among the readings that survive, the one that looks most like real
nominatives wins; on equal looks the case the caller's hint names, then the
earlier case in :data:`CASES`.
"""

from __future__ import annotations

import functools
import itertools

from edcluster.core.ru._morph import CASES, analyzer, check_case, respell_name
from edcluster.core.ru.declension import decline_part
from edcluster.core.ru.gender import TURKIC_PARTICLES, Gender, gender_from_patronymic, guess_gender
from edcluster.core.ru.names import FullName, is_initial, parse_name

_PARTS = ("last", "first", "middle")
_PART_GRAMMEME = {"last": "Surn", "first": "Name", "middle": "Patr"}
_MORPH_GENDER = {Gender.MALE: "masc", Gender.FEMALE: "femn"}
# How many verified proposals per hyphen piece are combined for a double name.
_PER_PIECE = 3
# fmt: off
# Endings a nominative may have, per part and gender, proposed after cutting
# up to four letters off the text's word ("Гмызиной" → "Гмыз" + "ина").
_NOMINATIVE_ENDINGS = {
    ("last", Gender.MALE): (
        "ский", "цкий", "ов", "ев", "ёв", "ин", "ын", "ой", "ий", "ый", "ых", "их", "ко", "",
    ),
    ("last", Gender.FEMALE): (
        "ская", "цкая", "ова", "ева", "ёва", "ина", "ына", "ая", "яя", "а", "ых", "их", "ко", "",
    ),
    ("first", Gender.MALE): ("ий", "ей", "ай", "ь", "а", "я", "ел", "ев", ""),
    ("first", Gender.FEMALE): ("ия", "ья", "а", "я", "ь", ""),
    ("middle", Gender.MALE): ("ович", "евич", "ич", ""),
    ("middle", Gender.FEMALE): ("овна", "евна", "ична", "на"),
}
# Typical suffixes of surnames, declinable and not: a proposal with one is likelier.
_INDECLINABLE_SUFFIXES = ("ых", "их", "аго", "яго", "ово", "ко", "дзе", "швили")
_SURNAME_SUFFIXES = {
    Gender.MALE: ("ов", "ев", "ёв", "ин", "ын", "ский", "цкий", *_INDECLINABLE_SUFFIXES),
    Gender.FEMALE: ("ова", "ева", "ёва", "ина", "ына", "ская", "цкая", *_INDECLINABLE_SUFFIXES),
}
# Endings no nominative of the kind has; "-овой", "-иной" read as a woman's
# surname in an oblique case (Гмызиной) rather than as a man's nominative.
_OBLIQUE_ENDINGS = {
    ("last", Gender.MALE): (
        "ова", "ева", "ина", "ову", "еву", "ину", "ове", "еве", "ине", "ыне",
        "овой", "евой", "ёвой", "иной", "ыной", "ого", "ому", "ым", "им", "ом", "ем",
    ),
    ("last", Gender.FEMALE): ("овой", "евой", "иной", "ову", "еву", "ину", "ую", "ой", "ей"),
    ("first", Gender.MALE): ("у", "ю", "ом", "ем", "е", "и"),
    ("first", Gender.FEMALE): ("у", "ю", "ой", "ей", "е", "и", "ы"),
    ("middle", Gender.MALE): ("а", "у", "ем", "ом", "е"),
    ("middle", Gender.FEMALE): ("ы", "е", "у", "ой"),
}
# fmt: on


def name_to_nominative(text: str, hint_case: str | None = None) -> FullName | None:
    """Bring a name read from a document, in whatever case, back to the nominative.

    "Грязевой Елены Борисовны" gives Грязева Елена Борисовна;
    "Петрову И.И." gives Петров И.И. (a dative) unless *hint_case* says it
    is an accusative (after "слушали"), which gives Петрова И.И. The gender
    is set when the reading tells it. "ё" follows the text: a text that
    writes "ё" gets the dictionary's "ё" ("Петром" → "Пётр"), one that does
    not keeps its spelling ("Петр"). Returns None when the text is not a
    name; a name no reading explains is returned as parsed.
    """
    if hint_case is not None:
        check_case(hint_case)
    parsed = parse_name(text)
    if parsed is None:
        return None
    parts = (parsed.last, parsed.first, parsed.middle)
    keep_yo = "ё" in text.lower()
    readings = []
    for case_rank, case in enumerate(CASES):
        for gender in Gender:
            reading = _reading(parts, case, gender, keep_yo)
            if reading is not None:
                nominative, plausibility = reading
                readings.append(((plausibility, case == hint_case, -case_rank), case, gender, nominative))
    if not readings:
        return parsed
    _, best_case, best_gender, best = max(readings, key=lambda reading: reading[0])
    genders = {gender for _, case, gender, nominative in readings if (case, nominative) == (best_case, best)}
    gender = best_gender if len(genders) == 1 else guess_gender(*best)
    return FullName(*best, gender=gender)


def _reading(
    parts: tuple[str, str, str], case: str, gender: Gender, keep_yo: bool
) -> tuple[tuple[str, str, str], int] | None:
    """The nominative parts that decline to *parts* in *case* for *gender*, and how plausible they are."""
    nominative: list[str] = []
    plausibility = 0
    for part, word in zip(_PARTS, parts, strict=True):
        if not word or is_initial(word):
            nominative.append(word)
            continue
        found = _nominative_part(part, word, case, gender, keep_yo)
        if found is None:
            return None
        nominative.append(found[0])
        plausibility += found[1]
    return (nominative[0], nominative[1], nominative[2]), plausibility


def _nominative_part(part: str, word: str, case: str, gender: Gender, keep_yo: bool) -> tuple[str, int] | None:
    """The most plausible nominative of one name part that declines to *word*, with its score.

    Each hyphen piece gets its own proposals, but the check declines the
    whole word: pytrovich treats a non-final piece differently (the "Бонч"
    of Бонч-Бруевич stays, a lone "Бонч" would not).
    """
    if part == "middle" and word.split()[-1] in TURKIC_PARTICLES:
        return (word, 2) if gender_from_patronymic(word) is gender else None
    options = [_piece_options(part, piece, case, gender, keep_yo) for piece in word.split("-")]
    best: tuple[str, int] | None = None
    for combination in itertools.product(*options):
        nominative = "-".join(candidate for candidate, _ in combination)
        if decline_part(part, nominative, case, gender) != word:
            continue
        score = sum(score for _, score in combination)
        if best is None or score > best[1]:
            best = (nominative, score)
    return best


def _piece_options(part: str, piece: str, case: str, gender: Gender, keep_yo: bool) -> list[tuple[str, int]]:
    """The best proposals for one piece that decline to it on their own, then the piece unchanged.

    The piece unchanged (an indeclinable reading) comes last, so on equal
    scores a declinable name explains the form: "Анне" is read as Анна.
    """
    verified = [
        (candidate, _plausibility(part, candidate, gender))
        for candidate in _candidates(part, piece, gender, keep_yo)
        if candidate != piece and decline_part(part, candidate, case, gender) == piece
    ]
    verified.sort(key=lambda option: -option[1])
    return [*verified[:_PER_PIECE], (piece, _plausibility(part, piece, gender))]


def _candidates(part: str, piece: str, gender: Gender, keep_yo: bool) -> list[str]:
    """Nominatives that *piece* may come from: the dictionary's lemmas first, then ending swaps."""
    lower = piece.lower()
    found: list[str] = []
    wanted = {_PART_GRAMMEME[part], _MORPH_GENDER[gender]}
    for parse in analyzer().parse(lower):
        if wanted in parse.tag:
            nominative = parse.inflect({"nomn", "sing"})
            if nominative is not None:
                found.append(nominative.word if keep_yo else respell_name(nominative.word, piece))
    for cut in range(min(4, len(piece) - 1) + 1):
        stem = lower[: len(lower) - cut]
        found.extend(stem + ending for ending in _NOMINATIVE_ENDINGS[part, gender])
    capitalised = (candidate[:1].upper() + candidate[1:] if piece[:1].isupper() else candidate for candidate in found)
    return list(dict.fromkeys(capitalised))


@functools.lru_cache(maxsize=4096)
def _plausibility(part: str, candidate: str, gender: Gender) -> int:
    """How much *candidate* looks like a nominative *part* of that gender, from 0 to 3.

    3: the dictionary knows it so; 2: a typical surname suffix ("-ова",
    "-ский", "-дзе"); 1: nothing against it; 0: an ending of an oblique case.
    """
    lower = candidate.lower()
    wanted = {_PART_GRAMMEME[part], _MORPH_GENDER[gender], "nomn", "sing"}
    if analyzer().word_is_known(lower) and any(wanted in parse.tag for parse in analyzer().parse(lower)):
        return 3
    if lower.endswith(_OBLIQUE_ENDINGS[part, gender]):
        return 0
    if part == "last" and lower.endswith(_SURNAME_SUFFIXES[gender]):
        return 2
    return 1
