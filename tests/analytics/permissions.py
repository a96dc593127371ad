"""Permission cases of the analytics pages (see tests/permissions.py).

Cluster X's dashboard, its records and its report: the cluster's coordinator and viewer and the
editor of its member organisation A (and the administrator). Municipality, region and platform
dashboards: the administrator only. Anonymous and role-less users see nothing. «Обновить» (the
snapshot recomputed now): cluster X's coordinator and the administrator."""

from __future__ import annotations

from tests.permissions import ADMIN, SIGNED_IN, WITH_ROLE, X_COORDINATOR, X_READERS, Case

X = "scope=cluster&cluster=x&period=all"

CASES = [
    Case("analytics:dashboard", "GET", lambda w: "/analytics/", WITH_ROLE, label="default scope"),
    Case("analytics:clusters", "GET", lambda w: "/analytics/clusters/?q=кластер", SIGNED_IN),
    Case("analytics:dashboard", "GET", lambda w: f"/analytics/?{X}", X_READERS, label="cluster X"),
    Case("analytics:dashboard", "GET", lambda w: f"/analytics/?{X}&export=xlsx", X_READERS, label="cluster X xlsx"),
    Case("analytics:dashboard", "GET", lambda w: "/analytics/?scope=region&region=43", ADMIN, label="region"),
    Case(
        "analytics:dashboard",
        "GET",
        lambda w: "/analytics/?scope=municipality&region=43&municipality=%D0%93%D0%BE%D1%80%D0%BE%D0%B4%20%D0%90",
        ADMIN,
        label="municipality",
    ),
    Case("analytics:dashboard", "GET", lambda w: "/analytics/?scope=platform", ADMIN, label="platform"),
    Case(
        "analytics:drill", "GET", lambda w: f"/analytics/records/?{X}&list=registrations", X_READERS, label="cluster X"
    ),
    Case(
        "analytics:drill", "GET", lambda w: "/analytics/records/?scope=platform&list=decisions", ADMIN, label="platform"
    ),
    # «Обновить»: recompute the snapshot now — the cluster's coordinators and the administrator
    Case(
        "analytics:refresh",
        "POST",
        lambda w: "/analytics/refresh/",
        X_COORDINATOR,
        data=lambda w: {"scope": "cluster", "cluster": "x", "period": "all"},
        label="cluster X",
    ),
    Case(
        "analytics:refresh",
        "POST",
        lambda w: "/analytics/refresh/",
        ADMIN,
        data=lambda w: {"scope": "region", "region": "43", "period": "year"},
        label="region",
    ),
    Case("analytics:report", "GET", lambda w: f"/analytics/report.docx?{X}&year=2025", X_READERS, label="cluster X"),
]

D = "GET /api/analytics/dashboard"
CASES += [
    Case(D, "GET", lambda w: f"/api/analytics/dashboard?{X}", X_READERS, label="cluster X"),
    Case(D, "GET", lambda w: "/api/analytics/dashboard?scope=region&region=43", ADMIN, label="region"),
    Case(D, "GET", lambda w: "/api/analytics/dashboard", WITH_ROLE, label="default scope"),
]
