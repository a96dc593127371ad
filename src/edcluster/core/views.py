"""Platform pages: health check, the e-mail outbox for administrators, consent withdrawal."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from edcluster.core import access, services
from edcluster.core.models import Consent, OutboxAttachment, OutboxMessage
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
