from __future__ import annotations

import pytest

from edcluster.core.errors import Conflict
from edcluster.core.models import OutboxMessage
from edcluster.events import selectors, services
from edcluster.events.models import Registration, RegistrationStatus
from tests.events.helpers import open_event, person

pytestmark = pytest.mark.django_db


def test_pending_holds_a_place_approval_confirms_rejection_frees_it(world, django_capture_on_commit_callbacks):
    event = open_event(world.cluster_x, in_person=1, moderation=True)
    a, _ = services.registration_submit(event=event, data=person("a@example.test"), consent=True)
    b, _ = services.registration_submit(event=event, data=person("b@example.test"), consent=True)
    assert a.status == RegistrationStatus.PENDING and b.status == RegistrationStatus.WAITLISTED
    assert "ждёт решения организатора" in OutboxMessage.objects.get(to=["a@example.test"]).subject
    counts = selectors.registration_counts(event)
    assert (counts.pending, counts.in_person, counts.waitlisted) == (1, 0, 1)

    rejected = services.registration_moderate(actor=None, event=event, registration_id=a.pk, approve=False)
    assert rejected.status == RegistrationStatus.REJECTED
    assert OutboxMessage.objects.filter(to=["a@example.test"], subject__startswith="Заявка отклонена").exists()
    b.refresh_from_db()
    assert b.status == RegistrationStatus.OFFERED  # the freed place goes to the next in line
    # the same e-mail cannot get round the rejection by registering again
    again, created = services.registration_submit(event=event, data=person("a@example.test"), consent=True)
    assert not created and again.pk == a.pk
    accepted = services.offer_accept(secret=b.secret)
    assert accepted.status == RegistrationStatus.PENDING  # moderated event: the organiser still decides
    with django_capture_on_commit_callbacks(execute=True):  # the delivery adds the .ics and QR
        approved = services.registration_moderate(actor=None, event=event, registration_id=b.pk, approve=True)
    assert approved.status == RegistrationStatus.CONFIRMED
    mail = OutboxMessage.objects.get(to=["b@example.test"], subject__startswith="Регистрация подтверждена")
    assert sorted(x.filename for x in mail.attachments.all()) == ["event.ics", f"qr-{b.code}.png"]
    with pytest.raises(Conflict, match="Решение уже принято"):
        services.registration_moderate(actor=None, event=event, registration_id=b.pk, approve=False)
    assert Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED).count() == 1


def test_without_moderation_registration_is_confirmed(world):
    event = open_event(world.cluster_x)
    reg, _ = services.registration_submit(event=event, data=person(), consent=True)
    assert reg.status == RegistrationStatus.CONFIRMED
    with pytest.raises(Conflict):
        services.registration_moderate(actor=None, event=event, registration_id=reg.pk, approve=True)


def test_organiser_approves_from_page_and_api(world, client):
    event = open_event(world.cluster_x, in_person=5, moderation=True)
    a, _ = services.registration_submit(event=event, data=person("a@example.test"), consent=True)
    b, _ = services.registration_submit(event=event, data=person("b@example.test"), consent=True)
    client.force_login(world.coordinator_x)
    page = client.get(f"/events/{event.pk}/registrations/").content.decode()
    assert f"/events/{event.pk}/registrations/{a.pk}/moderate/" in page and "Подтвердить" in page
    assert 'data-testid="pending">2<' in page
    response = client.post(f"/events/{event.pk}/registrations/{a.pk}/moderate/", {"decision": "approve"})
    assert response.status_code == 302
    a.refresh_from_db()
    assert a.status == RegistrationStatus.CONFIRMED
    bad = client.post(f"/events/{event.pk}/registrations/{b.pk}/moderate/", {"decision": "maybe"}, follow=True)
    assert "Выберите решение" in bad.content.decode()
    b.refresh_from_db()
    assert b.status == RegistrationStatus.PENDING
    api = client.post(
        f"/api/events/{event.pk}/registrations/{b.pk}/moderate", {"decision": "reject"}, content_type="application/json"
    )
    assert api.status_code == 200 and api.json()["status"] == "rejected"
    again = client.post(
        f"/api/events/{event.pk}/registrations/{b.pk}/moderate",
        {"decision": "approve"},
        content_type="application/json",
    )
    assert again.status_code == 409 and "Решение уже принято" in again.json()["message"]
