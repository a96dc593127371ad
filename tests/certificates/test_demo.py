from __future__ import annotations

import pytest

from edcluster.certificates.models import Certificate
from edcluster.core.demo_loader import load_demo
from edcluster.events.models import Event

pytestmark = pytest.mark.django_db


def test_demo_certificates_from_samples_and_idempotent(client):
    load_demo()
    numbers = sorted(Certificate.objects.values_list("number", flat=True))
    load_demo()
    assert sorted(Certificate.objects.values_list("number", flat=True)) == numbers
    assert len(numbers) == 7
    conference = Event.objects.get(starts_on="2025-11-14")
    assert sorted(conference.certificate_kinds.values_list("code", flat=True)) == ["active", "speaker"]
    assert conference.cluster.certificate_series.code == "СТАРТ"
    cert = Certificate.objects.get(last_name="Грязева")
    page = client.get(f"/verify/{cert.code}/").content.decode()
    assert "Сертификат действителен." in page and "Грязева Елена Борисовна" in page
    assert "26 февраля 2025" in page
