"""Selects of the registry's organisations and people on the partnership pages are pickers that
find them as the user types (``core.forms.RemoteSelect``): at national scale a select of every
organisation took 20 s to render and one of every person would not render at all. Only the chosen
options are written; the posted key is still checked against the whole registry."""

from __future__ import annotations

import re

from edcluster.core.forms import PLAIN_SELECT_MAX
from edcluster.partnerships.models import Partnership
from tests.factories import OrganizationFactory, PersonFactory
from tests.partnerships.conftest import create_form, make_partnership


def _select(page: str, name: str) -> tuple[str, dict[str, str]]:
    found = re.search(rf'(<select[^>]*name="{name}"[^>]*>)(.*?)</select>', page, re.S)
    assert found, f"no select {name}"
    options = dict(re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)<', found.group(2)))
    return found.group(1), options


def test_the_partners_select_writes_no_organisation_and_finds_them_by_typing(world, client_for):
    for n in range(5):
        OrganizationFactory(short_name=f"Школа № {n}")
    page = client_for(world.editor_a).get("/partnerships/new/").content.decode()
    tag, options = _select(page, "partners")
    assert 'data-autocomplete-url="/organizations/autocomplete/"' in tag and "multiple" in tag
    assert options == {}
    # the editor's own organisations stay a plain select: they are few
    tag, options = _select(page, "own_organization")
    assert "data-autocomplete-url" not in tag and str(world.org_a.pk) in options


def test_chosen_partners_are_kept_when_the_form_comes_back_and_any_partner_is_accepted(world, client_for):
    client = client_for(world.editor_a)
    one, two = OrganizationFactory(short_name="Музей Один"), OrganizationFactory(short_name="Музей Два")
    data = create_form(
        world.org_a, [one, two], title="Даты наоборот", valid_from="2026-01-01", valid_until="2025-01-01"
    )
    page = client.post("/partnerships/new/", data).content.decode()
    assert "Дата окончания раньше даты начала." in page
    _tag, options = _select(page, "partners")
    assert options == {str(one.pk): "Музей Один", str(two.pk): "Музей Два"}
    assert f'<option value="{one.pk}" selected>' in page
    response = client.post("/partnerships/new/", {**data, "valid_from": "2024-01-01"})
    assert response.status_code == 302
    parties = Partnership.objects.get(title="Даты наоборот").parties.values_list("organization_id", flat=True)
    assert set(parties) == {world.org_a.pk, one.pk, two.pk}


def test_an_administrators_own_organisation_is_found_by_typing(world, client_for):
    for n in range(PLAIN_SELECT_MAX):
        OrganizationFactory(short_name=f"Школа № {n}")
    page = client_for(world.admin).get("/partnerships/new/").content.decode()
    tag, options = _select(page, "own_organization")
    assert 'data-autocomplete-url="/organizations/autocomplete/"' in tag
    assert set(options) <= {""}


def test_the_signatory_is_found_by_typing_among_the_people_the_user_may_see(world, client_for):
    p = make_partnership(world.editor_a, world.org_a, world.org_b)
    page = client_for(world.editor_a).get(f"/partnerships/{p.pk}/").content.decode()
    tag, options = _select(page, "signatory")
    assert 'data-autocomplete-url="/people/autocomplete/"' in tag and set(options) <= {""}
    tag, options = _select(page, "organization")
    assert 'data-autocomplete-url="/organizations/autocomplete/"' in tag and set(options) <= {""}
    PersonFactory(last_name="Грязева", first_name="Елена", middle_name="Борисовна", organization=world.org_a)
    found = client_for(world.coordinator_x).get("/people/autocomplete/", {"q": "грязевой"}).json()["results"]
    assert [r["text"] for r in found] == ["Грязева Елена Борисовна"]
    # people are not listed to whoever may not list them, nor to the anonymous
    assert client_for(world.plain).get("/people/autocomplete/", {"q": "грязева"}).json() == {"results": []}
    assert client_for(None).get("/people/autocomplete/", {"q": "грязева"}).status_code == 302


def test_a_practices_authors_are_found_by_typing_and_its_organisations_listed_while_few(world, client_for):
    page = client_for(world.editor_a).get("/practices/new/").content.decode()
    tag, options = _select(page, "authors")
    assert 'data-autocomplete-url="/people/autocomplete/"' in tag and options == {}
    tag, options = _select(page, "organizations")
    assert "data-autocomplete-url" not in tag and str(world.org_a.pk) in options


def test_cluster_selects_of_the_network_and_a_practice_find_clusters_by_typing_beyond_fifty(
    world, client_for, monkeypatch
):
    from edcluster.core import forms as core_forms
    from tests.factories import ClusterFactory

    monkeypatch.setattr(core_forms, "PLAIN_SELECT_MAX", 2)
    north = ClusterFactory(name="Кластер Северный", slug="north", is_public=True)
    client = client_for(world.editor_a)
    tag, options = _select(client.get("/network/").content.decode(), "cluster")
    assert 'data-autocomplete-url="/organizations/autocomplete/clusters/"' in tag and set(options) == {""}
    tag, options = _select(client.get("/network/", {"cluster": "north"}).content.decode(), "cluster")
    assert options == {"": "—", "north": "Кластер Северный"}
    tag, options = _select(client.get("/practices/new/").content.decode(), "cluster")
    assert 'data-autocomplete-url="/organizations/autocomplete/clusters/by-id/"' in tag and set(options) <= {""}
    found = client.get("/organizations/autocomplete/clusters/by-id/", {"q": "северный"}).json()["results"]
    assert found == [{"id": north.pk, "text": "Кластер Северный"}]
    # with few clusters both stay plain selects
    monkeypatch.setattr(core_forms, "PLAIN_SELECT_MAX", 50)
    tag, options = _select(client.get("/network/").content.decode(), "cluster")
    assert "data-autocomplete-url" not in tag and "north" in options
