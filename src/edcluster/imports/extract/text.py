"""Sentences and noun phrases of Russian documents: abbreviations ("г.", "с.", "им.", "Е.Б.") do not end a sentence."""

from __future__ import annotations

import functools
import re

from edcluster.core.ru._morph import analyzer

_END = re.compile(r"[.!?]+(?=\s+[А-ЯЁ«\d])|\n")
_ABBREVIATIONS = frozenset(
    "г с д п им ул пос пгт обл р-н т тел исх см стр рис др пр проф доц акад каб".split()  # noqa: SIM905
)


def _is_abbreviation(text: str, dot: int) -> bool:
    match = re.search(r"([\w-]+)$", text[max(0, dot - 8) : dot])
    if not match:
        return False
    word = match.group(1)
    return word.lower() in _ABBREVIATIONS or (len(word) == 1 and word.isupper())


def sentence_bounds(text: str, position: int) -> tuple[int, int]:
    """Start and end of the sentence around *position*."""
    start = 0
    for match in _END.finditer(text, 0, position):
        if match.group() == "\n" or not _is_abbreviation(text, match.start()):
            start = match.end()
    end = len(text)
    for match in _END.finditer(text, position):
        if match.group() == "\n" or not _is_abbreviation(text, match.start()):
            end = match.start()
            break
    return start, end


def sentence(text: str, position: int) -> str:
    start, end = sentence_bounds(text, position)
    return text[start:end]


def first_sentence(text: str) -> str:
    """*text* up to its first sentence end."""
    return text[: sentence_bounds(text, 0)[1]]


@functools.lru_cache(maxsize=4096)
def nominative_head(phrase: str) -> str:
    """The leading adjectives and noun of *phrase* in the nominative, the rest as is.

    "учителя начальных классов" → "учитель начальных классов", "Управлению образования" →
    "Управление образования", "Подосиновской центральной библиотеки им. …" → "Подосиновская центральная
    библиотека им. …". A phrase already in the nominative is returned unchanged.
    """
    words = phrase.split(" ")
    first = words[0].strip(",;:").lower() if words else ""
    if not _is_word(first) or any({"nomn", "sing"} <= set(p.tag.grammemes) for p in analyzer().parse(first)[:3]):
        return phrase
    out: list[str] = []
    for index, word in enumerate(words):
        bare = word.strip(",;:")
        if not _is_word(bare) or (bare.isupper() and len(bare) > 1):
            return " ".join(out + words[index:])
        parses = analyzer().parse(bare.lower())
        noun = next((p for p in parses if p.tag.POS == "NOUN"), None)
        adjective = next((p for p in parses if p.tag.POS in ("ADJF", "PRTF")), None)
        best = noun if noun is not None and (adjective is None or parses[0].tag.POS == "NOUN") else adjective
        if best is None:
            return " ".join(out + words[index:])
        if "nomn" in best.tag and not (noun is not None and best is noun and "nomn" not in noun.tag):
            if best is noun or best.tag.POS == "NOUN":
                return " ".join(out + words[index:])
            out.append(word)
            continue
        gender = None
        if best.tag.POS == "NOUN":
            form = best.inflect({"nomn", "sing"} if "sing" in best.tag else {"nomn"})
        else:
            head = _following_noun(words[index + 1 :])
            gender = head.tag.gender if head is not None else None
            form = best.inflect({"nomn", "sing", gender} if gender else {"nomn", "sing"})
        new = form.word if form else bare
        new = new.capitalize() if bare[:1].isupper() else new
        out.append(word.replace(bare, new))
        if best.tag.POS == "NOUN":
            return " ".join(out + words[index + 1 :])
    return " ".join(out)


def _is_word(word: str) -> bool:
    """Letters, or letters joined by hyphens ("гуманитарно-педагогический")."""
    return bool(word) and word.replace("-", "").isalpha() and not word.startswith("-") and not word.endswith("-")


def _following_noun(words: list[str]):
    for word in words:
        bare = word.strip(",;:")
        if not _is_word(bare):
            return None
        for parse in analyzer().parse(bare.lower()):
            if parse.tag.POS == "NOUN":
                return parse
    return None


def unwrap(text: str) -> str:
    """*text* with the line breaks inside a paragraph (lines wrapped as in a copied PDF) made spaces; same length,
    so positions stay. A break stays where the line ends a sentence or a heading, or the next line starts a list
    item or a label."""

    def join(match: re.Match[str]) -> str:
        before, after = match.group(1), match.group(2)
        if before in ".:;!?" or re.match(r"[\d•·–—-]", after):
            return match.group()
        return before + " " + after

    return re.sub(r"(?<=[^\n]{40})(\S)\n(?=\S)(\S)", join, text)
