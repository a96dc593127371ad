"""Permission cases of the meetings pages and API (see tests/permissions.py).

The world gets a council of cluster X on which organisation A is represented (person A); a
draft meeting, an approved meeting with a decision addressed to organisation A."""

from __future__ import annotations

from datetime import date

from edcluster.meetings import services
from edcluster.meetings.models import Body, BodyMember, Decision, Meeting
from tests.permissions import SIGNED_IN, X_COORDINATOR, X_EDITORS, X_READERS, Case

DRAFT_READERS = X_COORDINATOR


def body(w) -> Body:
    found = Body.objects.filter(cluster=w.cluster_x, name="Совет матрицы").first()
    if found:
        return found
    b = services.body_create(actor=w.coordinator_x, cluster=w.cluster_x, data={"name": "Совет матрицы"})
    services.body_member_add(actor=w.coordinator_x, body=b, data={"person": w.person_a, "organization": w.org_a})
    return b


def draft(w) -> Meeting:
    b = body(w)
    found = b.meetings.filter(status="draft").first()
    return found or services.meeting_create(actor=w.coordinator_x, body=b, data={"date": date(2025, 2, 26)})


def approved(w) -> Meeting:
    b = body(w)
    found = b.meetings.filter(status="approved").first()
    if found:
        return found
    m = services.meeting_create(actor=w.coordinator_x, body=b, data={"date": date(2025, 5, 20)})
    services.agenda_item_create(actor=w.coordinator_x, meeting=m, data={"title": "Вопрос"})
    services.decision_create(
        actor=w.coordinator_x,
        meeting=m,
        data={
            "text": "Организации А провести семинар",
            "addressee_kind": "organization",
            "addressee_organization": w.org_a,
        },
    )
    services.protocol_approve(actor=w.coordinator_x, meeting=m)
    return m


def draft_with_item(w) -> Meeting:
    m = draft(w)
    if not m.items.exists():
        services.agenda_item_create(actor=w.coordinator_x, meeting=m, data={"title": "Вопрос"})
    return m


def draft_decision(w) -> Decision:
    m = draft_with_item(w)
    found = m.decisions.first()
    return found or services.decision_create(actor=w.coordinator_x, meeting=m, data={"text": "Черновое решение"})


def free_item(w):
    """An item of the draft protocol without decisions (may be deleted)."""
    m = draft(w)
    found = m.items.filter(decisions__isnull=True, title="Свободный вопрос").first()
    return found or services.agenda_item_create(actor=w.coordinator_x, meeting=m, data={"title": "Свободный вопрос"})


def decision(w) -> Decision:
    return approved(w).decisions.get()


def member(w) -> BodyMember:
    return body(w).members.get()


