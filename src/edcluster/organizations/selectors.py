"""Reads of the registry, scoped to what the user may see, with their joins chosen on purpose."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.db.models import Prefetch, Q, QuerySet

from edcluster.core.links import detail_url
from edcluster.core.search import search_filter
from edcluster.organizations import access
from edcluster.organizations.models import PSEUDO_KINDS, Cluster, Membership, Organization, Person, Position
from edcluster.web.pagination import first_found

QUOTES_RE = re.compile(r"[«»\"'“”„`]")


def normalize_org_name(name: str) -> str:
    """A comparison key for organisation names: case, ё, quotes, spacing and "№ 24"/"№24" ignored."""
    text = QUOTES_RE.sub(" ", (name or "").lower().replace("ё", "е"))
    text = re.sub(r"№\s*", "№", text)
    return " ".join(text.split())


def clusters_visible(user: Any) -> QuerySet[Cluster]:
    """The clusters ``user`` may see, by name."""
    r = access.roles_of(user)
    qs = Cluster.objects.select_related("base_organization")
    if r.is_admin or r.viewer_global:
        return qs.order_by("name")
    return qs.filter(Q(is_public=True) | Q(pk__in=r.readable_clusters)).order_by("name")


# A cluster select lists every cluster only while there are at most this many. A national platform
# has thousands (a page of 2,000 options, rendered on every visit): beyond it the select holds the
# user's own clusters and the chosen one, and finds the others as the user types.
CLUSTER_PICKER_MAX = 50


def clusters_to_fill(user: Any) -> QuerySet[Cluster]:
    """The clusters ``user`` may add organisations to (the creation form, the registry import):
    every one for an administrator, the coordinated ones for a coordinator."""
    r = access.roles_of(user)
    qs = Cluster.objects.all() if r.is_admin else Cluster.objects.filter(pk__in=r.coordinator_clusters)
    return qs.order_by("name")


def cluster_picker(clusters: QuerySet[Cluster], *, user: Any, selected: str = "") -> tuple[list[tuple[str, str]], bool]:
    """``(slug, name)`` choices of a cluster select among ``clusters``, and whether the rest are
    to be found by typing (``cluster_autocomplete``)."""
    first = list(clusters.order_by("name").values_list("slug", "name")[: CLUSTER_PICKER_MAX + 1])
    if len(first) <= CLUSTER_PICKER_MAX:
        return first, False
    few = clusters.filter(Q(pk__in=access.own_clusters(user)) | Q(slug=selected or None))
    return list(few.order_by("name").values_list("slug", "name")[:CLUSTER_PICKER_MAX]), True


def cluster_autocomplete(
    clusters: QuerySet[Cluster], query: str, limit: int = 20, *, key: str = "slug"
) -> list[tuple[Any, str]]:
    """``(key, name)`` of the clusters among ``clusters`` whose name holds every typed word."""
    words = query.split()[:5]
    if not words:
        return []
    for word in words:
        # SQLite's LIKE ignores the case of Latin letters only: the word as typed, in lower case
        # and capitalised covers how names are typed
        q = Q()
        for form in {word, word.lower(), word.capitalize()}:
            q |= Q(name__icontains=form) | Q(short_name__icontains=form)
        clusters = clusters.filter(q)
    return list(clusters.order_by("name").values_list(key, "name")[:limit])


def organization_list(
    *,
    user: Any,
    cluster: Cluster | None = None,
    kind: str = "",
    region: str = "",
    municipality: str = "",
    query: str = "",
    confirmed: bool | None = None,
    page_rows: bool = False,
) -> QuerySet[Organization]:
    """Organisations the user may see, filtered; each row carries its memberships (one extra
    query for the whole page). With ``page_rows``, the registry page's rows: the columns it shows
    and no memberships (``with_cluster_links`` gives them their clusters)."""
    qs = access.visible_organizations(user)
    if cluster is not None:
        # a sub-select, not a join: no duplicate rows, so no DISTINCT (which sorted every match
        # on every column, 65 ms for «детский сад» at 100,000 organisations)
        qs = qs.filter(pk__in=Membership.objects.filter(cluster=cluster).values("organization_id"))
    # Parents' communities are listed only when asked for; otherwise they are on their organisation's page.
    qs = qs.filter(kind=kind) if kind else qs.exclude(kind__in=PSEUDO_KINDS)
    if region:
        qs = qs.filter(region=region)
    if municipality:
        qs = qs.filter(municipality=municipality.strip())
    if confirmed is not None:
        qs = qs.filter(is_confirmed=confirmed)
    if query:
        qs = search_filter(qs, query)
    qs = qs.order_by("short_name", "full_name", "pk")
    if page_rows:
        return qs.only(*PAGE_COLUMNS)
    return qs.prefetch_related(
        Prefetch("memberships", queryset=Membership.objects.select_related("cluster").order_by("cluster__name"))
    )


# what a row of the registry page shows
PAGE_COLUMNS = ("id", "full_name", "short_name", "kind", "kindergarten_orientation", "municipality", "is_confirmed")


def with_cluster_links(orgs: Iterable[Organization]) -> list[Organization]:
    """``orgs``, each with ``cluster_links``: ``(url, label)`` of its clusters by name. Two
    queries by key: the memberships' pairs, then their clusters. Django's prefetch of memberships
    with their clusters built three model instances and a related manager a row (3.5 ms of CPU
    for a page of 50); one query joining the clusters hashed the whole cluster table (2,000 at
    national scale, 0.5 ms) and planned for longer than it ran. Both are plain SQL: building the
    two queries through the ORM cost more than running them (1.46 → 0.7 ms for a page of 50 at
    national scale), and a search that finds a page of organisations pays it on every visit."""
    orgs = list(orgs)
    if not orgs:
        return orgs
    pairs = _by_keys(
        f"SELECT organization_id, cluster_id FROM {Membership._meta.db_table} WHERE organization_id IN",  # noqa: S608
        [org.pk for org in orgs],
    )
    clusters = {
        pk: (name, detail_url("organizations:cluster_detail", slug), short_name or name)
        for pk, slug, name, short_name in _by_keys(
            f"SELECT id, slug, name, short_name FROM {Cluster._meta.db_table} WHERE id IN",  # noqa: S608
            list({cluster for _org, cluster in pairs}),
        )
    }
    found: dict[int, list[tuple[str, str, str]]] = {org.pk: [] for org in orgs}
    for org_id, cluster_id in pairs:
        found[org_id].append(clusters[cluster_id])
    for org in orgs:
        org.cluster_links = [(url, label) for _name, url, label in sorted(found[org.pk])]
    return orgs


def _by_keys(select: str, keys: list[Any]) -> list[tuple]:
    """The rows of ``select`` («… WHERE key IN») for ``keys``; none for no keys."""
    if not keys:
        return []
    with connection.cursor() as cursor:
        cursor.execute(f"{select} ({', '.join(['%s'] * len(keys))})", keys)
        return cursor.fetchall()


def organization_detail(*, organization: Organization) -> Organization:
    return Organization.objects.prefetch_related(
        Prefetch("memberships", queryset=Membership.objects.select_related("cluster")),
        Prefetch(
            "positions",
            queryset=Position.objects.select_related("person").order_by("person__last_name", "person__first_name"),
        ),
    ).get(pk=organization.pk)


MUNICIPALITIES_CACHE_S = 600


def _municipalities_key(region: str) -> str:
    return f"organizations:municipalities:{region or '-'}"


def municipalities(*, region: str = "") -> list[str]:
    """The municipalities of the registry (of one region), for the list's filter. A DISTINCT over
    every organisation (8 ms at 100,000), so kept in the cache; an organisation saved or deleted
    drops its region's list and the whole one (``forget_municipalities``)."""
    key = _municipalities_key(region)
    found = cache.get(key)
    if found is None:
        qs = Organization.objects.exclude(municipality="")
        if region:
            qs = qs.filter(region=region)
        found = list(qs.order_by("municipality").values_list("municipality", flat=True).distinct())
        cache.set(key, found, MUNICIPALITIES_CACHE_S)
    return found


