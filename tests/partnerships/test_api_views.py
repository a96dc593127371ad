from edcluster.core.models import AuditEntry
from edcluster.partnerships.models import Direction, Partnership
from tests.factories import OrganizationFactory
from tests.partnerships.conftest import create_form, make_partnership


def test_api_create_round_trip_and_russian_error(world, client_for):
    c = client_for(world.editor_a)
    partner = OrganizationFactory(short_name="Библиотека", kind="library")
    d = Direction.objects.get(name="Библиотека и чтение")
    response = c.post(
        "/api/partnerships",
        {
            "kind": "cooperation_agreement",
            "title": "Читаем вместе",
            "valid_until": "2027-06-30",
            "parties": [{"organization_id": world.org_a.pk, "role": "initiator"}, {"organization_id": partner.pk}],
            "direction_ids": [d.pk],
            "activate": True,
            "children_count": 40,
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "active"
    assert body["directions"] == ["Библиотека и чтение"]
    assert [p["organization"] for p in body["parties"]] == ["Организация А", "Библиотека"]
    assert AuditEntry.objects.filter(action="partnerships.partnership.created").count() == 1

    bad = c.post(
        "/api/partnerships",
        {"kind": "joint_project", "title": "Один", "parties": [{"organization_id": world.org_a.pk}]},
        content_type="application/json",
    )
    assert bad.status_code == 422
    assert bad.json()["errors"]["parties"] == ["У партнёрства должно быть не меньше двух сторон."]
    assert Partnership.objects.count() == 1


def test_api_network_matches_page_json(world, client):
    make_partnership(world.editor_a, world.org_a, world.org_b)
    api = client.get("/api/network?cluster=x").json()
    page = client.get("/network/graph.json?cluster=x").json()
    assert len(api["nodes"]) == len(page["nodes"]) == 2
    assert len(api["edges"]) == len(page["edges"]) == 1
    assert api["metrics"]["top_partners"][0]["partners"] == 1


def test_api_directions_list(db, client):
    names = [d["name"] for d in client.get("/api/directions").json()]
    assert names[0] == "Робототехника и программирование" and len(names) == 14


def test_create_page_bad_dates_shows_russian_error_and_writes_nothing(world, client_for):
    c = client_for(world.editor_a)
    partner = OrganizationFactory()
    response = c.post(
        "/partnerships/new/",
        create_form(world.org_a, [partner], title="Даты наоборот", valid_from="2026-01-01", valid_until="2025-01-01"),
    )
    assert response.status_code == 200
    assert "Дата окончания раньше даты начала." in response.content.decode()
    assert not Partnership.objects.exists()


def test_create_page_then_activate(world, client_for):
    c = client_for(world.editor_a)
    partner = OrganizationFactory()
    response = c.post(
        "/partnerships/new/", create_form(world.org_a, [partner], title="Вместе", valid_until="2030-01-01")
    )
    p = Partnership.objects.get(title="Вместе")
    assert response.status_code == 302
    c.post(f"/partnerships/{p.pk}/activate/")
    p.refresh_from_db()
    assert p.get_status_display() == "действует"
    page = c.get(f"/partnerships/{p.pk}/").content.decode()
    assert "по 1 января 2030" in page


def test_draft_hidden_from_other_organisations(world, client_for):
    p = make_partnership(world.editor_a, world.org_a, OrganizationFactory(), activate=False)
    assert client_for(world.editor_b).get(f"/partnerships/{p.pk}/").status_code == 404
    assert client_for(world.editor_a).get(f"/partnerships/{p.pk}/").status_code == 200
    assert "Робототехника для дошколят" not in client_for(None).get("/partnerships/").content.decode()


def test_list_query_count_is_flat(world, client, django_assert_max_num_queries):
    make_partnership(world.editor_a, world.org_a, world.org_b)
    with django_assert_max_num_queries(12) as small:
        client.get("/partnerships/")
    for n in range(15):
        make_partnership(world.editor_a, world.org_a, OrganizationFactory(), title=f"П {n}")
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get("/partnerships/")


def test_our_partners_page_query_count_is_flat(world, client, django_assert_max_num_queries):
    """«Наши партнёры» of an organisation: more partners, more directions, no more queries."""
    make_partnership(world.editor_a, world.org_a, world.org_b)
    url = f"/organizations/{world.org_a.pk}/partners/"
    client.get(url)
    with django_assert_max_num_queries(20) as small:
        before = client.get(url)
    for n in range(8):
        directions = ("Робототехника и программирование", "Безопасность дорожного движения")[: 1 + n % 2]
        make_partnership(world.editor_a, world.org_a, OrganizationFactory(short_name=f"Партнёр {n}"), title=f"П {n}",
                         directions=directions)  # fmt: skip
    with django_assert_max_num_queries(len(small.captured_queries)):
        after = client.get(url)
    page = after.content.decode()
    assert all(f"Партнёр {n}" in page for n in range(8)) and len(page) > len(before.content)


def test_network_page_asks_for_a_filter_when_too_big(world, client, monkeypatch):
    from edcluster.partnerships import views

    make_partnership(world.editor_a, world.org_a, world.org_b)
    assert 'id="network"' in client.get("/network/?cluster=x").content.decode()
    monkeypatch.setattr(views, "DRAW_MAX_NODES", 1)
    page = client.get("/network/?cluster=x").content.decode()
    assert 'id="network"' not in page
    assert "Сеть слишком велика" in page


def test_api_renew_parties_and_amendments(world, client_for):
    from tests.partnerships.permissions import _make

    p = _make(world)
    c = client_for(world.editor_a)
    J = "application/json"
    r = c.post(
        f"/api/partnerships/{p.pk}/parties", {"organization_id": world.org_b.pk, "role": "sponsor"}, content_type=J
    )
    assert r.status_code == 201 and len(r.json()["parties"]) == 3
    sponsor = next(x for x in r.json()["parties"] if x["role"] == "sponsor")
    assert c.delete(f"/api/partnerships/{p.pk}/parties/{sponsor['id']}").status_code == 204
    last = c.get(f"/api/partnerships/{p.pk}").json()["parties"][0]
    refused = c.delete(f"/api/partnerships/{p.pk}/parties/{last['id']}")
    assert (
        refused.status_code == 422
        and refused.json()["message"] == "У партнёрства должно остаться не меньше двух сторон."
    )
    r = c.post(f"/api/partnerships/{p.pk}/amendments", {"number": "1", "summary": "Новый срок"}, content_type=J)
    assert r.status_code == 201 and r.json()["summary"] == "Новый срок"
    early = c.post(f"/api/partnerships/{p.pk}/renew", {"valid_until": "2029-01-01"}, content_type=J)
    assert early.status_code == 422 and "не раньше" in early.json()["errors"]["valid_until"][0]
    renewed = c.post(f"/api/partnerships/{p.pk}/renew", {"valid_until": "2033-06-30"}, content_type=J)
    assert renewed.status_code == 201 and renewed.json()["previous_id"] == p.pk
    assert c.get(f"/api/partnerships/{p.pk}").json()["status"] == "renewed"
    assert client_for(world.editor_b).post(
        f"/api/partnerships/{p.pk}/amendments", {"summary": "x"}, content_type=J
    ).status_code in (403, 404)
