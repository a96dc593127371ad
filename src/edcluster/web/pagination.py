"""One paginator for every list page, keeping the filters in the page links."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.functional import cached_property


class CappedPaginator(Paginator):
    """Reads no more than ``cap`` + 1 rows' keys: a search matching tens of thousands of rows
    does not read them all to count or sort them. Beyond the cap the page says «более …» and asks
    to narrow the search, and its pages hold the first ``cap`` rows the database finds (in its
    own order: for a full-text search, where they lie in the table), sorted as asked — sorting
    every match by name grew with the matches (38,000 kindergartens: 33 ms at 100,000
    organisations). Pages are read by key from that one search: the search runs once a page.
    The database's order is stable while the table is, with one exception on PostgreSQL: a
    sequential scan of a large table may start where a concurrent one is (synchronised scans), so
    two pages of a capped list may be drawn from slightly different first 1,000 — acceptable for a
    list that asks to be narrowed; sorting the keys first would read every match again."""

    def __init__(self, object_list: QuerySet, per_page: int, cap: int) -> None:
        super().__init__(object_list, per_page)
        self.cap = cap

    @cached_property
    def order(self) -> list[str] | None:
        return plain_order(self.object_list)

    @cached_property
    def found(self) -> list[tuple]:
        """The rows found, up to ``cap`` + 1 of them: their key and sort columns."""
        return found_rows(self.object_list, self.order, self.cap + 1)

    @property
    def capped(self) -> bool:
        return len(self.found) > self.cap

    @cached_property
    def count(self) -> int:
        return min(len(self.found), self.cap)

    def page(self, number: int | str) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = min(bottom + self.per_page, self.count)
        found = self.found[: self.cap]
        if self.order is None:
            keys = [row[0] for row in found]
            return self._get_page(rows_by_keys(self.object_list, keys)[bottom:top], number, self)
        page_keys = sorted_keys(found, self.order)[bottom:top]
        return self._get_page(list(rows_by_keys(self.object_list, page_keys)), number, self)


def rows_by_keys(qs: QuerySet, keys: list[Any]) -> QuerySet:
    """The rows of ``keys`` as ``qs`` reads them (its columns, joins, prefetches, order) without
    its conditions: evaluated again they would cost, for a full-text search, the text vector of
    each row (19 µs)."""
    rows = qs.all()
    rows.query.clear_where()
    return rows.filter(pk__in=keys)


FIRST_FOUND = 1000


def first_found(qs: QuerySet, n: int) -> list[Any]:
    """The first ``n`` rows of ``qs`` in its order among the first ``FIRST_FOUND`` it finds, for a
    search that shows a few: «школа» matches 36,000 organisations and hundreds of thousands of
    people at national scale, and «ORDER BY name LIMIT 6» over them made PostgreSQL walk the
    index on names and compute the text vector of each row it passed (12 s for the people)."""
    order = plain_order(qs)
    if order is None:
        return list(qs[:n])
    return list(rows_by_keys(qs, sorted_keys(found_rows(qs, order, FIRST_FOUND), order)[:n]))


def plain_order(qs: QuerySet) -> list[str] | None:
    """The queryset's ordering when it is plain field names (``"name"``, ``"-since"``), else None."""
    order = list(qs.query.order_by)
    if not order or not all(isinstance(f, str) and "__" not in f and not f.startswith("?") for f in order):
        return None
    return order


def found_rows(qs: QuerySet, order: list[str] | None, n: int) -> list[tuple]:
    """The first ``n`` rows ``qs`` finds, in the database's own order (no sort): their key and
    the columns of ``order``."""
    names = [f.lstrip("-") for f in order or []]
    return list(qs.order_by().values_list("pk", *names)[:n])


def sorted_keys(rows: list[tuple], order: list[str]) -> list[Any]:
    """The keys of ``found_rows`` sorted by ``order`` (``-`` for descending; empty values last
    ascending, first descending, as PostgreSQL sorts NULLs). In SQL, «these 1,000 keys ORDER BY
    last_name LIMIT 20» made PostgreSQL walk the index on names past 75,000 people (160 ms)
    instead of reading the 1,000 by key; the page's rows are then read by key without LIMIT.
    Text compares by code point, as the C and C.UTF-8 collations do (this platform's databases);
    under a linguistic collation a page boundary may fall a row apart from the database's order,
    and each page is still sorted by the database."""
    rows = list(rows)
    for i in reversed(range(len(order))):  # a stable sort per column, the last column first
        rows.sort(key=lambda row, i=i: (True, 0) if row[i + 1] is None else (False, row[i + 1]),
                  reverse=order[i].startswith("-"))  # fmt: skip
    return [row[0] for row in rows]


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
