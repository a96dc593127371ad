"""The front page lists the clusters a page at a time, the user's own first, each with its
number of members; never a private cluster the user may not see."""

from __future__ import annotations

import re

from tests.factories import ClusterFactory


def _cards(page: str) -> list[str]:
    return re.findall(r'<h2 class="h5 card-title"><a href="/clusters/([^/]+)/">', page)


def test_the_front_page_shows_own_clusters_first_a_page_at_a_time(world, client_for, monkeypatch):
    from edcluster.web import views

    monkeypatch.setattr(views, "HOME_CLUSTERS", 2)
    world.cluster_x.is_public = world.cluster_y.is_public = True
    world.cluster_x.save()
    world.cluster_y.save()
    ClusterFactory(name="Кластер Альфа", slug="alpha", is_public=True)
    ClusterFactory(name="Кластер Закрытый", slug="closed", is_public=False)
    anonymous = client_for(None).get("/").content.decode()
    assert _cards(anonymous) == ["alpha", "y"]  # by name: Альфа, Игрек, Икс
    assert "1 / 2" in anonymous and "1 организация" in anonymous
    assert _cards(client_for(None).get("/", {"page": 2}).content.decode()) == ["x"]
    # the coordinator of X sees X first
    assert _cards(client_for(world.coordinator_x).get("/").content.decode()) == ["x", "alpha"]
    every = [slug for n in (1, 2, 3) for slug in _cards(client_for(world.plain).get("/", {"page": n}).content.decode())]
    assert "closed" not in every
