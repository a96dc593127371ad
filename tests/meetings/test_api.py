from __future__ import annotations

import pytest

from edcluster.documents.builder import docx_to_text
from edcluster.meetings.models import Decision, Meeting

pytestmark = pytest.mark.django_db


def test_meeting_through_the_api_to_a_protocol(world, council, client_for):
    c = client_for(world.coordinator_x)
    r = c.post(
        f"/api/bodies/{council.pk}/meetings",
        {"date": "2025-02-26", "place": "пгт Подосиновец", "attendee_ids": [world.person_a.pk]},
        content_type="application/json",
    )
    assert r.status_code == 201, r.content
    meeting = r.json()
    assert meeting["number"] == 1 and meeting["attendance"] == "1 педагог из 1 образовательной организации"
    r = c.post(
        f"/api/meetings/{meeting['id']}/items",
        {"title": "О партнёрстве", "heard": "рассказала", "speakers": [{"person_id": world.person_a.pk}]},
        content_type="application/json",
    )
    assert r.status_code == 201
    assert r.json()["speakers"] == [
        {"name": "Алексеева Анна Андреевна", "position": "учитель", "organization": "Организация А"}
    ]
    item_id = r.json()["id"]
    r = c.post(
        f"/api/meetings/{meeting['id']}/decisions",
        {"item_id": item_id, "text": "Провести поезд", "due_date": "2025-03-01", "due_month_only": True},
        content_type="application/json",
    )
    assert r.status_code == 201 and r.json()["number"] == "1.1"
    assert c.post(f"/api/meetings/{meeting['id']}/protocol/approve").json()["status"] == "approved"
    r = c.post("/api/documents", {"kind": "protocol", "id": meeting["id"]}, content_type="application/json")
    assert r.status_code == 201
    text = docx_to_text(c.get(r.json()["docx_url"]).content)
    assert "1.1. Провести поезд" in text
    r = c.get("/api/decisions", {"cluster": "x", "addressee": ""})
    assert [d["number"] for d in r.json()] == ["1.1"]


def test_api_refuses_bad_input_in_russian_and_writes_nothing(world, meeting, client_for):
    c = client_for(world.coordinator_x)
    r = c.post(
        f"/api/meetings/{meeting.pk}/decisions",
        {"text": "x", "addressee_kind": "person"},
        content_type="application/json",
    )
    assert r.status_code == 422
    assert r.json()["message"] == "Выберите человека-адресата."
    assert not Decision.objects.exists()
    r = c.post(
        f"/api/bodies/{meeting.body_id}/meetings",
        {"date": "2025-07-01", "number": 1},
        content_type="application/json",
    )
    assert r.status_code == 422 and "уже есть" in r.json()["message"]
    assert Meeting.objects.count() == 1


def test_other_editor_gets_404_for_draft_over_api(world, meeting, client_for):
    assert client_for(world.editor_b).get(f"/api/meetings/{meeting.pk}").status_code == 404
