"""REST API of the document import — the same services and access rules as the pages.

(No ``from __future__ import annotations``: django-ninja reads annotations at import.)
"""

import datetime as dt
from typing import Any

from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from edcluster.api.schemas import ERROR_RESPONSES
from edcluster.core.errors import NotFound
from edcluster.imports import access, services
from edcluster.imports.readers import MAX_FILE_BYTES
from edcluster.organizations.access import access_cluster
from edcluster.organizations.models import Organization

router = Router(tags=["Импорт документов"])


class FileOut(Schema):
    id: int
    name: str
    size: int
    sha256: str
    status: str
    error: str


class BatchOut(Schema):
    id: int
    cluster: str
    organization_id: int | None
    status: str
    total: int
    processed: int
    created_at: dt.datetime


class BatchDetailOut(BatchOut):
    files: list[FileOut]


class FileDetailOut(FileOut):
    batch_id: int
    extraction: dict[str, Any]
    proposal: dict[str, Any]


class RecordOut(Schema):
    kind: str
    id: int
    label: str
    created: bool


class AcceptIn(Schema):
    proposal: dict[str, Any] | None = None


class AcceptOut(FileOut):
    records: list[RecordOut]


class UploadIn(Schema):
    organization_id: int | None = None


def _batch(batch, with_files=False):
    data = {
        "id": batch.pk,
        "cluster": batch.cluster.slug,
        "organization_id": batch.organization_id,
        "status": batch.status,
        "total": batch.total,
        "processed": batch.processed,
        "created_at": batch.created_at,
    }
    if with_files:
        # ``FileOut`` has no text, extraction or proposal: they are not loaded.
        data["files"] = list(batch.files.defer("text", "extraction", "proposal"))
    return data


@router.get("/imports", response={200: list[BatchOut], **ERROR_RESPONSES}, summary="Загрузки документов")
def batch_list(request):
    return [_batch(b) for b in access.visible_batches(request.user)[:200]]


@router.post(
    "/clusters/{slug}/imports",
    response={201: BatchDetailOut, **ERROR_RESPONSES},
    summary="Загрузить документы (обрабатываются в фоне)",
)
def batch_upload(request, slug: str, payload: Form[UploadIn], files: list[UploadedFile] = File(...)):  # noqa: B008
    cluster = access_cluster(request.user, slug)
    organization = None
    if payload.organization_id:
        organization = Organization.objects.filter(pk=payload.organization_id).first()
        if organization is None:
            raise NotFound()
    batch = services.batch_create(
        actor=request.user,
        cluster=cluster,
        organization=organization,
        uploads=[(f.name or "документ", f.read(MAX_FILE_BYTES + 1)) for f in files],
    )
    return Status(201, _batch(batch, with_files=True))


@router.get("/imports/{int:batch_id}", response={200: BatchDetailOut, **ERROR_RESPONSES}, summary="Загрузка и её файлы")
def batch_get(request, batch_id: int):
    return _batch(access.access_batch(request.user, batch_id), with_files=True)


@router.get(
    "/imports/files/{int:file_id}",
    response={200: FileDetailOut, **ERROR_RESPONSES},
    summary="Извлечённое из документа и предложенные записи",
)
def file_get(request, file_id: int):
    item = access.access_file(request.user, file_id)
    return {
        "id": item.pk,
        "name": item.name,
        "size": item.size,
        "sha256": item.sha256,
        "status": item.status,
        "error": item.error,
        "batch_id": item.batch_id,
        "extraction": item.extraction,
        "proposal": access.visible_proposal(request.user, item),
    }


@router.post(
    "/imports/files/{int:file_id}/accept",
    response={200: AcceptOut, **ERROR_RESPONSES},
    summary="Принять документ: создать записи в одной транзакции",
)
def file_accept(request, file_id: int, payload: AcceptIn):
    item = access.access_file(request.user, file_id)
    services.file_accept(actor=request.user, item=item, proposal=payload.proposal)
    item.refresh_from_db()
    records = [
        {"kind": r.content_type.model, "id": r.object_id, "label": r.label, "created": r.created}
        for r in item.records.select_related("content_type")
    ]
    return {
        "id": item.pk,
        "name": item.name,
        "size": item.size,
        "sha256": item.sha256,
        "status": item.status,
        "error": item.error,
        "records": records,
    }


@router.post(
    "/imports/files/{int:file_id}/reject",
    response={200: FileOut, **ERROR_RESPONSES},
    summary="Отклонить документ: записи не создаются",
)
def file_reject(request, file_id: int):
    item = access.access_file(request.user, file_id)
    return services.file_reject(actor=request.user, item=item)
