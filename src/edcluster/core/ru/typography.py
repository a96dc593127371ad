"""Typographic clean-up of Russian text: no-break spaces, dashes, quotes.

The rules are the ones a careful Russian secretary applies by hand: "№" is
never left alone at a line end, neither is "г." after a year nor a surname
without its initials; a hyphen standing between words is a dash; quotes are
«ёлочки». :func:`typograph` is idempotent, so it may run over text that has
already been through it (a document regenerated from stored text).
"""

from __future__ import annotations

import functools
import re

from edcluster.core.ru._morph import analyzer
from edcluster.core.ru.quotes import normalize_quotes

NBSP = "\u00a0"
_SPACES_RE = re.compile(r"[ \t\u00a0]{2,}")
_LINE_EDGE_RE = re.compile(r"^[ \t]+|[ \t]+$", re.MULTILINE)
_NUMERO_RE = re.compile(r"(№№?)[ \u00a0]*(?=[0-9A-Za-zА-ЯЁа-яё])")
_YEAR_RE = re.compile(r"(?<!\d)(\d{4})[ \u00a0]*(гг?\.)(?![А-ЯЁа-яё])")
# The space after the hyphen is only looked at, so that "a - - b" turns both hyphens in one pass.
_DASH_RE = re.compile(r"(?<=\S)[ \u00a0]+(?:-|--)(?=[ \u00a0]+\S)")
# One or two initials ("Е.", "Е.Б.", "Е. Б."), not glued to a preceding letter.
_INITIALS_RE = re.compile(r"(?<![А-ЯЁа-яёA-Za-z.])([А-ЯЁ])\.(?:[ \u00a0]?([А-ЯЁ])\.)?")
_SURNAME = r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?"
_SURNAME_BEFORE_RE = re.compile(rf"(?<![А-ЯЁа-яё-])({_SURNAME})([ \u00a0]?)$")
_SURNAME_AFTER_RE = re.compile(rf"([ \u00a0]?)({_SURNAME})(?![А-ЯЁа-яё-])")


def typograph(text: str) -> str:
    """Apply Russian typographic rules to *text*.

    Straight and foreign quotes become «…» („…“ inside); repeated spaces are
    collapsed and spaces at line ends dropped; a no-break space follows "№"
    ("№3349" → "№ 3349") and precedes "г."/"гг." after a year; initials are
    written together and tied to the surname in either order ("Е. Б. Грязева"
    → "Е.Б. Грязева", "Грязева Е.Б."); a hyphen standing alone between words
    becomes a spaced en dash " – ". Applying it twice gives the same text.
    """
    text = normalize_quotes(text)
    text = _SPACES_RE.sub(lambda m: NBSP if NBSP in m.group() else " ", text)
    text = _LINE_EDGE_RE.sub("", text)
    text = _NUMERO_RE.sub(rf"\1{NBSP}", text)
    text = _YEAR_RE.sub(rf"\1{NBSP}\2", text)
    text = _tie_initials(text)
    return _DASH_RE.sub(" \u2013", text)


def _tie_initials(text: str) -> str:
    """Write initials together and bind them with a no-break space to their surname."""
    out: list[str] = []
    position = 0
    for match in _INITIALS_RE.finditer(text):
        initials = "".join(f"{letter}." for letter in match.groups() if letter)
        before = _SURNAME_BEFORE_RE.search(text, position, match.start())
        after = _SURNAME_AFTER_RE.match(text, match.end())
        side = _surname_side(text, before, after)
        if side == "before" and before is not None:
            out.append(text[position : before.start(2)] + NBSP)
            out.append(initials)
            position = match.end()
        elif side == "after" and after is not None:
            out.append(text[position : match.start()] + initials + NBSP)
            position = after.end(1)
        else:
            out.append(text[position : match.start()] + initials)
            position = match.end()
    out.append(text[position:])
    return "".join(out)


def _surname_side(text: str, before: re.Match[str] | None, after: re.Match[str] | None) -> str | None:
    """Decide whether *initials* belong to the surname before them, after them, or to none.

    A no-break space already tying them keeps its side (so typograph is
    idempotent). When a capitalised word stands on both sides, the one that
    looks like a surname wins ("Слушали Е.Б. Грязеву" → after; "Грязева Е.Б.
    Она…" → before); in a list "Грязева Е.Б. Мохина Е.Д." the word after is
    the next person's surname, so the initials go with the one before.
    """
    if before is not None and before.group(2) == NBSP:
        return "before"
    if after is not None and after.group(1) == NBSP:
        return "after"
    if before is None or after is None:
        return "before" if before is not None else "after" if after is not None else None
    before_like, after_like = _looks_like_surname(before.group(1)), _looks_like_surname(after.group(2))
    if before_like != after_like:
        return "before" if before_like else "after"
    following = after.end() + (text[after.end() : after.end() + 1] in (" ", NBSP))
    return "before" if _INITIALS_RE.match(text, following) else "after"


@functools.lru_cache(maxsize=4096)
def _looks_like_surname(word: str) -> bool:
    """True for words the dictionary knows as surnames, or does not know at all."""
    lower = word.lower()
    if not analyzer().word_is_known(lower):
        return True
    return any("Surn" in parse.tag for parse in analyzer().parse(lower))
