"""Who may import documents and see what was imported — answered only here.

- Into a cluster: its coordinators (for the cluster as a whole or any of its organisations)
  and editors of an organisation of the cluster (for that organisation only).
- A batch and its files are seen and reviewed by the cluster's coordinators and by the editors
  of the batch's organisation; another organisation's user never sees them.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from edcluster.core.errors import NotFound, PermissionDenied
from edcluster.imports.models import ImportBatch, ImportedFile
from edcluster.organizations.access import roles_of
from edcluster.organizations.models import Cluster, Membership, Organization


def importable_organizations(user: Any, cluster: Cluster) -> QuerySet[Organization]:
    """Organisations of ``cluster`` the user may import for."""
    r = roles_of(user)
    qs = Organization.objects.filter(
        pk__in=Membership.objects.filter(cluster=cluster).values("organization_id")
    ).order_by("short_name", "full_name")
    if r.is_admin or cluster.pk in r.coordinator_clusters:
        return qs
    return qs.filter(pk__in=r.editor_orgs)


def can_import(user: Any, cluster: Cluster, organization: Organization | None = None) -> bool:
    r = roles_of(user)
    if not r.is_authenticated:
        return False
    if r.is_admin or cluster.pk in r.coordinator_clusters:
        return organization is None or importable_organizations(user, cluster).filter(pk=organization.pk).exists()
    if organization is None:
        return False
    return importable_organizations(user, cluster).filter(pk=organization.pk).exists()


def can_import_somewhere(user: Any, cluster: Cluster) -> bool:
    r = roles_of(user)
    if r.is_admin or cluster.pk in r.coordinator_clusters:
        return True
    return r.is_authenticated and importable_organizations(user, cluster).exists()


def can_add_cluster_recommendations(user: Any, cluster: Cluster) -> bool:
    """Recommendations that belong to no meeting or event (a resolution without a date) are the
    cluster's: its coordinators add them, as they edit such decisions (``meetings.access``)."""
    r = roles_of(user)
    return r.is_admin or cluster.pk in r.coordinator_clusters


def can_view_batch(user: Any, batch: ImportBatch) -> bool:
    r = roles_of(user)
    if not r.is_authenticated:
        return False
    if r.is_admin or batch.cluster_id in r.coordinator_clusters:
        return True
    return batch.organization_id is not None and batch.organization_id in r.editor_orgs


def visible_batches(user: Any) -> QuerySet[ImportBatch]:
    r = roles_of(user)
    qs = ImportBatch.objects.select_related("cluster", "organization")
    if not r.is_authenticated:
        return qs.none()
    if r.is_admin:
        return qs
    return qs.filter(Q(cluster_id__in=r.coordinator_clusters) | Q(organization_id__in=r.editor_orgs))


def visible_files(user: Any) -> QuerySet[ImportedFile]:
    """Imported files of the batches the user may see (``can_view_batch`` as a filter)."""
    r = roles_of(user)
    qs = ImportedFile.objects.all()
    if not r.is_authenticated:
        return qs.none()
    if r.is_admin:
        return qs
    return qs.filter(Q(batch__cluster_id__in=r.coordinator_clusters) | Q(batch__organization_id__in=r.editor_orgs))


def visible_proposal(user: Any, item: ImportedFile) -> dict[str, Any]:
    """The file's proposal as *user* may read it. ``earlier_file`` (the same file accepted before in the
    cluster, perhaps in another organisation's batch) stays only when the user may see that file:
    another organisation's acceptance is not theirs to know."""
    proposal = dict(item.proposal or {})
    earlier = proposal.get("earlier_file")
    if earlier and not visible_files(user).filter(pk=_pk(earlier)).exists():
        del proposal["earlier_file"]
    return proposal


def access_batch(user: Any, pk: Any) -> ImportBatch:
    batch = ImportBatch.objects.select_related("cluster", "organization").filter(pk=_pk(pk)).first()
    if batch is None:
        raise NotFound()
    if not can_view_batch(user, batch):
        raise PermissionDenied()
    return batch


def access_file(user: Any, pk: Any) -> ImportedFile:
    item = ImportedFile.objects.select_related("batch__cluster", "batch__organization").filter(pk=_pk(pk)).first()
    if item is None:
        raise NotFound()
    if not can_view_batch(user, item.batch):
        raise PermissionDenied()
    return item


def _pk(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
