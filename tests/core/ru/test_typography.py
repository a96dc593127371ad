"""Typographic clean-up: no-break spaces, dashes, initials, quotes; idempotent."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from edcluster.core import ru

NBSP = "\u00a0"

CASES = [
    ("ДО №3349/2229", f"ДО №{NBSP}3349/2229"),
    ("№ 1", f"№{NBSP}1"),
    ("МАДОУ №  24", f"МАДОУ №{NBSP}24"),
    ("протоколы №№ 1–3", f"протоколы №№{NBSP}1–3"),
    ("в 2025 г.", f"в 2025{NBSP}г."),
    ("в 2025г.", f"в 2025{NBSP}г."),
    ("в 2023–2025 гг.", f"в 2023–2025{NBSP}гг."),
    ("от 26 февраля 2025 года", "от 26 февраля 2025 года"),
    ("Е.Б. Грязева", f"Е.Б.{NBSP}Грязева"),
    ("Е. Б. Грязева", f"Е.Б.{NBSP}Грязева"),
    ("Грязева Е.Б.", f"Грязева{NBSP}Е.Б."),
    ("Грязева Е. Б.", f"Грязева{NBSP}Е.Б."),
    ("Методист опорной школы Грязева Е.Б.", f"Методист опорной школы Грязева{NBSP}Е.Б."),
    ("им. А.А.Филева", f"им. А.А.{NBSP}Филева"),
    ("Слушали Е.Б. Грязеву", f"Слушали Е.Б.{NBSP}Грязеву"),
    ("Грязева Е.Б. Мохина Е.Д.", f"Грязева{NBSP}Е.Б. Мохина{NBSP}Е.Д."),
    ("Выступила Грязева Е.Б. Она рассказала", f"Выступила Грязева{NBSP}Е.Б. Она рассказала"),
    ("Мамина-Сибиряк А.С.", f"Мамина-Сибиряк{NBSP}А.С."),
    ("проблеме дня - «Дроппинг»", "проблеме дня – «Дроппинг»"),
    ("родители - партнёры", "родители – партнёры"),
    ("педагог-ребенок-родитель", "педагог-ребенок-родитель"),
    ("аудио- и видеозаписи", "аудио- и видеозаписи"),
    ("открытая  система,   и", "открытая система, и"),
    ("строка   \nследующая", "строка\nследующая"),
    ('АО "Россельхозбанк"', "АО «Россельхозбанк»"),
    (
        'Пономарева О.А., управляющий ДО №3349/2229 АО "Россельхозбанк"',
        f"Пономарева{NBSP}О.А., управляющий ДО №{NBSP}3349/2229 АО «Россельхозбанк»",
    ),
    ("", ""),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_typograph(text: str, expected: str) -> None:
    assert ru.typograph(text) == expected


@pytest.mark.parametrize("text", [text for text, _ in CASES])
def test_typograph_is_idempotent_on_examples(text: str) -> None:
    once = ru.typograph(text)
    assert ru.typograph(once) == once


TYPO_TEXT = st.text(alphabet=list("аЕБГрязева .,№12г-–\"«»„“'\n"), max_size=40)


@settings(max_examples=300, deadline=None)
@given(TYPO_TEXT)
def test_typograph_is_idempotent(text: str) -> None:
    once = ru.typograph(text)
    assert ru.typograph(once) == once
