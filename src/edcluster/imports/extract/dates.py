"""Dates as documents write them: "от 26 февраля 2025", "10-12 апреля", "26.02.2025", "14 ноября 2025 года"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

MONTHS = {
    "январ": 1, "феврал": 2, "март": 3, "апрел": 4, "ма": 5, "июн": 6,
    "июл": 7, "август": 8, "сентябр": 9, "октябр": 10, "ноябр": 11, "декабр": 12,
}  # fmt: skip
_MONTH = (
    r"(?P<month>январ[яь]|феврал[яь]|марта?|апрел[яь]|ма[яй]|июн[яь]|июл[яь]|августа?"
    r"|сентябр[яь]|октябр[яь]|ноябр[яь]|декабр[яь])"
)
_WORD_DATE = re.compile(
    r"(?<!\d)(?P<day>\d{1,2})(?:\s*(?:[-–—]|по|и)\s*(?P<day2>\d{1,2}))?\s+"
    + _MONTH
    + r"(?:\s+(?P<year>(?:19|20)\d\d))?",
    re.IGNORECASE,
)
_NUMERIC_DATE = re.compile(r"(?<![\d.])(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>(?:19|20)?\d\d)(?![\d.]\d)")


@dataclass
class DateMention:
    start: int
    end: int
    first: date | None
    last: date | None
    has_year: bool


def _month(word: str) -> int:
    word = word.lower()
    for stem, number in MONTHS.items():
        if word.startswith(stem) and (stem != "ма" or word in ("мая", "май")):
            return number
    return 0


def _make(year: int | None, month: int, day: int) -> date | None:
    if year is None:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def find_dates(text: str) -> list[DateMention]:
    """Every date of *text* in order; a date without a year takes the year of the nearest dated one."""
    raw = []
    for match in _WORD_DATE.finditer(text):
        month = _month(match.group("month"))
        year = int(match.group("year")) if match.group("year") else None
        day2 = int(match.group("day2")) if match.group("day2") else None
        raw.append((match.start(), match.end(), year, month, int(match.group("day")), day2))
    for match in _NUMERIC_DATE.finditer(text):
        year = int(match.group("year"))
        if year < 100:
            year += 2000
        raw.append((match.start(), match.end(), year, int(match.group("month")), int(match.group("day")), None))
    dated = [(r[0], r[2]) for r in raw if r[2]]
    mentions = []
    for start, end, year, month, day, day2 in sorted(raw):
        # A date written without a year takes the year of the nearest date that has one.
        y = year or (min(dated, key=lambda d: abs(d[0] - start))[1] if dated else None)
        first = _make(y, month, day)
        last = _make(y, month, day2) if day2 else None
        if first is None:
            continue
        mentions.append(DateMention(start, end, first, last, year is not None))
    return mentions
