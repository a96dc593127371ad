from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from edcluster.organizations.selectors import clusters_visible
from edcluster.web.panels import panels_for


def home(request: HttpRequest) -> HttpResponse:
    """The front page: the clusters on the platform and what each app wants to show."""
    return render(
        request,
        "web/home.html",
        {
            "clusters": clusters_visible(request.user),
            "panels": panels_for("home", request, None),
        },
    )


def about(request: HttpRequest) -> HttpResponse:
    return render(request, "web/about.html")


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)
