from edcluster.core.models import AuditEntry
from edcluster.organizations.models import Organization, Person


def test_list_and_filter_organizations_by_word_forms(world, client):
    Organization.objects.filter(pk=world.org_a.pk).update(search_text=" детский сад ")
    data = client.get("/api/organizations", {"q": "детские сады"}).json()
    assert [o["short_name"] for o in data["items"]] == ["Организация А"]
    assert data["items"][0]["memberships"][0]["cluster"] == "x"


def test_organization_list_query_count_is_flat(world, client, django_assert_max_num_queries):
    from tests.factories import OrganizationFactory

    with django_assert_max_num_queries(6) as small:
        client.get("/api/organizations")
    for n in range(25):
        OrganizationFactory(full_name=f"Школа {n}")
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get("/api/organizations")


def test_create_organization_through_api_is_audited(world, client_for):
    c = client_for(world.coordinator_x)
    response = c.post(
        "/api/organizations",
        data={
            "full_name": "Детский сад «Колосок»",
            "kind": "kindergarten",
            "municipality": "Киров",
            "cluster": "x",
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    org_id = response.json()["id"]
    assert AuditEntry.objects.filter(
        action="organizations.organization.created", target_id=str(org_id), actor=world.coordinator_x
    ).exists()


def test_bad_input_gets_russian_field_errors(world, client_for):
    c = client_for(world.coordinator_x)
    response = c.post(
        "/api/organizations", data={"full_name": "", "kind": "планетарий"}, content_type="application/json"
    )
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "validation"
    assert body["errors"]["kind"] == ["Недопустимое значение."]
    response = c.post(
        "/api/organizations",
        data={"full_name": "Школа", "kind": "school", "inn": "1111111111", "cluster": "x"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "контрольной суммы" in response.json()["errors"]["inn"][0]
    assert not Organization.objects.filter(full_name="Школа").exists()


def test_malformed_json_is_a_russian_error_not_a_500(world, client_for):
    response = client_for(world.admin).post("/api/organizations", data="{не json", content_type="application/json")
    assert response.status_code in (400, 422)
    assert response.json()["message"]


def test_people_need_a_role_and_are_scoped(world, client_for):
    assert client_for(None).get("/api/people").status_code == 401
    assert client_for(world.plain).get("/api/people").status_code == 403
    names = [p["last_name"] for p in client_for(world.editor_a).get("/api/people").json()["items"]]
    assert names == ["Алексеева"]
    assert client_for(world.editor_a).get(f"/api/people/{world.person_b.pk}").status_code == 404


def test_a_people_search_pages_through_every_match_by_name_with_the_count(
    world, client_for, django_assert_max_num_queries
):
    """A search's page is the matches sorted (one query with the count), each person with
    positions; past the last page, no one and the same count; another organisation's people are
    not among them."""
    from tests.factories import PersonFactory

    for n, last in enumerate(["Яковлева", "Борисова", "Антонова", "Воронова", "Гусева"]):
        PersonFactory(last_name=last, first_name="Зоя", middle_name=f"{n}", organization=world.org_a)
    PersonFactory(last_name="Абрамова", first_name="Зоя", organization=world.org_b)
    client = client_for(world.editor_a)
    with django_assert_max_num_queries(8) as queries:
        first = client.get("/api/people", {"q": "зое", "page_size": 3}).json()
    # the people read once: no separate count, no walk through every person by name
    assert sum('FROM "organizations_person"' in q["sql"] for q in queries.captured_queries) == 1
    assert first["count"] == 5
    assert [p["last_name"] for p in first["items"]] == ["Антонова", "Борисова", "Воронова"]
    assert first["items"][0]["positions"][0]["organization_id"] == world.org_a.pk
    second = client.get("/api/people", {"q": "зоя", "page_size": 3, "page": 2}).json()
    assert ([p["last_name"] for p in second["items"]], second["count"]) == (["Гусева", "Яковлева"], 5)
    assert client.get("/api/people", {"q": "зоя", "page_size": 3, "page": 3}).json() == {"items": [], "count": 5}


def test_create_person_in_own_organization_only(world, client_for):
    c = client_for(world.editor_a)
    payload = {
        "last_name": "Залесова",
        "first_name": "Светлана",
        "middle_name": "Владимировна",
        "organization_id": world.org_a.pk,
        "position": "методист",
    }
    created = c.post("/api/people", data=payload, content_type="application/json")
    assert created.status_code == 201
    assert created.json()["gender"] == "female"
    assert created.json()["positions"][0]["category"] == "methodologist"
    denied = c.post(
        "/api/people",
        data={**payload, "last_name": "Другая", "organization_id": world.org_b.pk},
        content_type="application/json",
    )
    assert denied.status_code == 403
    assert not Person.objects.filter(last_name="Другая").exists()


def test_cluster_api(world, client_for):
    assert client_for(None).get("/api/clusters/x").json()["name"] == "Кластер Икс"
    c = client_for(world.coordinator_x)
    assert (
        c.patch(
            "/api/clusters/x", data={"municipality": "Подосиновский район"}, content_type="application/json"
        ).json()["municipality"]
        == "Подосиновский район"
    )
    assert (
        c.patch("/api/clusters/y", data={"municipality": "Чужой"}, content_type="application/json").status_code == 403
    )
    assert (
        client_for(world.coordinator_x)
        .post("/api/clusters", data={"name": "Новый", "slug": "new"}, content_type="application/json")
        .status_code
        == 403
    )


def test_organization_list_orders_by_name_backwards_and_by_region(world, client_for):
    from tests.factories import OrganizationFactory

    OrganizationFactory(short_name="Ясли", full_name="Ясли", region="54")
    OrganizationFactory(short_name="Академия", full_name="Академия", region="43")
    c = client_for(world.admin)
    names = [o["short_name"] for o in c.get("/api/organizations", {"ordering": "-name"}).json()["items"]]
    assert names[0] == "Ясли" and names[-1] == "Академия"
    regions = [o["region"] for o in c.get("/api/organizations", {"ordering": "region"}).json()["items"]]
    assert regions == sorted(regions)


def test_organization_list_refuses_unknown_ordering_in_russian(world, client):
    response = client.get("/api/organizations", {"ordering": "inn; drop table"})
    assert response.status_code == 422
    assert response.json()["errors"]["ordering"] == ["Недопустимое значение."]


def test_cluster_list_orders_by_name_both_ways(world, client_for):
    c = client_for(world.admin)
    forward = [x["slug"] for x in c.get("/api/clusters", {"ordering": "name"}).json()["items"]]
    backward = [x["slug"] for x in c.get("/api/clusters", {"ordering": "-name"}).json()["items"]]
    assert forward == ["y", "x"] and backward == ["x", "y"]


def test_memberships_confirmation_and_positions_through_the_api(world, client_for):
    from edcluster.organizations.models import Membership, Position

    c = client_for(world.coordinator_x)
    r = c.put(f"/api/clusters/x/members/{world.org_b.pk}", {"role": "partner"}, content_type="application/json")
    assert r.status_code == 200 and r.json()["role"] == "partner"
    assert Membership.objects.filter(cluster=world.cluster_x, organization=world.org_b, role="partner").exists()
    assert c.delete(f"/api/clusters/x/members/{world.org_b.pk}").status_code == 204
    assert not Membership.objects.filter(cluster=world.cluster_x, organization=world.org_b).exists()
    assert c.delete(f"/api/clusters/x/members/{world.org_b.pk}").status_code == 404
    other = client_for(world.coordinator_y).put(
        f"/api/clusters/x/members/{world.org_b.pk}", {}, content_type="application/json"
    )
    assert other.status_code in (403, 404)

    Organization.objects.filter(pk=world.org_a.pk).update(is_confirmed=False)
    assert c.post(f"/api/organizations/{world.org_a.pk}/confirm").json()["is_confirmed"] is True

    editor = client_for(world.editor_a)
    r = editor.post(
        f"/api/people/{world.person_a.pk}/positions",
        {"organization_id": world.org_a.pk, "title": "методист"},
        content_type="application/json",
    )
    assert r.status_code == 201 and "методист" in [p["title"] for p in r.json()["positions"]]
    blank = editor.post(
        f"/api/people/{world.person_a.pk}/positions",
        {"organization_id": world.org_a.pk, "title": "   "},
        content_type="application/json",
    )
    assert blank.status_code == 422 and blank.json()["errors"]["title"] == ["Укажите должность."]
    position = Position.objects.get(person=world.person_a, title="методист")
    assert client_for(world.editor_b).delete(f"/api/positions/{position.pk}").status_code in (403, 404)
    assert editor.delete(f"/api/positions/{position.pk}").status_code == 204
    assert not Position.objects.filter(pk=position.pk).exists()
