"""REST API of certificates: list, issue, revoke (organisers) and verify (anyone).

(No ``from __future__ import annotations`` in api modules: django-ninja reads the annotations
at import time to build the schema.)
"""

from datetime import date, datetime
from typing import Literal

from ninja import Router, Schema, Status
from ninja.pagination import PageNumberPagination, paginate
from pydantic import Field

from edcluster.api.schemas import ERROR_RESPONSES
from edcluster.certificates import access, selectors, services
from edcluster.certificates.models import KindCode, NameCase, Rule
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


# --- kinds (wording and rule) and the background batch ---------------------------------------------

KindValue = Literal[tuple(KindCode.values)]  # type: ignore[valid-type]
RuleValue = Literal[tuple(Rule.values)]  # type: ignore[valid-type]
NameCaseValue = Literal[tuple(NameCase.values)]  # type: ignore[valid-type]


class KindOut(Schema):
    id: int
    code: str
    title: str
    lead: str
    name_case: str
    wording: str
    rule: str


class KindIn(Schema):
    code: KindValue
    title: str = Field("СЕРТИФИКАТ", max_length=200)
    lead: str = Field("подтверждает, что", max_length=200)
    name_case: NameCaseValue = NameCase.NOMN
    wording: str = Field(max_length=5000)
    rule: RuleValue = Rule.CHECKED_IN


class KindPatch(Schema):
    code: KindValue | None = None
    title: str | None = Field(None, max_length=200)
    lead: str | None = Field(None, max_length=200)
    name_case: NameCaseValue | None = None
    wording: str | None = Field(None, max_length=5000)
    rule: RuleValue | None = None


class MarksIn(Schema):
    registration_ids: list[int] = Field(max_length=10_000)
    marked: bool = Field(True, description="true — отметить, false — снять отметку")


class MarksOut(Schema):
    changed: int


class BatchOut(Schema):
    id: int
    status: str
    total: int
    done: int
    created_at: datetime
    finished_at: datetime | None


@router.get(
    "/events/{int:event_id}/certificate-kinds",
    response={200: list[KindOut], **ERROR_RESPONSES},
    summary="Виды сертификатов мероприятия",
)
def kind_list(request, event_id: int):
    event = access.access_event_certificates(request.user, event_id)
    return list(event.certificate_kinds.order_by("pk"))


@router.post(
    "/events/{int:event_id}/certificate-kinds",
    response={201: KindOut, **ERROR_RESPONSES},
    summary="Добавить вид сертификата",
)
def kind_post(request, event_id: int, payload: KindIn):
    event = access.access_event_certificates(request.user, event_id)
    return Status(201, services.kind_save(actor=request.user, event=event, data=payload.dict()))


@router.post(
    "/events/{int:event_id}/certificate-kinds/default",
    response={200: list[KindOut], **ERROR_RESPONSES},
    summary="Добавить недостающие обычные виды (участник, активный участник, докладчик, организатор)",
)
def kinds_default_post(request, event_id: int):
    event = access.access_event_certificates(request.user, event_id)
    return services.kinds_default(actor=request.user, event=event)


@router.patch(
    "/events/{int:event_id}/certificate-kinds/{int:kind_id}",
    response={200: KindOut, **ERROR_RESPONSES},
    summary="Изменить вид сертификата",
)
def kind_patch(request, event_id: int, kind_id: int, payload: KindPatch):
    event = access.access_event_certificates(request.user, event_id)
    kind = access.access_kind(request.user, event, kind_id)
    data = {f: getattr(kind, f) for f in services.KIND_FIELDS}
    data.update({k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None})
    return services.kind_save(actor=request.user, event=event, data=data, kind=kind)


@router.post(
    "/events/{int:event_id}/certificate-kinds/{int:kind_id}/marks",
    response={200: MarksOut, **ERROR_RESPONSES},
    summary="Отметить участников для вида «отмеченные организатором»",
)
def kind_marks_post(request, event_id: int, kind_id: int, payload: MarksIn):
    event = access.access_event_certificates(request.user, event_id)
    kind = access.access_kind(request.user, event, kind_id)
    changed = services.kind_mark(
        actor=request.user, kind=kind, registration_ids=payload.registration_ids, marked=payload.marked
    )
    return {"changed": changed}


@router.get(
    "/events/{int:event_id}/certificates/batch",
    response={200: BatchOut, **ERROR_RESPONSES},
    summary="Ход последней выдачи сертификатов",
)
def batch_get(request, event_id: int):
    event = access.access_event_certificates(request.user, event_id)
    batch = selectors.last_batch(event)
    if batch is None:
        raise NotFound("Выдача сертификатов ещё не запускалась.")
    return batch
