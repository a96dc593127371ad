"""Dates, date ranges and times as Russian documents write them."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone

import pytest

from edcluster.core import ru

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("day", "style", "expected"),
    [
        (date(2025, 2, 26), "short", f"26 февраля 2025{NBSP}г."),
        (date(2025, 11, 14), "long", "14 ноября 2025 года"),
        (date(2025, 2, 26), "numeric", "26.02.2025"),
        (date(2025, 2, 26), "month", f"февраль 2025{NBSP}г."),
        (date(2025, 3, 1), "in_month", "в марте 2025 года"),
        (date(2025, 1, 1), "short", f"1 января 2025{NBSP}г."),
        (date(2025, 1, 1), "long", "1 января 2025 года"),
        (date(2025, 1, 1), "numeric", "01.01.2025"),
        (date(2025, 1, 1), "month", f"январь 2025{NBSP}г."),
        (date(2025, 1, 1), "in_month", "в январе 2025 года"),
        (date(2024, 12, 31), "short", f"31 декабря 2024{NBSP}г."),
        (date(2024, 12, 31), "long", "31 декабря 2024 года"),
        (date(2024, 12, 31), "numeric", "31.12.2024"),
        (date(2024, 12, 31), "month", f"декабрь 2024{NBSP}г."),
        (date(2024, 12, 31), "in_month", "в декабре 2024 года"),
        (date(2023, 5, 9), "in_month", "в мае 2023 года"),
        (date(2023, 8, 30), "long", "30 августа 2023 года"),
    ],
)
def test_format_date(day: date, style: str, expected: str) -> None:
    assert ru.format_date(day, style) == expected


def test_short_is_the_default_style() -> None:
    assert ru.format_date(date(2025, 2, 26)) == f"26 февраля 2025{NBSP}г."


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        # 21:30 UTC on New Year's Eve is already half past midnight in Moscow.
        (datetime(2024, 12, 31, 21, 30, tzinfo=UTC), f"1 января 2025{NBSP}г."),
        (datetime(2025, 2, 25, 20, 59, tzinfo=UTC), f"25 февраля 2025{NBSP}г."),
        (datetime(2025, 2, 25, 21, 0, tzinfo=UTC), f"26 февраля 2025{NBSP}г."),
        # Vladivostok (UTC+10) is ahead of Moscow: its early morning is Moscow's previous evening.
        (datetime(2025, 3, 1, 5, 0, tzinfo=timezone(timedelta(hours=10))), f"28 февраля 2025{NBSP}г."),
        # A naive datetime is taken as local time already.
        (datetime(2024, 12, 31, 23, 30), f"31 декабря 2024{NBSP}г."),
    ],
)
def test_aware_datetimes_are_dated_in_moscow(moment: datetime, expected: str) -> None:
    assert ru.format_date(moment) == expected


@pytest.mark.parametrize(
    ("start", "end", "style", "expected"),
    [
        (date(2025, 2, 26), None, "short", f"26 февраля 2025{NBSP}г."),
        (date(2025, 2, 26), date(2025, 2, 26), "long", "26 февраля 2025 года"),
        (date(2023, 4, 10), date(2023, 4, 12), "short", f"10–12 апреля 2023{NBSP}г."),
        (date(2023, 4, 10), date(2023, 4, 12), "long", "10–12 апреля 2023 года"),
        (date(2025, 2, 28), date(2025, 3, 2), "short", f"28 февраля – 2 марта 2025{NBSP}г."),
        (date(2025, 2, 28), date(2025, 3, 2), "long", "28 февраля – 2 марта 2025 года"),
        (date(2024, 12, 30), date(2025, 1, 10), "short", f"30 декабря 2024{NBSP}г. – 10 января 2025{NBSP}г."),
        (date(2024, 12, 30), date(2025, 1, 10), "long", "30 декабря 2024 года – 10 января 2025 года"),
        (date(2023, 4, 10), date(2023, 4, 12), "numeric", "10.04.2023–12.04.2023"),
        (date(2025, 2, 3), date(2025, 2, 20), "month", f"февраль 2025{NBSP}г."),
        (date(2025, 2, 3), date(2025, 3, 20), "month", f"февраль–март 2025{NBSP}г."),
        (date(2024, 12, 3), date(2025, 1, 20), "month", f"декабрь 2024{NBSP}г. – январь 2025{NBSP}г."),
        (date(2025, 2, 3), date(2025, 3, 20), "in_month", "в феврале–марте 2025 года"),
    ],
)
def test_format_date_range(start: date, end: date | None, style: str, expected: str) -> None:
    assert ru.format_date_range(start, end, style) == expected


def test_a_range_cannot_end_before_it_starts() -> None:
    with pytest.raises(ValueError, match="before it starts"):
        ru.format_date_range(date(2025, 3, 2), date(2025, 2, 28))


def test_unknown_style_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown date style"):
        ru.format_date(date(2025, 2, 26), "iso")


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (time(10, 0), time(12, 30), "10:00–12:30"),
        (time(9, 0), time(10, 45), "9:00–10:45"),
        (time(14, 5), None, "14:05"),
        (time(8, 30), time(8, 30), "8:30"),
    ],
)
def test_format_time_range(start: time, end: time | None, expected: str) -> None:
    assert ru.format_time_range(start, end) == expected


@pytest.mark.parametrize(
    ("months", "index", "expected"),
    [
        (ru.MONTHS_GENT, 0, "января"),
        (ru.MONTHS_GENT, 2, "марта"),
        (ru.MONTHS_GENT, 11, "декабря"),
        (ru.MONTHS_NOMN, 0, "январь"),
        (ru.MONTHS_NOMN, 4, "май"),
        (ru.MONTHS_PREP, 2, "марте"),
        (ru.MONTHS_PREP, 11, "декабре"),
    ],
)
def test_month_names(months: tuple[str, ...], index: int, expected: str) -> None:
    assert len(months) == 12
    assert months[index] == expected
