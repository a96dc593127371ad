"""Certificate pages: thin — parse input, ask ``access``, call one service or selector, render."""

from __future__ import annotations

import io
import zipfile

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from edcluster.certificates import access, selectors, services
from edcluster.certificates.forms import DesignForm, KindForm, RevokeForm, SeriesForm
from edcluster.certificates.models import Certificate
from edcluster.core.access import require
from edcluster.core.errors import DomainError, NotFound
from edcluster.core.forms import form_errors_from, form_errors_text
from edcluster.events.access import can_manage_cluster_events
from edcluster.organizations.access import access_cluster
from edcluster.web.pagination import paginate


def _pdf(content: bytes, filename: str, *, inline: bool = False) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


# --- organiser ---------------------------------------------------------------------------------------


@login_required
def event_certificates(request: HttpRequest, pk: int) -> HttpResponse:
    event = access.access_event_certificates(request.user, pk)
    page, query = paginate(request, selectors.certificate_list(event, q=request.GET.get("q", "").strip()))
    return render(
        request,
        "certificates/event.html",
        {
            "event": event,
            "kinds": selectors.kinds(event),
            "batch": selectors.last_batch(event),
            "missing": selectors.missing_count(event),
            "page": page,
            "query": query,
            "q": request.GET.get("q", ""),
            "series": services.series_for(event.cluster),
        },
    )


@login_required
@require_POST
def kinds_default(request: HttpRequest, pk: int) -> HttpResponse:
    event = access.access_event_certificates(request.user, pk)
    created = services.kinds_default(actor=request.user, event=event)
    messages.success(request, _("Добавлено видов сертификатов: {n}.").format(n=len(created)))
    return redirect("certificates:event", pk=event.pk)


@login_required
def kind_edit(request: HttpRequest, pk: int, kind_id: int | None = None) -> HttpResponse:
    event = access.access_event_certificates(request.user, pk)
    kind = access.access_kind(request.user, event, kind_id) if kind_id else None
    initial = {f: getattr(kind, f) for f in services.KIND_FIELDS} if kind else {"title": "СЕРТИФИКАТ"}
    form = KindForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.kind_save(actor=request.user, event=event, data=form.cleaned_data, kind=kind)
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Вид сертификата сохранён."))
            return redirect("certificates:event", pk=event.pk)
    return render(request, "certificates/kind_form.html", {"event": event, "kind": kind, "form": form})


@login_required
def kind_marks(request: HttpRequest, pk: int, kind_id: int) -> HttpResponse:
    event = access.access_event_certificates(request.user, pk)
    kind = access.access_kind(request.user, event, kind_id)
    if request.method == "POST":
        ids = [int(v) for v in request.POST.getlist("registration") if v.isdigit()]
        current = set(kind.marked.values_list("pk", flat=True))
        services.kind_mark(actor=request.user, kind=kind, registration_ids=set(ids) - current, marked=True)
        services.kind_mark(actor=request.user, kind=kind, registration_ids=current - set(ids), marked=False)
        messages.success(request, _("Отметки сохранены."))
        return redirect("certificates:event", pk=event.pk)
    from edcluster.events.selectors import registration_list

    return render(
        request,
        "certificates/kind_marks.html",
        {
            "event": event,
            "kind": kind,
            "registrations": registration_list(event, status="confirmed"),
            "marked": set(kind.marked.values_list("pk", flat=True)),
        },
    )


@login_required
def kind_preview(request: HttpRequest, pk: int, kind_id: int) -> HttpResponse:
    event = access.access_event_certificates(request.user, pk)
    kind = access.access_kind(request.user, event, kind_id)
    return _pdf(services.preview_pdf(kind), f"obrazec-{kind.code}.pdf", inline=True)