M = "meetings:"
A = "/api/meetings"
CASES = [
    Case(M + "body_list", "GET", lambda w: "/clusters/x/bodies/", SIGNED_IN),
    Case(M + "body_create", "GET", lambda w: "/clusters/x/bodies/new/", X_COORDINATOR),
    Case(M + "cluster_decisions", "GET", lambda w: "/clusters/x/decisions/", SIGNED_IN),
    Case(M + "body_detail", "GET", lambda w: f"/bodies/{body(w).pk}/", X_READERS),
    Case(M + "body_decisions", "GET", lambda w: f"/bodies/{body(w).pk}/decisions/", X_READERS),
    Case(
        M + "member_add",
        "POST",
        lambda w: f"/bodies/{body(w).pk}/members/add/",
        X_COORDINATOR,
        data=lambda w: {"person": w.person_b.pk, "role": "member"},
    ),
    Case(M + "member_remove", "POST", lambda w: f"/bodies/members/{member(w).pk}/remove/", X_COORDINATOR),
    Case(M + "meeting_create", "GET", lambda w: f"/bodies/{body(w).pk}/meetings/new/", X_COORDINATOR),
    Case(M + "meeting_detail", "GET", lambda w: f"/meetings/{draft(w).pk}/", DRAFT_READERS, label="draft"),
    Case(M + "meeting_detail", "GET", lambda w: f"/meetings/{approved(w).pk}/", X_READERS, label="approved"),
    Case(M + "meeting_edit", "GET", lambda w: f"/meetings/{draft(w).pk}/edit/", X_COORDINATOR),
    Case(
        M + "attendance",
        "POST",
        lambda w: f"/meetings/{draft(w).pk}/attendance/",
        X_COORDINATOR,
        data=lambda w: {"present": [w.person_a.pk]},
    ),
    Case(
        M + "attendance_from_event",
        "POST",
        lambda w: f"/meetings/{draft(w).pk}/attendance/from-event/",
        X_COORDINATOR,
    ),
    Case(
        M + "guest_add",
        "POST",
        lambda w: f"/meetings/{draft(w).pk}/guests/add/",
        X_COORDINATOR,
        data=lambda w: {"name": "Гость Г.Г."},
    ),
    Case(
        M + "item_add",
        "POST",
        lambda w: f"/meetings/{draft(w).pk}/items/add/",
        X_COORDINATOR,
        data=lambda w: {"title": "Вопрос"},
    ),
    Case(
        M + "decision_add",
        "POST",
        lambda w: f"/meetings/{draft(w).pk}/decisions/add/",
        X_COORDINATOR,
        data=lambda w: {"text": "Решили"},
    ),
    Case(
        M + "protocol_action", "POST", lambda w: f"/meetings/{draft_with_item(w).pk}/protocol/approve/", X_COORDINATOR
    ),
    Case(
        M + "amendment_add",
        "POST",
        lambda w: f"/meetings/{approved(w).pk}/amendments/add/",
        X_COORDINATOR,
        data=lambda w: {"text": "Изменение"},
    ),
    Case(M + "decision_detail", "GET", lambda w: f"/decisions/{decision(w).pk}/", X_READERS),
    Case(
        M + "decision_progress",
        "POST",
        lambda w: f"/decisions/{decision(w).pk}/progress/",
        X_EDITORS,
        data=lambda w: {"status": "in_progress", "progress": 10},
    ),
    Case(
        M + "evidence_add",
        "POST",
        lambda w: f"/decisions/{decision(w).pk}/evidence/add/",
        X_EDITORS,
        data=lambda w: {"kind": "link", "title": "Отчёт", "url": "https://example.test/r"},
    ),
    Case(
        M + "milestone_add",
        "POST",
        lambda w: f"/decisions/{decision(w).pk}/milestones/add/",
        X_EDITORS,
        data=lambda w: {"title": "Этап"},
    ),
]

# --- editing and deleting agenda items and decisions
CASES += [
    Case(M + "item_edit", "GET", lambda w: f"/agenda-items/{free_item(w).pk}/edit/", X_COORDINATOR),
    Case(M + "item_delete", "POST", lambda w: f"/agenda-items/{free_item(w).pk}/delete/", X_COORDINATOR),
    Case(M + "decision_edit", "GET", lambda w: f"/decisions/{draft_decision(w).pk}/edit/", X_COORDINATOR),
    Case(M + "decision_delete", "POST", lambda w: f"/decisions/{draft_decision(w).pk}/delete/", X_COORDINATOR),
]


