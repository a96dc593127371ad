"""Matching extracted organisations and people against the registry."""

from __future__ import annotations

import pytest

from edcluster.imports.matching import match_organization, name_key, org_key, propose
from tests.factories import OrganizationFactory, PersonFactory


@pytest.mark.parametrize(
    ("written", "registered"),
    [
        (
            "МКУ ДО ДДТ «Ровесник»",
            "Муниципальное казённое учреждение дополнительного образования «Дом детского творчества «Ровесник»»",
        ),
        (
            "КОГОБУ СШ пгт Подосиновец",
            "Кировское областное государственное общеобразовательное бюджетное учреждение "
            '"Средняя школа пгт Подосиновец"',
        ),
        (
            "МКУК ЦНК «Подосиновский Дом ремесел»",
            "Муниципальное казенное учреждение культуры «Центр народной культуры «Подосиновский Дом ремёсел»»",
        ),
        ("МАДОУ № 24 «Журавушка»", 'Муниципальное автономное дошкольное образовательное учреждение №24 "Журавушка"'),
        (
            "ГАПОУ «Волгоградский социально-педагогический колледж»",
            "Государственное автономное профессиональное образовательное учреждение "
            "«Волгоградский социально-педагогический колледж»",
        ),
        (
            "МБОУ ООШ № 3",
            "Муниципальное бюджетное общеобразовательное учреждение основная общеобразовательная школа №3",
        ),
        (
            "МКДОУ  детский сад «Сказка»",
            "Муниципальное казенное дошкольное образовательное учреждение детский сад “Сказка”",
        ),
    ],
)
def test_legal_form_expansions_give_the_same_key(written, registered):
    assert org_key(written) == org_key(registered)


def test_different_organisations_keep_different_keys():
    assert org_key("МБОУ ООШ № 3") != org_key("МБОУ СОШ № 3")
    assert org_key("МКДОУ детский сад «Сказка»") != org_key("МАДОУ детский сад «Сказка»")


@pytest.mark.parametrize(
    "written", ["Грязева Е.Б.", "Е.Б. Грязева", "Грязевой Елены Борисовны", "Грязева Елена Борисовна"]
)
def test_name_forms_are_the_same_person(written):
    assert name_key(written).same(name_key("Грязева Елена Борисовна"))


def test_other_initials_or_first_name_are_another_person():
    assert not name_key("Грязева Е.А.").same(name_key("Грязева Елена Борисовна"))
    assert not name_key("Грязева Евгения Борисовна").same(name_key("Грязева Елена Борисовна"))


@pytest.mark.django_db
def test_propose_matches_existing_records_and_proposes_the_rest():
    school = OrganizationFactory(
        full_name="Кировское областное государственное общеобразовательное бюджетное учреждение "
        "«Средняя школа пгт Подосиновец»",
        short_name="",
    )
    other = OrganizationFactory(full_name="Средняя школа № 5", short_name="СШ № 5")
    elena = PersonFactory(last_name="Грязева", first_name="Елена", middle_name="Борисовна", organization=school)
    PersonFactory(last_name="Мохина", first_name="Елена", middle_name="Дмитриевна", organization=other)
    result = {
        "organizations": ["КОГОБУ СШ пгт Подосиновец", "АО «Россельхозбанк»"],
        "people": [
            {"name": "Грязева Е.Б.", "organization": "КОГОБУ СШ пгт Подосиновец"},
            # Same ФИО as a registered person, but the document places her in another organisation.
            {"name": "Мохина Елена Дмитриевна", "organization": "КОГОБУ СШ пгт Подосиновец"},
        ],
    }
    proposal = propose(result)
    assert proposal["organizations"] == [
        {"name": "КОГОБУ СШ пгт Подосиновец", "match": school.pk, "action": "match"},
        {"name": "АО «Россельхозбанк»", "match": None, "action": "new"},
    ]
    assert [(p["match"], p["action"]) for p in proposal["people"]] == [(elena.pk, "match"), (None, "new")]
    assert match_organization("СШ №5", [school, other]) == other


@pytest.mark.django_db
def test_the_key_index_of_a_proposal_answers_as_match_organization():
    from edcluster.imports.services import _organizations_by_key

    organizations = [
        OrganizationFactory(full_name="Средняя школа № 5", short_name="СШ № 5"),
        OrganizationFactory(
            full_name="Муниципальное казённое учреждение культуры «Центр народной культуры»", short_name=""
        ),
        # The same key as the first: the first, in order, is the match.
        OrganizationFactory(full_name="Средняя школа №5", short_name="СШ №5 (дубль)"),
        OrganizationFactory(full_name="Школа А", short_name="СШ № 5"),
    ]
    index = _organizations_by_key(organizations)
    names = ["СШ №5", "МКУК ЦНК", "МКУК «Центр народной культуры»", "Школа А", "СШ №5 (дубль)", "Школа Б", "«»"]
    for name in names:
        assert index.get(org_key(name)) == match_organization(name, organizations), name


@pytest.mark.django_db
def test_match_person_reads_the_prefetched_positions(django_assert_num_queries):
    from edcluster.imports.matching import match_person
    from edcluster.organizations.models import Person

    school = OrganizationFactory(full_name="Средняя школа № 5", short_name="СШ № 5")
    other = OrganizationFactory(full_name="Школа А", short_name="")
    elena = PersonFactory(last_name="Грязева", first_name="Елена", middle_name="Борисовна", organization=school)
    for i in range(3):
        PersonFactory(last_name="Грязева", first_name="Ирина", middle_name=f"Петровна{i}", organization=other)
    people = list(Person.objects.prefetch_related("positions").order_by("pk"))
    with django_assert_num_queries(0):
        assert match_person("Грязева Е.Б.", people, school) == elena
        assert match_person("Грязева Е.Б.", people, other) is None
        assert match_person("Грязева Е.Б.", people) == elena
