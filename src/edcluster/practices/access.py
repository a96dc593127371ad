"""Who may see and change practices, materials and adoptions — built on the registry's roles.

A practice is visible to its cluster (its readers, coordinators and member organisations' editors)
or to everyone when its authors made it public; its authors' editors and the cluster's
coordinators edit it; an adopting organisation's editors edit only their adoption record.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from edcluster.core.errors import NotFound, PermissionDenied
from edcluster.organizations.access import roles_of
from edcluster.organizations.models import Membership
from edcluster.practices.models import Adoption, Material, Practice, Visibility


def _cluster_ids_of_editor(user: Any) -> frozenset[int]:
    r = roles_of(user)
    if not r.editor_orgs:
        return frozenset()
    key = ("practices_editor_clusters",)
    if key not in r._cache:
        r._cache[key] = frozenset(
            Membership.objects.filter(organization_id__in=r.editor_orgs).values_list("cluster_id", flat=True)
        )
    return r._cache[key]


def member_clusters(user: Any) -> frozenset[int]:
    """Clusters whose non-public practices ``user`` reads."""
    r = roles_of(user)
    return r.readable_clusters | _cluster_ids_of_editor(user)


def can_view_practice(user: Any, practice: Practice) -> bool:
    if practice.visibility == Visibility.PUBLIC:
        return True
    r = roles_of(user)
    return r.is_admin or r.viewer_global or practice.cluster_id in member_clusters(user)


def _author_org_ids(practice: Practice) -> set[int]:
    return {o.pk for o in practice.organizations.all()}


def can_edit_practice(user: Any, practice: Practice) -> bool:
    r = roles_of(user)
    return (
        r.is_admin or practice.cluster_id in r.coordinator_clusters or bool(_author_org_ids(practice) & r.editor_orgs)
    )


def can_recommend(user: Any, cluster_id: int | None) -> bool:
    """The council's mark «рекомендовано к внедрению» is set by the cluster's coordinators."""
    r = roles_of(user)
    return r.is_admin or cluster_id in r.coordinator_clusters


def can_create_practice(user: Any) -> bool:
    r = roles_of(user)
    return r.is_admin or bool(r.coordinator_clusters or r.editor_orgs)


def can_author_for(user: Any, organization_ids: set[int], cluster_id: int | None) -> bool:
    """A new practice names an organisation the author edits, or is filed by the cluster's coordinator."""
    r = roles_of(user)
    return r.is_admin or bool(organization_ids & r.editor_orgs) or cluster_id in r.coordinator_clusters


def adopting_orgs(user: Any, practice: Practice) -> list[int]:
    """Organisations on whose behalf ``user`` may record an adoption of ``practice``."""
    r = roles_of(user)
    if not can_view_practice(user, practice):
        return []
    return sorted(set(r.editor_orgs) - _author_org_ids(practice))


def can_adopt(user: Any, practice: Practice) -> bool:
    return roles_of(user).is_admin or bool(adopting_orgs(user, practice))


def can_edit_adoption(user: Any, adoption: Adoption) -> bool:
    r = roles_of(user)
    return r.is_admin or adoption.organization_id in r.editor_orgs


def _event_access() -> Any:
    from edcluster.events import access as event_access

    return event_access


def can_view_material(user: Any, material: Material) -> bool:
    """A material shared only inside the cluster is not served to outsiders, even on a public
    practice or a published event."""
    if material.practice_id is not None:
        if not can_view_practice(user, material.practice):
            return False
    elif not _event_access().can_view_event(user, material.event):
        return False
    if material.sharing == Visibility.PUBLIC:
        return True
    r = roles_of(user)
    return r.is_admin or r.viewer_global or material.cluster_id in member_clusters(user)


def speaker_items(user: Any, event: Any) -> list[Any]:
    """The programme items of ``event`` to which ``user`` may attach materials: every item for the
    event's organisers, the items where a speaker belongs to an organisation ``user`` edits."""
    from edcluster.events.models import ProgrammeItem

    items = ProgrammeItem.objects.filter(day__event=event).select_related("day").prefetch_related("speakers")
    if _event_access().can_manage_event(user, event):
        return list(items)
    r = roles_of(user)
    if not r.editor_orgs:
        return []
    from edcluster.organizations.models import Organization, Position

    orgs = list(Organization.objects.filter(pk__in=r.editor_orgs))
    names = {o.short_name for o in orgs} | {o.display_name for o in orgs} | {o.full_name for o in orgs}
    people = set(Position.objects.filter(organization__in=orgs).values_list("person_id", flat=True))
    return [
        item
        for item in items
        if any(s.person_id in people or s.organization_name.strip() in names for s in item.speakers.all())
    ]


def can_add_event_material(user: Any, event: Any) -> bool:
    return _event_access().can_view_event(user, event) and (
        _event_access().can_manage_event(user, event) or bool(speaker_items(user, event))
    )


def can_delete_material(user: Any, material: Material) -> bool:
    if material.practice_id is not None:
        return can_edit_practice(user, material.practice)
    return _event_access().can_manage_event(user, material.event) or (
        material.uploaded_by_id is not None and material.uploaded_by_id == getattr(user, "pk", None)
    )


def visible_event_materials(user: Any, event: Any) -> list[Material]:
    return [
        m
        for m in event.materials.select_related("author", "event", "programme_item", "uploaded_by")
        if can_view_material(user, m)
    ]


def visible_practices(user: Any, qs: QuerySet[Practice] | None = None) -> QuerySet[Practice]:
    qs = qs if qs is not None else Practice.objects.all()
    r = roles_of(user)
    if r.is_admin or r.viewer_global:
        return qs
    return qs.filter(Q(visibility=Visibility.PUBLIC) | Q(cluster_id__in=member_clusters(user)))


def visible_materials(user: Any, practice: Practice) -> list[Material]:
    return [
        m
        for m in practice.materials.select_related("author", "practice", "programme_item")
        if can_view_material(user, m)
    ]


def access_practice(user: Any, pk: Any, *, edit: bool = False) -> Practice:
    p = (
        Practice.objects.select_related(
            "cluster", "direction", "recommended_by__item", "recommended_by__meeting__body", "presented_at"
        )
        .prefetch_related("organizations", "authors")
        .filter(pk=pk)
        .first()
        if str(pk).isdigit()
        else None
    )
    if p is None or not can_view_practice(user, p):
        raise NotFound()
    if edit and not can_edit_practice(user, p):
        raise PermissionDenied()
    return p


def access_material(user: Any, pk: Any, *, edit: bool = False) -> Material:
    m = Material.objects.select_related("practice", "event").filter(pk=pk).first() if str(pk).isdigit() else None
    if m is None or not can_view_material(user, m):
        raise NotFound()
    if edit and not can_delete_material(user, m):
        raise PermissionDenied()
    return m


def access_adoption(user: Any, pk: Any, *, edit: bool = False) -> Adoption:
    a = Adoption.objects.select_related("practice", "organization").filter(pk=pk).first() if str(pk).isdigit() else None
    if a is None or not can_view_practice(user, a.practice):
        raise NotFound()
    if edit and not can_edit_adoption(user, a):
        raise PermissionDenied()
    return a
