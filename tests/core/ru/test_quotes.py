"""Russian quotation marks: «» outside, „“ inside, whatever the source wrote."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from edcluster.core import ru


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('Школа "Ровесник"', "Школа «Ровесник»"),
        ("АО “Россельхозбанк”", "АО «Россельхозбанк»"),
        ("АО „Россельхозбанк“", "АО «Россельхозбанк»"),
        ("АО ''Россельхозбанк''", "АО «Россельхозбанк»"),
        ('ДДТ "Школа "Ровесник""', "ДДТ «Школа „Ровесник“»"),
        ('""Ровесник" и школа"', "«„Ровесник“ и школа»"),
        ("«Школа «Ровесник»»", "«Школа „Ровесник“»"),
        ("«Школа “Ровесник”»", "«Школа „Ровесник“»"),
        ('«Школа "Ровесник"»', "«Школа „Ровесник“»"),
        ('проект "Я в агро", программа "Точка роста"', "проект «Я в агро», программа «Точка роста»"),
        ('("Школа")', "(«Школа»)"),
        ('карта "Пушкинская".', "карта «Пушкинская»."),
        ("О'Нил и д'Артаньян", "О'Нил и д'Артаньян"),
        ('О\'Нил сказал "да"', "О'Нил сказал «да»"),
        ("без кавычек", "без кавычек"),
        ("", ""),
    ],
)
def test_normalize_quotes(text: str, expected: str) -> None:
    assert ru.normalize_quotes(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('Школа "Ровесник"', "«Школа „Ровесник“»"),
        ("Ровесник", "«Ровесник»"),
        ("«Ровесник»", "«Ровесник»"),
        ('"Ровесник"', "«Ровесник»"),
        ("  Ровесник ", "«Ровесник»"),
        ("«А» и «Б»", "«„А“ и „Б“»"),
        ("«Открытое образовательное пространство»", "«Открытое образовательное пространство»"),
        ('Школа "Ровесник', "«Школа „Ровесник“»"),
        ("", ""),
    ],
)
def test_quote(text: str, expected: str) -> None:
    assert ru.quote(text) == expected


@pytest.mark.parametrize("text", ['Школа "Ровесник"', "«Ровесник»", "«А» и «Б»", 'ДДТ "Школа "Ровесник""', 'x"y', "»«"])
def test_quote_never_doubles(text: str) -> None:
    once = ru.quote(text)
    assert ru.quote(once) == once
    assert once.startswith("«")
    assert once.endswith("»")


QUOTE_TEXT = st.text(alphabet=list("аб Ш.,!()-'\"«»„“”"), max_size=30)


@settings(max_examples=300, deadline=None)
@given(QUOTE_TEXT)
def test_normalize_quotes_is_idempotent(text: str) -> None:
    once = ru.normalize_quotes(text)
    assert ru.normalize_quotes(once) == once
    assert '"' not in once
    assert "”" not in once


@settings(max_examples=300, deadline=None)
@given(QUOTE_TEXT)
def test_quote_is_idempotent(text: str) -> None:
    once = ru.quote(text)
    assert ru.quote(once) == once
