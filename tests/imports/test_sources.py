"""The page of a meeting or event created from an imported document names its source file,
linked to the stored original and the review page — for the users who may see that import."""

from __future__ import annotations

from edcluster.imports import services
from tests.shared import SHARED


def test_the_meeting_page_shows_its_source_file(world, council, upload, client_for, protocol_bytes):
    item = upload(world.coordinator_x, world.cluster_x, [("council_protocol.txt", protocol_bytes)]).files.get()
    meeting = services.file_accept(actor=world.coordinator_x, item=item)
    html = client_for(world.coordinator_x).get(f"/meetings/{meeting.pk}/").content.decode()
    assert "Источник: " in html
    assert f'<a href="/imports/files/{item.pk}/original/">council_protocol.txt</a>' in html
    assert f'<a href="/imports/files/{item.pk}/">страница проверки</a>' in html
    original = client_for(world.coordinator_x).get(f"/imports/files/{item.pk}/original/")
    assert b"".join(original.streaming_content) == protocol_bytes


def test_users_who_may_not_see_the_import_do_not_see_its_source(world, council, upload, client_for, protocol_bytes):
    item = upload(world.coordinator_x, world.cluster_x, [("council_protocol.txt", protocol_bytes)]).files.get()
    meeting = services.file_accept(actor=world.coordinator_x, item=item)
    meeting.status = meeting.Status.APPROVED
    meeting.save(update_fields=["status"])
    for user in (world.viewer_x, world.editor_a):
        response = client_for(user).get(f"/meetings/{meeting.pk}/")
        if response.status_code == 200:
            assert "council_protocol.txt" not in response.content.decode()
        assert client_for(user).get(f"/imports/files/{item.pk}/original/").status_code in (403, 404)


def test_a_meeting_not_imported_shows_no_source(world, council, client_for):
    from datetime import date

    from edcluster.meetings import services as meetings

    meeting = meetings.meeting_create(actor=world.coordinator_x, body=council, data={"date": date(2025, 3, 1)})
    assert "Источник" not in client_for(world.coordinator_x).get(f"/meetings/{meeting.pk}/").content.decode()


def test_the_event_page_shows_its_source_file(world, upload, client_for):
    data = (SHARED / "samples" / "info_letter_conference.txt").read_bytes()
    item = upload(world.coordinator_x, world.cluster_x, [("letter.txt", data)]).files.get()
    event = services.file_accept(
        actor=world.coordinator_x, item=item, proposal=dict(item.proposal, organizations=[], people=[])
    )
    html = client_for(world.coordinator_x).get(f"/events/{event.pk}/").content.decode()
    assert f'<a href="/imports/files/{item.pk}/original/">letter.txt</a>' in html
    anonymous = client_for(None).get(f"/events/{event.pk}/")
    assert "letter.txt" not in anonymous.content.decode()
