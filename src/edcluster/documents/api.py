"""REST API of generated documents — the same generation as the pages and the command line.

(No ``from __future__ import annotations``: django-ninja reads annotations at import.)
"""

from django.http import HttpResponse
from ninja import Router, Schema, Status
from pydantic import Field

from edcluster.api.schemas import ERROR_RESPONSES
from edcluster.core.errors import NotFound
from edcluster.documents import services
from edcluster.documents.models import GeneratedDocument
from edcluster.documents.registry import KINDS

router = Router(tags=["Документы"])
API_PREFIX = "/documents"


class GenerateIn(Schema):
    kind: str = Field(description="protocol, protocol_gost, decision_report, consultation_report, …")
    id: int = Field(description="номер записи: заседания, органа, консультационного центра")
    options: dict[str, str] = {}
    pdf: bool = False


class DocumentOut(Schema):
    id: int
    kind: str
    object_id: int
    filename: str
    pdf_status: str
    docx_url: str
    pdf_url: str | None


def _out(doc: GeneratedDocument) -> dict:
    return {
        "id": doc.pk,
        "kind": doc.kind,
        "object_id": doc.object_id,
        "filename": doc.filename,
        "pdf_status": doc.pdf_status,
        "docx_url": f"/api/documents/{doc.pk}/docx",
        "pdf_url": f"/api/documents/{doc.pk}/pdf" if doc.pdf_status == GeneratedDocument.PdfStatus.READY else None,
    }


def _access(user, pk: int) -> GeneratedDocument:
    doc = GeneratedDocument.objects.filter(pk=pk).first()
    if doc is None or doc.kind not in KINDS:
        raise NotFound()
    KINDS[doc.kind].access(user, doc.object_id, dict(doc.options))
    return doc


@router.post("", response={201: DocumentOut, **ERROR_RESPONSES}, summary="Сформировать документ")
def document_post(request, payload: GenerateIn):
    doc = services.document_generate(
        actor=request.user, kind=payload.kind, pk=payload.id, options=payload.options, pdf=payload.pdf
    )
    return Status(201, _out(doc))


@router.get("/{int:doc_id}", response={200: DocumentOut, **ERROR_RESPONSES}, summary="Документ")
def document_get(request, doc_id: int):
    return _out(_access(request.user, doc_id))


@router.get("/{int:doc_id}/docx", response={200: None, **ERROR_RESPONSES}, summary="Скачать DOCX")
def document_docx(request, doc_id: int):
    doc = _access(request.user, doc_id)
    response = HttpResponse(bytes(doc.docx), content_type=services.DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{doc.filename}"'
    return response


@router.get("/{int:doc_id}/pdf", response={200: None, **ERROR_RESPONSES}, summary="Скачать PDF")
def document_pdf(request, doc_id: int):
    doc = _access(request.user, doc_id)
    if not doc.pdf:
        raise NotFound("PDF не готов или LibreOffice не установлен на сервере; скачайте DOCX.")
    response = HttpResponse(bytes(doc.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{doc.filename.rsplit(".", 1)[0]}.pdf"'
    return response
