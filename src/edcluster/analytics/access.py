"""Who may see which dashboard — answered only here.

- Platform administrators and platform-wide viewers: every scope (cluster, municipality,
  region, the whole platform).
- A cluster's coordinators and viewers, and the editors of its member organisations: that
  cluster's dashboard, its drill-down lists and its yearly report.
- Anyone else (anonymous, a signed-in user without a role): nothing.

Names and positions of event participants in the drill-down lists are personal data: only
administrators and the coordinators of the cluster see them (as on the event's own
registration list); everyone else sees the list without them.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from edcluster.analytics.scope import CLUSTER, PLATFORM, Period, Scope, period_from, scope_from
from edcluster.core.errors import NotFound, PermissionDenied
from edcluster.organizations.access import own_clusters, roles_of
from edcluster.organizations.models import Cluster


def sees_everything(user: Any) -> bool:
    r = roles_of(user)
    return r.is_admin or r.viewer_global


def can_view_dashboard(user: Any, scope: Scope) -> bool:
    """Administrators and global viewers: every dashboard; others: their own clusters' (those they
    coordinate, view or hold an organisation they edit in)."""
    r = roles_of(user)
    if not r.is_authenticated:
        return False
    if sees_everything(user):
        return True
    return scope.kind == CLUSTER and scope.cluster is not None and scope.cluster.pk in own_clusters(user)


def can_see_participants(user: Any, scope: Scope) -> bool:
    r = roles_of(user)
    if r.is_admin:
        return True
    return scope.kind == CLUSTER and scope.cluster is not None and scope.cluster.pk in r.coordinator_clusters


def can_refresh_dashboard(user: Any, scope: Scope) -> bool:
    """«Обновить» (recompute now): administrators any scope, a cluster's coordinators its own."""
    r = roles_of(user)
    if r.is_admin:
        return True
    return scope.kind == CLUSTER and scope.cluster is not None and scope.cluster.pk in r.coordinator_clusters


def default_scope(user: Any) -> Scope | None:
    """The dashboard opened from the menu: the whole platform for those who see it, otherwise the
    first of the user's clusters; ``None`` for users without a role."""
    if sees_everything(user):
        return Scope(kind=PLATFORM)
    clusters = own_clusters(user)
    cluster = Cluster.objects.filter(pk__in=clusters).order_by("name").first() if clusters else None
    return Scope(kind=CLUSTER, cluster=cluster) if cluster is not None else None


def selectable_clusters(user: Any) -> QuerySet[Cluster]:
    """Clusters offered in the scope switcher (``organizations.selectors.cluster_picker`` makes
    the choices)."""
    if sees_everything(user):
        return Cluster.objects.all()
    return Cluster.objects.filter(pk__in=own_clusters(user))


def access_dashboard(user: Any, scope: Scope) -> Scope:
    """``scope`` if ``user`` may see it: ``PermissionDenied`` for a signed-in user without the
    right, ``NotFound`` for a cluster dashboard of a cluster the user does not belong to (its
    existence is not revealed)."""
    r = roles_of(user)
    if not r.is_authenticated:
        raise PermissionDenied()
    if can_view_dashboard(user, scope):
        return scope
    if scope.kind == CLUSTER:
        raise NotFound()
    raise PermissionDenied()


def scope_and_period(user: Any, params: Any) -> tuple[Scope, Period]:
    """The dashboard named by a query string (``scope``, ``cluster``, ``region``, ``municipality``,
    ``period``, ``from``, ``to``) if the user may see it — the page and the API alike."""
    default = default_scope(user)
    if default is None and not params.get("scope"):
        raise PermissionDenied(_("Аналитика доступна координаторам, редакторам и наблюдателям кластеров."))
    scope = access_dashboard(user, scope_from(params, default))
    return scope, period_from(params)
