"""A parents' community («Родительская общественность») is edited by its host's editors everywhere:
its people, its partnerships — not only its own card."""

import pytest
from django.urls import reverse

from edcluster.core.models import User
from edcluster.organizations import services
from edcluster.organizations.access import roles_of
from edcluster.organizations.models import Person
from tests.partnerships.conftest import make_partnership

pytestmark = pytest.mark.django_db

NEW_PERSON = {
    "last_name": "Зайцева",
    "first_name": "Ольга",
    "middle_name": "Петровна",
    "gender": "",
    "email": "zaytseva@example.test",
    "phone": "",
    "position_title": "председатель родительского совета",
}


@pytest.fixture
def parents(world):
    return services.parents_community_ensure(actor=world.editor_a, organization=world.org_a)


def _add_person(client, parents):
    response = client.post(reverse("organizations:person_create", args=[parents.pk]), NEW_PERSON)
    assert response.status_code == 302, response.content.decode()
    return Person.objects.get(email="zaytseva@example.test")


@pytest.mark.parametrize("role", ["editor_a", "coordinator_x"])
def test_the_hosts_editor_adds_a_person_to_the_community_then_opens_and_edits_them(world, client_for, parents, role):
    c = client_for(world.user(role))
    person = _add_person(c, parents)
    page = c.get(reverse("organizations:person_detail", args=[person.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Зайцева Ольга Петровна" in body and "председатель родительского совета" in body
    assert c.get(reverse("organizations:person_edit", args=[person.pk])).status_code == 200
    response = c.post(
        reverse("organizations:person_edit", args=[person.pk]),
        {**NEW_PERSON, "phone": "+7 912 000-00-00"},
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.phone == "+7 912 000-00-00"
    # the community is offered when a position is added to someone the editor already has
    form = c.get(reverse("organizations:position_add", args=[person.pk])).content.decode()
    assert f'value="{parents.pk}"' in form
    # and the person is on the people list
    assert "Зайцева" in c.get(reverse("organizations:person_list")).content.decode()


def test_the_clusters_viewer_reads_the_communitys_people_but_does_not_edit_them(world, client_for, parents):
    person = _add_person(client_for(world.editor_a), parents)
    viewer = client_for(world.viewer_x)
    assert viewer.get(reverse("organizations:person_detail", args=[person.pk])).status_code == 200
    assert viewer.get(reverse("organizations:person_edit", args=[person.pk])).status_code == 403


@pytest.mark.parametrize("role", ["editor_b", "coordinator_y"])
def test_another_organisations_editor_neither_sees_nor_changes_the_communitys_people(world, client_for, parents, role):
    person = _add_person(client_for(world.editor_a), parents)
    other = client_for(world.user(role))
    assert other.get(reverse("organizations:person_detail", args=[person.pk])).status_code == 404
    assert other.post(reverse("organizations:person_edit", args=[person.pk]), NEW_PERSON).status_code == 404
    assert other.post(reverse("organizations:person_create", args=[parents.pk]), NEW_PERSON).status_code == 403
    assert "Зайцева" not in other.get(reverse("organizations:person_list")).content.decode()
    assert Person.objects.filter(email="zaytseva@example.test").count() == 1


def test_the_hosts_editor_edits_a_partnership_of_the_community_with_a_third_organisation(world, client_for, parents):
    from tests.factories import OrganizationFactory

    school = OrganizationFactory(short_name="Школа № 9")
    partnership = make_partnership(world.admin, parents, school, title="Родители и школа")
    url = reverse("partnerships:edit", args=[partnership.pk])
    assert client_for(world.editor_a).get(url).status_code == 200
    assert client_for(world.editor_b).get(url).status_code == 403


def test_editable_orgs_include_the_community_without_an_extra_query(world, parents, django_assert_num_queries):
    for user, expected, queries in (
        (world.editor_a, {world.org_a.pk, parents.pk}, 1),  # the role assignments
        (world.coordinator_x, {world.org_a.pk, parents.pk}, 2),  # + the cluster's members
        (world.editor_b, {world.org_b.pk}, 1),
    ):
        fresh = User.objects.get(pk=user.pk)  # no roles cached on it yet
        with django_assert_num_queries(queries):
            assert roles_of(fresh).editable_orgs == expected


def test_the_communitys_page_lists_its_people_to_the_hosts_editor_only(world, client_for, parents):
    _add_person(client_for(world.editor_a), parents)
    url = reverse("organizations:organization_detail", args=[parents.pk])
    assert "Зайцева" in client_for(world.editor_a).get(url).content.decode()
    assert "Зайцева" not in client_for(world.editor_b).get(url).content.decode()


def test_pickers_offer_the_community_as_a_party_but_not_as_a_centre_or_a_practices_author(world, client_for, parents):
    c = client_for(world.editor_a)
    option = f'<option value="{parents.pk}">{parents.short_name}</option>'
    assert option in c.get(reverse("partnerships:create")).content.decode()
    centre_form = c.get(reverse("consultations:centre_create")).content.decode()
    assert parents.short_name not in centre_form
    assert f'<option value="{world.org_a.pk}">Организация А</option>' in centre_form
    assert parents.short_name not in c.get(reverse("practices:create")).content.decode()
