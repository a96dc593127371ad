"""Platform pages: health check, the e-mail outbox for administrators, consent withdrawal."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from edcluster.core import access, services, tabular
from edcluster.core.errors import DomainError, NotFound
from edcluster.core.models import Consent, ImportJob, OutboxAttachment, OutboxMessage
from edcluster.core.selectors import outbox_messages


@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """200 when the database answers a query, 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    return JsonResponse({"status": "ok", "database": connection.vendor})


@login_required
def outbox_list(request: HttpRequest) -> HttpResponse:
    access.require(access.can_read_outbox(request.user))
    qs = outbox_messages(to=request.GET.get("to"), topic=request.GET.get("topic"))
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "core/outbox_list.html", {"page": page, "to": request.GET.get("to", "")})


@login_required
def outbox_detail(request: HttpRequest, pk: int) -> HttpResponse:
    access.require(access.can_read_outbox(request.user))
    message = get_object_or_404(OutboxMessage.objects.prefetch_related("attachments"), pk=pk)
    return render(request, "core/outbox_detail.html", {"message": message})


@login_required
def outbox_attachment(request: HttpRequest, pk: int) -> HttpResponse:
    access.require(access.can_read_outbox(request.user))
    att = get_object_or_404(OutboxAttachment, pk=pk)
    response = HttpResponse(bytes(att.content), content_type=att.content_type)
    from django.utils.http import content_disposition_header

    response["Content-Disposition"] = content_disposition_header(True, att.filename)
    return response


@require_http_methods(["GET", "POST"])
def consent_withdraw(request: HttpRequest, token: str) -> HttpResponse:
    consent = get_object_or_404(Consent.objects.select_related("text"), token=token)
    if request.method == "POST":
        consent = services.consent_withdraw(token=token)
    return render(request, "core/consent_withdraw.html", {"consent": consent})


# --- personal data (152-FZ) --------------------------------------------------------------------


def _export_json(data: dict) -> HttpResponse:
    import json

    from django.utils.http import content_disposition_header

    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2, default=str), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = content_disposition_header(True, "personal-data.json")
    return response


def _sections(data: dict) -> list[tuple[str, list]]:
    return [(s["раздел"], s["записи"]) for s in data["разделы"]]


def _consents_for(email: str) -> list[Consent]:
    return list(Consent.objects.filter(email__iexact=email).select_related("text"))


@login_required
@require_http_methods(["GET", "POST"])
def privacy_admin(request: HttpRequest) -> HttpResponse:
    """Administrators: find a person by e-mail, or by name (with the organisation) or phone, see
    the matching records, then download or erase the chosen person's data (by their e-mail, or by
    the registry record ``person:<id>`` for a person without one, so a namesake is never touched).
    Everything travels in POST bodies, never in access logs."""
    from django.contrib import messages

    from edcluster.core import privacy
    from edcluster.core.errors import ValidationError

    access.require(access.can_manage_personal_data(request.user))
    context: dict = {"email": "", "lookup": {}}
    if request.method == "POST":
        email = request.POST.get("email", "")
        subject = request.POST.get("subject", "") or email  # an e-mail or «person:<id>»
        context.update(email=email or (subject if "@" in subject else ""), subject=subject)
        try:
            if request.POST.get("action") == "find":
                lookup = {
                    key: request.POST.get(key, "")
                    for key in ("last_name", "first_name", "middle_name", "organization", "phone")
                }
                context.update(lookup=lookup, matches=privacy.person_find(**lookup), found=True)
            elif request.POST.get("action") == "erase":
                if not request.POST.get("confirm"):
                    raise ValidationError("Подтвердите удаление: отметьте флажок.")
                counts = privacy.person_erase(email=subject, actor=request.user)
                total = sum(counts.values())
                messages.success(request, f"Данные обезличены, изменено записей: {total}.")
                context["erased"] = counts
            else:
                data = privacy.person_export(email=subject)
                if request.POST.get("action") == "json":
                    return _export_json(data)
                context.update(searched=True, sections=_sections(data))
        except ValidationError as exc:
            context["error"] = exc.message
    return render(request, "core/privacy_admin.html", context)


@require_http_methods(["GET", "POST"])
def privacy_request(request: HttpRequest) -> HttpResponse:
    """Anyone: ask for a link to their own data by e-mail (rate-limited per IP and e-mail)."""
    from edcluster.core import privacy
    from edcluster.core.errors import ValidationError
    from edcluster.core.ratelimit import rate_limit_request

    context: dict = {}
    if request.method == "POST":
        email = request.POST.get("email", "").strip()
        rate_limit_request(request, "privacy", limit=5, period=600, email=email)
        try:
            privacy.privacy_link_send(email=email)
            context["sent"] = True
        except ValidationError as exc:
            context["error"] = exc.message
    return render(request, "core/privacy_request.html", context)


@require_http_methods(["GET", "POST"])
def privacy_subject(request: HttpRequest, token: str) -> HttpResponse:
    """The person's own page, reached by the signed link from their e-mail: what is stored,
    a JSON download, consent withdrawal links and erasure."""
    from edcluster.core import privacy

    email = privacy.subject_email(token)
    if request.method == "POST" and request.POST.get("action") == "json":
        return _export_json(privacy.person_export(email=email))
    if request.method == "POST" and request.POST.get("action") == "erase":
        if request.POST.get("confirm"):
            counts = privacy.person_erase(email=email, actor=None, note="Удалено по просьбе человека")
            return render(request, "core/privacy_subject.html", {"erased": counts})
        return render(
            request,
            "core/privacy_subject.html",
            {
                "sections": _sections(privacy.person_export(email=email)),
                "consents": _consents_for(email),
                "error": "Подтвердите удаление: отметьте флажок.",
            },
        )
    return render(
        request,
        "core/privacy_subject.html",
        {"sections": _sections(privacy.person_export(email=email)), "consents": _consents_for(email)},
    )


def tabular_import_review(request: HttpRequest, uuid: str, *, kinds: tuple[str, ...], upload_url: str) -> HttpResponse:
    """The second phase of an XLSX import (registry, partnerships): the checked rows, then «Импортировать».

    Only the user who uploaded the file sees its job; ``upload_url`` is where «Загрузить другой файл» leads.
    """
    job = ImportJob.objects.filter(uuid=uuid, created_by=request.user, kind__in=kinds).first()
    if job is None:
        raise NotFound(_("Импорт не найден."))
    if request.method == "POST":
        try:
            job = tabular.import_commit(actor=request.user, job=job, only_valid=request.POST.get("only_valid") == "1")
        except DomainError as exc:
            messages.error(request, exc.message)
            job.refresh_from_db()
        else:
            messages.success(
                request, _("Импорт выполнен: создано записей — %(n)s.") % {"n": len(job.report["created"])}
            )
    return render(
        request, "core/tabular_import_review.html", {"job": job, "report": job.report, "upload_url": upload_url}
    )
