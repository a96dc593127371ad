"""``core.links.detail_url`` gives what ``reverse()`` gives, under any script prefix."""

from __future__ import annotations

import pytest
from django.urls import clear_script_prefix, reverse, set_script_prefix

from edcluster.core.links import detail_url

VIEWS = [
    ("organizations:organization_detail", 42),
    ("organizations:person_detail", 7),
    ("organizations:cluster_detail", "iskitim-2"),
    ("events:event_detail", 1234567),
    ("partnerships:detail", 3),
    ("practices:detail", 5),
    ("meetings:body_detail", 8),
    ("meetings:meeting_detail", 9),
    ("meetings:decision_detail", 10),
    ("consultations:centre_detail", 11),
]


@pytest.mark.parametrize(("view", "key"), VIEWS)
@pytest.mark.parametrize("prefix", ["/", "/edcluster/"])
def test_same_as_reverse(view, key, prefix):
    set_script_prefix(prefix)
    try:
        assert detail_url(view, key) == reverse(view, args=[key])
        assert detail_url(view, key).startswith(prefix)
    finally:
        clear_script_prefix()


def test_a_models_link_is_its_page(world, client):
    url = world.org_a.get_absolute_url()
    assert url == f"/organizations/{world.org_a.pk}/"
    assert "Организация А" in client.get(url).content.decode()
