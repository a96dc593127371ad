"""API operations added to complete the API: filters, ordering and edits, with Russian errors."""

from edcluster.api import services as api_services
from edcluster.events import services as event_services
from edcluster.events.models import Event


def _auth(user, scope="write"):
    _t, key = api_services.token_create(actor=user, name="тест", scope=scope)
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def _events(w):
    made = []
    for title, kind, day in [
        ("Семинар «Наставничество»", "seminar", "2030-03-01"),
        ("Конференция «Грамотность»", "conference", "2030-01-15"),
        ("Семинар «Инклюзия»", "seminar", "2030-02-01"),
    ]:
        event = event_services.event_create(
            actor=None, cluster=w.cluster_x, data={"title": title, "kind": kind, "starts_on": day}
        )
        made.append(event_services.event_set_status(actor=None, event=event, status="published"))
    return made


def test_event_list_filters_and_orders(world, client):
    _events(world)
    rows = client.get("/api/events", {"kind": "seminar", "ordering": "-starts_on"}).json()["items"]
    assert [r["title"] for r in rows] == ["Семинар «Наставничество»", "Семинар «Инклюзия»"]
    rows = client.get("/api/events", {"starts_from": "2030-01-20", "starts_to": "2030-02-20"}).json()["items"]
    assert [r["title"] for r in rows] == ["Семинар «Инклюзия»"]
    rows = client.get("/api/events", {"ordering": "title", "cluster": "x"}).json()["items"]
    assert [r["title"] for r in rows] == ["Конференция «Грамотность»", "Семинар «Инклюзия»", "Семинар «Наставничество»"]


def test_event_list_bad_filter_is_a_russian_400(world, client):
    response = client.get("/api/events", {"kind": "пикник", "ordering": "price"})
    assert response.status_code == 422
    body = response.json()
    assert body["message"] == "Проверьте введённые данные."
    assert body["errors"]["kind"] == ["Недопустимое значение."]
    assert body["errors"]["ordering"] == ["Недопустимое значение."]


def test_event_patch_changes_only_what_is_sent(world, client):
    event = event_services.event_create(
        actor=None, cluster=world.cluster_x, data={"title": "Черновик", "kind": "seminar", "starts_on": "2030-01-01"}
    )
    response = client.patch(
        f"/api/events/{event.pk}",
        data={"title": "Семинар для методистов", "room": "12"},
        content_type="application/json",
        **_auth(world.coordinator_x),
    )
    assert response.status_code == 200, response.content
    event.refresh_from_db()
    assert (event.title, event.room, event.kind) == ("Семинар для методистов", "12", "seminar")


def test_event_patch_refuses_a_null_title_and_another_cluster(world, client):
    event = event_services.event_create(
        actor=None, cluster=world.cluster_x, data={"title": "Черновик", "kind": "seminar", "starts_on": "2030-01-01"}
    )
    same = client.patch(
        f"/api/events/{event.pk}", data={"title": None}, content_type="application/json", **_auth(world.coordinator_x)
    )
    assert same.status_code == 200
    other = client.patch(
        f"/api/events/{event.pk}",
        data={"title": "Чужое"},
        content_type="application/json",
        **_auth(world.coordinator_y),
    )
    assert other.status_code in (403, 404)
    assert Event.objects.get(pk=event.pk).title == "Черновик"


def test_partnership_activate_and_terminate_through_the_api(world, client):
    from edcluster.partnerships.models import Partnership
    from tests.partnerships.permissions import draft

    pk = draft(world)
    headers = _auth(world.editor_a)
    response = client.post(f"/api/partnerships/{pk}/activate", **headers)
    assert response.status_code == 200, response.content
    assert response.json()["status"] in ("active", "expiring", "expired")
    again = client.post(f"/api/partnerships/{pk}/activate", **headers)
    assert again.status_code == 422 and again.json()["message"]
    if Partnership.objects.get(pk=pk).status in ("active", "expiring"):
        assert client.post(f"/api/partnerships/{pk}/terminate", **headers).json()["status"] == "terminated"
    read_only = client.post(f"/api/partnerships/{pk}/terminate", **_auth(world.editor_a, scope="read"))
    assert read_only.json()["message"] == "Токен выдан только для чтения."


def test_direction_patch_validates_in_russian(world, client):
    from edcluster.partnerships.models import Direction

    direction = Direction.objects.order_by("pk").first()
    headers = _auth(world.admin)
    ok = client.patch(f"/api/directions/{direction.pk}", data={"order": 3}, content_type="application/json", **headers)
    assert ok.status_code == 200 and ok.json()["order"] == 3
    bad = client.patch(f"/api/directions/{direction.pk}", data={"name": ""}, content_type="application/json", **headers)
    assert bad.status_code == 422 and bad.json()["errors"]["name"] == ["Слишком короткое значение."]
    assert (
        client.patch("/api/directions/999999", data={}, content_type="application/json", **headers).status_code == 404
    )
