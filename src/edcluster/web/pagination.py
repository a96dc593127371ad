"""One paginator for every list page, keeping the filters in the page links."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Page, Paginator
from django.db import connections
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.functional import cached_property


class CappedPaginator(Paginator):
    """Reads no more than ``cap`` + 1 rows: a search matching tens of thousands of rows does not
    read them all to count or sort them. Beyond the cap the page says «более …» and asks to
    narrow the search, and its pages hold the first ``cap`` rows the database finds (in its own
    order: for a full-text search, where they lie in the table), sorted as asked — sorting every
    match by name grew with the matches (38,000 kindergartens: 33 ms at 100,000 organisations).

    A page is one query (``window_rows``): the search runs once, limited to ``cap`` + 1 rows, and
    the database sorts those, returns the page's rows and counts them. A queryset that query
    cannot express (joined columns, annotations, an ordering by expression) is read in two:
    the keys and sort columns found (``found_rows``), sorted in Python (``sorted_keys``), then
    the page's rows by key (``rows_by_keys``).

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
    def order_sql(self) -> str | None:
        """The ORDER BY of a page read in one query (``window_rows``); None: read in two."""
        return window_order_sql(self.object_list, self.order) if self.order else None

    @cached_property
    def found(self) -> list[tuple]:
        """The rows found, up to ``cap`` + 1 of them: their key and sort columns."""
        return found_rows(self.object_list, self.order, self.cap + 1)

    @cached_property
    def found_count(self) -> int:
        """How many rows the search finds, up to ``cap`` + 1 (a page read in one query knows it)."""
        if self.order_sql is not None:
            return self.object_list.order_by()[: self.cap + 1].count()
        return len(self.found)

    @property
    def capped(self) -> bool:
        return self.found_count > self.cap

    @cached_property
    def count(self) -> int:
        return min(self.found_count, self.cap)

    def get_page(self, number: Any) -> Page:
        """Django's, without counting first when the page is read in one query: the count comes
        with the page's rows. Not a number is the first page, as in Django; past the last page
        (or below the first) it falls back to Django's, which counts and shows the last page."""
        order_sql = self.order_sql
        if order_sql is None:
            return super().get_page(number)
        try:
            wanted = int(number)
        except (TypeError, ValueError):
            wanted = 1
        if wanted >= 1:
            rows = self._window(order_sql, wanted)
            if rows or wanted == 1:
                return self._get_page(rows, wanted, self)
        return super().get_page(number)

    def page(self, number: int | str) -> Page:
        number = self.validate_number(number)
        if self.order_sql is not None:
            return self._get_page(self._window(self.order_sql, number), number, self)
        bottom = (number - 1) * self.per_page
        top = min(bottom + self.per_page, self.count)
        found = self.found[: self.cap]
        if self.order is None:
            keys = [row[0] for row in found]
            return self._get_page(rows_by_keys(self.object_list, keys)[bottom:top], number, self)
        page_keys = sorted_keys(found, self.order)[bottom:top]
        return self._get_page(list(rows_by_keys(self.object_list, page_keys)), number, self)

    def _window(self, order_sql: str, number: int) -> list[Any]:
        offset = (number - 1) * self.per_page
        if offset >= self.cap:
            return []
        rows, found = window_rows(
            self.object_list, order_sql, self.cap + 1, offset, min(self.per_page, self.cap - offset), keep=self.cap
        )
        if rows or offset == 0:
            self.__dict__["found_count"] = found
        return rows


FOUND_COUNT = "capped_found_count"
FOUND_ROW = "capped_found_row"


def window_order_sql(qs: QuerySet, order: list[str]) -> str | None:
    """The ORDER BY of ``window_rows`` over ``qs``'s columns, or None when ``qs`` selects anything
    but its own model's columns (or not the columns of ``order``). NULLs sort last ascending and
    first descending on every database, as on PostgreSQL."""
    query = qs.query
    if query.select_related or query.annotation_select or query.extra or query.distinct or query.combinator:
        return None
    if qs.model._meta.parents:  # a child model's columns come from two tables, both with an «id»
        return None
    names, defer = query.deferred_loading
    loaded = {f.attname for f in qs.model._meta.concrete_fields if (f.name in names) != defer or f.primary_key}
    quote = connections[qs.db].ops.quote_name
    parts = []
    for name in order:
        field_name = name.lstrip("-")
        field = qs.model._meta.pk if field_name == "pk" else qs.model._meta.get_field(field_name)
        if getattr(field, "attname", None) not in loaded:
            return None
        nulls = "NULLS FIRST" if name.startswith("-") else "NULLS LAST"
        parts.append(f"{quote(field.column)} {'DESC' if name.startswith('-') else 'ASC'} {nulls}")
    return ", ".join(parts)


def window_rows(
    qs: QuerySet, order_sql: str, found_max: int, offset: int, limit: int, *, keep: int | None = None
) -> tuple[list[Any], int]:
    """Rows ``offset`` to ``offset + limit`` of the first ``keep`` (default ``found_max``) of the
    first ``found_max`` rows ``qs`` finds (in the database's own order), sorted by ``qs``'s
    ordering, and how many it found: one query,
    «SELECT … FROM (SELECT …, COUNT(*) OVER (), ROW_NUMBER() OVER () FROM (the search LIMIT
    found_max)) WHERE row ≤ keep ORDER BY … LIMIT … OFFSET …». The limited sub-select keeps
    PostgreSQL from walking an index on the sort columns through a large match («ORDER BY
    last_name LIMIT 20» over 75,000 people: 160 ms), and the search runs once. ``order_sql`` is
    ``window_order_sql`` of ``qs``."""
    inner = qs.order_by()[:found_max]
    try:
        sql, params = inner.query.get_compiler(using=qs.db).as_sql()
    except EmptyResultSet:  # a condition that finds nothing («pk__in=[]»)
        return [], 0
    quote = connections[qs.db].ops.quote_name
    count, row = quote(FOUND_COUNT), quote(FOUND_ROW)
    rows = list(
        qs.model._default_manager.db_manager(qs.db)
        .raw(
            f"SELECT * FROM (SELECT *, COUNT(*) OVER () AS {count}, ROW_NUMBER() OVER () AS {row}"  # noqa: S608
            f" FROM ({sql}) AS found) AS numbered WHERE {row} <= %s ORDER BY {order_sql} LIMIT %s OFFSET %s",
            (*params, found_max if keep is None else keep, limit, offset),
        )
        .prefetch_related(*qs._prefetch_related_lookups)
    )
    return rows, getattr(rows[0], FOUND_COUNT) if rows else 0


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
    order_sql = window_order_sql(qs, order)
    if order_sql is not None:
        return window_rows(qs, order_sql, FIRST_FOUND, 0, n)[0]
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
