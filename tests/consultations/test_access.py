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