def forget_municipalities(sender: Any, instance: Organization, **kwargs: Any) -> None:
    cache.delete_many([_municipalities_key(""), _municipalities_key(instance.region)])


def organization_duplicates(
    *, inn: str = "", full_name: str = "", short_name: str = "", municipality: str = "", exclude_pk: Any = None
) -> list[Organization]:
    """Organisations that are the same as the one described: the same ИНН, or the same
    normalised full or short name in the same municipality. (Names are compared in Python:
    SQLite's LIKE folds only Latin letters.)"""
    candidates = Organization.objects.all()
    if exclude_pk:
        candidates = candidates.exclude(pk=exclude_pk)
    found: list[Organization] = list(candidates.filter(inn=inn)) if inn else []
    names = {normalize_org_name(n) for n in (full_name, short_name) if n}
    words = [w for n in names for w in re.findall(r"\w+", n) if len(w) > 3]
    if words:
        place = normalize_org_name(municipality)
        longest = max(words, key=len)
        for org in candidates.filter(search_text__contains=f" {longest}")[:500]:
            same_name = names & {normalize_org_name(org.full_name), normalize_org_name(org.short_name)} - {""}
            if same_name and normalize_org_name(org.municipality) == place and org not in found:
                found.append(org)
    return found


def person_list(
    *, user: Any, organization: Organization | None = None, cluster: Cluster | None = None, query: str = ""
) -> QuerySet[Person]:
    qs = access.visible_people(user)
    # sub-selects, not joins: no duplicate rows, so no DISTINCT
    if organization is not None:
        qs = qs.filter(pk__in=Position.objects.filter(organization=organization).values("person_id"))
    if cluster is not None:
        members = Membership.objects.filter(cluster=cluster).values("organization_id")
        qs = qs.filter(pk__in=Position.objects.filter(organization_id__in=members).values("person_id"))
    if query:
        qs = search_filter(qs, query)
    return qs.prefetch_related(
        Prefetch("positions", queryset=Position.objects.select_related("organization").order_by("-since", "pk"))
    ).order_by("last_name", "first_name", "middle_name", "pk")


