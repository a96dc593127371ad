"""Numbers with words: "15 педагогов из 11 образовательных организаций".

A counted phrase is given in the nominative singular ("образовательная
организация", "субъект Российской Федерации"). Its *head* — the leading
adjectives and the first noun — agrees with the number and the case; whatever
follows the head noun (a genitive tail like "Российской Федерации") is already
governed by the head and stays as written.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from edcluster.core.ru._morph import analyzer, check_case, match_spelling

if TYPE_CHECKING:
    from pymorphy3.analyzer import Parse

_WORD_RE = re.compile(r"[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)*")
_TOKEN_RE = re.compile(r"\S+")
_ADJECTIVE_POS = frozenset({"ADJF", "PRTF"})
_ADJECTIVE_ENDINGS = ("ый", "ий", "ой", "ая", "яя", "ое", "ее")
_ADJECTIVE_GENITIVES = ("ого", "его", "ой", "ей")
# After a number these nouns use a counting form instead of the dictionary's
# genitive plural: "5 человек" (not "людей"), "5 лет" (not "годов").
_COUNTED_GENITIVE_PLURAL = {"человек": "человек", "год": "лет"}
# The dictionary's nominative plural is the bookish one: "учители" means
# mentors of a school of thought, school teachers are "учителя".
_NOMINATIVE_PLURAL = {"учитель": "учителя"}


def plural_form(n: int, one: str, few: str, many: str) -> str:
    """Pick the form that Russian uses after the number *n*.

    *one* is used after 1, 21, 101…, *few* after 2–4, 22–24…, *many* after
    0, 5–20, 25–30, 111–114…: ``plural_form(2, "педагог", "педагога",
    "педагогов") == "педагога"``. Negative numbers agree like their absolute
    value.
    """
    return {"one": one, "few": few, "many": many}[_number_kind(n)]


def count_phrase(n: int, phrase: str, case: str = "nomn") -> str:
    """Write the number *n* followed by *phrase* agreeing with it in *case*.

    ``count_phrase(11, "образовательная организация")`` gives
    "11 образовательных организаций"; with ``case="gent"`` and 21 it gives
    "21 образовательной организации". Numbers of five digits and more are
    grouped by three with no-break spaces ("10 000"), as Russian typesetting
    does. Words the dictionary does not know are left as written.
    """
    words = count_word(n, phrase, case)
    return f"{_format_number(n)} {words}" if words else _format_number(n)


def count_word(n: int, phrase: str, case: str = "nomn") -> str:
    """Return *phrase* in the form it takes after the number *n*, without the number.

    ``count_word(15, "педагог") == "педагогов"``; see :func:`count_phrase`
    for the rules and the treatment of the phrase's tail.
    """
    check_case(case)
    head = _analyse(phrase)
    if head is None:
        return phrase
    noun_form, adjective_form = _agreement(n, case, head)
    return head.render(noun_form, adjective_form, counted=True)


def inflect_phrase(phrase: str, case: str, plural: bool = False) -> str:
    """Put a nominative-singular *phrase* into *case* (and the plural if asked).

    ``inflect_phrase("образовательная организация", "gent")`` gives
    "образовательной организации"; the capitalisation of each word is kept
    ("Детский сад" → "Детского сада") and a governed tail stays as written.
    """
    check_case(case)
    head = _analyse(phrase)
    if head is None:
        return phrase
    form = ("plur" if plural else "sing", case)
    return head.render(form, form, counted=False)


def _number_kind(n: int) -> str:
    n = abs(n)
    if n % 10 == 1 and n % 100 != 11:
        return "one"
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return "few"
    return "many"


def _format_number(n: int) -> str:
    digits = str(abs(n))
    if len(digits) >= 5:
        digits = f"{abs(n):,}".replace(",", "\u00a0")
    return f"\u2212{digits}" if n < 0 else digits


@dataclass(frozen=True)
class _Head:
    """The agreeing words at the start of a phrase and what they agree with."""

    tokens: tuple[str, ...]
    parses: tuple[Parse, ...]
    adjectival: tuple[bool, ...]  # declines like an adjective ("учёный", "заведующая")
    gender: str
    animate: bool
    prefix: str  # whitespace before the first word
    tail: str  # the rest of the phrase, from the whitespace after the head noun

    def render(self, noun_form: tuple[str, str], adjective_form: tuple[str, str], counted: bool) -> str:
        words = []
        for token, parse, adjectival in zip(self.tokens, self.parses, self.adjectival, strict=True):
            number, case = adjective_form if adjectival else noun_form
            form = None
            if counted and not adjectival and (number, case) == ("plur", "gent"):
                form = _COUNTED_GENITIVE_PLURAL.get(parse.normal_form)
            if not adjectival and (number, case) == ("plur", "nomn"):
                form = _NOMINATIVE_PLURAL.get(parse.normal_form)
            if form is None:
                form = self._inflect(parse, number, case, adjectival)
            words.append(match_spelling(form, token) if form else token)
        return self.prefix + " ".join(words) + self.tail

    def _inflect(self, parse: Parse, number: str, case: str, adjectival: bool) -> str | None:
        grammemes = {number, case}
        if adjectival and number == "sing" and parse.tag.POS in _ADJECTIVE_POS:
            grammemes.add(self.gender)
        if adjectival and case == "accs" and (number == "plur" or self.gender == "masc"):
            # Masculine and plural adjectives take the genitive form in the
            # accusative only with animate nouns: "вижу нового педагога" but
            # "вижу новый сад"; the dictionary marks those forms anim/inan.
            grammemes.add("anim" if self.animate else "inan")
        inflected = parse.inflect(grammemes)
        if inflected is None and grammemes & {"anim", "inan"}:
            inflected = parse.inflect(grammemes - {"anim", "inan"})
        return inflected.word if inflected is not None else None


def _agreement(n: int, case: str, head: _Head) -> tuple[tuple[str, str], tuple[str, str]]:
    """(number, case) for the head noun and for its adjectives after the number *n*."""
    kind = _number_kind(n)
    n = abs(n)
    if case in ("nomn", "accs"):
        if case == "accs" and head.animate and 2 <= n <= 4:
            # Only the simple numerals 2–4 take the animate accusative
            # ("вижу двух педагогов"); compound ones do not ("двадцать два педагога").
            return ("plur", "gent"), ("plur", "gent")
        if kind == "one":
            return ("sing", case), ("sing", case)
        if kind == "few":
            # "2 педагога", "22 детских сада", but feminine adjectives take the
            # nominative plural: "2 образовательные организации", "3 заведующие".
            adjective_case = "nomn" if head.gender == "femn" else "gent"
            return ("sing", "gent"), ("plur", adjective_case)
        return ("plur", "gent"), ("plur", "gent")
    if kind == "one":
        return ("sing", case), ("sing", case)
    if n == 0 or n % 1000 == 0:
        # "ноль", "тысяча", "миллион" are nouns that govern the genitive
        # plural in every case: "с 1000 педагогов" (с тысячей педагогов).
        return ("plur", "gent"), ("plur", "gent")
    return ("plur", case), ("plur", case)


def _nominative(parses: list[Parse], pos: frozenset[str]) -> Parse | None:
    return next(
        (p for p in parses if p.tag.POS in pos and "nomn" in p.tag and "sing" in p.tag),
        None,
    )


def _gender(parse: Parse) -> str:
    """The grammatical gender; common-gender nouns ("коллега") agree as masculine."""
    return str(parse.tag.gender) if parse.tag.gender and "ms-f" not in parse.tag else "masc"


def _declines_like_adjective(noun: Parse) -> bool:
    """True for nouns that are adjectives by form: "учёный", "столовая", "рабочий"."""
    if not noun.word.endswith(_ADJECTIVE_ENDINGS):
        return False
    genitive = noun.inflect({"sing", "gent"})
    return genitive is not None and genitive.word.endswith(_ADJECTIVE_GENITIVES)


@functools.lru_cache(maxsize=2048)
def _analyse(phrase: str) -> _Head | None:
    """Find the agreeing head of *phrase*, or None when no word of it can be declined."""
    matches = list(_TOKEN_RE.finditer(phrase))
    parsed = [analyzer().parse(m.group().lower()) if _WORD_RE.fullmatch(m.group()) else [] for m in matches]
    nouns = [_nominative(parses, frozenset({"NOUN"})) for parses in parsed]
    chosen: list[Parse] = []
    adjectival: list[bool] = []
    noun: Parse | None = None
    for index, parses in enumerate(parsed):
        adjective = _nominative(parses, _ADJECTIVE_POS)
        following = nouns[index + 1] if index + 1 < len(nouns) else None
        if adjective is not None and (
            nouns[index] is None or (following is not None and following.tag.gender == adjective.tag.gender)
        ):
            # An adjective before its noun; "учёный секретарь" reads "учёный"
            # as an adjective because a noun of its gender follows.
            chosen.append(adjective)
            adjectival.append(True)
            continue
        noun = nouns[index]
        if noun is not None:
            chosen.append(noun)
            adjectival.append(_declines_like_adjective(noun))
        break
    if not chosen:
        return None
    last = chosen[-1]
    if noun is not None:
        gender, animate = _gender(noun), noun.tag.animacy == "anim"
    else:
        # A substantivised adjective is the head ("заведующая"); participles
        # name people, adjectives mostly name places and things ("столовая").
        gender, animate = _gender(last), last.tag.POS == "PRTF"
    end = matches[len(chosen) - 1].end()
    return _Head(
        tokens=tuple(m.group() for m in matches[: len(chosen)]),
        parses=tuple(chosen),
        adjectival=tuple(adjectival),
        gender=gender,
        animate=animate,
        prefix=phrase[: matches[0].start()],
        tail=phrase[end:],
    )
