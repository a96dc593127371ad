"""Writes that change a dashboard's figures mark the scopes they touch (``snapshots.mark``).

Frequent writes name their scopes exactly: a registration, a certificate or a speaker their
event's cluster, the cluster's territory and the venue's territory (looked up once per event
and cached); a decision or a meeting its cluster; a consultation its centre's organisation
(territory and clusters). Rarer writes whose scopes take more to find — organisations,
memberships, clusters, partnerships, centres, practical training — mark every scope (``ALL``).
Changes made with ``QuerySet.update`` or raw SQL send no signal (the nightly sweep of overdue
decisions, ``gen-data``): the snapshot's maximum age bounds how long such a change goes unseen.
"""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from edcluster.analytics import snapshots
from edcluster.analytics.snapshots import ALL
from edcluster.core.demo_loader import LOADING, demo_loaded

EVENT_KEYS = "analytics:event-keys:"
EVENT_KEYS_TTL = 3600

# app labels / model names whose every write marks all snapshots
EVERYTHING = {
    ("organizations", "organization"),
    ("organizations", "membership"),
    ("organizations", "cluster"),
    ("partnerships", "partnership"),
    ("partnerships", "party"),
    ("partnerships", "direction"),
    ("consultations", "centre"),
    ("training", "placement"),
    ("training", "practiceperiod"),
    ("training", "employment"),
    ("training", "practicebase"),
    ("training", "evaluation"),
    ("certificates", "certificatekind"),
}


def cluster_keys(cluster_id: int | None) -> set[str]:
    from edcluster.organizations.models import Cluster

    if cluster_id is None:
        return {ALL}
    row = Cluster.objects.filter(pk=cluster_id).values_list("region", "municipality").first()
    keys = {f"cluster:{cluster_id}"}
    return keys | snapshots.territory_keys(*row) if row else keys | {snapshots.PLATFORM}


def organization_keys(organization_id: int | None) -> set[str]:
    from edcluster.organizations.models import Membership, Organization

    row = Organization.objects.filter(pk=organization_id).values_list("region", "municipality").first()
    if row is None:
        return {snapshots.PLATFORM}
    clusters = Membership.objects.filter(organization_id=organization_id).values_list("cluster_id", flat=True)
    return snapshots.territory_keys(*row) | {f"cluster:{pk}" for pk in clusters}


def event_keys(event_id: int | None, fresh: bool = False) -> set[str]:
    """The scopes an event's records count in; cached, as every registration asks."""
    from edcluster.events.models import Event

    if event_id is None:
        return {ALL}
    key = f"{EVENT_KEYS}{event_id}"
    if not fresh:
        cached = cache.get(key)
        if cached is not None:
            return set(cached)
    row = (
        Event.objects.filter(pk=event_id)
        .values_list(
            "cluster_id",
            "cluster__region",
            "cluster__municipality",
            "venue_organization__region",
            "venue_organization__municipality",
        )
        .first()
    )
    if row is None:
        return {ALL}
    cluster_id, region, municipality, venue_region, venue_municipality = row
    keys = {f"cluster:{cluster_id}"} | snapshots.territory_keys(region, municipality)
    if venue_region or venue_municipality:
        keys |= snapshots.territory_keys(venue_region or "", venue_municipality or "")
    cache.set(key, sorted(keys), EVENT_KEYS_TTL)
    return keys


def _item_event(item_id: int) -> int | None:
    from edcluster.events.models import ProgrammeItem

    return ProgrammeItem.objects.filter(pk=item_id).values_list("day__event_id", flat=True).first()


def keys_of(instance: Any) -> set[str]:
    """The scopes a write of ``instance`` touches (empty: none of the dashboards' records)."""
    meta = instance._meta
    label = (meta.app_label, meta.model_name)
    if label in EVERYTHING:
        return {ALL}
    if label in (("events", "registration"), ("certificates", "certificate")):
        return event_keys(instance.event_id)
    if label == ("events", "event"):
        cache.delete(f"{EVENT_KEYS}{instance.pk}")
        keys = cluster_keys(instance.cluster_id)
        if instance.venue_organization_id:
            keys |= organization_keys(instance.venue_organization_id)
        return keys
    if label == ("events", "speaker"):
        return event_keys(_item_event(instance.item_id))
    if label == ("meetings", "decision"):
        return cluster_keys(instance.cluster_id)
    if label == ("meetings", "meeting"):
        from edcluster.meetings.models import Body

        return cluster_keys(Body.objects.filter(pk=instance.body_id).values_list("cluster_id", flat=True).first())
    if label == ("consultations", "consultation"):
        return _centre_keys(instance.centre_id)
    if label == ("consultations", "surveyanswer"):
        from edcluster.consultations.models import Consultation

        centre = Consultation.objects.filter(pk=instance.consultation_id).values_list("centre_id", flat=True).first()
        return _centre_keys(centre)
    return set()


def _centre_keys(centre_id: int | None) -> set[str]:
    from edcluster.consultations.models import Centre

    org = Centre.objects.filter(pk=centre_id).values_list("organization_id", flat=True).first()
    return organization_keys(org) if org else {ALL}


# every model :func:`keys_of` knows
WATCHED = EVERYTHING | {
    ("events", "registration"),
    ("certificates", "certificate"),
    ("events", "event"),
    ("events", "speaker"),
    ("meetings", "decision"),
    ("meetings", "meeting"),
    ("consultations", "consultation"),
    ("consultations", "surveyanswer"),
}


def _changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    # after the commit: a refresh that started before it did not see the write, and nothing
    # (no cache round trip, no look-up) is added to the write's transaction — a registration's
    # is inside the event's capacity lock
    if LOADING.get():
        return  # the demo marks everything once, when it is loaded (_demo_loaded)
    if (sender._meta.app_label, sender._meta.model_name) in WATCHED and not kwargs.get("raw"):
        transaction.on_commit(lambda: snapshots.mark(keys_of(instance)))


def _demo_loaded(sender: Any, **kwargs: Any) -> None:
    snapshots.mark({ALL})


def _m2m_changed(sender: Any, instance: Any, action: str, **kwargs: Any) -> None:
    if LOADING.get():
        return
    if action.startswith("post_") and instance._meta.app_label == "partnerships":
        transaction.on_commit(lambda: snapshots.mark({ALL}))


def connect() -> None:
    post_save.connect(_changed, dispatch_uid="analytics.snapshots.save")
    post_delete.connect(_changed, dispatch_uid="analytics.snapshots.delete")
    m2m_changed.connect(_m2m_changed, dispatch_uid="analytics.snapshots.m2m")
    demo_loaded.connect(_demo_loaded, dispatch_uid="analytics.snapshots.demo")
