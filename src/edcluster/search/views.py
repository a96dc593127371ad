"""The search page: one box in the top navigation, results grouped by type."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from edcluster.search import selectors

MAX_QUERY = 200


def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[:MAX_QUERY].strip()
    groups = selectors.global_search(user=request.user, query=query)
    return render(request, "search/search.html", {"query": query, "groups": groups})
