from edcluster.api import services
from edcluster.api.models import ApiToken


def _auth(key):
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_token_key_is_shown_once_and_stored_hashed(world, client_for):
    c = client_for(world.editor_a)
    response = c.post("/profile/tokens/", {"name": "1С интеграция", "scope": "read"})
    body = response.content.decode()
    token = ApiToken.objects.get(user=world.editor_a)
    key = body.split('user-select-all">')[1].split("<")[0]
    assert key.startswith("edc_") and token.key_hash != key and key not in str(token.__dict__)
    assert key not in c.get("/profile/tokens/").content.decode()


def test_read_token_reads_but_cannot_write(world, client):
    _t, key = services.token_create(actor=world.editor_a, name="чтение")
    assert client.get("/api/people", **_auth(key)).status_code == 200
    response = client.patch(
        f"/api/organizations/{world.org_a.pk}", data={"phone": "1"}, content_type="application/json", **_auth(key)
    )
    assert response.status_code == 403
    assert response.json()["message"] == "Токен выдан только для чтения."


def test_write_token_writes_with_the_users_rights_only(world, client):
    _t, key = services.token_create(actor=world.editor_a, name="запись", scope="write")
    ok = client.patch(
        f"/api/organizations/{world.org_a.pk}",
        data={"phone": "+7 900 1"},
        content_type="application/json",
        **_auth(key),
    )
    assert ok.status_code == 200 and ok.json()["phone"] == "+7 900 1"
    denied = client.patch(
        f"/api/organizations/{world.org_b.pk}",
        data={"phone": "+7 900 1"},
        content_type="application/json",
        **_auth(key),
    )
    assert denied.status_code == 403


def test_revoked_and_unknown_tokens_are_refused(world, client):
    token, key = services.token_create(actor=world.editor_a, name="старый")
    services.token_revoke(actor=world.editor_a, token_id=token.pk)
    for bad in (key, "edc_nonsense"):
        response = client.get("/api/people", **_auth(bad))
        assert response.status_code == 401
        assert "аутентификация" in response.json()["message"]


def test_openapi_schema_is_served(db, client):
    schema = client.get("/api/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert "/api/organizations" in schema["paths"]
