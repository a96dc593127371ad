"""REST API of analytics: a dashboard's figures as JSON — the same selector, scope, period and
access rule as the page; every cell that drills down carries the URL of its records' page.

(No ``from __future__ import annotations``: django-ninja reads annotations at import.)
"""

import datetime as dt

from ninja import Query, Router, Schema
from pydantic import Field

from edcluster.analytics import access, snapshots
from edcluster.analytics.drill import drill_url_maker
from edcluster.api.schemas import ERROR_RESPONSES, ErrorOut

router = Router(tags=["Аналитика"])

Value = int | float | str | None


class DashboardQuery(Schema):
    scope: str = Field("", max_length=20, description="cluster, municipality, region или platform")
    cluster: str = Field("", max_length=100, description="slug кластера (для scope=cluster)")
    region: str = Field("", max_length=2, description="код субъекта РФ")
    municipality: str = Field("", max_length=200)
    period: str = Field("", max_length=20, description="year, last_year, quarter, last_quarter, all или custom")
    date_from: str = Field("", alias="from", max_length=10, description="начало (ГГГГ-ММ-ДД) для period=custom")
    date_to: str = Field("", alias="to", max_length=10, description="конец (ГГГГ-ММ-ДД) для period=custom")


class CellOut(Schema):
    value: Value
    records_url: str | None = Field(description="страница записей, стоящих за числом")


class RowOut(Schema):
    label: str
    cells: list[CellOut]
    is_total: bool


class FigureOut(Schema):
    key: str
    title: str
    label_header: str
    columns: list[str]
    rows: list[RowOut]
    note: str


class ComparisonOut(Schema):
    key: str
    label: str
    value: float | None
    previous: float | None
    delta: float | None


class DashboardOut(Schema):
    scope: str
    period: str
    starts_on: dt.date
    ends_on: dt.date
    computed_at: dt.datetime = Field(description="когда рассчитаны показатели (снимок панели)")
    summary: str
    comparison: list[ComparisonOut]
    figures: list[FigureOut]


@router.get(
    "/analytics/dashboard",
    response={200: DashboardOut, 202: ErrorOut, **ERROR_RESPONSES},
    summary="Панель аналитики: показатели кластера, муниципалитета, региона или платформы",
)
def dashboard_get(request, params: Query[DashboardQuery]):
    """Without ``scope``: the caller's default dashboard (as on the page). Key numbers are
    compared with the same dates a year earlier. The figures are the dashboard's snapshot, as
    of ``computed_at`` (a stale one is refreshed in the background, as on the page). A dashboard
    whose first computation is long (the whole platform) is computed in the background: 202
    with ``code`` «pending» and ``Retry-After``; ask again."""
    query = {k: v for k, v in params.dict(by_alias=True).items() if v}
    scope, period = access.scope_and_period(request.user, query)
    dash, freshness = snapshots.dashboard(scope, period)
    url = drill_url_maker(scope, period)
    return {
        "computed_at": freshness.computed_at,
        "scope": str(scope.title),
        "period": str(period.label),
        "starts_on": period.start,
        "ends_on": period.end,
        "summary": str(dash.summary),
        "comparison": [{**c, "label": str(c["label"])} for c in dash.comparison()],
        "figures": [
            {
                "key": f.key,
                "title": str(f.title),
                "label_header": str(f.label_header),
                "columns": [str(c) for c in f.columns],
                "rows": [
                    {
                        "label": str(row.label),
                        "cells": [{"value": c.value, "records_url": url(c.drill)} for c in row.cells],
                        "is_total": row.is_total,
                    }
                    for row in f.rows
                    for cells in [row.cells]
                ],
                "note": str(f.note),
            }
            for f in dash.figures
        ],
    }