API_CASES = [
    Case("GET /api/bodies", "GET", lambda w: "/api/bodies?cluster=x", SIGNED_IN),
    Case(
        "POST /api/clusters/{slug}/bodies",
        "POST",
        lambda w: "/api/clusters/x/bodies",
        X_COORDINATOR,
        data=lambda w: {"name": "Рабочая группа"},
        json=True,
    ),
    Case("GET /api/bodies/{body_id}", "GET", lambda w: f"/api/bodies/{body(w).pk}", X_READERS),
    Case(
        "POST /api/bodies/{body_id}/members",
        "POST",
        lambda w: f"/api/bodies/{body(w).pk}/members",
        X_COORDINATOR,
        data=lambda w: {"person_id": w.person_b.pk},
        json=True,
    ),
    Case("GET /api/bodies/{body_id}/meetings", "GET", lambda w: f"/api/bodies/{body(w).pk}/meetings", X_READERS),
    Case(
        "POST /api/bodies/{body_id}/meetings",
        "POST",
        lambda w: f"/api/bodies/{body(w).pk}/meetings",
        X_COORDINATOR,
        data=lambda w: {"date": "2025-09-01", "attendee_ids": [w.person_a.pk]},
        json=True,
    ),
    Case(
        "GET /api/meetings/{meeting_id}", "GET", lambda w: f"/api/meetings/{draft(w).pk}", X_COORDINATOR, label="draft"
    ),
    Case(
        "GET /api/meetings/{meeting_id}",
        "GET",
        lambda w: f"/api/meetings/{approved(w).pk}",
        X_READERS,
        label="approved",
    ),
    Case(
        "PATCH /api/meetings/{meeting_id}",
        "PATCH",
        lambda w: f"/api/meetings/{draft(w).pk}",
        X_COORDINATOR,
        data=lambda w: {"theme": "Новая тема"},
        json=True,
    ),
    Case(
        "PUT /api/meetings/{meeting_id}/attendance",
        "PUT",
        lambda w: f"/api/meetings/{draft(w).pk}/attendance",
        X_COORDINATOR,
        data=lambda w: {"person_ids": [w.person_a.pk]},
        json=True,
    ),
    Case(
        "POST /api/meetings/{meeting_id}/items",
        "POST",
        lambda w: f"/api/meetings/{draft(w).pk}/items",
        X_COORDINATOR,
        data=lambda w: {"title": "Вопрос", "speakers": [{"person_id": w.person_a.pk}]},
        json=True,
    ),
    Case(
        "POST /api/meetings/{meeting_id}/decisions",
        "POST",
        lambda w: f"/api/meetings/{draft(w).pk}/decisions",
        X_COORDINATOR,
        data=lambda w: {"text": "Решили", "addressee_kind": "group", "addressee_group": "педагоги"},
        json=True,
    ),
    Case(
        "POST /api/meetings/{meeting_id}/protocol/{action}",
        "POST",
        lambda w: f"/api/meetings/{draft_with_item(w).pk}/protocol/approve",
        X_COORDINATOR,
        data=lambda w: {},
        json=True,
    ),
    Case("GET /api/decisions", "GET", lambda w: "/api/decisions?cluster=x", SIGNED_IN),
    Case("GET /api/decisions/{decision_id}", "GET", lambda w: f"/api/decisions/{decision(w).pk}", X_READERS),
    Case(
        "POST /api/decisions/{decision_id}/progress",
        "POST",
        lambda w: f"/api/decisions/{decision(w).pk}/progress",
        X_EDITORS,
        data=lambda w: {"progress": 50},
        json=True,
    ),
    Case(
        "POST /api/decisions/{decision_id}/evidence",
        "POST",
        lambda w: f"/api/decisions/{decision(w).pk}/evidence",
        X_EDITORS,
        data=lambda w: {"kind": "event", "object_id": 7, "title": "Методический поезд"},
        json=True,
    ),
]
CASES += API_CASES
CASES += [
    Case(
        "PATCH /api/agenda-items/{item_id}",
        "PATCH",
        lambda w: f"/api/agenda-items/{free_item(w).pk}",
        X_COORDINATOR,
        data=lambda w: {"title": "Вопрос в новой редакции"},
        json=True,
    ),
    Case(
        "DELETE /api/agenda-items/{item_id}", "DELETE", lambda w: f"/api/agenda-items/{free_item(w).pk}", X_COORDINATOR
    ),
    Case(
        "PATCH /api/decisions/{decision_id}",
        "PATCH",
        lambda w: f"/api/decisions/{draft_decision(w).pk}",
        X_COORDINATOR,
        data=lambda w: {"text": "Решение в новой редакции"},
        json=True,
    ),
    Case(
        "DELETE /api/decisions/{decision_id}",
        "DELETE",
        lambda w: f"/api/decisions/{draft_decision(w).pk}",
        X_COORDINATOR,
    ),
]


