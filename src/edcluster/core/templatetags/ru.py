"""Template filters that speak Russian through ``core.ru`` (builtins: no ``{% load %}`` needed).

{{ meeting.date|ru_date }}            → 26 февраля 2025 г.
{{ meeting.date|ru_date:"long" }}     → 26 февраля 2025 года
{{ n|ru_count:"образовательная организация" }} → 11 образовательных организаций
{{ title|ru_quote }}                  → «Журавушка»
{{ person|ru_short_name }}            → Грязева Е.Б.
"""

from __future__ import annotations

from typing import Any

from django import template

from edcluster.core import ru

register = template.Library()


@register.filter
def ru_date(value: Any, style: str = "short") -> str:
    return ru.format_date(value, style) if value else ""


@register.filter
def ru_count(value: Any, phrase: str) -> str:
    if value in (None, ""):
        return ""
    phrase, _sep, case = phrase.partition("|")
    return ru.count_phrase(int(value), phrase, case or "nomn")


@register.filter
def ru_quote(value: Any) -> str:
    return ru.quote(str(value)) if value else ""


@register.filter
def typograph(value: Any) -> str:
    return ru.typograph(str(value)) if value else ""


def _name(person: Any) -> ru.FullName:
    return ru.FullName(
        last=getattr(person, "last_name", "") or "",
        first=getattr(person, "first_name", "") or "",
        middle=getattr(person, "middle_name", "") or "",
    )


@register.filter
def ru_short_name(person: Any) -> str:
    return _name(person).short if person else ""


@register.filter
def ru_name_case(person: Any, case: str = "gent") -> str:
    return _name(person).inflect(case).full if person else ""
