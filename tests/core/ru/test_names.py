"""Personal names: declension against the gold table, parsing, short forms, gender, back to nominative."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from edcluster.core import ru
from edcluster.core.ru.declension import CHOSEN, gold_table

NBSP = "\u00a0"
M, F = ru.Gender.MALE, ru.Gender.FEMALE
OBLIQUE = ("gent", "datv", "accs", "ablt", "loct")
BENCH = Path(__file__).resolve().parents[3] / "bench" / "ru_names.py"


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("ru_names_bench", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- the gold table and the measured choice of engines ---------------------------------------


def test_gold_table_is_large_enough_and_has_the_sample_people() -> None:
    rows = gold_table()
    assert len(rows) >= 60
    assert all(set(row.forms) == set(ru.CASES) for row in rows)
    surnames = {row.forms["nomn"][0] for row in rows}
    for surname in ("Пономарева", "Грязева", "Залесова", "Мохина", "Ачилова", "Чебыкина", "Пахомовская"):
        assert surname in surnames
    assert {"Гмызина", "Черных", "Дурново", "Шевчук", "Мамина-Сибиряк", "Мамедов"} <= surnames


def test_combined_accuracy_on_the_gold_table() -> None:
    scored = right = 0
    misses = []
    for row in gold_table():
        for case in OBLIQUE:
            scored += 1
            declined = ru.decline_name(*row.forms["nomn"], case=case, gender=row.gender)
            if (declined.last, declined.first, declined.middle) == row.forms[case]:
                right += 1
            else:
                misses.append((case, declined.full, row.forms[case]))
    assert right / scored >= 0.98, misses


def test_the_chosen_engines_are_the_ones_the_bench_measures_best() -> None:
    result = _bench().score()
    assert result["chosen"] == CHOSEN
    assert result["combined_accuracy"] >= 0.98
    assert result["cases"] == len(gold_table()) * len(OBLIQUE)


def test_gender_inferred_from_the_name_declines_the_gold_table_too() -> None:
    misses = []
    for row in gold_table():
        last, first, middle = row.forms["nomn"]
        if not middle:
            continue  # without a patronymic the gender of "Гёте Иоганн" is only a guess
        for case in OBLIQUE:
            declined = ru.decline_name(last, first, middle, case=case)
            if (declined.last, declined.first, declined.middle) != row.forms[case]:
                misses.append((case, declined.full))
    assert misses == []


# --- the irregular surnames of the brief, in all six cases -----------------------------------

IRREGULAR = {
    ("Гмызина", "Татьяна", "Николаевна"): (
        "Гмызина Татьяна Николаевна",
        "Гмызиной Татьяны Николаевны",
        "Гмызиной Татьяне Николаевне",
        "Гмызину Татьяну Николаевну",
        "Гмызиной Татьяной Николаевной",
        "Гмызиной Татьяне Николаевне",
    ),
    ("Пахомовская", "Нина", "Владимировна"): (
        "Пахомовская Нина Владимировна",
        "Пахомовской Нины Владимировны",
        "Пахомовской Нине Владимировне",
        "Пахомовскую Нину Владимировну",
        "Пахомовской Ниной Владимировной",
        "Пахомовской Нине Владимировне",
    ),
    ("Ачилова", "Екатерина", "Васильевна"): (
        "Ачилова Екатерина Васильевна",
        "Ачиловой Екатерины Васильевны",
        "Ачиловой Екатерине Васильевне",
        "Ачилову Екатерину Васильевну",
        "Ачиловой Екатериной Васильевной",
        "Ачиловой Екатерине Васильевне",
    ),
    ("Черных", "Евгений", "Павлович"): (
        "Черных Евгений Павлович",
        "Черных Евгения Павловича",
        "Черных Евгению Павловичу",
        "Черных Евгения Павловича",
        "Черных Евгением Павловичем",
        "Черных Евгении Павловиче",
    ),
    ("Черных", "Ольга", "Ивановна"): (
        "Черных Ольга Ивановна",
        "Черных Ольги Ивановны",
        "Черных Ольге Ивановне",
        "Черных Ольгу Ивановну",
        "Черных Ольгой Ивановной",
        "Черных Ольге Ивановне",
    ),
    ("Дурново", "Пётр", "Николаевич"): (
        "Дурново Пётр Николаевич",
        "Дурново Петра Николаевича",
        "Дурново Петру Николаевичу",
        "Дурново Петра Николаевича",
        "Дурново Петром Николаевичем",
        "Дурново Петре Николаевиче",
    ),
}


@pytest.mark.parametrize(
    ("name", "case", "expected"),
    [(name, case, forms[index]) for name, forms in IRREGULAR.items() for index, case in enumerate(ru.CASES)],
)
def test_irregular_surnames_in_all_cases(name: tuple[str, str, str], case: str, expected: str) -> None:
    assert ru.FullName(*name).inflect(case).full == expected


@pytest.mark.parametrize(
    ("name", "gender", "case", "expected"),
    [
        (("Шевчук", "Мария", "Андреевна"), None, "gent", "Шевчук Марии Андреевны"),
        (("Шевчук", "Андрей", "Юрьевич"), None, "gent", "Шевчука Андрея Юрьевича"),
        (("Мамедов", "Рашид", "Ильхам оглы"), None, "datv", "Мамедову Рашиду Ильхам оглы"),
        (("Алиева", "Лейла", "Рафик кызы"), None, "ablt", "Алиевой Лейлой Рафик кызы"),
        (("Соколова", "Любовь", "Ивановна"), None, "ablt", "Соколовой Любовью Ивановной"),
        (("Хабибуллина", "Гузель", "Рашидовна"), None, "gent", "Хабибуллиной Гузели Рашидовны"),
        (("Грязева", "Е.", "Б."), None, "datv", f"Грязевой{NBSP}Е.Б."),
        (("Шевчук", "А.", "А."), M, "datv", f"Шевчуку{NBSP}А.А."),
        (("Шевчук", "А.", "А."), F, "datv", f"Шевчук{NBSP}А.А."),
        (("Алёшин", "Пётр", "Семёнович"), None, "ablt", "Алёшиным Петром Семёновичем"),
    ],
)
def test_decline_name(name: tuple[str, str, str], gender: ru.Gender | None, case: str, expected: str) -> None:
    declined = ru.decline_name(*name, case=case, gender=gender)
    assert declined.full == expected


def test_decline_name_defaults_to_the_genitive_and_keeps_the_gender() -> None:
    declined = ru.decline_name("Грязева", "Елена", "Борисовна")
    assert declined == ru.FullName("Грязевой", "Елены", "Борисовны")
    assert declined.gender is F


# --- parsing and the written forms ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("Грязева Елена Борисовна", ("Грязева", "Елена", "Борисовна")),
        ("Грязева Е.Б.", ("Грязева", "Е.", "Б.")),
        ("Грязева Е. Б.", ("Грязева", "Е.", "Б.")),
        ("Е.Б. Грязева", ("Грязева", "Е.", "Б.")),
        (f"Е.Б.{NBSP}Грязева", ("Грязева", "Е.", "Б.")),
        ("ГРЯЗЕВА Елена Борисовна", ("Грязева", "Елена", "Борисовна")),
        ("  Грязева   Елена  Борисовна ", ("Грязева", "Елена", "Борисовна")),
        ("Мамина-Сибиряк Анна Сергеевна", ("Мамина-Сибиряк", "Анна", "Сергеевна")),
        ("Петров-Водкин Кузьма Сергеевич", ("Петров-Водкин", "Кузьма", "Сергеевич")),
        ("Пётр Семёнович Алёшин", ("Алёшин", "Пётр", "Семёнович")),
        ("Алёшин Пётр Семёнович", ("Алёшин", "Пётр", "Семёнович")),
        ("Мамедов Рашид Ильхам оглы", ("Мамедов", "Рашид", "Ильхам оглы")),
        ("Шостакович Дмитрий Дмитриевич", ("Шостакович", "Дмитрий", "Дмитриевич")),
        ("Дмитрий Дмитриевич Шостакович", ("Шостакович", "Дмитрий", "Дмитриевич")),
        ("Елена Борисовна", ("", "Елена", "Борисовна")),
        ("Грязева Елена", ("Грязева", "Елена", "")),
        ("Грязеву Елену Борисовну", ("Грязеву", "Елену", "Борисовну")),
    ],
)
def test_parse_name(text: str, parts: tuple[str, str, str]) -> None:
    name = ru.parse_name(text)
    assert name is not None
    assert (name.last, name.first, name.middle) == parts


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "Управление образования Подосиновского района",
        "15 педагогов",
        "методист Е.Б.",
        "Грязева",
        "Грязева, Елена Борисовна",
        "КОГОБУ СШ пгт Подосиновец",
    ],
)
def test_parse_name_rejects_what_is_not_a_name(text: str) -> None:
    assert ru.parse_name(text) is None


@pytest.mark.parametrize(
    ("name", "full", "short", "initials_first", "initials", "first_middle"),
    [
        (
            ru.FullName("Грязева", "Елена", "Борисовна"),
            "Грязева Елена Борисовна",
            f"Грязева{NBSP}Е.Б.",
            f"Е.Б.{NBSP}Грязева",
            "Е.Б.",
            "Елена Борисовна",
        ),
        (
            ru.FullName("Мамина-Сибиряк", "Анна", "Сергеевна"),
            "Мамина-Сибиряк Анна Сергеевна",
            f"Мамина-Сибиряк{NBSP}А.С.",
            f"А.С.{NBSP}Мамина-Сибиряк",
            "А.С.",
            "Анна Сергеевна",
        ),
        (
            ru.FullName("Алёшин", "Пётр", "Семёнович"),
            "Алёшин Пётр Семёнович",
            f"Алёшин{NBSP}П.С.",
            f"П.С.{NBSP}Алёшин",
            "П.С.",
            "Пётр Семёнович",
        ),
        (
            ru.FullName("Грязева", "Е.", "Б."),
            f"Грязева{NBSP}Е.Б.",
            f"Грязева{NBSP}Е.Б.",
            f"Е.Б.{NBSP}Грязева",
            "Е.Б.",
            "Е.Б.",
        ),
        (
            ru.FullName("Иванова", "Анна-Мария"),
            "Иванова Анна-Мария",
            f"Иванова{NBSP}А.-М.",
            f"А.-М.{NBSP}Иванова",
            "А.-М.",
            "Анна-Мария",
        ),
    ],
)
def test_written_forms(
    name: ru.FullName, full: str, short: str, initials_first: str, initials: str, first_middle: str
) -> None:
    assert name.full == full
    assert name.short == short
    assert name.short_initials_first == initials_first
    assert name.initials == initials
    assert name.first_middle == first_middle


def test_parsed_names_write_their_short_forms() -> None:
    name = ru.parse_name("Пётр Семёнович Алёшин")
    assert name is not None
    assert (name.short, name.short_initials_first) == (f"Алёшин{NBSP}П.С.", f"П.С.{NBSP}Алёшин")


def test_gender_is_a_hint_not_part_of_equality() -> None:
    assert ru.FullName("Черных", "Е.", "П.", gender=F) == ru.FullName("Черных", "Е.", "П.")


# --- gender -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("middle", "gender"),
    [
        ("Борисовна", F),
        ("Иванович", M),
        ("Ильич", M),
        ("Кузьмич", M),
        ("Ильинична", F),
        ("Никитична", F),
        ("Саввична", F),
        ("Ильхам оглы", M),
        ("Серикулы", M),
        ("Рафик кызы", F),
        ("Алигызы", F),
        ("СЕМЁНОВИЧ", M),
        ("Б.", None),
        ("", None),
        (None, None),
        ("Вольфганг", None),
    ],
)
def test_gender_from_patronymic(middle: str | None, gender: ru.Gender | None) -> None:
    assert ru.gender_from_patronymic(middle) == gender


@pytest.mark.parametrize(
    ("last", "first", "middle", "gender"),
    [
        ("Черных", "Ольга", "Ивановна", F),
        ("Черных", "Евгений", None, M),
        ("Черных", "Саша", None, None),
        ("Черных", "Е.", "П.", None),
        ("Шевчук", "А.", "А.", None),
        ("Иванова", None, None, F),
        ("Пахомовская", "Н.", "В.", F),
        ("Толстой", None, None, M),
        (None, "Никита", None, M),
        (None, "Любовь", None, F),
        ("Ковальчук", "Ирина", None, F),
        ("Женская", "Лев", "Николаевич", M),
    ],
)
def test_guess_gender(last: str | None, first: str | None, middle: str | None, gender: ru.Gender | None) -> None:
    assert ru.guess_gender(last, first, middle) == gender


def test_gender_values_are_what_models_store() -> None:
    assert [g.value for g in ru.Gender] == ["male", "female"]
    assert ru.Gender("female") is F


# --- back to the nominative -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "hint", "parts", "gender"),
    [
        ("Петрову И.И.", "accs", ("Петрова", "И.", "И."), F),
        ("Петрову И.И.", None, ("Петров", "И.", "И."), M),
        ("Грязевой Елены Борисовны", None, ("Грязева", "Елена", "Борисовна"), F),
        ("Залесовой Светланой Владимировной", None, ("Залесова", "Светлана", "Владимировна"), F),
        ("Грязева Елена Борисовна", None, ("Грязева", "Елена", "Борисовна"), F),
        ("Петрова И.И.", None, ("Петрова", "И.", "И."), F),
        ("Грязевой Е.Б.", "datv", ("Грязева", "Е.", "Б."), F),
        ("Гмызиной Т.Н.", None, ("Гмызина", "Т.", "Н."), F),
        ("Пахомовскую Н.В.", None, ("Пахомовская", "Н.", "В."), F),
        ("Черных Е.П.", None, ("Черных", "Е.", "П."), None),
        ("Шевчуку А.А.", None, ("Шевчук", "А.", "А."), M),
        ("Льва Николаевича Толстого", None, ("Толстой", "Лев", "Николаевич"), M),
        ("Алёшиным Петром Семёновичем", None, ("Алёшин", "Пётр", "Семёнович"), M),
        ("Мамину-Сибиряк Анну Сергеевну", None, ("Мамина-Сибиряк", "Анна", "Сергеевна"), F),
        ("Мамедову Рашиду Ильхам оглы", None, ("Мамедов", "Рашид", "Ильхам оглы"), M),
        ("Бонч-Бруевичем Владимиром Дмитриевичем", None, ("Бонч-Бруевич", "Владимир", "Дмитриевич"), M),
        ("ГРЯЗЕВОЙ Елене Борисовне", None, ("Грязева", "Елена", "Борисовна"), F),
    ],
)
def test_name_to_nominative(text: str, hint: str | None, parts: tuple[str, str, str], gender: ru.Gender | None) -> None:
    name = ru.name_to_nominative(text, hint)
    assert name is not None
    assert (name.last, name.first, name.middle) == parts
    assert name.gender == gender


def test_name_to_nominative_of_what_is_not_a_name() -> None:
    assert ru.name_to_nominative("образовательной организации") is None


# Readings that Russian itself leaves open: "Айгули" is the genitive of both Айгуль and
# Айгуля, "Рамиле" the prepositional of both Рамиль and Рамил.
AMBIGUOUS = {("gent", "Айгуль"), ("datv", "Айгуль"), ("loct", "Айгуль"), ("loct", "Рамиль")}


def test_every_gold_form_goes_back_to_its_nominative() -> None:
    misses = []
    for row in gold_table():
        nominative = row.forms["nomn"]
        if not nominative[2]:
            continue  # without a patronymic, "Гёте Иоганна" may be a woman's name
        for case in ru.CASES:
            if (case, nominative[1]) in AMBIGUOUS:
                continue
            text = " ".join(row.forms[case])
            name = ru.name_to_nominative(text)
            expected = nominative
            if "ё" not in text:
                # A text written without "ё" keeps its spelling: "Петра" gives "Петр".
                expected = tuple(part.replace("ё", "е") for part in nominative)
            if name is None or (name.last, name.first, name.middle) != expected:
                misses.append((case, text, name))
    assert misses == []
