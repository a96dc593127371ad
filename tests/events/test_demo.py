from __future__ import annotations

import pytest

from edcluster.core.demo_loader import load_demo
from edcluster.events import selectors
from edcluster.events.models import Event, Registration

pytestmark = pytest.mark.django_db


def test_demo_events_from_samples_and_idempotent(client):
    load_demo()
    counts = (Event.objects.count(), Registration.objects.count())
    load_demo()
    # 7 council participants + the internship's 50 (placeholders added by analytics/demo.py)
    assert (Event.objects.count(), Registration.objects.count()) == counts == (3, 57)
    conference = Event.objects.get(starts_on="2025-11-14")
    assert conference.venue_organization.short_name == "ГАПОУ «Волгоградский социально-педагогический колледж»"
    assert conference.format == "mixed" and conference.status == "registration_closed"
    page = client.get(f"/events/{conference.pk}/").content.decode()
    assert "14 ноября 2025" in page and "Регистрация до 7 ноября 2025" in page
    internship = Event.objects.get(starts_on="2023-04-10")
    assert internship.cluster.region == "39" and internship.site_visits.count() == 2
    assert "10–12 апреля 2023" in client.get(f"/events/{internship.pk}/").content.decode()
    council = Event.objects.get(starts_on="2025-02-26")
    assert council.status == "held"
    assert selectors.registration_counts(council).checked_in == 7
    speaker = council.days.get().items.get(title__startswith="Агроклассы").speakers.get()
    assert speaker.name == "Пономарева Оксана Александровна"
