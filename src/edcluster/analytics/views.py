"""Dashboards, the records behind their figures, XLSX and the yearly DOCX report — thin views:
parse the scope and period, ask ``access``, call one selector, render."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import lru_cache
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import localize
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from edcluster.analytics import access, snapshots
from edcluster.analytics.drill import drill_filter, drill_list, drill_url_maker
from edcluster.analytics.report import REPORT_CONTENT_TYPE, cluster_year_report
from edcluster.analytics.scope import PRESETS, REGIONS, SCOPE_KINDS, Period, Scope
from edcluster.analytics.selectors import Dashboard, Figure
from edcluster.core.errors import PermissionDenied, ValidationError
from edcluster.core.xlsx import MAX_ROWS, xlsx_response
from edcluster.organizations.selectors import cluster_picker
from edcluster.organizations.views import cluster_autocomplete_response
from edcluster.web.pagination import paginate

SCOPE_LABELS = {
    "cluster": _("кластер"),
    "municipality": _("муниципалитет"),
    "region": _("регион"),
    "platform": _("вся платформа"),
}


def _scope_and_period(request: HttpRequest) -> tuple[Scope, Period]:
    return access.scope_and_period(request.user, request.GET)


def _figure_view(figure: Figure, url: Callable[[dict[str, str] | None], str | None]) -> dict[str, Any]:
    # each cell's URL once: the chart's bars and the table share the cells' filters
    urls: dict[int, str | None] = {}

    def cell_url(drill: dict[str, str] | None) -> str | None:
        if drill is None:
            return None
        if id(drill) not in urls:
            urls[id(drill)] = url(drill)
        return urls[id(drill)]

    chart = figure.chart_data()
    for dataset in chart["datasets"]:
        dataset["urls"] = [cell_url(d) for d in dataset.pop("drill")]
    return {
        "key": figure.key,
        "title": figure.title,
        "note": figure.note,
        "has_rows": bool(figure.rows),
        "chart": chart if figure.chart != "none" and figure.rows else None,
        "table_html": _table_html(figure, cell_url),
        "height": _chart_height(figure.chart, len(chart["labels"])),
    }


@lru_cache(maxsize=4096)
def _localized(value: Any, language: str | None) -> str:
    return conditional_escape(localize(value))


def _number(value: Any) -> str:
    """A cell's figure as the page shows it; the same few numbers fill a dashboard's cells, and
    ``localize`` is the costliest part of a cell."""
    return _localized(value, get_language()) if type(value) is int else conditional_escape(localize(value))


def _table_html(figure: Figure, url: Callable[[dict[str, str] | None], str | None]) -> str:
    """The figure's table, written here rather than by template tags: a region's dashboard has
    several hundred cells, and the template engine took most of a snapshot hit's time."""
    if not figure.rows:
        return ""

    def cell(c: Any) -> str:
        text = "—" if c.value is None else _number(c.value)
        href = url(c.drill)
        return (
            f'<td class="text-end"><a href="{escape(href)}">{text}</a></td>'
            if href
            else f'<td class="text-end">{text}</td>'
        )

    headers = [figure.label_header, *figure.columns]
    head = "".join(
        f"<th>{escape(h)}</th>" if i == 0 else f'<th class="text-end">{escape(h)}</th>' for i, h in enumerate(headers)
    )
    body = "".join(f"<tr><td>{escape(row.label)}</td>{''.join(cell(c) for c in row.cells)}</tr>" for row in figure.rows)
    return mark_safe(  # noqa: S308 - every value above is escaped
        f'<table class="table table-sm" data-figure="{escape(figure.key)}"><thead><tr>{head}</tr></thead>\n'
        f"<tbody>{body}</tbody></table>"
    )


def _chart_height(kind: str, bars: int) -> int:
    """Horizontal bars get room for every label; stacked columns and doughnuts a fixed height."""
    if kind == "bar":
        return max(300, 24 * bars + 60)
    return 260 if kind == "doughnut" else 300


def _dashboard_xlsx(dash: Dashboard) -> HttpResponse:
    sheets = [
        (
            _("Итоги"),
            [_("Показатель"), dash.period.label, dash.previous_period.label if dash.previous_period else ""],
            [[row["label"], row["value"], row["previous"]] for row in dash.comparison()]
            or [[label, value, None] for _key, label, value in dash.headline.as_rows()],
        )
    ]
    for figure in dash.figures:
        headers, rows = figure.table()
        sheets.append((figure.title, headers, rows))
    return xlsx_response(f"аналитика — {dash.scope.title}.xlsx", sheets)


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    scope, period = _scope_and_period(request)
    try:
        dash, freshness = snapshots.dashboard(scope, period)
    except snapshots.Pending as pending:
        return _pending(request, pending, scope, period)
    if request.GET.get("export") == "xlsx":
        return _dashboard_xlsx(dash)
    url = drill_url_maker(scope, period)
    figures = [_figure_view(f, url) for f in dash.figures]
    query = urlencode({**scope.params(), **period.params()})
    clusters, clusters_remote = cluster_picker(
        access.selectable_clusters(request.user),
        user=request.user,
        selected=scope.cluster.slug if scope.cluster else "",
    )
    return render(
        request,
        "analytics/dashboard.html",
        {
            "title": _("Аналитика: {scope}").format(scope=scope.title),
            "dash": dash,
            "freshness": freshness,
            "can_refresh": access.can_refresh_dashboard(request.user, scope),
            "refresh_params": list({**scope.params(), **period.params()}.items()),
            "scope": scope,
            "period": period,
            "figures": figures,
            "charts": {f["key"]: f["chart"] for f in figures if f["chart"]},
            "query": query,
            "presets": list(PRESETS.items()),
            "scope_kinds": [(k, SCOPE_LABELS[k]) for k in SCOPE_KINDS],
            "sees_everything": access.sees_everything(request.user),
            "clusters": clusters,
            "clusters_remote": clusters_remote,
            "regions": REGIONS,
            "report_years": _report_years(period),
        },
    )


