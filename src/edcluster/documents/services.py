"""Generating documents from templates (docxtpl), checking a cluster's own templates, and PDF
conversion with LibreOffice. The same ``document_render`` serves pages, the API and the
``edcluster document`` command."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import jinja2
from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from docxtpl import DocxTemplate

from edcluster.core import ru
from edcluster.core.audit import audit_log
from edcluster.core.errors import DomainError, ValidationError
from edcluster.documents.models import ClusterTemplate, GeneratedDocument
from edcluster.documents.registry import DocumentKind, get_kind

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MAX_TEMPLATE_BYTES = 5 * 1024 * 1024


def typograph_context(value: Any) -> Any:
    """Apply Russian typography (``core.ru.typograph``) to every string in a context."""
    if isinstance(value, str):
        return ru.typograph(value)
    if isinstance(value, dict):
        return {k: typograph_context(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [typograph_context(v) for v in value]
    return value


def template_bytes(kind: DocumentKind, cluster: Any) -> bytes:
    """The cluster's own template when uploaded, else the shipped one."""
    if cluster is not None:
        own = ClusterTemplate.objects.filter(cluster=cluster, kind=kind.code).only("content").first()
        if own is not None:
            return bytes(own.content)
    return kind.builtin()


def render_docx(template: bytes, context: dict) -> bytes:
    tpl = DocxTemplate(io.BytesIO(template))
    jinja_env = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=True)
    tpl.render(context, jinja_env=jinja_env)
    typograph_docx(tpl.docx)
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()


# --- typography of the rendered document ----------------------------------------------------------
# The context is typographed before rendering; the literal text a cluster typed into its own
# template ("Протокол от 2025 г. - решение", straight quotes) is typographed here, after
# rendering, paragraph by paragraph. Only plain text runs are touched: a run holding a picture,
# a field or anything else, and a paragraph with hyperlinks or fields, are left exactly as they are.

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TEXT_RUN_CHILDREN = {f"{_W}rPr", f"{_W}t", f"{_W}tab", f"{_W}br"}
_PARAGRAPH_CHILDREN = {f"{_W}pPr", f"{_W}r", f"{_W}bookmarkStart", f"{_W}bookmarkEnd", f"{_W}proofErr"}


def _all_paragraphs(document: Any) -> Any:
    yield from document.paragraphs
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs
    for section in document.sections:
        for part in (section.header, section.footer):
            if not part.is_linked_to_previous:
                yield from part.paragraphs


def _keep_edges(text: str) -> str:
    """Typograph a run's text but keep its leading and trailing spaces (they separate it from
    the neighbouring runs)."""
    core = text.strip(" \t")
    if not core:
        return text
    start = text.index(core)
    return text[:start] + ru.typograph(core) + text[start + len(core) :]


def _typograph_paragraph(paragraph: Any) -> None:
    if any(child.tag not in _PARAGRAPH_CHILDREN for child in paragraph._p):
        return
    runs = paragraph.runs
    if not runs or any(any(c.tag not in _TEXT_RUN_CHILDREN for c in run._r) for run in runs):
        return
    text = "".join(run.text for run in runs)
    if ru.typograph(text) == text:
        return
    formats = {str(run._r.rPr.xml) if run._r.rPr is not None else "" for run in runs}
    if len(formats) == 1:
        # one formatting: the whole paragraph is one run, so quotes and spaces across run
        # boundaries are seen together
        runs[0].text = _keep_edges(text)
        for run in runs[1:]:
            run._r.getparent().remove(run._r)
        return
    for run in runs:
        fixed = _keep_edges(run.text)
        if fixed != run.text:
            run.text = fixed


def typograph_docx(document: Any) -> None:
    """Apply ``core.ru.typograph`` to the literal text of a rendered document."""
    for paragraph in _all_paragraphs(document):
        _typograph_paragraph(paragraph)


def document_render(*, kind: str, source: Any, options: dict | None = None) -> tuple[str, bytes]:
    """(file name, DOCX bytes) of document ``kind`` for ``source`` — no access check here; the
    caller found ``source`` through the kind's ``access``."""
    k = get_kind(kind)
    options = options or {}
    context = typograph_context(k.context(source, options))
    data = render_docx(template_bytes(k, k.cluster_of(source)), context)
    return f"{k.filename(source)}.docx", data


