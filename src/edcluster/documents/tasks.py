"""PDF conversion in the background (LibreOffice headless)."""

from __future__ import annotations

import logging

from celery import shared_task

from edcluster.documents.models import GeneratedDocument

log = logging.getLogger(__name__)


@shared_task(acks_late=True)
def convert_document_to_pdf(document_id: int) -> str:
    """Convert one generated document; idempotent (a ready PDF is left alone)."""
    from edcluster.documents.services import docx_to_pdf

    doc = GeneratedDocument.objects.filter(pk=document_id).first()
    if doc is None or doc.pdf_status == GeneratedDocument.PdfStatus.READY:
        return "skipped"
    try:
        pdf = docx_to_pdf(bytes(doc.docx))
    except Exception as exc:  # LibreOffice failed or timed out: the page says so
        log.warning("PDF conversion failed for document %s: %s", document_id, type(exc).__name__)
        GeneratedDocument.objects.filter(pk=document_id).update(
            pdf_status=GeneratedDocument.PdfStatus.FAILED, pdf_error=type(exc).__name__
        )
        return "failed"
    GeneratedDocument.objects.filter(pk=document_id).update(pdf=pdf, pdf_status=GeneratedDocument.PdfStatus.READY)
    return "ready"
