import pytest

from edcluster.consultations import access, services
from edcluster.consultations.models import Centre
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_editor_of_one_centre_cannot_read_another_centres_records(world, centres):
    assert access.can_read_centre_records(world.editor_a, centres["a"])
    assert not access.can_read_centre_records(world.editor_a, centres["b"])
    assert list(access.readable_centres(world.editor_a)) == [centres["a"]]
    assert list(access.readable_centres(world.coordinator_y)) == [centres["b"]]
    assert set(access.readable_centres(world.admin)) == set(Centre.objects.all())


def test_specialist_account_sees_only_own_centre(world, centres):
    user = UserFactory(username="logoped")
    services.specialist_create(
        actor=world.editor_b, centre=centres["b"], data={"kind": "speech", "full_name": "Логопед Б", "user": user}
    )
    assert access.can_work_in_centre(user, centres["b"])
    assert not access.can_read_centre_records(user, centres["a"])
    assert not access.can_manage_centre(user, centres["b"])


def test_unpublished_centre_is_hidden_from_outsiders(client_for, world, centres):
    services.centre_update(actor=world.editor_b, centre=centres["b"], data={"is_public": False})
    url = f"/consultations/{centres['b'].pk}/"
    assert client_for(None).get(url).status_code == 404
    assert client_for(world.editor_a).get(url).status_code == 404
    assert client_for(world.editor_a).get(url + "request/").status_code == 404
    assert client_for(world.editor_b).get(url).status_code == 200
    assert "Консультационный центр Б" not in client_for(None).get("/consultations/").content.decode()
