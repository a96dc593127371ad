"""Partnerships linked to the cluster's real events and council decisions."""

from datetime import date

import pytest

from edcluster.core.errors import ValidationError
from edcluster.core.models import AuditEntry
from edcluster.meetings.models import Decision
from edcluster.partnerships import services
from tests.events.helpers import open_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def event_x(world):
    return open_event(world.cluster_x, title="Методический поезд «Робототехника»")


@pytest.fixture
def decision_x(world):
    return Decision.objects.create(cluster=world.cluster_x, order=1, text="Организовать агроклассы с банком")


def test_editor_links_an_event_and_everyone_sees_it_as_a_link(client, world, partnership, event_x):
    client.force_login(world.editor_a)
    response = client.post(
        f"/partnerships/{partnership.pk}/links/", {"kind": "event", "target": event_x.pk}, follow=True
    )
    assert "Связи партнёрства обновлены." in response.content.decode()
    assert list(partnership.events.all()) == [event_x]
    client.logout()
    page = client.get(f"/partnerships/{partnership.pk}/").content.decode()
    assert f'href="/events/{event_x.pk}/"' in page
    assert AuditEntry.objects.filter(action="partnerships.partnership.updated", changes__events__1=event_x.title)


def test_coordinator_links_a_decision_of_a_partys_cluster(client, world, partnership, decision_x):
    client.force_login(world.coordinator_x)
    page = client.get(f"/partnerships/{partnership.pk}/").content.decode()
    assert "Организовать агроклассы с банком" in page  # offered in the choice
    client.post(f"/partnerships/{partnership.pk}/links/", {"kind": "decision", "target": decision_x.pk})
    assert list(partnership.decisions.all()) == [decision_x]


def test_unlinking_removes_the_link(client, world, partnership, event_x):
    services.partnership_link(actor=world.editor_a, partnership=partnership, event=event_x)
    client.force_login(world.editor_a)
    client.post(f"/partnerships/{partnership.pk}/links/", {"action": "remove", "kind": "event", "target": event_x.pk})
    assert not partnership.events.exists()


def test_an_event_of_a_cluster_no_party_belongs_to_is_refused(world, make_outside_partnership):
    foreign = open_event(world.cluster_y, title="Чужое мероприятие")
    with pytest.raises(ValidationError) as exc:
        services.partnership_link(actor=world.editor_a, partnership=make_outside_partnership, event=foreign)
    assert "кластера одной из сторон" in exc.value.message
    assert not make_outside_partnership.events.exists()


def test_a_missing_target_gets_a_russian_message_and_changes_nothing(client, world, partnership):
    client.force_login(world.editor_a)
    response = client.post(f"/partnerships/{partnership.pk}/links/", {"kind": "event", "target": "999999"}, follow=True)
    assert "Выберите мероприятие или решение." in response.content.decode()
    assert not partnership.events.exists()


def test_a_draft_event_is_not_shown_to_the_public_even_when_linked(client, world, partnership):
    from edcluster.events import services as event_services

    draft = event_services.event_create(
        actor=None,
        cluster=world.cluster_x,
        data={"title": "Черновик встречи", "kind": "seminar", "starts_on": date(2030, 1, 1)},
    )
    services.partnership_link(actor=world.admin, partnership=partnership, event=draft)
    assert "Черновик встречи" not in client.get(f"/partnerships/{partnership.pk}/").content.decode()


def test_another_organisations_editor_cannot_link(client, world, make_outside_partnership, event_x):
    client.force_login(world.editor_b)
    response = client.post(
        f"/partnerships/{make_outside_partnership.pk}/links/", {"kind": "event", "target": event_x.pk}
    )
    assert response.status_code == 403
    assert not make_outside_partnership.events.exists()


@pytest.fixture
def make_outside_partnership(world):
    """A partnership of organisation A (cluster X) with an organisation in no cluster."""
    from tests.factories import OrganizationFactory
    from tests.partnerships.conftest import make_partnership

    other = OrganizationFactory(full_name="Банк-партнёр", short_name="Банк", kind="business")
    return make_partnership(world.editor_a, world.org_a, other, title="Агроклассы")


def test_a_decision_the_editor_may_not_read_is_neither_offered_nor_linked(client, world, partnership, decision_x):
    client.force_login(world.editor_a)
    assert "Организовать агроклассы с банком" not in client.get(f"/partnerships/{partnership.pk}/").content.decode()
    client.post(f"/partnerships/{partnership.pk}/links/", {"kind": "decision", "target": decision_x.pk})
    assert not partnership.decisions.exists()


@pytest.mark.parametrize("who", ["editor_b", "coordinator_y"])
def test_an_editor_of_the_other_cluster_cannot_unlink_an_event_they_cannot_see(world, partnership, who):
    from edcluster.events import services as event_services
    from edcluster.events.access import can_view_event

    draft = event_services.event_create(
        actor=None,
        cluster=world.cluster_x,
        data={"title": "Черновик встречи", "kind": "seminar", "starts_on": date(2030, 1, 1)},
    )
    services.partnership_link(actor=world.admin, partnership=partnership, event=draft)
    actor = getattr(world, who)
    assert not can_view_event(actor, draft)
    with pytest.raises(ValidationError) as exc:
        services.partnership_link(actor=actor, partnership=partnership, event=draft, unlink=True)
    assert exc.value.errors == {
        "events": ["Связать можно только с мероприятием или решением кластера одной из сторон."]
    }
    assert list(partnership.events.all()) == [draft]


def test_unlinking_an_unseen_event_on_the_page_keeps_the_link(client, world, partnership):
    from edcluster.events import services as event_services

    draft = event_services.event_create(
        actor=None,
        cluster=world.cluster_x,
        data={"title": "Черновик встречи", "kind": "seminar", "starts_on": date(2030, 1, 1)},
    )
    services.partnership_link(actor=world.admin, partnership=partnership, event=draft)
    client.force_login(world.editor_b)
    client.post(f"/partnerships/{partnership.pk}/links/", {"action": "remove", "kind": "event", "target": draft.pk})
    assert list(partnership.events.all()) == [draft]
    assert not AuditEntry.objects.filter(action="partnerships.partnership.updated", changes__events__0=draft.title)
