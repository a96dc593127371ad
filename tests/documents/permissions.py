from __future__ import annotations

from edcluster.documents import services
from tests.meetings.permissions import approved
from tests.permissions import SIGNED_IN, X_COORDINATOR, X_READERS, Case


def generated(w):
    return services.document_generate(actor=w.coordinator_x, kind="protocol_gost", pk=approved(w).pk)


D = "documents:"
CASES = [
    Case(D + "generate", "POST", lambda w: f"/documents/new/protocol_gost/{approved(w).pk}/", X_READERS),
    Case(D + "document_detail", "GET", lambda w: f"/documents/{generated(w).pk}/", X_READERS),
    Case(D + "download", "GET", lambda w: f"/documents/{generated(w).pk}/download/docx/", X_READERS),
    Case(D + "request_pdf", "POST", lambda w: f"/documents/{generated(w).pk}/pdf/", X_READERS),
    Case(D + "templates", "GET", lambda w: "/clusters/x/templates/", X_COORDINATOR),
    Case(D + "template_upload", "GET", lambda w: "/clusters/x/templates/protocol/", X_COORDINATOR),
    Case(D + "template_download", "GET", lambda w: "/clusters/x/templates/protocol/download/", X_COORDINATOR),
    Case(D + "template_reset", "POST", lambda w: "/clusters/x/templates/protocol/reset/", X_COORDINATOR),
]


def with_pdf(w):
    doc = generated(w)
    doc.pdf, doc.pdf_status = b"%PDF-1.4 test", "ready"
    doc.save(update_fields=["pdf", "pdf_status"])
    return doc


CASES += [
    Case(
        "POST /api/documents",
        "POST",
        lambda w: "/api/documents",
        X_READERS,
        data=lambda w: {"kind": "protocol_gost", "id": approved(w).pk},
        json=True,
    ),
    Case("GET /api/documents/{doc_id}", "GET", lambda w: f"/api/documents/{generated(w).pk}", X_READERS),
    Case("GET /api/documents/{doc_id}/docx", "GET", lambda w: f"/api/documents/{generated(w).pk}/docx", X_READERS),
    Case("GET /api/documents/{doc_id}/pdf", "GET", lambda w: f"/api/documents/{with_pdf(w).pk}/pdf", X_READERS),
]


def event(w):
    """A published event of cluster X (its letter and programme are public information)."""
    from datetime import date

    from edcluster.events import services as events
    from edcluster.events.models import Event

    found = Event.objects.filter(cluster=w.cluster_x, title="Конференция матрицы").first()
    if found:
        return found
    e = events.event_create(
        actor=None,
        cluster=w.cluster_x,
        data={"title": "Конференция матрицы", "kind": "conference", "starts_on": date(2030, 11, 14)},
    )
    return events.event_set_status(actor=None, event=e, status="published")


CASES += [
    Case(D + "generate", "POST", lambda w: f"/documents/new/event_letter/{event(w).pk}/", SIGNED_IN, label="letter"),
    Case(
        D + "generate",
        "POST",
        lambda w: f"/documents/new/event_programme/{event(w).pk}/",
        SIGNED_IN,
        label="programme",
    ),
    Case(
        D + "generate",
        "POST",
        lambda w: f"/documents/new/event_participants/{event(w).pk}/",
        X_COORDINATOR,
        label="participants",
    ),
]


def _section(w):
    from tests.meetings.permissions import section

    return section(w)


CASES += [
    Case(
        D + "generate",
        "POST",
        lambda w: f"/documents/new/section_results/{_section(w).pk}/",
        SIGNED_IN,
        label="section",
    )
]
