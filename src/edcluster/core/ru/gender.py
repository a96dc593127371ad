"""Grammatical gender of a person from the parts of their name."""

from __future__ import annotations

import enum
import re

from edcluster.core.ru._morph import analyzer, petrovich_detector

# Turkic patronymics are two words, the second one saying "son" or "daughter".
_MALE_PARTICLES = ("оглы", "оглу", "улы", "уулу", "угли")
_FEMALE_PARTICLES = ("кызы", "гызы", "кизи")
_MALE_ENDINGS = ("вич", "ич", *_MALE_PARTICLES)
_FEMALE_ENDINGS = ("вна", "чна", *_FEMALE_PARTICLES)
TURKIC_PARTICLES = frozenset(_MALE_PARTICLES + _FEMALE_PARTICLES)
_PATRONYMIC_RE = re.compile(r"[а-я]{2,}(?:[ -][а-я]+)?")


class Gender(enum.StrEnum):
    """Grammatical gender of a person; the value is what models store."""

    MALE = "male"
    FEMALE = "female"


def gender_from_patronymic(middle_name: str | None) -> Gender | None:
    """Read the gender off a patronymic, the one part of a Russian name that always tells.

    "-вич"/"-ич" (Иванович, Ильич, Кузьмич) and Turkic "оглы"/"улы" are male;
    "-вна"/"-чна" (Ивановна, Ильинична, Саввична) and "кызы"/"гызы" are female.
    Anything else — an initial, an empty string, ``None`` — gives ``None``.
    """
    word = (middle_name or "").strip().lower().replace("ё", "е")
    if not _PATRONYMIC_RE.fullmatch(word):
        return None
    if word.endswith(_FEMALE_ENDINGS):
        return Gender.FEMALE
    if word.endswith(_MALE_ENDINGS):
        return Gender.MALE
    return None


def guess_gender(last: str | None, first: str | None, middle: str | None) -> Gender | None:
    """Guess a person's gender from their surname, first name and patronymic.

    The patronymic decides when there is one; otherwise the first name as
    the dictionary knows it (pymorphy3) or as pytrovich's rules read it; then
    the surname's ending (Иванова, Пахомовская). Returns ``None`` when none of
    them is sure — "Черных Саша", "Шевчук А.А.".
    """
    gender = gender_from_patronymic(middle)
    if gender is None and _is_word(first):
        gender = _first_name_gender(first or "")
    if gender is None and _is_word(last):
        gender = _detected(lastname=(last or "").lower())
    return gender


def _is_word(part: str | None) -> bool:
    """True for a name part that is a word, not missing and not an initial."""
    return bool(part) and len((part or "").strip(". ")) > 1


def _first_name_gender(first: str) -> Gender | None:
    word = first.lower()
    if analyzer().word_is_known(word):
        genders = {str(p.tag.gender) for p in analyzer().parse(word) if "Name" in p.tag and p.tag.gender}
        if genders == {"masc"}:
            return Gender.MALE
        if genders == {"femn"}:
            return Gender.FEMALE
    return _detected(firstname=word)


def _detected(**part: str) -> Gender | None:
    from pytrovich.enums import Gender as PetrovichGender

    detected = petrovich_detector().detect(**part)
    if detected == PetrovichGender.MALE:
        return Gender.MALE
    if detected == PetrovichGender.FEMALE:
        return Gender.FEMALE
    return None
