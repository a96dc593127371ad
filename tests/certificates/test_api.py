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


def test_api_kinds_wording_marks_and_batch_progress(world, client_for, django_capture_on_commit_callbacks):
    event = held_event(world.cluster_x)
    c = client_for(world.coordinator_x)
    base = f"/api/events/{event.pk}/certificate-kinds"
    kinds = {k["code"]: k for k in c.get(base).json()}
    assert set(kinds) == {"participant", "active", "speaker", "organizer"}
    r = c.patch(f"{base}/{kinds['active']['id']}", {"wording": "за доклад на {event}"}, content_type="application/json")
    assert r.status_code == 200 and r.json()["wording"] == "за доклад на {event}"
    assert r.json()["rule"] == kinds["active"]["rule"]  # the rest of the kind is kept
    duplicate = c.post(base, {"code": "active", "wording": "ещё один"}, content_type="application/json")
    assert duplicate.status_code == 422
    assert duplicate.json()["errors"]["code"] == ["Такой вид сертификата у мероприятия уже есть."]
    assert c.post(f"{base}/default").json() == []  # all four are there already
    reg = registration(event, "Грязева")
    r = c.post(f"{base}/{kinds['active']['id']}/marks", {"registration_ids": [reg.pk]}, content_type="application/json")
    assert r.json() == {"changed": 1}
    assert c.get(f"/api/events/{event.pk}/certificates/batch").status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        c.post(f"/api/events/{event.pk}/certificates/issue", {"send_mail": False}, content_type="application/json")
    batch = c.get(f"/api/events/{event.pk}/certificates/batch").json()
    assert batch["status"] == "done" and batch["done"] == batch["total"] > 0
    assert client_for(world.coordinator_y).get(base).status_code in (403, 404)
