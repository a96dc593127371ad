"""One paginator for every list page, keeping the filters in the page links."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.functional import cached_property


class CappedPaginator(Paginator):
    """Counts no further than ``cap`` + 1 rows: a search matching tens of thousands of rows does
    not read them all to say how many there are (the page says «более …» and asks to narrow the
    search). Pages up to the cap can be opened."""

    def __init__(self, object_list: QuerySet, per_page: int, cap: int) -> None:
        super().__init__(object_list, per_page)
        self.cap = cap

    @cached_property
    def count(self) -> int:
        return self.object_list.order_by()[: self.cap + 1].count()

    @property
    def capped(self) -> bool:
        return self.count > self.cap


def paginate(
    request: HttpRequest, qs: QuerySet, per_page: int | None = None, *, cap: int | None = None
) -> tuple[Page, str]:
    """The requested page of ``qs`` and the query string (without ``page``) for page links;
    with ``cap``, rows are counted up to it only (:class:`CappedPaginator`)."""
    size = per_page or settings.EDCLUSTER_PAGE_SIZE
    paginator = Paginator(qs, size) if cap is None else CappedPaginator(qs, size, cap)
    page = paginator.get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return page, params.urlencode()
