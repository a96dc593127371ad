"""Checks of an uploaded material by its content (not its name) and extraction of its text.

Allowed: PDF without JavaScript, DOCX/XLSX/PPTX, PNG, JPEG, GIF. Refused with a Russian message:
executables under any name, HTML and SVG (they can carry scripts), PDF with JavaScript, anything
unknown, anything over ``EDCLUSTER_MAX_UPLOAD_BYTES``.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from edcluster.core.errors import ValidationError

ALLOWED_TEXT = "PDF, DOCX, XLSX, PPTX, PNG, JPEG, GIF"
OOXML = {
    "word/": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    "xl/": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "ppt/": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx"),
}
EXECUTABLE_MAGIC = (b"MZ", b"\x7fELF", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe", b"\xce\xfa\xed\xfe", b"#!")
ACTIVE_MARKUP = re.compile(rb"<\s*(script|svg|html|!doctype\s+html|iframe|object|embed)\b|javascript:", re.I)
PDF_ACTIVE = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFile)\b")


@dataclass(frozen=True)
class Checked:
    content_type: str
    kind: str
    size: int
    text: str


def _refuse(message: str) -> ValidationError:
    return ValidationError(errors={"file": [message]})


def sniff(data: bytes) -> tuple[str, str] | None:
    if data.startswith(b"%PDF-"):
        return "application/pdf", "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png", "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg", "jpeg"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif", "gif"
    if data.startswith(b"PK\x03\x04"):
        try:
            names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        except zipfile.BadZipFile:
            return None
        for prefix, result in OOXML.items():
            if "[Content_Types].xml" in names and any(n.startswith(prefix) for n in names):
                return result
    return None


def extract_text(data: bytes, kind: str) -> str:
    """The document's words for search (empty when it cannot be read)."""
    try:
        if kind == "docx":
            from docx import Document

            doc = Document(io.BytesIO(data))
            parts = [p.text for p in doc.paragraphs]
            parts += [c.text for t in doc.tables for row in t.rows for c in row.cells]
            return "\n".join(p for p in parts if p)
        if kind == "pdf":
            from pypdf import PdfReader

            reader = PdfReader(io.BytesIO(data))
            return "\n".join((page.extract_text() or "") for page in reader.pages[:200])
    except Exception:  # a damaged document is still a valid upload; it just is not searchable
        return ""
    return ""


def check_upload(name: str, data: bytes) -> Checked:
    """Raise a ``ValidationError`` (field ``file``) with a clear Russian message, or say what it is."""
    limit = settings.EDCLUSTER_MAX_UPLOAD_BYTES
    if not data:
        raise _refuse(_("Файл «%(name)s» пустой.") % {"name": name})
    if len(data) > limit:
        raise _refuse(
            _("Файл «%(name)s» больше допустимых %(limit)s.") % {"name": name, "limit": filesizeformat(limit)}
        )
    head = data[:4096]
    if head.startswith(EXECUTABLE_MAGIC):
        raise _refuse(
            _("Файл «%(name)s» — исполняемая программа, а не документ; такие файлы загружать нельзя.") % {"name": name}
        )
    found = sniff(data)
    if found is None:
        if ACTIVE_MARKUP.search(head) or ACTIVE_MARKUP.search(data[:1_000_000]):
            raise _refuse(
                _(
                    "Файл «%(name)s» — веб-страница или SVG-рисунок, которые могут содержать скрипты; "
                    "загрузите документ в формате PDF или DOCX."
                )
                % {"name": name}
            )
        raise _refuse(
            _("Тип файла «%(name)s» не поддерживается. Можно загрузить: %(allowed)s.")
            % {"name": name, "allowed": ALLOWED_TEXT}
        )
    content_type, kind = found
    if kind == "pdf" and PDF_ACTIVE.search(data):
        raise _refuse(
            _("PDF-файл «%(name)s» содержит скрипты или вложенные файлы; сохраните его заново без них.")
            % {"name": name}
        )
    return Checked(content_type=content_type, kind=kind, size=len(data), text=extract_text(data, kind))
