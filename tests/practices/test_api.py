from __future__ import annotations

import pytest

from edcluster.practices.models import Adoption, Material, Practice
from tests.practices.helpers import docx_bytes, make_practice

pytestmark = pytest.mark.django_db


def test_create_search_adopt_round_trip(world, client_for):
    a = client_for(world.editor_a)
    r = a.post(
        "/api/practices",
        {
            "title": "Робототехника: от детского сада к инженерному классу",
            "cluster": "x",
            "organization_ids": [world.org_a.pk],
            "audience": ["preschool", "primary"],
            "work_form": "club",
            "indicators": ["Участники соревнований"],
            "tags": ["LEGO", "соревнования"],
            "visibility": "public",
        },
        content_type="application/json",
    )
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["audience"] == ["preschool", "primary"] and body["tags"] == ["LEGO", "соревнования"]
    pk = body["id"]
    found = client_for(None).get("/api/practices", {"q": "робототехника дошкольники"}).json()["items"]
    assert [p["id"] for p in found] == [pk]
    r = client_for(world.editor_b).post(
        f"/api/practices/{pk}/adoptions",
        {
            "organization_id": world.org_b.pk,
            "adopted_on": "2025-05-01",
            "participants_reached": 12,
            "indicators": [{"name": "Участники соревнований", "before": "0", "after": "6"}],
        },
        content_type="application/json",
    )
    assert r.status_code == 201, r.content
    assert r.json()["indicators"][0]["entered_by"] == "editor_b"
    adoption = r.json()["id"]
    r = a.patch(f"/api/practice-adoptions/{adoption}", {"participants_reached": 99}, content_type="application/json")
    assert r.status_code == 403
    assert Adoption.objects.get().participants_reached == 12


def test_material_upload_via_api(world, client_for):
    p = make_practice(world)
    c = client_for(world.editor_a)
    from django.core.files.uploadedfile import SimpleUploadedFile

    r = c.post(
        f"/api/practices/{p.pk}/materials",
        {
            "title": "Сценарий",
            "kind": "methodical",
            "file": SimpleUploadedFile("s.docx", docx_bytes("Сценарий квеста")),
        },
    )
    assert r.status_code == 201, r.content
    assert r.json()["file_url"]
    bad = SimpleUploadedFile("x.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    r = c.post(f"/api/practices/{p.pk}/materials", {"title": "Рисунок", "file": bad})
    assert r.status_code == 422
    assert "SVG" in r.json()["errors"]["file"][0]
    assert Material.objects.count() == 1
    assert client_for(world.editor_b).get(f"/api/practices/{p.pk}/materials").status_code == 404
    assert Practice.objects.get().search_text.count("квест") >= 1


def test_api_recommendation_is_the_coordinators_with_the_decision(world, client_for):
    from edcluster.meetings.models import Decision
    from tests.practices.helpers import make_practice

    p = make_practice(world)
    decision = Decision.objects.create(cluster=world.cluster_x, order=1, text="Рекомендовать к внедрению.")
    body = {"status": "recommended", "recommended_by_id": decision.pk}
    r = client_for(world.editor_a).patch(f"/api/practices/{p.pk}", body, content_type="application/json")
    assert r.status_code == 422 and "только координатор кластера" in str(r.json())
    r = client_for(world.coordinator_x).patch(f"/api/practices/{p.pk}", body, content_type="application/json")
    assert r.status_code == 200
    assert (r.json()["status"], r.json()["recommended_by_id"], r.json()["presented_at_id"]) == (
        "recommended",
        decision.pk,
        None,
    )
