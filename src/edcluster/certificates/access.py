"""Who may see and manage certificates — the only place these questions are answered.

Certificates of an event are managed by whoever manages the event (coordinators of its cluster,
platform admins). The verification page is public by its unguessable code and shows nothing
personal beyond the name; a participant sees their own certificates through a signed e-mail link."""

from __future__ import annotations

from typing import Any

from edcluster.certificates.models import Certificate, CertificateKind
from edcluster.core.errors import NotFound, PermissionDenied
from edcluster.events.access import access_event, can_manage_event
from edcluster.events.models import Event


def access_event_certificates(user: Any, pk: Any) -> Event:
    return access_event(user, pk, manage=True)


def access_kind(user: Any, event: Event, kind_id: Any) -> CertificateKind:
    kind = CertificateKind.objects.select_related("event").filter(event=event, pk=kind_id).first()
    if kind is None:
        raise NotFound()
    return kind


def access_certificate(user: Any, pk: Any) -> Certificate:
    """A certificate for its event's organisers (NotFound for anyone who cannot see the event)."""
    certificate = Certificate.objects.select_related("event", "event__cluster", "kind").filter(pk=pk).first()
    if certificate is None:
        raise NotFound()
    access_event(user, certificate.event_id)
    if not can_manage_event(user, certificate.event):
        raise PermissionDenied()
    return certificate
