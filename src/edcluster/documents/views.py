"""Document pages: generate (DOCX, PDF when LibreOffice is installed), download, and a
cluster's own templates."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from edcluster.core.access import require
from edcluster.core.errors import DomainError, NotFound
from edcluster.core.forms import form_errors_from
from edcluster.documents import services
from edcluster.documents.forms import TemplateUploadForm
from edcluster.documents.models import ClusterTemplate, GeneratedDocument
from edcluster.documents.registry import KINDS, get_kind
from edcluster.organizations.access import access_cluster, can_edit_cluster


def _access_document(user, pk: int) -> GeneratedDocument:
    doc = GeneratedDocument.objects.filter(pk=pk).defer("docx", "pdf").first()
    if doc is None or doc.kind not in KINDS:
        raise NotFound()
    KINDS[doc.kind].access(user, doc.object_id, dict(doc.options))  # the source must still be readable
    return doc


@login_required
@require_POST
def generate(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    options = {k: request.POST[k] for k in ("from", "to", "certificates") if request.POST.get(k)}
    want_pdf = request.POST.get("format") == "pdf" and services.pdf_available()
    doc = services.document_generate(actor=request.user, kind=kind, pk=pk, options=options, pdf=want_pdf)
    return redirect("documents:document_detail", pk=doc.pk)


@login_required
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    doc = _access_document(request.user, pk)
    return render(
        request,
        "documents/document_detail.html",
        {"doc": doc, "kind": KINDS[doc.kind], "pdf_available": services.pdf_available()},
    )


@login_required
def download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    _access_document(request.user, pk)
    doc = GeneratedDocument.objects.get(pk=pk)
    if fmt == "docx":
        data, filename, ctype = bytes(doc.docx), doc.filename, services.DOCX_TYPE
    elif fmt == "pdf" and doc.pdf:
        data, filename, ctype = bytes(doc.pdf), doc.filename.rsplit(".", 1)[0] + ".pdf", "application/pdf"
    else:
        raise NotFound(_("PDF ещё не готов."))
    response = HttpResponse(data, content_type=ctype)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_POST
def request_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    doc = _access_document(request.user, pk)
    try:
        services.document_request_pdf(doc=GeneratedDocument.objects.get(pk=doc.pk))
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("documents:document_detail", pk=pk)


@login_required
def templates(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = access_cluster(request.user, slug)
    require(can_edit_cluster(request.user, cluster))
    own = {t.kind: t for t in ClusterTemplate.objects.filter(cluster=cluster).defer("content")}
    return render(
        request,
        "documents/templates.html",
        {
            "cluster": cluster,
            "kinds": [(k, own.get(k.code)) for k in KINDS.values()],
            "form": TemplateUploadForm(),
        },
    )


@login_required
def template_upload(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    cluster = access_cluster(request.user, slug)
    require(can_edit_cluster(request.user, cluster))
    k = get_kind(kind)
    form = TemplateUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            services.template_upload(
                actor=request.user, cluster=cluster, kind=kind, filename=upload.name, data=upload.read()
            )
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Шаблон загружен."))
            return redirect("documents:templates", slug=cluster.slug)
    return render(request, "documents/template_upload.html", {"cluster": cluster, "kind": k, "form": form})


@login_required
def template_download(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    cluster = access_cluster(request.user, slug)
    require(can_edit_cluster(request.user, cluster))
    k = get_kind(kind)
    response = HttpResponse(services.template_bytes(k, cluster), content_type=services.DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{kind}.docx"'
    return response


@login_required
@require_POST
def template_reset(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    cluster = access_cluster(request.user, slug)
    require(can_edit_cluster(request.user, cluster))
    services.template_reset(actor=request.user, cluster=cluster, kind=kind)
    messages.success(request, _("Восстановлен шаблон платформы."))
    return redirect("documents:templates", slug=cluster.slug)