def section(w):
    """A section of a published event of cluster X (its results are public; managed by X)."""
    from edcluster.events import services as events
    from edcluster.events.models import Section

    found = Section.objects.filter(event__cluster=w.cluster_x, title="Секция матрицы").first()
    if found:
        return found
    e = events.event_create(
        actor=None,
        cluster=w.cluster_x,
        data={"title": "Конференция с секцией", "kind": "conference", "starts_on": date(2030, 8, 28)},
    )
    s = events.section_add(actor=None, event=e, title="Секция матрицы")
    events.event_set_status(actor=None, event=e, status="published")
    return s


CASES += [
    Case(M + "section_results", "GET", lambda w: f"/sections/{section(w).pk}/results/", SIGNED_IN),
    Case(
        M + "section_results",
        "POST",
        lambda w: f"/sections/{section(w).pk}/results/",
        X_COORDINATOR,
        data=lambda w: {"participants_unit": "заведующий ДОУ"},
        label="save",
    ),
    Case(
        M + "section_recommendation_add",
        "POST",
        lambda w: f"/sections/{section(w).pk}/results/recommendations/add/",
        X_COORDINATOR,
        data=lambda w: {"text": "Рекомендуем", "addressee_kind": "group", "addressee_group": "педагоги"},
    ),
    Case(
        "GET /api/sections/{section_id}/results", "GET", lambda w: f"/api/sections/{section(w).pk}/results", SIGNED_IN
    ),
    Case(
        "PUT /api/sections/{section_id}/results",
        "PUT",
        lambda w: f"/api/sections/{section(w).pk}/results",
        X_COORDINATOR,
        data=lambda w: {"participants_unit": "заведующий ДОУ"},
        json=True,
    ),
    Case(
        "POST /api/sections/{section_id}/recommendations",
        "POST",
        lambda w: f"/api/sections/{section(w).pk}/recommendations",
        X_COORDINATOR,
        data=lambda w: {"text": "Рекомендуем", "addressee_kind": "group", "addressee_group": "педагоги"},
        json=True,
    ),
]

CASES += [
    Case(
        M + "decision_event_create",
        "POST",
        lambda w: f"/decisions/{decision(w).pk}/event/",
        X_COORDINATOR,
        data=lambda w: {"title": "Методический поезд", "kind": "methodical_train", "starts_on": "2030-03-20"},
    ),
    Case(
        "POST /api/decisions/{decision_id}/event",
        "POST",
        lambda w: f"/api/decisions/{decision(w).pk}/event",
        X_COORDINATOR,
        data=lambda w: {"title": "Методический поезд", "starts_on": "2030-03-20"},
        json=True,
    ),
]


def _docx_bytes() -> bytes:
    import io

    from docx import Document

    out = io.BytesIO()
    Document().save(out)
    return out.getvalue()


def draft_attachment(w):
    item = free_item(w)
    return item.attachments.first() or services.agenda_attachment_add(
        actor=w.coordinator_x, item=item, name="план.docx", data=_docx_bytes()
    )


def approved_attachment(w):
    from edcluster.meetings.models import AgendaAttachment

    m = approved(w)
    found = AgendaAttachment.objects.filter(item__meeting=m).first()
    if found:
        return found
    item = m.items.first()
    # attached before approval in real life; the fixture writes the row directly to the frozen protocol
    from django.core.files.base import ContentFile

    a = AgendaAttachment(item=item, name="план.docx", content_type="application/octet-stream", size=1)
    a.file.save("plan.docx", ContentFile(_docx_bytes()), save=True)
    return a


def _upload(w):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return {"file": SimpleUploadedFile("план.docx", _docx_bytes())}


CASES += [
    Case(
        M + "attachment_add",
        "POST",
        lambda w: f"/agenda-items/{free_item(w).pk}/attachments/add/",
        X_COORDINATOR,
        data=_upload,
    ),
    Case(M + "attachment_download", "GET", lambda w: f"/agenda-attachments/{approved_attachment(w).pk}/", X_READERS),
    Case(
        M + "attachment_download",
        "GET",
        lambda w: f"/agenda-attachments/{draft_attachment(w).pk}/",
        DRAFT_READERS,
        label="draft",
    ),
    Case(
        M + "attachment_delete",
        "POST",
        lambda w: f"/agenda-attachments/{draft_attachment(w).pk}/delete/",
        X_COORDINATOR,
    ),
]