@transaction.atomic
def document_generate(
    *, actor: Any, kind: str, pk: Any, options: dict | None = None, pdf: bool = False
) -> GeneratedDocument:
    """Find the source for ``actor``, render the DOCX, store it; queue the PDF when asked and
    LibreOffice is installed."""
    k = get_kind(kind)
    options = options or {}
    source = k.access(actor, pk, options)
    filename, data = document_render(kind=kind, source=source, options=options)
    doc = GeneratedDocument.objects.create(
        kind=kind,
        object_id=source.pk,
        options={key: str(v) for key, v in options.items()},
        cluster=k.cluster_of(source),
        filename=filename,
        docx=data,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit_log(actor=actor, action="documents.generated", target=doc, note=kind)
    if pdf:
        document_request_pdf(doc=doc)
    return doc


def soffice_path() -> str | None:
    """LibreOffice's command when installed (``soffice`` or ``libreoffice`` on PATH)."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def document_request_pdf(*, doc: GeneratedDocument) -> GeneratedDocument:
    if soffice_path() is None:
        raise DomainError(_("LibreOffice не установлен на сервере: PDF недоступен, скачайте DOCX."), status=409)
    if doc.pdf_status in (GeneratedDocument.PdfStatus.PENDING, GeneratedDocument.PdfStatus.READY):
        return doc
    doc.pdf_status = GeneratedDocument.PdfStatus.PENDING
    doc.save(update_fields=["pdf_status", "updated_at"])
    from edcluster.documents.tasks import convert_document_to_pdf

    pk = doc.pk
    transaction.on_commit(lambda: convert_document_to_pdf.delay(pk))
    return doc


def docx_to_pdf(data: bytes, *, timeout: int = 120) -> bytes:
    """Convert DOCX bytes to PDF with LibreOffice headless (its own profile dir, so parallel
    conversions do not collide)."""
    binary = soffice_path()
    if binary is None:
        raise DomainError(_("LibreOffice не установлен на сервере: PDF недоступен, скачайте DOCX."), status=409)
    with tempfile.TemporaryDirectory(prefix="edc-pdf-") as tmp:
        src = Path(tmp) / "document.docx"
        src.write_bytes(data)
        profile = Path(tmp) / "profile"
        subprocess.run(  # noqa: S603 - fixed arguments, no shell
            [
                binary,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                tmp,
                str(src),
            ],
            check=True,
            capture_output=True,
            timeout=timeout,
        )
        return (Path(tmp) / "document.pdf").read_bytes()


# --- a cluster's own templates --------------------------------------------------------------------

_LINE_RE = re.compile(r"line (\d+)")


def template_check(*, kind: DocumentKind, data: bytes) -> None:
    """Refuse a template that is not a .docx, has a Jinja error, or uses a variable the kind
    does not provide — with the line and the reason, in Russian."""
    if len(data) > MAX_TEMPLATE_BYTES:
        raise ValidationError(errors={"file": [_("Файл больше 5 МБ.")]})
    try:
        tpl = DocxTemplate(io.BytesIO(data))
        tpl.init_docx()
    except Exception as exc:
        raise ValidationError(errors={"file": [_("Это не файл .docx (Word).")]}) from exc
    try:
        used = tpl.get_undeclared_template_variables()
    except jinja2.TemplateSyntaxError as exc:
        raise ValidationError(
            errors={
                "file": [
                    _("Ошибка в шаблоне, строка %(line)s: %(reason)s") % {"line": exc.lineno, "reason": exc.message}
                ]
            }
        ) from exc
    allowed = set(kind.example())
    unknown = sorted(set(used) - allowed)
    if unknown:
        raise ValidationError(
            errors={
                "file": [
                    _("Неизвестные переменные: %(names)s. Доступны: %(allowed)s.")
                    % {"names": ", ".join(unknown), "allowed": ", ".join(sorted(allowed))}
                ]
            }
        )
    try:
        render_docx(data, typograph_context(kind.example()))
    except jinja2.TemplateError as exc:
        line = getattr(exc, "lineno", None)
        reason = getattr(exc, "message", None) or str(exc)
        where = _("строка %s: ") % line if line else ""
        raise ValidationError(
            errors={"file": [_("Шаблон не заполняется: %(where)s%(reason)s") % {"where": where, "reason": reason}]}
        ) from exc


@transaction.atomic
def template_upload(*, actor: Any, cluster: Any, kind: str, filename: str, data: bytes) -> ClusterTemplate:
    """Replace the shipped template of ``kind`` for ``cluster``; nothing is saved when the check
    fails."""
    k = get_kind(kind)
    template_check(kind=k, data=data)
    obj, _created = ClusterTemplate.objects.update_or_create(
        cluster=cluster,
        kind=kind,
        defaults={
            "filename": filename[:255],
            "content": data,
            "uploaded_by": actor if getattr(actor, "pk", None) else None,
        },
    )
    audit_log(actor=actor, action="documents.template.uploaded", target=obj, note=filename[:200])
    return obj


@transaction.atomic
def template_reset(*, actor: Any, cluster: Any, kind: str) -> None:
    get_kind(kind)
    deleted, _x = ClusterTemplate.objects.filter(cluster=cluster, kind=kind).delete()
    if deleted:
        audit_log(actor=actor, action="documents.template.reset", target=cluster, note=kind)


def pdf_available() -> bool:
    return soffice_path() is not None and getattr(settings, "DOCUMENTS_PDF", True)
