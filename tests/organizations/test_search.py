"""Russian word forms in registry search, on whichever database the suite runs (CI runs both)."""

import pytest

from edcluster.core.search import build_search_text
from edcluster.organizations import selectors
from edcluster.organizations.models import Organization


@pytest.fixture
def demo(demo_db, db):
    return demo_db


def _names(qs):
    return {o.short_name for o in qs}


def test_plural_oblique_query_finds_singular_name(demo):
    found = _names(selectors.organization_list(user=None, query="детские сады"))
    assert "МАДОУ № 24 «Журавушка»" in found
    assert "КОГОБУ СШ пгт Подосиновец" not in found


def test_settlement_name_finds_organisations_there(demo):
    found = _names(selectors.organization_list(user=None, query="подосиновец"))
    assert "КОГОБУ СШ пгт Подосиновец" in found
    assert "МАДОУ № 24 «Журавушка»" not in found


@pytest.mark.parametrize(
    "query,expected",
    [
        ("детского сада Искитима", "МАДОУ № 24 «Журавушка»"),
        ("библиотеки", "Подосиновская центральная библиотека"),
        ("колледжем", "ГАПОУ «Волгоградский социально-педагогический колледж»"),
        ("Дома ремёсел", "МКУК ЦНК «Подосиновский Дом ремесел»"),
    ],
)
def test_word_forms(demo, query, expected):
    assert expected in _names(selectors.organization_list(user=None, query=query))


def test_query_that_matches_nothing(demo):
    assert not selectors.organization_list(user=None, query="планетарий").exists()


def test_search_text_has_words_and_lemmas():
    text = build_search_text("Детские сады Ёлочка")
    assert " детские " in text and " сад " in text and " елочка " in text


def test_search_ignores_punctuation_only_query(demo):
    # every organisation an anonymous visitor may see (typed ones from registrations wait for confirmation)
    # and not the parents' communities, which the registry lists only when asked for by kind
    visible = Organization.objects.filter(is_confirmed=True).exclude(kind="parents").count()
    assert selectors.organization_list(user=None, query="«»!").count() == visible
