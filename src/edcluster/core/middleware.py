"""Render domain errors and a lost database the same way on every page."""

from __future__ import annotations

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from edcluster.core.errors import DomainError

log = logging.getLogger(__name__)


def _wants_json(request: HttpRequest) -> bool:
    return request.path.startswith("/api/") or "application/json" in request.headers.get("Accept", "")


def error_response(request: HttpRequest, exc: DomainError) -> HttpResponse:
    if _wants_json(request):
        payload = {"code": exc.code, "message": exc.message, "errors": getattr(exc, "errors", {})}
        response: HttpResponse = JsonResponse(payload, status=exc.status)
    else:
        html = render_to_string("core/error.html", {"error": exc, "status": exc.status}, request=request)
        response = HttpResponse(html, status=exc.status)
    retry_after = getattr(exc, "retry_after", None)
    if retry_after:
        response["Retry-After"] = str(retry_after)
    return response


class DomainErrorMiddleware:
    """A ``DomainError`` that escapes a view becomes a Russian page (or JSON) with its status."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, DomainError):
            return error_response(request, exception)
        return None


class DatabaseUnavailableMiddleware:
    """When the database does not answer, say so with 503 instead of a 500 traceback."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            return self.get_response(request)
        except (OperationalError, InterfaceError) as exc:
            return self._unavailable(request, exc)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, OperationalError | InterfaceError):
            return self._unavailable(request, exception)
        return None

    def _unavailable(self, request: HttpRequest, exc: Exception) -> HttpResponse:
        log.error("database unavailable: %s", type(exc).__name__)
        message = _("База данных временно недоступна. Повторите попытку через несколько минут.")
        if _wants_json(request):
            response: HttpResponse = JsonResponse({"code": "unavailable", "message": message}, status=503)
        else:
            response = HttpResponse(
                "<!doctype html><html lang='ru'><meta charset='utf-8'><title>Сервис недоступен</title>"
                f"<h1>Сервис временно недоступен</h1><p>{message}</p></html>",
                status=503,
            )
        response["Retry-After"] = "60"
        return response
