"""``access.editable_organizations``: the one answer to "which organisations may this user act
for" behind the pickers of positions, partnerships, practices, consultation centres and training."""

import re

import pytest
from django.urls import reverse

from edcluster.organizations import services
from edcluster.organizations.access import editable_organizations
from edcluster.organizations.models import Organization
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def parents(world):
    return services.parents_community_ensure(actor=world.editor_a, organization=world.org_a)


def _names(qs):
    return sorted(o.short_name for o in qs)


def test_each_role_gets_its_own_organisations_and_their_parents(world, parents):
    college = OrganizationFactory(short_name="Колледж", kind="college")
    assert _names(editable_organizations(world.editor_a)) == ["Организация А", parents.short_name]
    assert _names(editable_organizations(world.coordinator_x)) == ["Организация А", parents.short_name]
    assert _names(editable_organizations(world.editor_b)) == ["Организация Б"]
    assert _names(editable_organizations(world.viewer_x)) == []
    assert _names(editable_organizations(None)) == []
    assert set(editable_organizations(world.admin)) == set(Organization.objects.all())
    assert college in editable_organizations(world.admin)


def test_without_communities_and_within_a_narrower_queryset(world, parents):
    assert _names(editable_organizations(world.editor_a, communities=False)) == ["Организация А"]
    assert parents not in editable_organizations(world.admin, communities=False)
    college = OrganizationFactory(short_name="Колледж", kind="college")
    colleges = Organization.objects.filter(kind="college")
    assert list(editable_organizations(world.admin, colleges)) == [college]
    assert list(editable_organizations(world.editor_a, colleges)) == []


def _options(page: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}".*?</select>', page, re.S)
    assert select, name
    return [text for value, text in re.findall(r'<option value="(\d+)"[^>]*>([^<]*)</option>', select.group(0))]


def test_the_forms_offer_what_the_helper_answers(world, client_for, parents):
    c = client_for(world.editor_a)
    position = c.get(reverse("organizations:position_add", args=[world.person_a.pk])).content.decode()
    assert _options(position, "organization") == ["Организация А", parents.short_name]
    partnership = c.get(reverse("partnerships:create")).content.decode()
    assert _options(partnership, "own_organization") == ["Организация А", parents.short_name]
    centre = c.get(reverse("consultations:centre_create")).content.decode()
    assert _options(centre, "organization") == ["Организация А"]
    practice = c.get(reverse("practices:create")).content.decode()
    assert _options(practice, "organizations") == ["Организация А"]


def test_the_lists_municipality_filter_follows_the_registry(world, client, django_assert_max_num_queries):
    """The municipalities of the filter are kept in the cache; a new organisation's municipality is
    offered at once (its save drops the cached lists)."""
    from edcluster.organizations import selectors
    from edcluster.organizations.models import Organization

    before = selectors.municipalities()
    assert "Новоград" not in before
    with django_assert_max_num_queries(0):
        assert selectors.municipalities() == before
    Organization.objects.create(full_name="МБОУ «СОШ № 1» г. Новоград", kind="school", municipality="Новоград")
    assert "Новоград" in selectors.municipalities()
    assert '<option value="Новоград">Новоград</option>' in client.get("/organizations/").content.decode()
