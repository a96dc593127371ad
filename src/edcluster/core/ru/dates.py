"""Dates and times as Russian documents write them.

Styles of :func:`format_date`:

- ``short`` — "26 февраля 2025 г." (the space before "г." is a no-break space),
- ``long`` — "14 ноября 2025 года",
- ``numeric`` — "26.02.2025",
- ``month`` — "февраль 2025 г.",
- ``in_month`` — "в марте 2025 года".

Aware datetimes are shown in Moscow time, which is where the platform's
documents are dated; naive ones are taken as already local.
"""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

# fmt: off
MONTHS_NOMN: tuple[str, ...] = (
    "январь", "февраль", "март", "апрель", "май", "июнь",
    "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь",
)
MONTHS_GENT: tuple[str, ...] = (
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
)
MONTHS_PREP: tuple[str, ...] = (
    "январе", "феврале", "марте", "апреле", "мае", "июне",
    "июле", "августе", "сентябре", "октябре", "ноябре", "декабре",
)
# fmt: on

MOSCOW = ZoneInfo("Europe/Moscow")
STYLES: tuple[str, ...] = ("short", "long", "numeric", "month", "in_month")

_NBSP = "\u00a0"
_EN_DASH = "\u2013"
_YEAR_SUFFIX = {"short": f"{_NBSP}г.", "month": f"{_NBSP}г.", "long": " года", "in_month": " года"}


def format_date(d: date | datetime, style: str = "short") -> str:
    """Write the date *d* in one of :data:`STYLES`.

    ``format_date(date(2025, 2, 26))`` gives "26 февраля 2025 г." with a
    no-break space before "г."; an aware datetime is first converted to
    Europe/Moscow, so 2025-02-25 22:30 UTC is "26 февраля 2025 г.".
    """
    day = _local_date(d)
    _check_style(style)
    if style == "numeric":
        return f"{day.day:02d}.{day.month:02d}.{day.year}"
    if style in ("month", "in_month"):
        return _months(day, day, style)
    return f"{day.day} {MONTHS_GENT[day.month - 1]} {day.year}{_YEAR_SUFFIX[style]}"


def format_date_range(start: date | datetime, end: date | datetime | None, style: str = "short") -> str:
    """Write the period from *start* to *end* (inclusive) as compactly as Russian allows.

    One day (or no *end*) is :func:`format_date`; within a month
    "10–12 апреля 2023 г." (en dash, no spaces); within a year
    "28 февраля – 2 марта 2025 г."; across years
    "30 декабря 2024 г. – 10 января 2025 г.". The ``month`` and ``in_month``
    styles compare whole months ("февраль–март 2025 г."), ``numeric`` writes
    both dates in full. Raises ``ValueError`` when *end* is before *start*.
    """
    _check_style(style)
    first = _local_date(start)
    last = _local_date(end) if end is not None else first
    if last < first:
        raise ValueError(f"the period ends ({last}) before it starts ({first})")
    if style in ("month", "in_month"):
        return _months(first, last, style)
    if first == last:
        return format_date(first, style)
    if style == "numeric":
        return f"{format_date(first, style)}{_EN_DASH}{format_date(last, style)}"
    suffix = _YEAR_SUFFIX[style]
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}{_EN_DASH}{last.day} {MONTHS_GENT[last.month - 1]} {last.year}{suffix}"
    if first.year == last.year:
        return f"{first.day} {MONTHS_GENT[first.month - 1]} {_EN_DASH} {format_date(last, style)}"
    return f"{format_date(first, style)} {_EN_DASH} {format_date(last, style)}"


def format_time_range(start: time, end: time | None) -> str:
    """Write a time or a span of time of day: "10:00–12:30", "9:00".

    Hours go without a leading zero, as in Russian programmes and
    timetables; the en dash between the times has no spaces.
    """
    if end is None or end == start:
        return _clock(start)
    return f"{_clock(start)}{_EN_DASH}{_clock(end)}"


def _clock(t: time) -> str:
    return f"{t.hour}:{t.minute:02d}"


def _check_style(style: str) -> None:
    if style not in STYLES:
        raise ValueError(f"unknown date style {style!r}; expected one of {', '.join(STYLES)}")


def _local_date(d: date | datetime) -> date:
    if isinstance(d, datetime):
        if d.tzinfo is not None and d.utcoffset() is not None:
            d = d.astimezone(MOSCOW)
        return d.date()
    return d


def _months(first: date, last: date, style: str) -> str:
    """The month (or months) of a period: "февраль 2025 г.", "в феврале–марте 2025 года"."""
    names = MONTHS_NOMN if style == "month" else MONTHS_PREP
    prefix = "" if style == "month" else "в "
    suffix = _YEAR_SUFFIX[style]
    first_name, last_name = names[first.month - 1], names[last.month - 1]
    if (first.year, first.month) == (last.year, last.month):
        return f"{prefix}{first_name} {first.year}{suffix}"
    if first.year == last.year:
        return f"{prefix}{first_name}{_EN_DASH}{last_name} {last.year}{suffix}"
    return f"{prefix}{first_name} {first.year}{suffix} {_EN_DASH} {last_name} {last.year}{suffix}"
