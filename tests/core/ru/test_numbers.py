"""Agreement of words with numbers: "15 педагогов из 11 образовательных организаций"."""

from __future__ import annotations

import pytest

from edcluster.core import ru

NBSP = "\u00a0"

# Which form Russian takes after each number: written out, not computed.
KIND = {
    0: "many", 1: "one", 2: "few", 3: "few", 4: "few", 5: "many", 11: "many", 12: "many",
    14: "many", 21: "one", 22: "few", 25: "many", 101: "one", 111: "many", 112: "many", 121: "one",
}  # fmt: skip

# nominative after "one", "few", "many"; genitive singular (after 1, 21…) and plural (the rest).
FORMS = {
    "педагог": ("педагог", "педагога", "педагогов", "педагога", "педагогов"),
    "образовательная организация": (
        "образовательная организация",
        "образовательные организации",
        "образовательных организаций",
        "образовательной организации",
        "образовательных организаций",
    ),
    "детский сад": ("детский сад", "детских сада", "детских садов", "детского сада", "детских садов"),
    "субъект": ("субъект", "субъекта", "субъектов", "субъекта", "субъектов"),
    "руководитель": ("руководитель", "руководителя", "руководителей", "руководителя", "руководителей"),
    "заведующая": ("заведующая", "заведующие", "заведующих", "заведующей", "заведующих"),
}

MATRIX = [(phrase, n) for phrase in FORMS for n in KIND]


@pytest.mark.parametrize(("phrase", "n"), MATRIX)
def test_count_phrase_nominative(phrase: str, n: int) -> None:
    one, few, many, _, _ = FORMS[phrase]
    expected = {"one": one, "few": few, "many": many}[KIND[n]]
    assert ru.count_phrase(n, phrase) == f"{n} {expected}"


@pytest.mark.parametrize(("phrase", "n"), MATRIX)
def test_count_phrase_genitive(phrase: str, n: int) -> None:
    _, _, _, singular, plural = FORMS[phrase]
    expected = singular if KIND[n] == "one" else plural
    assert ru.count_phrase(n, phrase, case="gent") == f"{n} {expected}"


def test_the_protocol_sentence() -> None:
    organisations = ru.count_phrase(11, "образовательная организация", "gent")
    sentence = f"{ru.count_phrase(15, 'педагог')} из {organisations}"
    assert sentence == "15 педагогов из 11 образовательных организаций"


@pytest.mark.parametrize(
    ("n", "phrase", "case", "expected"),
    [
        (21, "организация", "nomn", "21 организация"),
        (36, "организация-партнёр", "gent", "36 организаций-партнёров"),
        (3, "педагог дополнительного образования", "nomn", "3 педагога дополнительного образования"),
        (15, "педагог", "datv", "15 педагогам"),
        (15, "педагог", "ablt", "15 педагогами"),
        (15, "педагог", "loct", "15 педагогах"),
        (1, "педагог", "datv", "1 педагогу"),
        (21, "педагог", "ablt", "21 педагогом"),
        (1, "педагог", "accs", "1 педагога"),
        (2, "педагог", "accs", "2 педагогов"),
        (22, "педагог", "accs", "22 педагога"),
        (5, "педагог", "accs", "5 педагогов"),
        (1, "образовательная организация", "accs", "1 образовательную организацию"),
        (2, "образовательная организация", "accs", "2 образовательные организации"),
        (1, "детский сад", "accs", "1 детский сад"),
        (3, "заведующая", "accs", "3 заведующих"),
        (21, "образовательная организация", "datv", "21 образовательной организации"),
        (2, "детский сад", "ablt", "2 детскими садами"),
        (11, "детский сад", "loct", "11 детских садах"),
        (5, "субъект Российской Федерации", "nomn", "5 субъектов Российской Федерации"),
        (2, "субъект Российской Федерации", "gent", "2 субъектов Российской Федерации"),
        (36, "субъект Российской Федерации", "gent", "36 субъектов Российской Федерации"),
        (22, "детский сад", "nomn", "22 детских сада"),
        (1000, "педагог", "nomn", "1000 педагогов"),
        (1000, "педагог", "datv", "1000 педагогов"),
        (1001, "педагог", "datv", "1001 педагогу"),
        (1_000_001, "педагог", "nomn", f"1{NBSP}000{NBSP}001 педагог"),
        (10_000, "руководитель", "nomn", f"10{NBSP}000 руководителей"),
        (0, "педагог", "datv", "0 педагогов"),
        (2, "учёный секретарь", "nomn", "2 учёных секретаря"),
        (2, "столовая", "nomn", "2 столовые"),
        (5, "человек", "nomn", "5 человек"),
        (5, "год", "nomn", "5 лет"),
        (2, "учитель-логопед", "gent", "2 учителей-логопедов"),
        (3, "Детский сад", "nomn", "3 Детских сада"),
        (5, "ДОУ", "nomn", "5 ДОУ"),
        (4, "заведующая детским садом", "nomn", "4 заведующие детским садом"),
    ],
)
def test_count_phrase_other_cases_and_numbers(n: int, phrase: str, case: str, expected: str) -> None:
    assert ru.count_phrase(n, phrase, case) == expected


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (0, "педагогов"),
        (1, "педагог"),
        (3, "педагога"),
        (15, "педагогов"),
        (101, "педагог"),
        (-2, "педагога"),
    ],
)
def test_count_word_has_no_number(n: int, expected: str) -> None:
    assert ru.count_word(n, "педагог") == expected


@pytest.mark.parametrize(
    ("n", "expected"),
    [(1, "балл"), (2, "балла"), (4, "балла"), (5, "баллов"), (11, "баллов"), (21, "балл"), (104, "балла")],
)
def test_plural_form(n: int, expected: str) -> None:
    assert ru.plural_form(n, "балл", "балла", "баллов") == expected


@pytest.mark.parametrize(
    ("phrase", "case", "plural", "expected"),
    [
        ("образовательная организация", "gent", False, "образовательной организации"),
        ("образовательная организация", "ablt", False, "образовательной организацией"),
        ("образовательная организация", "nomn", True, "образовательные организации"),
        ("Детский сад", "datv", False, "Детскому саду"),
        ("опорная школа", "accs", False, "опорную школу"),
        ("новый педагог", "accs", False, "нового педагога"),
        ("новый педагог", "accs", True, "новых педагогов"),
        ("ресурсный центр", "accs", False, "ресурсный центр"),
        ("субъект Российской Федерации", "loct", True, "субъектах Российской Федерации"),
        ("ученый совет", "gent", False, "ученого совета"),
        ("КОГОБУ", "gent", False, "КОГОБУ"),
        ("учитель начальных классов", "nomn", True, "учителя начальных классов"),
    ],
)
def test_inflect_phrase(phrase: str, case: str, plural: bool, expected: str) -> None:
    assert ru.inflect_phrase(phrase, case, plural=plural) == expected


def test_unknown_case_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown case"):
        ru.count_phrase(3, "педагог", "genitive")


def test_cases_constant() -> None:
    assert ru.CASES == ("nomn", "gent", "datv", "accs", "ablt", "loct")
