"""Read side of certificates: who is eligible, what is issued, what is still missing."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from edcluster.certificates.models import Batch, Certificate, CertificateKind, Rule
from edcluster.events.models import Event, ParticipantRole, Registration, RegistrationStatus


def kinds(event: Event) -> list[CertificateKind]:
    return list(event.certificate_kinds.annotate(issued=Count("certificates")).order_by("pk"))


def eligible_registrations(kind: CertificateKind) -> QuerySet[Registration]:
    """Registrations the kind's rule gives a certificate to (confirmed ones only)."""
    qs = Registration.objects.filter(event_id=kind.event_id, status=RegistrationStatus.CONFIRMED)
    if kind.rule == Rule.CHECKED_IN:
        qs = qs.filter(checked_in_at__isnull=False)
    elif kind.rule == Rule.SPEAKERS:
        qs = qs.filter(role=ParticipantRole.SPEAKER)
    elif kind.rule == Rule.MARKED:
        qs = qs.filter(certificate_marks=kind)
    return qs.order_by("last_name", "first_name", "pk")


def missing(event: Event) -> list[tuple[CertificateKind, Registration]]:
    """Every (kind, registration) that should have a certificate and has none yet."""
    result = []
    for kind in event.certificate_kinds.order_by("pk"):
        for registration in eligible_registrations(kind).exclude(certificates__kind=kind):
            result.append((kind, registration))
    return result


def missing_count(event: Event) -> int:
    """How many certificates :func:`missing` would list, counted in the database (a query per kind)."""
    return sum(
        eligible_registrations(kind).exclude(certificates__kind=kind).count()
        for kind in event.certificate_kinds.order_by("pk")
    )


def certificate_list(event: Event, *, kind: str = "", q: str = "") -> QuerySet[Certificate]:
    qs = event.certificates.select_related("kind")
    if kind:
        qs = qs.filter(kind__code=kind)
    if q:
        qs = qs.filter(Q(last_name__icontains=q) | Q(number__icontains=q))
    return qs.order_by("seq", "pk")


def certificates_of_email(email: str) -> QuerySet[Certificate]:
    return (
        Certificate.objects.filter(email__iexact=email, personal_erased=False)
        .select_related("event", "kind")
        .order_by("-issued_on", "-pk")
    )


def certificate_by_code(code: str) -> Certificate | None:
    return Certificate.objects.select_related("event", "kind", "event__cluster").filter(code=code).first()


def last_batch(event: Event) -> Batch | None:
    return event.certificate_batches.order_by("-pk").first()
