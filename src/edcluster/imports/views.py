"""Pages of the document import: upload, progress, review and accept — access, one service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from edcluster.core.access import require
from edcluster.core.errors import DomainError, NotFound
from edcluster.core.forms import form_errors_from
from edcluster.events.models import EventFormat, EventKind
from edcluster.imports import access, services
from edcluster.imports.forms import UploadForm, proposal_from_post
from edcluster.imports.highlight import LABELS, highlighted
from edcluster.imports.models import ImportedFile
from edcluster.imports.readers import MAX_FILE_BYTES
from edcluster.meetings.access import can_edit_body
from edcluster.meetings.models import Body
from edcluster.organizations.access import access_cluster
from edcluster.organizations.models import OrganizationKind


@login_required
def batch_list(request: HttpRequest) -> HttpResponse:
    batches = access.visible_batches(request.user)[:100]
    return render(request, "imports/batch_list.html", {"batches": batches})


@login_required
def upload(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = access_cluster(request.user, slug)
    require(access.can_import_somewhere(request.user, cluster), _("Вы не можете загружать документы в этот кластер."))
    coordinator = access.can_import(request.user, cluster, None)
    form = UploadForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        organizations=access.importable_organizations(request.user, cluster),
        organization_required=not coordinator,
    )
    if request.method == "POST" and form.is_valid():
        # Past the limit only the start is read: the file is refused for its size anyway.
        uploads = [(f.name, f.read(MAX_FILE_BYTES + 1)) for f in form.cleaned_data["files"]]
        try:
            batch = services.batch_create(
                actor=request.user,
                cluster=cluster,
                organization=form.cleaned_data.get("organization"),
                uploads=uploads,
            )
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Файлы загружены; они обрабатываются."))
            return redirect(batch)
    return render(request, "imports/upload.html", {"form": form, "cluster": cluster})


def _batch_context(request: HttpRequest, pk: int) -> dict:
    batch = access.access_batch(request.user, pk)
    # Polled every second: the table shows the extraction's counts, never the text or the proposal.
    return {"batch": batch, "files": batch.files.defer("text", "proposal")}


@login_required
def batch_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "imports/batch_detail.html", _batch_context(request, pk))


@login_required
def batch_progress(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "imports/_progress.html", _batch_context(request, pk))


def _review_context(request: HttpRequest, item: ImportedFile, proposal: dict, error: str = "") -> dict:
    bodies = [
        b for b in Body.objects.filter(cluster=item.batch.cluster).order_by("name") if can_edit_body(request.user, b)
    ]
    earlier = None
    if proposal.get("earlier_file"):
        # Only a file the user may see: another organisation's acceptance is not theirs to know.
        earlier = access.visible_files(request.user).filter(pk=proposal["earlier_file"]).first()
    return {
        "item": item,
        "batch": item.batch,
        "proposal": proposal,
        "text": highlighted(item.text, item.extraction) if item.text else "",
        "labels": LABELS,
        "bodies": bodies,
        "kinds": OrganizationKind.choices,
        "event_formats": EventFormat.choices,
        "event_kinds": EventKind.choices,
        "records": item.records.select_related("content_type").prefetch_related("record"),
        "earlier": earlier,
        "error": error,
        "can_accept": item.status == ImportedFile.Status.READY,
    }


@login_required
def file_review(request: HttpRequest, pk: int) -> HttpResponse:
    item = access.access_file(request.user, pk)
    return render(request, "imports/review.html", _review_context(request, item, item.proposal))


@login_required
@require_POST
def file_accept(request: HttpRequest, pk: int) -> HttpResponse:
    item = access.access_file(request.user, pk)
    proposal = proposal_from_post(request.POST, item.proposal)
    try:
        record = services.file_accept(actor=request.user, item=item, proposal=proposal)
    except DomainError as exc:
        item.refresh_from_db()
        context = _review_context(request, item, proposal, error=exc.message)
        return render(request, "imports/review.html", context)
    messages.success(request, _("Документ принят: записи созданы и связаны с исходным файлом."))
    if record is not None and hasattr(record, "get_absolute_url"):
        return redirect(record)
    return redirect(item)


@login_required
@require_POST
def file_reject(request: HttpRequest, pk: int) -> HttpResponse:
    item = access.access_file(request.user, pk)
    try:
        services.file_reject(actor=request.user, item=item)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Документ отклонён; записи не созданы."))
    return redirect(item.batch)


@login_required
def file_original(request: HttpRequest, pk: int) -> FileResponse:
    item = access.access_file(request.user, pk)
    if not item.file:
        raise NotFound(_("Исходный файл не сохранён."))
    return FileResponse(item.file.open("rb"), as_attachment=True, filename=item.name)
