"""The registration does its work before the capacity lock and only re-checks under it: what the
person notices must still match what the locked re-check decided."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType

from edcluster.core.models import Consent, OutboxMessage
from edcluster.events import services
from edcluster.events.models import Registration, RegistrationStatus
from tests.events.helpers import open_event, person

pytestmark = pytest.mark.django_db


def test_place_taken_between_the_expectation_and_the_lock(world, monkeypatch):
    """The unlocked count said «a place is free», the locked one says «full»: the person is put
    on the waiting list and the e-mail says so (no .ics, no QR), not «confirmed»."""
    event = open_event(world.cluster_x, in_person=1)
    services.registration_submit(event=event, data=person("first@example.test"), consent=True)
    real = services._has_place
    calls = []

    def first_call_says_free(*args, **kwargs):
        calls.append(kwargs.get("taken"))
        return True if len(calls) == 1 else real(*args, **kwargs)

    monkeypatch.setattr(services, "_has_place", first_call_says_free)
    reg, created = services.registration_submit(event=event, data=person("second@example.test"), consent=True)
    assert created and reg.status == RegistrationStatus.WAITLISTED
    # the expectation (the unlocked count, from the same query as the e-mail look-up), then the
    # locked count of the places taken
    assert calls == [1, 1]
    message = OutboxMessage.objects.get(to=["second@example.test"])
    assert message.subject.startswith("Вы в листе ожидания") and not message.attachments.exists()
    assert message.dedup_key == f"events.registration.{reg.pk}.waitlisted"


def test_same_email_found_only_under_the_lock_returns_it_and_keeps_no_second_consent(world, monkeypatch):
    """A concurrent double submission that passes the unlocked look-up: the locked re-check returns
    the first registration, and the consent written before the lock is rolled back."""
    event = open_event(world.cluster_x)
    first, _ = services.registration_submit(event=event, data=person(), consent=True, ip="10.0.0.1")
    real = services._active_registration
    calls = []

    def miss_once(*args, **kwargs):
        calls.append(1)
        return None if len(calls) == 1 else real(*args, **kwargs)

    monkeypatch.setattr(services, "_active_registration", miss_once)
    again, created = services.registration_submit(event=event, data=person(), consent=True, ip="10.0.0.1")
    assert not created and again.pk == first.pk
    assert Registration.objects.count() == 1 and OutboxMessage.objects.count() == 1
    assert list(Consent.objects.values_list("pk", flat=True)) == [first.consent_id]


def test_consent_points_at_its_registration(world):
    event = open_event(world.cluster_x)
    reg, _ = services.registration_submit(event=event, data=person(), consent=True)
    consent = Consent.objects.get(pk=reg.consent_id)
    assert consent.subject_type == ContentType.objects.get_for_model(Registration)
    assert consent.subject_id == str(reg.pk)


def test_register_page_keeps_the_chosen_region_after_an_error(world, client):
    """The region list is rendered by ``FlatSelect``: the same options, the choice kept."""
    event = open_event(world.cluster_x)
    page = client.get(f"/events/{event.pk}/register/").content.decode()
    assert page.count("<option value=") > 89 and '<option value="34">Волгоградская область</option>' in page
    data = {**person(), "organization": "МБДОУ «Детский сад № 5»", "phone": ""}
    page = client.post(f"/events/{event.pk}/register/", data).content.decode()  # no consent
    assert "Без согласия на обработку персональных данных" in page
    assert '<option value="34" selected>Волгоградская область</option>' in page
    assert not Registration.objects.exists()
