import json

import pytest
from django.utils import timezone

from edcluster.consultations.models import ParentRequest
from tests.consultations.conftest import REQUEST, next_monday

pytestmark = pytest.mark.django_db


def post(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


def test_public_request_create_needs_consent(client, centres):
    url = f"/api/consultations/centres/{centres['a'].pk}/requests"
    refused = post(client, url, {**REQUEST, "consent": False})
    assert refused.status_code == 422
    assert "Без согласия" in refused.json()["message"]
    assert ParentRequest.objects.count() == 0
    created = post(client, url, {**REQUEST, "consent": True})
    assert created.status_code == 201 and created.json()["status"] == "new"
    assert client.get(url).status_code in (401, 403)


def test_book_record_and_report_through_the_api(client_for, world, centres):
    c = client_for(world.editor_a)
    base = f"/api/consultations/centres/{centres['a'].pk}"
    booked = post(
        c,
        f"{base}/appointments",
        {"specialist_id": centres["sp_a"].pk, "starts_at": next_monday().isoformat(), "form": "visit"},
    )
    assert booked.status_code == 201, booked.content
    again = post(
        c,
        f"{base}/appointments",
        {"specialist_id": centres["sp_a"].pk, "starts_at": next_monday().isoformat(), "form": "visit"},
    )
    assert again.status_code == 409 and "уже занято" in again.json()["message"]
    recorded = post(
        c,
        f"{base}/consultations",
        {
            "specialist_id": centres["sp_a"].pk,
            "date": timezone.localdate().isoformat(),
            "form": "visit",
            "duration": 50,
            "recipient_category": "foster",
            "topic": "rights",
        },
    )
    assert recorded.status_code == 201, recorded.content
    today = timezone.localdate()
    report = c.get(f"{base}/report?kind=month&year={today.year}&n={today.month}").json()
    assert report["services"] == 1
    assert {r["code"]: r["count"] for r in report["by_form"]}["visit"] == 1
    assert {r["code"]: r["count"] for r in report["by_category"]}["foster"] == 1
    other = client_for(world.editor_b).get(f"{base}/consultations")
    assert other.status_code == 403
