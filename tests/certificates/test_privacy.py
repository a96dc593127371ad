"""Erasing a person keeps their certificate verifiable without their data (152-FZ)."""

import pytest

from edcluster.certificates import services
from edcluster.certificates.models import Certificate, KindCode
from edcluster.core import privacy
from tests.certificates.helpers import held_event, registration

pytestmark = pytest.mark.django_db


def test_export_lists_the_certificate_and_erasure_keeps_it_verifiable(world, client):
    event = held_event(world.cluster_x)
    reg = registration(event, "Грязева")
    participant = event.certificate_kinds.get(code=KindCode.PARTICIPANT)
    cert, _c = services.certificate_issue(actor=None, kind=participant, registration=reg)
    other, _c = services.certificate_issue(actor=None, kind=participant, registration=registration(event, "Залесова"))
    exported = privacy.person_export(email=reg.email)
    section = next(s for s in exported["разделы"] if s["раздел"] == "Сертификаты")
    assert section["записи"][0]["сертификат"] == cert.number

    privacy.person_erase(email=reg.email, actor=world.admin)

    cert = Certificate.objects.get(pk=cert.pk)
    assert cert.personal_erased and cert.last_name == "" and cert.email == ""
    page = client.get(f"/verify/{cert.code}/").content.decode()
    assert "сертификат выдан, данные удалены" in page
    assert cert.number in page and "Грязева" not in page
    assert client.get(f"/verify/{cert.code}/certificate.pdf").status_code == 404
    other.refresh_from_db()
    assert other.full_name == "Залесова Ольга Николаевна" and not other.personal_erased
