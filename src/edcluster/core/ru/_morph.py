"""Shared, lazily built morphology engines and small spelling helpers.

Creating a ``pymorphy3.MorphAnalyzer`` reads the whole dictionary, so the
process keeps exactly one; the pytrovich objects are cheap but are cached the
same way for symmetry. Nothing here is public API: the other modules of the
package (and ``core.search``) call these helpers.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pymorphy3
    from pytrovich.detector import PetrovichGenderDetector
    from pytrovich.maker import PetrovichDeclinationMaker

CASES: tuple[str, ...] = ("nomn", "gent", "datv", "accs", "ablt", "loct")


@functools.cache
def analyzer() -> pymorphy3.MorphAnalyzer:
    """The process-wide pymorphy3 analyzer (built on first use, about 0.1 s and 15 MB)."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


@functools.cache
def petrovich() -> PetrovichDeclinationMaker:
    """The process-wide pytrovich declension maker."""
    from pytrovich.maker import PetrovichDeclinationMaker

    return PetrovichDeclinationMaker()


@functools.cache
def petrovich_detector() -> PetrovichGenderDetector:
    """The process-wide pytrovich gender detector."""
    from pytrovich.detector import PetrovichGenderDetector

    return PetrovichGenderDetector()


def check_case(case: str) -> str:
    """Return *case* if it is one of :data:`CASES`, else raise ``ValueError``."""
    if case not in CASES:
        raise ValueError(f"unknown case {case!r}; expected one of {', '.join(CASES)}")
    return case


def match_spelling(word: str, like: str) -> str:
    """Write the lower-case *word* the way *like* is written.

    Capitalisation follows *like* (all capitals, capitalised or lower case,
    hyphen part by hyphen part when both have the same parts: "Мамина-Сибиряк"),
    and when *like* does without "ё" the result does too: dictionaries print
    "учёных" for "ученый", which would look like a correction of the user's
    own spelling.
    """
    if "ё" not in like.lower():
        word = word.replace("ё", "е")
    return _cased(word, like)


def respell_name(word: str, like: str) -> str:
    """Write the lower-case form *word* of the name *like* the way *like* is written.

    Unlike :func:`match_spelling`, "е"/"ё" follow *like* only where the two
    share the letter's place: "Семенович" stays without "ё" in "Семеновича",
    while an ending the dictionary writes with "ё" keeps it ("Илья" → "Ильёй").
    """
    letters = [
        like[index].lower() if char in "её" and index < len(like) and like[index].lower() in "её" else char
        for index, char in enumerate(word)
    ]
    return _cased("".join(letters), like)


def _cased(word: str, like: str) -> str:
    word_parts, like_parts = word.split("-"), like.split("-")
    if len(word_parts) != len(like_parts):
        word_parts, like_parts = [word], [like]
    return "-".join(_match_case(part, model) for part, model in zip(word_parts, like_parts, strict=True))


def _match_case(word: str, like: str) -> str:
    if len(like) > 1 and like.isupper():
        return word.upper()
    if like[:1].isupper():
        return word[:1].upper() + word[1:]
    return word
