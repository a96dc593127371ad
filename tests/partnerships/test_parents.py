"""The parents of a kindergarten as a party of its partnerships («Родительская общественность»)."""

import io

import pytest
from docx import Document

from edcluster.analytics.scope import Scope
from edcluster.core.errors import PermissionDenied, ValidationError
from edcluster.organizations import services as org_services
from edcluster.organizations.access import can_edit_organization
from edcluster.organizations.models import Membership, Organization
from edcluster.partnerships import graph, selectors
from edcluster.partnerships.models import Direction
from tests.factories import OrganizationFactory
from tests.partnerships.conftest import make_partnership

pytestmark = pytest.mark.django_db


@pytest.fixture
def kindergarten(world):
    k = OrganizationFactory(
        full_name="Муниципальное автономное дошкольное образовательное учреждение № 24 «Журавушка»",
        short_name="МАДОУ № 24 «Журавушка»",
        kind="kindergarten",
        municipality="Город А",
    )
    Membership.objects.create(cluster=world.cluster_x, organization=k)
    from edcluster.organizations.models import RoleAssignment

    RoleAssignment.objects.create(user=world.editor_a, role="editor", organization=k)
    return k


@pytest.fixture
def parents(world, kindergarten):
    return org_services.parents_community_ensure(actor=world.editor_a, organization=kindergarten)


def test_the_community_is_named_after_the_kindergarten_and_made_once(world, kindergarten, parents):
    assert parents.kind == "parents"
    assert parents.short_name == "Родители воспитанников МАДОУ № 24 «Журавушка»"
    assert parents.full_name == (
        "Родители (законные представители) воспитанников Муниципальное автономное дошкольное "
        "образовательное учреждение № 24 «Журавушка»"
    )
    assert parents.municipality == "Город А"
    assert not parents.memberships.exists()
    again = org_services.parents_community_ensure(actor=world.editor_a, organization=kindergarten)
    assert again.pk == parents.pk
    assert can_edit_organization(world.editor_a, parents)  # the kindergarten's editors edit it
    assert not can_edit_organization(world.editor_b, parents)


def test_another_organisations_editor_cannot_create_it(world, kindergarten):
    with pytest.raises(PermissionDenied):
        org_services.parents_community_ensure(actor=world.editor_b, organization=kindergarten)
    assert not Organization.objects.filter(kind="parents").exists()


def test_a_parents_community_cannot_be_typed_in_as_an_organisation(world):
    with pytest.raises(ValidationError) as exc:
        org_services.organization_create(
            actor=world.admin, data={"full_name": "Родители школы", "kind": "parents", "municipality": "Киров"}
        )
    assert "создаётся со страницы организации" in str(exc.value.errors)
    assert not Organization.objects.filter(kind="parents").exists()


def test_page_button_makes_the_parents_and_both_pages_link_each_other(client, world, kindergarten):
    client.force_login(world.editor_a)
    page = client.get(f"/organizations/{kindergarten.pk}/").content.decode()
    assert "Указать родителей как партнёров организации" in page
    response = client.post(f"/organizations/{kindergarten.pk}/parents/", follow=True)
    parents = Organization.objects.get(parents_of=kindergarten)
    assert response.redirect_chain[-1][0] == f"/organizations/{parents.pk}/"
    body = response.content.decode()
    assert "Родительская общественность" in body
    assert f'href="/organizations/{kindergarten.pk}/"' in body
    host = client.get(f"/organizations/{kindergarten.pk}/").content.decode()
    assert f'href="/organizations/{parents.pk}/"' in host


def test_parents_come_first_on_our_partners_page_and_docx(client, world, kindergarten, parents):
    school = OrganizationFactory(short_name="Школа № 9", municipality="Город А")
    make_partnership(world.editor_a, kindergarten, school, title="Робототехника со школой № 9")
    make_partnership(
        world.editor_a,
        kindergarten,
        parents,
        title="Родители — партнёры детского сада",
        directions=("Родители и семья",),
    )
    groups = selectors.partners_by_direction(None, kindergarten)
    assert list(groups) == ["Родители и семья", "Робототехника и программирование"]
    assert groups["Родители и семья"][0]["organization"] == parents
    page = client.get(f"/organizations/{kindergarten.pk}/partners/").content.decode()
    assert page.index("Родители воспитанников МАДОУ № 24") < page.index("Школа № 9")
    data = client.get(f"/organizations/{kindergarten.pk}/partners/?format=docx").content
    text = "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
    assert text.index("Родители воспитанников МАДОУ № 24 «Журавушка» — партнёр") < text.index("Школа № 9")


def test_parents_are_not_counted_as_organisations(client, world, kindergarten, parents):
    make_partnership(world.editor_a, kindergarten, parents, directions=("Родители и семья",))
    town = Scope("municipality", municipality="Город А")
    assert parents not in town.organizations()
    assert kindergarten in town.organizations()
    listed = client.get("/organizations/?municipality=Город А").content.decode()
    assert "Родители воспитанников" not in listed
    assert "Родители воспитанников" in client.get("/organizations/?kind=parents").content.decode()
    # a search for who leads work with kindergartens names organisations, not the parents
    found = selectors.partner_search(None, direction=Direction.objects.get(name="Родители и семья"))
    assert parents not in found


def test_graph_draws_the_parents_through_their_partnership_only(world, kindergarten, parents):
    lonely = OrganizationFactory(short_name="Детский сад без родителей", kind="kindergarten", municipality="Город А")
    lonely_parents = org_services.parents_community_ensure(actor=world.admin, organization=lonely)
    make_partnership(world.editor_a, kindergarten, parents, directions=("Родители и семья",))
    ng = graph.network_graph(graph.Scope(municipality="Город А"))
    nodes = {n["id"]: n for n in graph.graph_json(ng)["nodes"]}
    assert nodes[str(parents.pk)]["kind_name"] == "Родительская общественность"
    assert nodes[str(parents.pk)]["colour"] == graph.KIND_COLOURS["parents"]
    assert str(lonely_parents.pk) not in nodes  # no partnership: not a node, not an «isolated member»
    assert "Детский сад без родителей" in graph.graph_metrics(ng)["isolated"]


def test_the_organisation_form_offers_no_parents_kind_and_keeps_a_communitys_kind(client, world, parents):
    client.force_login(world.admin)
    new = client.get("/organizations/new/").content.decode()
    assert 'value="parents"' not in new
    response = client.post(
        f"/organizations/{parents.pk}/edit/",
        {"full_name": parents.full_name, "short_name": "Совет родителей «Журавушки»", "kind": "school"},
        follow=True,
    )
    assert response.status_code == 200
    parents.refresh_from_db()
    assert parents.short_name == "Совет родителей «Журавушки»"
    assert parents.kind == "parents"


def test_network_legend_names_the_kinds_with_their_colours(client, world, kindergarten, parents):
    make_partnership(world.editor_a, kindergarten, parents, directions=("Родители и семья",))
    page = client.get("/network/?cluster=x").content.decode()
    assert f'background:{graph.KIND_COLOURS["parents"]}"></span> Родительская общественность' in page
    assert "</span> Детский сад" in page
