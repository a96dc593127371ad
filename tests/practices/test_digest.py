from __future__ import annotations

import pytest

from edcluster.core.models import OutboxMessage
from edcluster.practices.digest import digest_send, optout_token
from edcluster.practices.models import DigestOptOut
from tests.practices.helpers import make_practice

pytestmark = pytest.mark.django_db


def _emails(w):
    for name in ("editor_a", "editor_b", "viewer_x", "plain"):
        u = getattr(w, name)
        u.email = f"{name}@example.org"
        u.save()


def test_digest_goes_to_those_who_may_see_once_a_month_with_optout(world, client_for):
    _emails(world)
    make_practice(world, title="Робототехника для дошкольников")
    first = digest_send()
    recipients = {a for m in OutboxMessage.objects.all() for a in m.to}
    # cluster X's members get it; not editor_b (cluster Y), not plain (no role)
    assert {"editor_a@example.org", "viewer_x@example.org"} <= recipients
    assert not recipients & {"editor_b@example.org", "plain@example.org"}
    assert first == len(recipients)
    assert digest_send() == 0  # once a month
    msg = OutboxMessage.objects.get(to=["editor_a@example.org"])
    assert "Робототехника для дошкольников" in msg.body
    assert "/practices/digest/optout/" in msg.body
    assert not OutboxMessage.objects.filter(to=["editor_b@example.org"]).exists()
    token = optout_token(world.editor_a)
    c = client_for(None)
    assert "Отписаться" in c.get(f"/practices/digest/optout/{token}/").content.decode()
    assert "Вы отписались" in c.post(f"/practices/digest/optout/{token}/").content.decode()
    assert DigestOptOut.objects.filter(user=world.editor_a).exists()
    assert c.get("/practices/digest/optout/forged/").status_code == 404


def test_opted_out_gets_nothing(world):
    _emails(world)
    DigestOptOut.objects.create(user=world.editor_a)
    make_practice(world)
    digest_send()
    assert not OutboxMessage.objects.filter(to=["editor_a@example.org"]).exists()


def test_digest_lists_new_event_materials_to_the_cluster_only(world):
    from edcluster.practices import services
    from tests.events.helpers import open_event

    _emails(world)
    ev = open_event(world.cluster_x, title="Конференция кластера")
    services.event_material_add(
        actor=world.admin,
        event=ev,
        data={"title": "Программа конференции", "video_url": "https://video.example.test/p"},
    )
    digest_send()
    msg = OutboxMessage.objects.get(to=["viewer_x@example.org"])
    assert "Программа конференции (Конференция кластера)" in msg.body
    assert f"/events/{ev.pk}/" in msg.body
    assert not OutboxMessage.objects.filter(to=["editor_b@example.org"]).exists()  # cluster-only material
