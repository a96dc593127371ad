"""REST API of certificates: list, issue, revoke (organisers) and verify (anyone).

(No ``from __future__ import annotations`` in api modules: django-ninja reads the annotations
at import time to build the schema.)
"""

from datetime import date, datetime

from ninja import Router, Schema, Status
from ninja.pagination import PageNumberPagination, paginate
from pydantic import Field

from edcluster.api.schemas import ERROR_RESPONSES
from edcluster.certificates import access, selectors, services
from edcluster.core.errors import NotFound
from edcluster.events.models import Registration

router = Router(tags=["Сертификаты"])


class CertificateOut(Schema):
    id: int
    number: str
    kind: str = Field(validation_alias="kind.code")
    registration_id: int | None
    last_name: str
    first_name: str
    middle_name: str
    issued_on: date
    code: str
    revoked_at: datetime | None
    revoked_reason: str


class VerifyOut(Schema):
    valid: bool
    revoked: bool
    person: str
    event: str
    kind: str
    number: str
    issued_on: date


class IssueIn(Schema):
    registration_id: int | None = Field(None, description="одному участнику; без него — все недостающие (в фоне)")
    kind_id: int | None = None
    send_mail: bool = True


class IssueOut(Schema):
    batch_id: int | None = None
    status: str | None = None
    total: int | None = None
    certificate: CertificateOut | None = None
    created: bool | None = None


class RevokeIn(Schema):
    reason: str = Field(max_length=500)


@router.get(
    "/events/{int:event_id}/certificates",
    response={200: list[CertificateOut], **ERROR_RESPONSES},
    summary="Сертификаты мероприятия (организатору)",
)
@paginate(PageNumberPagination, page_size=100)
def certificate_list(request, event_id: int, kind: str = "", q: str = ""):
    event = access.access_event_certificates(request.user, event_id)
    return selectors.certificate_list(event, kind=kind, q=q)


@router.post(
    "/events/{int:event_id}/certificates/issue",
    response={200: IssueOut, 201: IssueOut, 202: IssueOut, **ERROR_RESPONSES},
    summary="Выдать сертификат участнику или запустить выдачу всех недостающих",
)
def certificate_issue(request, event_id: int, payload: IssueIn):
    event = access.access_event_certificates(request.user, event_id)
    if payload.registration_id is None:
        batch = services.batch_start(actor=request.user, event=event, send_mail=payload.send_mail)
        batch.refresh_from_db()
        return Status(202, {"batch_id": batch.pk, "status": batch.status, "total": batch.total})
    registration = Registration.objects.filter(event=event, pk=payload.registration_id).first()
    kind = access.access_kind(request.user, event, payload.kind_id) if payload.kind_id else None
    if registration is None or kind is None:
        raise NotFound()
    certificate, created = services.certificate_issue(actor=request.user, kind=kind, registration=registration)
    if created and payload.send_mail:
        services.certificate_mail(certificate)
    return Status(201 if created else 200, {"certificate": certificate, "created": created})


@router.post(
    "/certificates/{int:certificate_id}/revoke",
    response={200: CertificateOut, **ERROR_RESPONSES},
    summary="Аннулировать сертификат",
)
def certificate_revoke(request, certificate_id: int, payload: RevokeIn):
    certificate = access.access_certificate(request.user, certificate_id)
    return services.certificate_revoke(actor=request.user, certificate=certificate, reason=payload.reason)


@router.get(
    "/certificates/verify/{code}",
    response={200: VerifyOut, **ERROR_RESPONSES},
    auth=None,
    summary="Проверить сертификат по коду",
)
def certificate_verify(request, code: str):
    certificate = selectors.certificate_by_code(code)
    if certificate is None:
        raise NotFound()
    return {
        "valid": not certificate.is_revoked,
        "revoked": certificate.is_revoked,
        "person": "" if certificate.personal_erased else certificate.full_name,
        "event": certificate.event.title,
        "kind": certificate.kind.code,
        "number": certificate.number,
        "issued_on": certificate.issued_on,
    }
