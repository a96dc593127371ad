"""Permission cases of the import pages and API (see tests/permissions.py).

The world gets a batch uploaded by the coordinator of cluster X for organisation A, with one
processed document: the coordinator of X, editors of A and administrators see and review it;
another organisation's editor, another cluster's coordinator and the viewer do not."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from edcluster.imports import services
from edcluster.imports.models import ImportBatch, ImportedFile
from tests.permissions import SIGNED_IN, X_EDITORS, Case

TEXT = "Протокол № 3\nзаседания совета от 12 марта 2025 г.\nПрисутствовали: 5 педагогов.\n".encode()


def batch(w) -> ImportBatch:
    found = ImportBatch.objects.filter(cluster=w.cluster_x).first()
    if found:
        return found
    b = services.batch_create(
        actor=w.coordinator_x, cluster=w.cluster_x, organization=w.org_a, uploads=[("p.txt", TEXT)]
    )
    return services.batch_process(b.pk)


def document(w) -> ImportedFile:
    return batch(w).files.get()


def upload_data(w) -> dict:
    return {"organization": w.org_a.pk, "files": SimpleUploadedFile("p.txt", TEXT)}


def api_upload_data(w) -> dict:
    return {"organization_id": w.org_a.pk, "files": SimpleUploadedFile("p.txt", TEXT)}


P = "imports:"
CASES = [
    Case(P + "batch_list", "GET", lambda w: "/imports/", SIGNED_IN),
    Case(P + "upload", "GET", lambda w: "/clusters/x/imports/new/", X_EDITORS),
    Case(P + "upload", "POST", lambda w: "/clusters/x/imports/new/", X_EDITORS, data=upload_data, label="files"),
    Case(P + "batch_detail", "GET", lambda w: f"/imports/{batch(w).pk}/", X_EDITORS),
    Case(P + "batch_progress", "GET", lambda w: f"/imports/{batch(w).pk}/progress/", X_EDITORS),
    Case(P + "file_review", "GET", lambda w: f"/imports/files/{document(w).pk}/", X_EDITORS),
    Case(P + "file_accept", "POST", lambda w: f"/imports/files/{document(w).pk}/accept/", X_EDITORS),
    Case(P + "file_reject", "POST", lambda w: f"/imports/files/{document(w).pk}/reject/", X_EDITORS),
    Case(P + "file_original", "GET", lambda w: f"/imports/files/{document(w).pk}/original/", X_EDITORS),
]

API_CASES = [
    Case("GET /api/imports", "GET", lambda w: "/api/imports", SIGNED_IN),
    Case(
        "POST /api/clusters/{slug}/imports",
        "POST",
        lambda w: "/api/clusters/x/imports",
        X_EDITORS,
        data=api_upload_data,
    ),
    Case("GET /api/imports/{batch_id}", "GET", lambda w: f"/api/imports/{batch(w).pk}", X_EDITORS),
    Case("GET /api/imports/files/{file_id}", "GET", lambda w: f"/api/imports/files/{document(w).pk}", X_EDITORS),
    Case(
        "POST /api/imports/files/{file_id}/accept",
        "POST",
        lambda w: f"/api/imports/files/{document(w).pk}/accept",
        X_EDITORS,
        data=lambda w: {"proposal": {"kind": "none", "organizations": [], "people": []}},
        json=True,
    ),
]

CASES += API_CASES
CASES += [
    Case(
        "POST /api/imports/files/{file_id}/reject",
        "POST",
        lambda w: f"/api/imports/files/{document(w).pk}/reject",
        X_EDITORS,
    ),
]
