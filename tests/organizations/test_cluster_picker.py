"""The cluster select of the registry and of the dashboards at national scale: beyond
``CLUSTER_PICKER_MAX`` clusters it holds the user's own clusters and the chosen one, and the rest
are found by typing (``data-autocomplete-url``) — never a cluster the user may not see."""

from __future__ import annotations

import html
import re

import pytest

from edcluster.core import forms as core_forms
from edcluster.organizations import selectors
from tests.factories import ClusterFactory


def _options(page: str, name: str) -> dict[str, str]:
    select = re.search(rf'<select[^>]*name="{name}"[^>]*>.*?</select>', page, re.S)
    assert select, f"no select {name}"
    options = re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)<', select.group(0))
    return {value: html.unescape(label) for value, label in options}


def _select_tag(page: str, name: str) -> str:
    return re.search(rf'<select[^>]*name="{name}"[^>]*>', page).group(0)


@pytest.fixture
def many(world, monkeypatch):
    """More clusters than the picker lists: one more public and one private cluster of no role."""
    monkeypatch.setattr(selectors, "CLUSTER_PICKER_MAX", 2)
    monkeypatch.setattr(core_forms, "PLAIN_SELECT_MAX", 2)  # the creation and import forms' select
    ClusterFactory(name="Кластер Северный", slug="north", is_public=True)
    ClusterFactory(name="Кластер Закрытый", slug="closed", is_public=False)
    return world


def test_few_clusters_are_all_listed_without_a_remote_picker(world, client_for):
    page = client_for(world.admin).get("/organizations/").content.decode()
    assert set(_options(page, "cluster")) == {"", "x", "y"}
    assert "data-autocomplete-url" not in _select_tag(page, "cluster")


def test_many_clusters_list_the_users_own_and_the_chosen_one_and_find_the_rest_by_typing(many, client_for):
    client = client_for(many.coordinator_x)
    page = client.get("/organizations/").content.decode()
    assert _options(page, "cluster") == {"": "все кластеры", "x": "Кластер Икс"}
    assert 'data-autocomplete-url="/organizations/autocomplete/clusters/"' in _select_tag(page, "cluster")
    # a cluster found by typing and chosen is listed, selected, and filters the list
    found = client.get("/organizations/autocomplete/clusters/", {"q": "северн"}).json()["results"]
    assert found == [{"id": "north", "text": "Кластер Северный"}]
    page = client.get("/organizations/", {"cluster": "y"}).content.decode()
    assert _options(page, "cluster") == {"": "все кластеры", "x": "Кластер Икс", "y": "Кластер Игрек"}
    assert '<option value="y" selected>' in page
    assert "Организация Б" in page and "Организация А" not in page


def test_the_picker_never_offers_a_cluster_the_user_may_not_see(many, client_for):
    for user in (None, many.plain, many.coordinator_x):
        client = client_for(user)
        assert client.get("/organizations/autocomplete/clusters/", {"q": "закрытый"}).json() == {"results": []}
        page = client.get("/organizations/", {"cluster": "closed"}).content.decode()
        assert "closed" not in _options(page, "cluster")
    found = client_for(many.admin).get("/organizations/autocomplete/clusters/", {"q": "кластер закрытый"}).json()
    assert found == {"results": [{"id": "closed", "text": "Кластер Закрытый"}]}


def test_dashboard_scope_switcher_offers_only_dashboards_the_user_may_open(many, client_for):
    page = client_for(many.admin).get("/analytics/?scope=cluster&cluster=north&period=all").content.decode()
    assert 'data-autocomplete-url="/analytics/clusters/"' in _select_tag(page, "cluster")
    assert _options(page, "cluster") == {"": "—", "north": "Кластер Северный"}
    assert '<option value="north" selected>' in page
    client = client_for(many.coordinator_x)
    page = client.get("/analytics/?scope=cluster&cluster=x&period=all").content.decode()
    assert "data-autocomplete-url" not in _select_tag(page, "cluster")  # one cluster: a plain select
    assert set(_options(page, "cluster")) == {"", "x"}
    # public clusters are visible in the registry, but their dashboards are their members' own
    assert client.get("/analytics/clusters/", {"q": "кластер"}).json() == {
        "results": [{"id": "x", "text": "Кластер Икс"}]
    }
    admin = client_for(many.admin).get("/analytics/clusters/", {"q": "кластер"}).json()["results"]
    assert {r["id"] for r in admin} == {"closed", "y", "north", "x"}
    assert client_for(None).get("/analytics/clusters/?q=x").status_code == 302


@pytest.mark.parametrize("url", ["/organizations/new/", "/registry/import/"])
def test_creation_and_import_forms_list_few_clusters_and_find_the_coordinated_rest_by_typing(many, client_for, url):
    admin = client_for(many.admin)
    page = admin.get(url).content.decode()
    # four clusters, the picker lists two: the administrator's own (none) and the chosen (none)
    assert set(_options(page, "cluster")) == {""}
    assert 'data-autocomplete-url="/organizations/autocomplete/clusters/to-fill/"' in _select_tag(page, "cluster")
    found = admin.get("/organizations/autocomplete/clusters/to-fill/", {"q": "закрытый"}).json()["results"]
    closed = many.cluster_x.__class__.objects.get(slug="closed")
    assert found == [{"id": closed.pk, "text": "Кластер Закрытый"}]
    # a coordinator finds only the clusters they coordinate, whatever else they may see
    coordinator = client_for(many.coordinator_x)
    found = coordinator.get("/organizations/autocomplete/clusters/to-fill/", {"q": "кластер"}).json()["results"]
    assert found == [{"id": many.cluster_x.pk, "text": "Кластер Икс"}]
    assert coordinator.get("/organizations/autocomplete/clusters/to-fill/", {"q": "игрек"}).json() == {"results": []}
    assert client_for(None).get("/organizations/autocomplete/clusters/to-fill/?q=x").status_code == 302


def test_a_cluster_found_by_typing_is_accepted_and_kept_selected_when_the_form_comes_back(many, client_for):
    from edcluster.organizations.models import Membership, Organization

    admin = client_for(many.admin)
    closed = many.cluster_x.__class__.objects.get(slug="closed")
    data = {"full_name": "Школа Север", "kind": "school", "inn": "1234567890", "cluster": closed.pk}
    page = admin.post("/organizations/new/", data).content.decode()
    assert "не проходит проверку контрольной суммы" in page
    assert _options(page, "cluster") == {"": "---------", str(closed.pk): "Кластер Закрытый"}
    assert f'<option value="{closed.pk}" selected>' in page
    assert not Organization.objects.filter(full_name="Школа Север").exists()
    response = admin.post("/organizations/new/", {**data, "inn": ""})
    assert response.status_code == 302
    assert Membership.objects.filter(organization__full_name="Школа Север", cluster=closed).exists()


def test_a_coordinator_cannot_add_an_organisation_to_a_cluster_they_do_not_coordinate(many, client_for):
    from edcluster.organizations.models import Organization

    data = {"full_name": "Школа Чужая", "kind": "school", "cluster": many.cluster_y.pk}
    page = client_for(many.coordinator_x).post("/organizations/new/", data).content.decode()
    assert "Выберите корректный вариант" in page
    assert not Organization.objects.filter(full_name="Школа Чужая").exists()
