"""``core.search.search_filter`` over the registry's large tables: on PostgreSQL it matches the
text vector the database keeps in ``search_vector`` (``StoredSearchVector``), on SQLite the words
of ``search_text``; the same records either way, also inside a sub-select and after an edit."""

from django.db import connection

from edcluster.core.search import search_filter
from edcluster.organizations import services
from edcluster.organizations.models import Organization, Person
from tests.factories import OrganizationFactory, PersonFactory


def test_the_registry_search_matches_the_stored_vector_and_finds_word_forms(db):
    zhuravushka = OrganizationFactory(full_name="Детский сад «Журавушка»", municipality="Искитим")
    OrganizationFactory(full_name="Средняя школа № 3", municipality="Искитим")
    found = search_filter(Organization.objects.all(), "детских садов Искитима")
    sql = str(found.query)
    if connection.vendor == "postgresql":
        assert '"organizations_organization"."search_vector" @@' in sql and "to_tsvector" not in sql
    else:
        assert "search_text" in sql and "LIKE" in sql
    assert list(found) == [zhuravushka]
    # a sub-select of the search (its table under another alias) finds the same
    outer = Organization.objects.filter(pk__in=found.values("pk"))
    assert list(outer) == [zhuravushka]


def test_an_edited_name_is_found_by_its_new_words_at_once(world):
    person = PersonFactory(last_name="Грязева", first_name="Елена", middle_name="Борисовна", organization=world.org_a)
    assert list(search_filter(Person.objects.all(), "Грязевой")) == [person]
    services.person_update(actor=world.admin, person=person, data={"last_name": "Журавлёва"})
    assert list(search_filter(Person.objects.all(), "Грязевой")) == []
    assert list(search_filter(Person.objects.all(), "Журавлёвой")) == [person]


def test_each_stem_of_a_words_forms_is_asked_for_once(db, django_assert_num_queries):
    zhuravushka = OrganizationFactory(full_name="Детский сад «Журавушка»", municipality="Искитим")
    found = search_filter(Organization.objects.all(), "детские сады Искитима")
    assert list(found) == [zhuravushka]
    if connection.vendor == "postgresql":
        # «детские», «детский» (and «детская») are one stem, «сады», «сад» another: the GIN index
        # is asked for each once, where a plainto_tsquery a form asked for it two or three times
        sql = str(found.query)
        assert sql.count("'детск'") == 1 and sql.count("'сад'") == 1 and "plainto_tsquery" not in sql
    # a stop word has no stem and is left out on PostgreSQL, as plainto_tsquery leaves it
    assert list(search_filter(Organization.objects.all(), "сад и Искитим")) == [zhuravushka]
    # the stems of words searched before are not read again: one query, the search
    with django_assert_num_queries(1):
        assert list(search_filter(Organization.objects.all(), "Искитима детские сады")) == [zhuravushka]