@login_required
def design(request: HttpRequest, pk: int) -> HttpResponse:
    event = access.access_event_certificates(request.user, pk)
    current = services.design_for(event)
    form = DesignForm(
        request.POST or None, request.FILES or None, layout=current.layout, initial={"signer": current.signer}
    )
    if request.method == "POST" and form.is_valid():
        files: dict[str, bytes | None] = {
            name: form.cleaned_data[name].read() if form.cleaned_data.get(name) else None
            for name in ("background", "logo", "signature")
        }
        if form.cleaned_data.get("clear_background"):
            files["background"] = b""
        try:
            services.design_update(
                actor=request.user, event=event, signer=form.cleaned_data["signer"], layout=form.layout(), files=files
            )
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Оформление сохранено. Проверьте образец перед выдачей."))
            return redirect("certificates:event", pk=event.pk)
    return render(
        request,
        "certificates/design.html",
        {"event": event, "form": form, "design": current, "kinds": list(event.certificate_kinds.all())},
    )


@login_required
@require_POST
def issue(request: HttpRequest, pk: int) -> HttpResponse:
    event = access.access_event_certificates(request.user, pk)
    try:
        services.batch_start(actor=request.user, event=event, send_mail=request.POST.get("send_mail") == "on")
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Выдача сертификатов запущена."))
    return redirect("certificates:event", pk=event.pk)


@login_required
def progress(request: HttpRequest, pk: int) -> HttpResponse:
    event = access.access_event_certificates(request.user, pk)
    return render(request, "certificates/_progress.html", {"event": event, "batch": selectors.last_batch(event)})


@login_required
def download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    event = access.access_event_certificates(request.user, pk)
    certificates = list(selectors.certificate_list(event).filter(revoked_at__isnull=True))
    if fmt == "pdf":
        return _pdf(services.certificates_pdf(event, certificates), f"certificates-{event.pk}.pdf")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for number, content in services.certificate_pdfs(event, certificates):
            archive.writestr(f"{number}.pdf", content)
    response = HttpResponse(buf.getvalue(), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="certificates-{event.pk}.zip"'
    return response


@login_required
def revoke(request: HttpRequest, certificate_id: int) -> HttpResponse:
    certificate = access.access_certificate(request.user, certificate_id)
    form = RevokeForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.certificate_revoke(
                    actor=request.user, certificate=certificate, reason=form.cleaned_data["reason"]
                )
            except DomainError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, _("Сертификат {number} аннулирован.").format(number=certificate.number))
        else:
            messages.error(request, form_errors_text(form))
        return redirect("certificates:event", pk=certificate.event_id)
    return render(request, "certificates/revoke.html", {"certificate": certificate, "form": form})


@login_required
def series(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = access_cluster(request.user, slug)
    require(can_manage_cluster_events(request.user, cluster))
    current = services.series_for(cluster)
    form = SeriesForm(request.POST or None, initial={"code": current.code, "pattern": current.pattern})
    if request.method == "POST" and form.is_valid():
        try:
            services.series_update(actor=request.user, cluster=cluster, **form.cleaned_data)
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Нумерация сохранена."))
            return redirect("certificates:series", slug=cluster.slug)
    return render(request, "certificates/series.html", {"cluster": cluster, "form": form, "series": current})


# --- public ----------------------------------------------------------------------------------------


def verify(request: HttpRequest, code: str) -> HttpResponse:
    certificate = selectors.certificate_by_code(code)
    if certificate is None:
        return render(request, "certificates/verify.html", {"certificate": None, "code": code}, status=404)
    return render(request, "certificates/verify.html", {"certificate": certificate})


def verify_pdf(request: HttpRequest, code: str) -> HttpResponse:
    certificate = selectors.certificate_by_code(code)
    if certificate is None or certificate.is_revoked or certificate.personal_erased:
        raise NotFound(_("Сертификат не найден или аннулирован."))
    return _pdf(services.certificates_pdf(certificate.event, [certificate]), f"{certificate.number}.pdf")


def my_certificates(request: HttpRequest, token: str) -> HttpResponse:
    email = services.my_email(token)
    if email is None:
        raise NotFound(_("Ссылка недействительна. Откройте её из письма о сертификате."))
    certificates: list[Certificate] = list(selectors.certificates_of_email(email))
    return render(request, "certificates/my.html", {"certificates": certificates})
