from __future__ import annotations

import pytest

from edcluster.certificates.models import Certificate
from tests.certificates.helpers import held_event, registration

pytestmark = pytest.mark.django_db


def test_api_issue_list_revoke_verify(world, client_for, client):
    event = held_event(world.cluster_x)
    kind = event.certificate_kinds.get(code="participant")
    c = client_for(world.coordinator_x)
    url = f"/api/events/{event.pk}/certificates/issue"
    body = {"registration_id": registration(event, "Грязева").pk, "kind_id": kind.pk, "send_mail": False}
    first = c.post(url, body, content_type="application/json")
    assert first.status_code == 201 and first.json()["certificate"]["number"] == "2030-X-000001"
    again = c.post(url, body, content_type="application/json")
    assert again.status_code == 200 and again.json()["created"] is False
    refused = c.post(
        url, {**body, "registration_id": registration(event, "Пахомовская").pk}, content_type="application/json"
    )
    assert refused.status_code == 422 and "не положен" in refused.json()["message"]

    listed = c.get(f"/api/events/{event.pk}/certificates").json()
    assert [item["number"] for item in listed["items"]] == ["2030-X-000001"]
    cert = Certificate.objects.get()
    ok = client.get(f"/api/certificates/verify/{cert.code}").json()
    assert ok == {
        "valid": True,
        "revoked": False,
        "person": "Грязева Елена Борисовна",
        "event": "Конференция",
        "kind": "participant",
        "number": "2030-X-000001",
        "issued_on": cert.issued_on.isoformat(),
    }
    no_reason = c.post(f"/api/certificates/{cert.pk}/revoke", {"reason": ""}, content_type="application/json")
    assert no_reason.status_code == 422
    revoked = c.post(f"/api/certificates/{cert.pk}/revoke", {"reason": "дубль"}, content_type="application/json")
    assert revoked.status_code == 200 and revoked.json()["revoked_reason"] == "дубль"
    assert client.get(f"/api/certificates/verify/{cert.code}").json()["valid"] is False


def test_api_batch_and_other_cluster(world, client_for, django_capture_on_commit_callbacks):
    event = held_event(world.cluster_x)
    with django_capture_on_commit_callbacks(execute=True):
        started = client_for(world.coordinator_x).post(
            f"/api/events/{event.pk}/certificates/issue", {"send_mail": False}, content_type="application/json"
        )
    assert started.status_code == 202 and started.json()["total"] == 6
    assert event.certificates.count() == 6
    other = client_for(world.coordinator_y).get(f"/api/events/{event.pk}/certificates")
    assert other.status_code == 403