def _pending(request: HttpRequest, pending: snapshots.Pending, scope: Scope, period: Period) -> HttpResponse:
    """«Показатели считаются»: the dashboard's first computation is under way in the background;
    the page asks again by itself (``Refresh``) and gets the dashboard once it is stored."""
    response = render(
        request,
        "analytics/pending.html",
        {"title": _("Аналитика: {scope}").format(scope=scope.title), "period": period, "message": pending.message},
        status=pending.status,
    )
    response["Refresh"] = str(pending.retry_after)
    response["Retry-After"] = str(pending.retry_after)
    return response


@login_required
def clusters(request: HttpRequest) -> HttpResponse:
    """The clusters whose dashboard the user may open, for the scope switcher's picker."""
    return cluster_autocomplete_response(request, access.selectable_clusters(request.user))


@login_required
@require_POST
def refresh(request: HttpRequest) -> HttpResponse:
    """«Обновить»: recompute the dashboard's figures now (its coordinators and administrators)."""
    scope, period = access.scope_and_period(request.user, request.POST)
    if not access.can_refresh_dashboard(request.user, scope):
        raise PermissionDenied(_("Обновить показатели могут координаторы кластера и администраторы."))
    if not snapshots.computes_in_request(scope):
        snapshots.queue_compute(scope, period)
        messages.success(request, _("Пересчёт запущен: показатели обновятся через минуту."))
    else:
        snapshots.refresh(scope, period)
        messages.success(request, _("Показатели пересчитаны."))
    return redirect(reverse("analytics:dashboard") + "?" + urlencode({**scope.params(), **period.params()}))


def _report_years(period: Period) -> list[int]:
    this_year = dt.date.today().year
    years = {this_year, this_year - 1}
    if period.preset != "all":
        years.add(period.start.year)
    return sorted(years, reverse=True)


DRILL_CAP = 1000


@login_required
def drill(request: HttpRequest) -> HttpResponse:
    scope, period = _scope_and_period(request)
    listing = drill_list(scope, period, request.GET, show_people=access.can_see_participants(request.user, scope))
    if request.GET.get("export") == "xlsx":
        records = (listing.row(obj) for obj in listing.queryset[:MAX_ROWS])
        return xlsx_response(f"{listing.title}.xlsx", [(listing.title, listing.headers, records)])
    # the figure on the dashboard gives the number; the list reads no more than the cap (the
    # registrations behind the platform's total: an exact count of 5,000,000 took 1.5 s)
    page, query_string = paginate(request, listing.queryset, cap=DRILL_CAP)
    rows = [{"cells": listing.row(obj), "url": listing.link(obj)} for obj in page]
    back = reverse("analytics:dashboard") + "?" + urlencode({**scope.params(), **period.params()})
    export = "?" + urlencode({**scope.params(), **period.params(), **drill_filter(request.GET), "export": "xlsx"})
    return render(
        request,
        "analytics/drill.html",
        {
            "title": listing.title,
            "listing": listing,
            "scope": scope,
            "period": period,
            "page": page,
            "rows": rows,
            "query_string": query_string,
            "back": back,
            "export": export,
        },
    )


@login_required
def report(request: HttpRequest) -> HttpResponse:
    """«Отчёт кластера за год» (DOCX) from the same figures as the dashboard."""
    scope, _period = _scope_and_period(request)
    raw = (request.GET.get("year") or "").strip()
    if not raw.isdigit() or not 2000 <= int(raw) <= dt.date.today().year + 1:
        raise ValidationError(_("Укажите год отчёта, например 2025."))
    year = int(raw)
    try:
        data = cluster_year_report(scope, year)
    except snapshots.Pending as pending:
        return _pending(request, pending, scope, _period)
    response = HttpResponse(data, content_type=REPORT_CONTENT_TYPE)
    from django.utils.http import content_disposition_header

    response["Content-Disposition"] = (
        content_disposition_header(True, f"отчёт за {year} год — {scope.title}.docx") or ""
    )
    return response
