"""Upload → process → review → accept: records created through the services in one transaction,
linked to the uploaded file; bad files reported with their Russian reason; a second upload of
the same document proposes the existing records."""

from __future__ import annotations

import io
import random
import zipfile

import pytest

from edcluster.core.errors import PermissionDenied, ValidationError
from edcluster.core.models import AuditEntry
from edcluster.imports import services
from edcluster.imports.models import ImportBatch, ImportedFile
from edcluster.imports.readers import MAX_FILE_BYTES
from edcluster.meetings.models import AgendaItem, Decision, Meeting, Speaker
from edcluster.organizations.models import Organization, Person
from tests.shared import SHARED


def _corrupt_docx() -> bytes:
    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    data = buffer.getvalue()
    return data[: len(data) // 2]


def _encrypted_docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    data = bytearray(buffer.getvalue())
    data[6] |= 1
    central = data.find(b"PK\x01\x02")
    data[central + 8] |= 1
    return bytes(data)


def _zip_bomb_docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(150):
                member.write(chunk)
    return buffer.getvalue()


BAD_FILES = {
    "broken.docx": (_corrupt_docx, "повреждён"),
    "secret.docx": (_encrypted_docx, "защищён паролем"),
    "legacy.docx": (lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "защищён паролем"),
    "bomb.docx": (_zip_bomb_docx, "zip-бомбу"),
    "garbage.txt": (lambda: random.Random(8).randbytes(5000), "двоичные данные"),
    "huge.txt": (lambda: b"a" * (MAX_FILE_BYTES + 1), "больше допустимых 20 МБ"),
    "empty.txt": (lambda: b"", "пуст"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_a_bad_file_is_reported_with_its_reason_and_does_not_stop_the_batch(world, upload, protocol_bytes, name):
    build, reason = BAD_FILES[name]
    batch = upload(world.coordinator_x, world.cluster_x, [(name, build()), ("council_protocol.txt", protocol_bytes)])
    assert batch.status == ImportBatch.Status.DONE and batch.processed == 2
    bad = batch.files.get(name=name)
    assert bad.status == ImportedFile.Status.FAILED
    assert reason in bad.error and name in bad.error
    assert bad.extraction == {} and bad.proposal == {}
    good = batch.files.get(name="council_protocol.txt")
    assert good.status == ImportedFile.Status.READY
    assert good.extraction["doc_number"] == "1"
    # Nothing is created before a person accepts.
    assert not Meeting.objects.exists()


def test_the_batch_page_shows_each_bad_file_with_its_reason(world, upload, client_for, protocol_bytes):
    files = [(name, build()) for name, (build, _r) in BAD_FILES.items() if name != "huge.txt"]
    batch = upload(world.coordinator_x, world.cluster_x, [*files, ("council_protocol.txt", protocol_bytes)])
    html = client_for(world.coordinator_x).get(f"/imports/{batch.pk}/").content.decode()
    for name, (_build, reason) in BAD_FILES.items():
        if name != "huge.txt":
            assert f"«{name}»" in html and reason in html
    assert "Обработка завершена: 7 / 7" in html
    assert "Проверить" in html


def test_upload_page_keeps_files_and_runs_the_task(
    world, council, client_for, protocol_bytes, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    c = client_for(world.coordinator_x)
    assert "Документы" in c.get("/clusters/x/imports/new/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = c.post(
            "/clusters/x/imports/new/",
            {"files": [SimpleUploadedFile("council_protocol.txt", protocol_bytes), SimpleUploadedFile("e.txt", b"")]},
        )
    batch = ImportBatch.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/imports/{batch.pk}/"
    assert batch.total == 2 and batch.status == ImportBatch.Status.DONE
    item = batch.files.get(name="council_protocol.txt")
    assert item.file.read() == protocol_bytes
    assert len(item.sha256) == 64 and item.size == len(protocol_bytes)
    progress = c.get(f"/imports/{batch.pk}/progress/").content.decode()
    assert "2 / 2" in progress and "hx-get" not in progress  # polling stops when done


def test_upload_without_files_says_so(world, client_for):
    response = client_for(world.coordinator_x).post("/clusters/x/imports/new/", {})
    assert response.status_code == 200
    assert "Выберите хотя бы один файл." in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_progress_page_polls_while_processing(world, client_for):
    batch = ImportBatch.objects.create(cluster=world.cluster_x, created_by=world.coordinator_x, total=4, processed=1)
    html = client_for(world.coordinator_x).get(f"/imports/{batch.pk}/progress/").content.decode()
    assert "hx-get" in html and "every 1s" in html and "1 / 4" in html and "25%" in html


def test_accept_creates_the_meeting_agenda_and_decisions_linked_to_the_file(world, council, upload, protocol_bytes):
    batch = upload(world.coordinator_x, world.cluster_x, [("council_protocol.txt", protocol_bytes)])
    item = batch.files.get()
    assert item.proposal["kind"] == "meeting" and item.proposal["meeting"]["body"] == council.pk
    meeting = services.file_accept(actor=world.coordinator_x, item=item)
    assert isinstance(meeting, Meeting)
    assert (meeting.number, meeting.date.isoformat(), meeting.body_id) == (1, "2025-02-26", council.pk)
    assert meeting.theme.startswith("Открытое образовательное пространство")
    assert (meeting.attended_count, meeting.attended_org_count) == (15, 11)
    items = list(meeting.items.order_by("order"))
    assert len(items) == 7
    assert items[0].title == "Агроклассы от Россельхозбанка"
    speaker = Speaker.objects.get(item=items[1])
    assert speaker.name == "Грязева Елена Борисовна" and speaker.position == "методист"
    assert speaker.person is not None and speaker.person.last_name == "Грязева"
    assert meeting.decisions.count() == 4
    # Linked to the uploaded file as the source document.
    item.refresh_from_db()
    assert item.status == ImportedFile.Status.ACCEPTED
    linked = {(r.content_type.model, r.object_id) for r in item.records.all()}
    assert ("meeting", meeting.pk) in linked
    assert {("agendaitem", i.pk) for i in items} <= linked
    assert {("decision", d.pk) for d in meeting.decisions.all()} <= linked
    assert services.source_files(meeting) == [item]
    # Through the normal services: audited.
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"meetings.meeting.created", "meetings.item.created", "meetings.decision.created"} <= actions
    assert {"organizations.organization.created", "organizations.person.created", "imports.file.accepted"} <= actions


def test_an_error_writes_nothing(world, council, upload, protocol_bytes):
    batch = upload(world.coordinator_x, world.cluster_x, [("council_protocol.txt", protocol_bytes)])
    item = batch.files.get()
    proposal = dict(item.proposal)
    proposal["decisions"] = [*proposal["decisions"], {"text": "  ", "accept": True}]
    orgs, people, audit = Organization.objects.count(), Person.objects.count(), AuditEntry.objects.count()
    with pytest.raises(ValidationError, match="У решения должен быть текст"):
        services.file_accept(actor=world.coordinator_x, item=item, proposal=proposal)
    assert not Meeting.objects.exists() and not AgendaItem.objects.exists() and not Decision.objects.exists()
    assert (Organization.objects.count(), Person.objects.count(), AuditEntry.objects.count()) == (orgs, people, audit)
    item.refresh_from_db()
    assert item.status == ImportedFile.Status.READY and not item.records.exists()


def test_the_review_page_shows_the_error_in_russian_and_creates_nothing(
    world, council, upload, client_for, protocol_bytes
):
    item = upload(world.coordinator_x, world.cluster_x, [("council_protocol.txt", protocol_bytes)]).files.get()
    c = client_for(world.coordinator_x)
    response = c.post(
        f"/imports/files/{item.pk}/accept/",
        {"edited": "1", "meeting-action": "new", "meeting-body": str(council.pk), "meeting-date": "26.02.2025"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ничего не создано." in html and "Укажите дату заседания в виде ГГГГ-ММ-ДД." in html
    assert (
        not Meeting.objects.exists()
        and not Organization.objects.exclude(pk__in=[world.org_a.pk, world.org_b.pk]).exists()
    )


def test_review_page_highlights_the_spans_and_shows_registry_matches(
    world, council, upload, client_for, protocol_bytes
):
    item = upload(world.coordinator_x, world.cluster_x, [("council_protocol.txt", protocol_bytes)]).files.get()
    html = client_for(world.coordinator_x).get(f"/imports/files/{item.pk}/").content.decode()
    assert '<mark class="hl hl-person" title="человек" data-kind="person">Грязева Елена Борисовна</mark>' in html
    assert 'data-kind="organization">Управление образования Подосиновского района</mark>' in html
    assert 'data-kind="date">' in html and 'data-kind="number">№ 1</mark>' in html
    assert "новая запись" in html and "Принять" in html


def test_second_upload_proposes_the_existing_records(world, council, upload, client_for, protocol_bytes):
    first = upload(world.coordinator_x, world.cluster_x, [("council_protocol.txt", protocol_bytes)]).files.get()
    meeting = services.file_accept(actor=world.coordinator_x, item=first)
    orgs, people = Organization.objects.count(), Person.objects.count()
    second = upload(world.coordinator_x, world.cluster_x, [("council_protocol.txt", protocol_bytes)]).files.get()
    proposal = second.proposal
    assert proposal["meeting"]["action"] == "match" and proposal["meeting"]["match"] == meeting.pk
    assert proposal["earlier_file"] == first.pk
    assert all(row["action"] == "match" for row in proposal["organizations"])
    matched_people = [row for row in proposal["people"] if row["action"] == "match"]
    assert {row["name"] for row in matched_people} >= {"Грязева Елена Борисовна", "Мохина Елена Дмитриевна"}
    html = client_for(world.coordinator_x).get(f"/imports/files/{second.pk}/").content.decode()
    assert f"Это: {meeting}" in html and "Этот же файл уже принимали" in html
    assert services.file_accept(actor=world.coordinator_x, item=second) == meeting
    assert Meeting.objects.count() == 1 and meeting.items.count() == 7
    assert (Organization.objects.count(), Person.objects.count()) == (orgs, people)
    assert second.records.filter(created=False).count() == second.records.count() > 1


def test_an_editor_without_the_body_cannot_create_a_meeting(world, council, upload, protocol_bytes):
    item = upload(world.editor_a, world.cluster_x, [("council_protocol.txt", protocol_bytes)], world.org_a).files.get()
    with pytest.raises(PermissionDenied):
        services.file_accept(actor=world.editor_a, item=item)
    assert not Meeting.objects.exists() and not Organization.objects.filter(full_name__contains="Россельхоз").exists()


def test_another_organisations_user_cannot_see_or_accept(world, council, upload, client_for, protocol_bytes):
    batch = upload(world.editor_a, world.cluster_x, [("council_protocol.txt", protocol_bytes)], world.org_a)
    item = batch.files.get()
    for user in (world.editor_b, world.coordinator_y, world.viewer_x):
        c = client_for(user)
        assert c.get(f"/imports/{batch.pk}/").status_code in (403, 404)
        assert c.get(f"/imports/files/{item.pk}/").status_code in (403, 404)
        assert c.post(f"/imports/files/{item.pk}/accept/").status_code in (403, 404)
        assert batch.pk not in [b["id"] for b in c.get("/api/imports").json()]
    item.refresh_from_db()
    assert item.status == ImportedFile.Status.READY


def test_an_editor_imports_only_for_their_organisation(world):
    with pytest.raises(PermissionDenied):
        services.batch_create(
            actor=world.editor_a, cluster=world.cluster_x, organization=None, uploads=[("a.txt", b"x")]
        )
    with pytest.raises(PermissionDenied):
        services.batch_create(
            actor=world.editor_b, cluster=world.cluster_x, organization=world.org_b, uploads=[("a.txt", b"x")]
        )
    assert not ImportBatch.objects.exists()


def test_api_upload_extraction_and_accept(
    world, council, client_for, protocol_bytes, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    c = client_for(world.coordinator_x)
    with django_capture_on_commit_callbacks(execute=True):
        response = c.post(
            "/api/clusters/x/imports", {"files": [SimpleUploadedFile("council_protocol.txt", protocol_bytes)]}
        )
    assert response.status_code == 201, response.content
    batch_id = response.json()["id"]
    batch = c.get(f"/api/imports/{batch_id}").json()
    assert batch["status"] == "done" and batch["files"][0]["status"] == "ready"
    file_id = batch["files"][0]["id"]
    extraction = c.get(f"/api/imports/files/{file_id}").json()
    assert extraction["extraction"]["participants_count"] == 15
    assert len(extraction["proposal"]["items"]) == 7
    accepted = c.post(f"/api/imports/files/{file_id}/accept", {}, content_type="application/json")
    assert accepted.status_code == 200, accepted.content
    kinds = [r["kind"] for r in accepted.json()["records"]]
    assert kinds.count("meeting") == 1 and kinds.count("agendaitem") == 7 and kinds.count("decision") == 4
    again = c.post(f"/api/imports/files/{file_id}/accept", {}, content_type="application/json")
    assert again.status_code in (400, 422)
    assert again.json()["message"] == "Этот документ уже обработан или не прочитан; принять его нельзя."
    assert Meeting.objects.count() == 1


def test_an_information_letter_becomes_an_event(world, upload):
    from edcluster.events.models import Event

    data = (SHARED / "samples" / "info_letter_conference.txt").read_bytes()
    item = upload(world.coordinator_x, world.cluster_x, [("letter.txt", data)]).files.get()
    assert item.proposal["kind"] == "event" and item.proposal["event"]["format"] == "mixed"
    proposal = dict(item.proposal, organizations=[], people=[])
    event = services.file_accept(actor=world.coordinator_x, item=item, proposal=proposal)
    assert isinstance(event, Event) and event.cluster == world.cluster_x
    assert event.starts_on.isoformat() == "2025-11-14" and event.format == "mixed"
    assert event.title.startswith("Модели взаимодействия колледжа")
    assert services.source_files(event) == [item]


def test_the_reviewers_edits_decide_what_is_created(world, council, upload, client_for, protocol_bytes):
    item = upload(world.coordinator_x, world.cluster_x, [("council_protocol.txt", protocol_bytes)]).files.get()
    post = {"edited": "1", "meeting-action": "new", "meeting-body": str(council.pk), "meeting-date": "2025-02-26"}
    post |= {"meeting-number": "1", "meeting-theme": "Исправленная тема"}
    for i, row in enumerate(item.proposal["items"]):
        post[f"item-{i}-title"] = row["title"]
        post[f"item-{i}-speakers"] = "\n".join(row["speakers"])
        if i != 6:
            post[f"item-{i}-accept"] = "on"
    for i, row in enumerate(item.proposal["decisions"]):
        post[f"decision-{i}-text"] = row["text"] + (" (уточнено)" if i == 0 else "")
        post[f"decision-{i}-accept"] = "on"
    for i, _row in enumerate(item.proposal["organizations"]):
        post[f"org-{i}-action"] = "skip"
    for i, _row in enumerate(item.proposal["people"]):
        post[f"person-{i}-action"] = "skip"
    before = Organization.objects.count(), Person.objects.count()
    response = client_for(world.coordinator_x).post(f"/imports/files/{item.pk}/accept/", post)
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"] == meeting.get_absolute_url()
    assert meeting.theme == "Исправленная тема" and meeting.items.count() == 6
    assert meeting.decisions.order_by("order").first().text.endswith("(уточнено)")
    assert (Organization.objects.count(), Person.objects.count()) == before
    # Speakers stay in the protocol as written, without registry records.
    assert Speaker.objects.filter(person__isnull=True, name="Грязева Елена Борисовна").exists()


def test_a_meeting_needs_a_body_of_the_cluster(world, upload, protocol_bytes):
    item = upload(world.coordinator_x, world.cluster_x, [("council_protocol.txt", protocol_bytes)]).files.get()
    assert item.proposal["meeting"]["body"] is None
    with pytest.raises(ValidationError, match="Выберите совет или рабочую группу"):
        services.file_accept(actor=world.coordinator_x, item=item)
    assert not Meeting.objects.exists() and not Person.objects.filter(last_name="Грязева").exists()


def test_a_partner_page_proposes_partnerships_and_matches_them_the_second_time(world, upload, client_for):
    from edcluster.partnerships.models import Partnership

    data = (SHARED / "samples" / "kindergarten_partners.txt").read_bytes()
    item = upload(world.coordinator_x, world.cluster_x, [("partners.txt", data)]).files.get()
    rows = item.proposal["partnerships"]
    assert {r["base"] for r in rows} == {"МАДОУ № 24 «Журавушка»"}
    partners = {r["partner"] for r in rows}
    assert "ООО «Русское слово – учебник»" in partners and {"школа № 11", "школа № 9"} <= partners
    assert len(rows) == 9
    html = client_for(world.coordinator_x).get(f"/imports/files/{item.pk}/").content.decode()
    assert "Партнёрство: МАДОУ № 24 «Журавушка» и ООО «Русское слово – учебник»" in html
    services.file_accept(actor=world.coordinator_x, item=item)
    assert Partnership.objects.count() == 9
    partnership = Partnership.objects.get(parties__organization__full_name="ООО «Русское слово – учебник»")
    assert {p.organization.full_name for p in partnership.parties.all()} == {
        "МАДОУ № 24 «Журавушка»",
        "ООО «Русское слово – учебник»",
    }
    assert services.source_files(partnership) == [item]
    again = upload(world.coordinator_x, world.cluster_x, [("partners.txt", data)]).files.get()
    assert all(r["action"] == "match" for r in again.proposal["partnerships"])
    services.file_accept(actor=world.coordinator_x, item=again)
    assert Partnership.objects.count() == 9


@pytest.mark.parametrize(
    "proposal",
    [
        {"kind": "meeting", "items": "не список"},
        {"kind": "meeting", "meeting": [1, 2]},
        {"kind": "meeting", "items": [{"title": "Вопрос", "speakers": "Иванова"}]},
        {"kind": "невесть что"},
        {"organizations": [1, 2]},
    ],
)
def test_a_malformed_proposal_from_the_api_is_a_russian_400_not_a_500(world, upload, client_for, proposal):
    item = upload(
        world.coordinator_x, world.cluster_x, [("p.txt", "Протокол № 2 от 3 марта 2025 г.".encode())]
    ).files.get()
    response = client_for(world.coordinator_x).post(
        f"/api/imports/files/{item.pk}/accept", {"proposal": proposal}, content_type="application/json"
    )
    assert response.status_code in (400, 422)
    message = response.json()["message"]
    assert message.startswith(("Предложение записано неверно", "Неизвестный вид записи", "Докладчики вопроса"))
    item.refresh_from_db()
    assert item.status == ImportedFile.Status.READY and not item.records.exists()


def test_the_cluster_page_links_to_the_upload_for_those_who_may_import(world, client_for):
    assert "Загрузить протоколы и письма" in client_for(world.coordinator_x).get("/clusters/x/").content.decode()
    assert "Загрузить протоколы и письма" in client_for(world.editor_a).get("/clusters/x/").content.decode()
    for user in (world.viewer_x, world.editor_b):
        assert "Загрузить протоколы и письма" not in client_for(user).get("/clusters/x/").content.decode()


def test_api_reject_creates_nothing_and_cannot_be_repeated(world, client_for):
    from tests.imports.permissions import document

    item = document(world)
    c = client_for(world.editor_a)
    assert client_for(world.editor_b).post(f"/api/imports/files/{item.pk}/reject").status_code in (403, 404)
    rejected = c.post(f"/api/imports/files/{item.pk}/reject")
    assert rejected.status_code == 200 and rejected.json()["status"] == "rejected"
    assert not item.records.exists()
    again = c.post(f"/api/imports/files/{item.pk}/reject")
    assert again.status_code == 422 and again.json()["message"] == "Этот документ уже принят или отклонён."


def test_another_organisations_editor_is_not_told_that_the_same_file_was_accepted(
    world, council, upload, client_for, protocol_bytes
):
    from edcluster.core import ru
    from edcluster.organizations.models import Membership, RoleAssignment
    from tests.factories import OrganizationFactory, UserFactory

    org_c = OrganizationFactory(short_name="Организация В", full_name="Школа В")
    Membership.objects.create(cluster=world.cluster_x, organization=org_c, role=Membership.Role.MEMBER)
    editor_c = UserFactory(username="editor_c")
    RoleAssignment.objects.create(user=editor_c, role="editor", cluster=None, organization=org_c)
    files = [("council_protocol.txt", protocol_bytes)]
    first = upload(world.editor_a, world.cluster_x, files, world.org_a).files.get()
    services.file_accept(actor=world.coordinator_x, item=first)
    first.refresh_from_db()
    second = upload(editor_c, world.cluster_x, files, org_c).files.get()
    assert second.proposal["earlier_file"] == first.pk
    html = client_for(editor_c).get(f"/imports/files/{second.pk}/").content.decode()
    assert "Этот же файл уже принимали" not in html and f'href="/imports/files/{first.pk}/"' not in html
    # Nor by the API: the proposal it returns has no ``earlier_file``, the rest is there.
    api = client_for(editor_c).get(f"/api/imports/files/{second.pk}")
    assert api.status_code == 200 and "earlier_file" not in api.json()["proposal"]
    assert api.json()["proposal"]["kind"] == "meeting" and api.json()["extraction"]["doc_number"] == "1"
    assert (
        client_for(world.coordinator_x).get(f"/api/imports/files/{second.pk}").json()["proposal"]["earlier_file"]
        == first.pk
    )
    # The cluster's coordinator sees both batches and is told, with the date in Russian.
    html = client_for(world.coordinator_x).get(f"/imports/files/{second.pk}/").content.decode()
    assert f"Этот же файл уже принимали {ru.format_date(first.accepted_at)}" in html
    assert f'href="/imports/files/{first.pk}/"' in html


def test_pages_speak_russian_genres_dates_and_counts(world, upload, client_for, protocol_bytes):
    from edcluster.core import ru

    letter = (SHARED / "samples" / "info_letter_conference.txt").read_bytes()
    batch = upload(world.coordinator_x, world.cluster_x, [("council_protocol.txt", protocol_bytes), ("l.txt", letter)])
    c = client_for(world.coordinator_x)
    progress = c.get(f"/imports/{batch.pk}/progress/").content.decode()
    assert "протокол · " in progress and "информационное письмо · " in progress
    assert "protocol ·" not in progress and "info_letter" not in progress
    day = ru.format_date(batch.created_at)
    assert day in c.get(f"/imports/{batch.pk}/").content.decode()
    assert day in c.get("/imports/").content.decode()
    note = AuditEntry.objects.get(action="imports.batch.created").note
    assert note == ru.count_phrase(2, "файл") == "2 файла"


def _selects(queries, table: str) -> list[str]:
    return [q["sql"] for q in queries if q["sql"].startswith("SELECT") and f'FROM "{table}"' in q["sql"]]


def test_the_polled_progress_and_the_api_batch_do_not_load_texts_or_proposals(
    world, upload, client_for, protocol_bytes
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    batch = upload(world.coordinator_x, world.cluster_x, [("council_protocol.txt", protocol_bytes)])
    c = client_for(world.coordinator_x)
    for url in (f"/imports/{batch.pk}/progress/", f"/api/imports/{batch.pk}"):
        with CaptureQueriesContext(connection) as queries:
            response = c.get(url)
        assert response.status_code == 200
        sql = _selects(queries.captured_queries, "imports_importedfile")
        assert sql and not any('"imports_importedfile"."text"' in s for s in sql), url
        assert not any('"imports_importedfile"."proposal"' in s for s in sql), url
    assert "протокол · " in c.get(f"/imports/{batch.pk}/progress/").content.decode()
    assert c.get(f"/api/imports/{batch.pk}").json()["files"][0]["status"] == "ready"


def test_the_review_page_loads_the_linked_records_once_per_kind(world, council, upload, client_for, protocol_bytes):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    item = upload(world.coordinator_x, world.cluster_x, [("council_protocol.txt", protocol_bytes)]).files.get()
    services.file_accept(actor=world.coordinator_x, item=item)
    assert item.records.filter(content_type__model="agendaitem").count() == 7
    c = client_for(world.coordinator_x)
    with CaptureQueriesContext(connection) as queries:
        html = c.get(f"/imports/files/{item.pk}/").content.decode()
    assert 'id="records"' in html
    assert len(_selects(queries.captured_queries, "meetings_agendaitem")) == 1
    assert len(_selects(queries.captured_queries, "meetings_decision")) == 1


def test_a_document_is_matched_against_its_clusters_organisations_and_their_partners(
    world, council, upload, protocol_bytes
):
    """Another cluster's school and its methodist are not proposed as matches (the review page would
    show their names); once the school is a member of the cluster, or a partner of a member, it is."""
    from edcluster.organizations.models import Membership
    from edcluster.partnerships.models import Partnership, Party
    from tests.factories import OrganizationFactory, PersonFactory

    school = OrganizationFactory(short_name="КОГОБУ СШ пгт Подосиновец", full_name="Средняя школа пгт Подосиновец")
    Membership.objects.create(cluster=world.cluster_y, organization=school, role=Membership.Role.MEMBER)
    PersonFactory(last_name="Грязева", first_name="Елена", middle_name="Борисовна", organization=school)
    bank = OrganizationFactory(short_name="АО «Россельхозбанк»", full_name="Акционерное общество «Россельхозбанк»")

    def rows(org_name):
        proposal = upload(world.coordinator_x, world.cluster_x, [("p.txt", protocol_bytes)]).files.get().proposal
        org = next(row for row in proposal["organizations"] if row["name"] == org_name)
        person = next(row for row in proposal["people"] if row["name"] == "Грязева Елена Борисовна")
        return org, person

    org, person = rows("КОГОБУ СШ пгт Подосиновец")
    assert (org["action"], org["match"], org["match_name"]) == ("new", None, "")
    assert (person["action"], person["match"], person["match_name"]) == ("new", None, "")
    assert rows("АО «Россельхозбанк»")[0]["action"] == "new"

    Membership.objects.create(cluster=world.cluster_x, organization=school, role=Membership.Role.MEMBER)
    partnership = Partnership.objects.create(kind="cooperation_agreement", title="Агроклассы")
    Party.objects.create(partnership=partnership, organization=school, role="initiator")
    Party.objects.create(partnership=partnership, organization=bank, role="partner")
    org, person = rows("КОГОБУ СШ пгт Подосиновец")
    assert (org["action"], org["match"]) == ("match", school.pk)
    assert person["action"] == "match" and person["match_name"] == "Грязева Елена Борисовна"
    assert rows("АО «Россельхозбанк»")[0]["match"] == bank.pk
