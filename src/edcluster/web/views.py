from __future__ import annotations

from django.db.models import Case, Count, Value, When
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from edcluster.organizations.access import own_clusters
from edcluster.organizations.models import Membership
from edcluster.organizations.selectors import clusters_visible
from edcluster.web.pagination import paginate
from edcluster.web.panels import panels_for

# clusters a page of the front page shows (a national platform has thousands)
HOME_CLUSTERS = 12


def home(request: HttpRequest) -> HttpResponse:
    """The front page: the clusters on the platform (the user's own first, a page at a time, each
    with its number of members) and what each app wants to show."""
    own = own_clusters(request.user)
    clusters = clusters_visible(request.user).order_by("name", "pk")
    if own:  # (without: a constant CASE, which Django writes as «ORDER BY 1», the first column)
        own_first = Case(When(pk__in=own, then=Value(0)), default=Value(1))
        clusters = clusters.alias(own_first=own_first).order_by("own_first", "name", "pk")
    page, query_string = paginate(request, clusters, HOME_CLUSTERS)
    members = dict(
        Membership.objects.filter(cluster__in=[c.pk for c in page])
        .values_list("cluster")
        .annotate(n=Count("pk"))
        .values_list("cluster", "n")
    )
    for cluster in page:
        cluster.members_count = members.get(cluster.pk, 0)
    return render(
        request,
        "web/home.html",
        {"clusters": page, "page": page, "query_string": query_string, "panels": panels_for("home", request, None)},
    )


def about(request: HttpRequest) -> HttpResponse:
    return render(request, "web/about.html")


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)
