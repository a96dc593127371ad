"""The partnership's links to events and council decisions through the API: the same service and
the same visibility as the partnership page."""

from datetime import date

import pytest

from edcluster.events import services as event_services
from edcluster.meetings.models import Decision
from edcluster.partnerships import services
from edcluster.partnerships.models import Partnership
from tests.events.helpers import open_event

pytestmark = pytest.mark.django_db

REFUSED = "Связать можно только с мероприятием или решением кластера одной из сторон."


@pytest.fixture
def event_x(world):
    return open_event(world.cluster_x, title="Методический поезд «Робототехника»")


@pytest.fixture
def decision_x(world):
    return Decision.objects.create(cluster=world.cluster_x, order=1, text="Организовать агроклассы с банком")


def _patch(c, pk, body):
    return c.patch(f"/api/partnerships/{pk}", body, content_type="application/json")


def test_create_with_an_event_and_everyone_reads_the_link(world, client_for, event_x):
    from tests.factories import OrganizationFactory

    partner = OrganizationFactory(short_name="Библиотека", kind="library")
    response = client_for(world.editor_a).post(
        "/api/partnerships",
        {
            "kind": "cooperation_agreement",
            "title": "Читаем вместе",
            "valid_until": "2027-06-30",
            "parties": [{"organization_id": world.org_a.pk, "role": "initiator"}, {"organization_id": partner.pk}],
            "event_ids": [event_x.pk],
            "activate": True,
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert [e["title"] for e in response.json()["events"]] == ["Методический поезд «Робототехника»"]
    pk = response.json()["id"]
    public = client_for(None).get(f"/api/partnerships/{pk}").json()
    assert public["events"] == [
        {"id": event_x.pk, "title": event_x.title, "starts_on": "2030-11-14", "url": f"/events/{event_x.pk}/"}
    ]
    assert public["decisions"] == []


def test_a_decision_is_shown_only_to_those_who_may_read_it(world, client_for, partnership, decision_x):
    response = _patch(client_for(world.coordinator_x), partnership.pk, {"decision_ids": [decision_x.pk]})
    assert response.status_code == 200, response.content
    assert [d["text"] for d in response.json()["decisions"]] == ["Организовать агроклассы с банком"]
    assert list(partnership.decisions.all()) == [decision_x]
    # the public and another organisation's editor see the partnership but not the decision
    assert client_for(None).get(f"/api/partnerships/{partnership.pk}").json()["decisions"] == []
    assert client_for(world.editor_b).get(f"/api/partnerships/{partnership.pk}").json()["decisions"] == []


def test_an_editor_cannot_link_a_decision_they_may_not_read(world, client_for, partnership, decision_x):
    # decision_x is of the party's cluster, but editor_a (an organisation's editor) does not read it
    response = _patch(client_for(world.editor_a), partnership.pk, {"decision_ids": [decision_x.pk]})
    assert response.status_code == 422
    assert response.json()["errors"]["decisions"] == [REFUSED]
    assert not partnership.decisions.exists()


def test_another_organisations_editor_changes_nothing(world, client_for, event_x):
    from tests.factories import OrganizationFactory
    from tests.partnerships.conftest import make_partnership

    p = make_partnership(world.editor_a, world.org_a, OrganizationFactory(short_name="Музей", kind="museum"))
    response = _patch(client_for(world.editor_b), p.pk, {"event_ids": [event_x.pk]})
    assert response.status_code == 403
    assert not p.events.exists()


def test_an_event_of_a_cluster_no_party_belongs_to_is_refused_and_nothing_is_created(world, client_for):
    from tests.factories import OrganizationFactory

    foreign = open_event(world.cluster_x, title="Мероприятие чужого кластера")
    partner = OrganizationFactory(short_name="Музей", kind="museum")
    response = client_for(world.editor_b).post(
        "/api/partnerships",
        {
            "kind": "joint_project",
            "title": "Музей и школа Б",
            "parties": [{"organization_id": world.org_b.pk}, {"organization_id": partner.pk}],
            "event_ids": [foreign.pk],
        },
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["errors"]["events"] == [REFUSED]
    assert not Partnership.objects.filter(title="Музей и школа Б").exists()


def test_an_unknown_id_gets_the_same_answer(world, client_for, partnership):
    response = _patch(client_for(world.editor_a), partnership.pk, {"event_ids": [999999]})
    assert response.status_code == 422
    assert response.json()["errors"]["events"] == [REFUSED]


def test_replacing_the_links_keeps_those_the_editor_cannot_see(world, client_for, partnership, event_x):
    hidden = event_services.event_create(
        actor=None,
        cluster=world.cluster_x,
        data={"title": "Черновик встречи", "kind": "seminar", "starts_on": date(2030, 1, 1)},
    )
    services.partnership_link(actor=world.admin, partnership=partnership, event=hidden)
    services.partnership_link(actor=world.admin, partnership=partnership, event=event_x)
    c = client_for(world.editor_a)
    assert [e["id"] for e in c.get(f"/api/partnerships/{partnership.pk}").json()["events"]] == [event_x.pk]
    response = _patch(c, partnership.pk, {"event_ids": []})
    assert response.status_code == 200
    assert response.json()["events"] == []
    assert list(partnership.events.all()) == [hidden]  # the draft the editor does not see stays linked
