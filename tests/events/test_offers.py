from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from edcluster.core.errors import Conflict
from edcluster.core.models import OutboxMessage
from edcluster.events import services, tasks
from edcluster.events.models import Registration, RegistrationStatus
from tests.events.helpers import open_event, person

pytestmark = pytest.mark.django_db


def _full_with_queue(world, waiting=2):
    event = open_event(world.cluster_x, in_person=1)
    first, _ = services.registration_submit(event=event, data=person("a@example.test"), consent=True)
    queue = [
        services.registration_submit(event=event, data=person(f"w{i}@example.test"), consent=True)[0]
        for i in range(waiting)
    ]
    return event, first, queue


def test_freed_place_is_offered_held_and_accepted(world, settings):
    settings.EDCLUSTER_EVENTS_OFFER_HOURS = 24
    event, first, (b, c) = _full_with_queue(world)
    before = timezone.now()
    services.registration_cancel(secret=first.secret)
    b.refresh_from_db()
    assert b.status == RegistrationStatus.OFFERED
    assert timedelta(hours=23) < b.offer_expires_at - before < timedelta(hours=25)
    mail = OutboxMessage.objects.get(topic="events.offer")
    assert mail.to == ["w0@example.test"] and "«Методическая конференция»" in mail.subject
    assert f"/events/registration/{b.secret}/offer/?action=accept" in mail.body
    assert f"/events/registration/{b.secret}/offer/?action=decline" in mail.body
    # the place is held: a newcomer waits, c stays waiting
    newcomer, _ = services.registration_submit(event=event, data=person("new@example.test"), consent=True)
    assert newcomer.status == RegistrationStatus.WAITLISTED
    accepted = services.offer_accept(secret=b.secret)
    assert accepted.status == RegistrationStatus.CONFIRMED and accepted.offer_expires_at is None
    assert OutboxMessage.objects.filter(to=["w0@example.test"], subject__startswith="Регистрация подтверждена").exists()
    c.refresh_from_db()
    assert c.status == RegistrationStatus.WAITLISTED
    assert Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED).count() == 1
    with pytest.raises(Conflict, match="Ссылка уже использована"):
        services.offer_accept(secret=b.secret)


def test_decline_passes_the_place_on(world):
    _event, first, (b, c) = _full_with_queue(world)
    services.registration_cancel(secret=first.secret)
    services.offer_decline(secret=b.secret)
    b.refresh_from_db()
    c.refresh_from_db()
    assert b.status == RegistrationStatus.CANCELLED and c.status == RegistrationStatus.OFFERED
    assert OutboxMessage.objects.filter(topic="events.offer", to=["w1@example.test"]).exists()


def test_expired_offer_passes_on_and_link_says_so(world, client):
    _event, first, (b, c) = _full_with_queue(world)
    services.registration_cancel(secret=first.secret)
    later = timezone.now() + timedelta(hours=49)
    with pytest.raises(Conflict, match="Срок предложения истёк"):
        services.offer_accept(secret=b.secret, now=later)
    b.refresh_from_db()
    assert b.status == RegistrationStatus.OFFERED  # nothing changed by the refused accept
    assert services.offers_expire(now=timezone.now()) == 0  # not yet overdue
    assert services.offers_expire(now=later) == 1
    assert services.offers_expire(now=later) == 0  # idempotent
    b.refresh_from_db()
    c.refresh_from_db()
    assert b.status == RegistrationStatus.CANCELLED and c.status == RegistrationStatus.OFFERED
    page = client.get(f"/events/registration/{b.secret}/offer/")
    assert page.status_code == 409 and "Ссылка уже использована" in page.content.decode()
    assert "отменена" in page.content.decode()


def test_beat_task_registered_and_expires(world):
    from django.conf import settings

    assert settings.CELERY_BEAT_SCHEDULE["events.expire_offers"]["task"] == "edcluster.events.tasks.expire_offers"
    _event, first, (b, c) = _full_with_queue(world)
    services.registration_cancel(secret=first.secret)
    Registration.objects.filter(pk=b.pk).update(offer_expires_at=timezone.now() - timedelta(minutes=1))
    assert tasks.expire_offers() == 1
    c.refresh_from_db()
    assert c.status == RegistrationStatus.OFFERED


def test_accept_rechecks_capacity(world):
    event, first, (b, c) = _full_with_queue(world)
    services.registration_cancel(secret=first.secret)
    # a coordinator lowers capacity meanwhile and someone else holds the only place
    Registration.objects.filter(pk=c.pk).update(status=RegistrationStatus.CONFIRMED)
    reg = services.offer_accept(secret=b.secret)
    assert reg.status == RegistrationStatus.WAITLISTED
    assert Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED).count() == 1


def test_offer_page_accepts_by_post_only(world, client):
    _event, first, (b, _c) = _full_with_queue(world)
    services.registration_cancel(secret=first.secret)
    page = client.get(f"/events/registration/{b.secret}/offer/?action=accept")
    assert page.status_code == 200 and "Принять место" in page.content.decode()
    b.refresh_from_db()
    assert b.status == RegistrationStatus.OFFERED  # GET changes nothing
    response = client.post(f"/events/registration/{b.secret}/offer/", {"action": "accept"})
    assert response.status_code == 302
    b.refresh_from_db()
    assert b.status == RegistrationStatus.CONFIRMED
    again = client.post(f"/events/registration/{b.secret}/offer/", {"action": "decline"})
    assert again.status_code == 409 and "Ссылка уже использована" in again.content.decode()
    b.refresh_from_db()
    assert b.status == RegistrationStatus.CONFIRMED


def test_raised_capacity_offers_places_in_order(world):
    event, _first, (b, c) = _full_with_queue(world, waiting=2)
    services.event_update(actor=None, event=event, data={"capacity_in_person": 2})
    b.refresh_from_db()
    c.refresh_from_db()
    assert (b.status, c.status) == (RegistrationStatus.OFFERED, RegistrationStatus.WAITLISTED)
    services.event_update(actor=None, event=event, data={"capacity_in_person": 5})
    c.refresh_from_db()
    assert c.status == RegistrationStatus.OFFERED
    assert OutboxMessage.objects.filter(topic="events.offer").count() == 2
