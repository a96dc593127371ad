"""Global search: word forms and typos, grouped by type, never showing what the user may not see.
Runs on whichever database the suite runs (CI runs SQLite and PostgreSQL)."""

import pytest

from edcluster.core.models import User
from edcluster.search import selectors


@pytest.fixture
def demo(demo_db, db):
    return User.objects.get(username="admin")


def _titles(groups, kind):
    return [h.title for g in groups if g.kind == kind for h in g.hits]


def test_kindergartens_of_iskitim_find_zhuravushka(demo):
    groups = selectors.global_search(user=demo, query="детских садов Искитима")
    assert "МАДОУ № 24 «Журавушка»" in _titles(groups, "organizations")
    assert "КОГОБУ СШ пгт Подосиновец" not in _titles(groups, "organizations")


def test_surname_in_another_case_finds_the_person(demo):
    groups = selectors.global_search(user=demo, query="Грязевой")
    assert "Грязева Елена Борисовна" in _titles(groups, "people")


def test_page_and_api_show_the_same_groups(demo, client):
    client.force_login(demo)
    page = client.get("/search/", {"q": "Грязевой"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Люди" in html and "Грязева Елена Борисовна" in html
    api = client.get("/api/search", {"q": "детских садов Искитима"})
    assert api.status_code == 200
    orgs = next(g for g in api.json() if g["kind"] == "organizations")
    assert any(h["title"] == "МАДОУ № 24 «Журавушка»" for h in orgs["hits"])
    assert orgs["label"] == "Организации"


def test_events_and_decisions_are_found_by_word_forms(demo):
    from edcluster.events.models import Event
    from edcluster.meetings.models import Decision

    event = Event.objects.order_by("pk").first()
    word = max(event.title.split(), key=len)
    assert event.title in _titles(selectors.global_search(user=demo, query=word), "events")
    decision = Decision.objects.order_by("pk").first()
    assert decision is not None
    word = max((w.strip("«»,.;:()") for w in decision.text.split()), key=len)
    found = _titles(selectors.global_search(user=demo, query=word), "decisions")
    assert decision.text[:200] in found


def test_an_event_is_found_by_its_theme_on_either_database(demo):
    """An event's theme is searched as well as its title, on SQLite and on PostgreSQL alike."""
    from edcluster.events.models import Event

    council = Event.objects.get(kind="council", starts_on="2025-02-26")
    assert "доверие" in council.theme and "доверие" not in council.title.lower()
    assert council.title in _titles(selectors.global_search(user=demo, query="доверия ответственности"), "events")


def test_nothing_for_an_empty_or_unknown_query(demo, client):
    assert selectors.global_search(user=demo, query="  «» ") == []
    assert selectors.global_search(user=demo, query="планетарий") == []
    client.force_login(demo)
    assert "Ничего не найдено" in client.get("/search/", {"q": "планетарий"}).content.decode()


def test_private_records_of_another_organisation_are_not_shown(world):
    found_b = _titles(selectors.global_search(user=world.editor_b, query="Борисов"), "people")
    found_a = _titles(selectors.global_search(user=world.editor_a, query="Борисов"), "people")
    assert any("Борисов" in t for t in found_b)
    assert not any("Борисов" in t for t in found_a)
    assert _titles(selectors.global_search(user=None, query="Борисов"), "people") == []


def test_draft_partnership_of_another_organisation_is_not_shown(world):
    from edcluster.partnerships.models import Partnership, PartnershipStatus

    draft = Partnership.objects.create(
        kind="cooperation_agreement", title="Соглашение о сотрудничестве Б", status=PartnershipStatus.DRAFT
    )
    draft.parties.create(organization=world.org_b)
    assert _titles(selectors.global_search(user=world.editor_a, query="соглашения"), "partnerships") == []
    assert _titles(selectors.global_search(user=world.editor_b, query="соглашения"), "partnerships") == [draft.title]


def test_the_search_box_is_in_the_navigation(db, client):
    html = client.get("/").content.decode()
    assert 'action="/search/"' in html and 'name="q"' in html


def test_a_typo_in_a_surname_is_forgiven_on_postgresql_only(world):
    """The trigram fallback exists on PostgreSQL (pg_trgm); SQLite has word forms only."""
    from django.db import connection

    found = _titles(selectors.global_search(user=world.admin, query="Алексееева"), "people")
    assert ("Алексеева Анна Андреевна" in found) == (connection.vendor == "postgresql")
    # an exact word form never needs the fallback
    assert "Алексеева Анна Андреевна" in _titles(
        selectors.global_search(user=world.admin, query="Алексеевой"), "people"
    )


def test_a_typo_next_to_correct_words_is_forgiven_on_postgresql_only(world):
    """Only the misspelt word goes to the trigram index; the correct words must still be there."""
    from django.db import connection

    found = _titles(selectors.global_search(user=world.admin, query="Алексееева Анна"), "people")
    assert ("Алексеева Анна Андреевна" in found) == (connection.vendor == "postgresql")
    # «Борисович» exists, but not next to a surname like «Алексееева»
    assert _titles(selectors.global_search(user=world.admin, query="Алексееева Борисович"), "people") == []


def test_words_that_all_exist_but_not_together_run_no_similarity_search(world):
    """«дом детского творчества Казань» where Kazan has none: every word is found alone among the
    people, so it is no typo — nothing is found, and no trigram search reads the people sharing
    the query's words (such a search grew with the data: 430 ms at 5,000 organisations). The other
    types hold none of the words: for them the whole query may be a misspelt name."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        groups = selectors.global_search(user=world.admin, query="Алексеева Анна Борисович")
    assert groups == []
    similarity_searches = [q["sql"] for q in queries.captured_queries if "%>" in q["sql"]]
    assert not [sql for sql in similarity_searches if 'FROM "organizations_person"' in sql]