def person_detail(*, person: Person) -> Person:
    return Person.objects.prefetch_related(
        Prefetch("positions", queryset=Position.objects.select_related("organization"))
    ).get(pk=person.pk)


def person_duplicates(
    *,
    last_name: str,
    first_name: str,
    middle_name: str = "",
    email: str = "",
    organization: Organization | None = None,
    exclude_pk: Any = None,
) -> list[Person]:
    """The same person: the same e-mail, or the same ФИО with a post in the same organisation."""
    qs = Person.objects.all()
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    if email:
        found = list(qs.filter(email=email.strip().lower())[:1])
        if found:
            return found
    if organization is None:
        return []
    key = normalize_org_name(f"{last_name} {first_name} {middle_name}")
    for person in qs.filter(positions__organization=organization).distinct():
        if normalize_org_name(f"{person.last_name} {person.first_name} {person.middle_name}") == key:
            return [person]
    return []


def organization_autocomplete(*, user: Any, query: str, limit: int = 20) -> list[Organization]:
    if not query.strip():
        return []
    qs = search_filter(access.visible_organizations(user).filter(is_confirmed=True), query)
    return first_found(qs.order_by("short_name", "full_name", "pk"), limit)


def person_autocomplete(*, user: Any, query: str, limit: int = 20) -> list[Person]:
    """People the user may see whose name (or organisation) holds every typed word."""
    if not query.strip() or not access.can_list_people(user):
        return []
    qs = search_filter(access.visible_people(user), query)
    return first_found(qs.order_by("last_name", "first_name", "middle_name", "pk"), limit)


def cluster_role_assignments(*, cluster: Cluster) -> QuerySet:
    """Roles given in a cluster: its coordinators and viewers, and editors of its organisations."""
    from edcluster.organizations.models import RoleAssignment

    return (
        RoleAssignment.objects.filter(
            Q(cluster=cluster) | Q(organization__memberships__cluster=cluster, role=RoleAssignment.Role.EDITOR)
        )
        .select_related("user", "organization", "cluster")
        .order_by("role", "user__last_name", "user__username")
        .distinct()
    )
