"""One paginator for every list page, keeping the filters in the page links."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest


def paginate(request: HttpRequest, qs: QuerySet, per_page: int | None = None) -> tuple[Page, str]:
    """The requested page of ``qs`` and the query string (without ``page``) for page links."""
    paginator = Paginator(qs, per_page or settings.EDCLUSTER_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return page, params.urlencode()
