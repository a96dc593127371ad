"""Every write of certificates: kinds, marks, design, numbering, issue, revoke, batches.

Numbers: the counter row of the cluster's series and year is locked (``select_for_update``) in
the same transaction that creates the certificate, so a rolled-back issue gives its number back
and concurrent batches never share or skip one. ``(registration, kind)`` is unique, so a rerun
after a crash finds what is already issued and issues only what is missing.
"""

from __future__ import annotations

import io
import re
import time
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from edcluster.certificates import pdf, selectors
from edcluster.certificates.models import (
    DEFAULT_PATTERN,
    Batch,
    Certificate,
    CertificateKind,
    Design,
    KindCode,
    NameCase,
    NumberCounter,
    NumberSeries,
    Rule,
)
from edcluster.core import ru
from edcluster.core.audit import audit_log
from edcluster.core.errors import Conflict, ValidationError
from edcluster.events.models import Event, Registration
from edcluster.organizations.models import Cluster

_PATTERN_RE = re.compile(r"\{(year|code|seq)(:0?\d{0,2}d)?\}")
MY_SALT = "certificates.my"

DEFAULT_KINDS = {
    KindCode.PARTICIPANT: (Rule.CHECKED_IN, "принял(а) участие в работе мероприятия {event}, {date}"),
    KindCode.ACTIVE: (Rule.MARKED, "принял(а) активное участие в работе мероприятия {event}, {date}"),
    KindCode.SPEAKER: (Rule.SPEAKERS, "выступил(а) с докладом {talk} на мероприятии {event}, {date}"),
    KindCode.ORGANIZER: (Rule.MARKED, "принял(а) участие в организации мероприятия {event}, {date}"),
}


# --- numbering -----------------------------------------------------------------------------------


def _default_code(cluster: Cluster) -> str:
    """The first word of the cluster's short name in capitals ("СТАРТ", "ПОДОСИНОВСКИЙ"), or its slug."""
    words = (cluster.short_name or "").split()
    code = re.sub(r"[^0-9A-Za-zА-Яа-яЁё]", "", words[0] if words else "").upper()[:20]
    return code or cluster.slug.upper()[:20]


def validate_pattern(pattern: str) -> None:
    rest = _PATTERN_RE.sub("", pattern)
    if "{seq" not in pattern or "{" in rest or "}" in rest:
        raise ValidationError(
            errors={"pattern": [_("Шаблон номера должен содержать {seq} и может содержать только {year} и {code}.")]}
        )


def series_for(cluster: Cluster) -> NumberSeries:
    series = NumberSeries.objects.filter(cluster=cluster).first()
    if series is None:
        try:
            with transaction.atomic():
                series = NumberSeries.objects.create(cluster=cluster, code=_default_code(cluster))
        except IntegrityError:
            series = NumberSeries.objects.get(cluster=cluster)
    return series


def series_update(*, actor: Any, cluster: Cluster, code: str, pattern: str) -> NumberSeries:
    code, pattern = (code or "").strip(), (pattern or "").strip() or DEFAULT_PATTERN
    if not code:
        raise ValidationError(errors={"code": [_("Укажите код кластера для номеров.")]})
    validate_pattern(pattern)
    with transaction.atomic():
        series = series_for(cluster)
        changes = {
            k: [getattr(series, k), v] for k, v in (("code", code), ("pattern", pattern)) if getattr(series, k) != v
        }
        series.code, series.pattern = code, pattern
        series.save()
        audit_log(actor=actor, action="certificates.series.updated", target=cluster, changes=changes)
    return series


def _next_number(series: NumberSeries, year: int) -> tuple[int, str]:
    """Take the next number; the caller's transaction holds the counter row until it commits."""
    NumberCounter.objects.get_or_create(series=series, year=year)
    counter = NumberCounter.objects.select_for_update().get(series=series, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last, series.pattern.format(year=year, code=series.code, seq=counter.last)


# --- kinds, marks, design --------------------------------------------------------------------------

KIND_FIELDS = ("code", "title", "lead", "name_case", "wording", "rule")


def kind_save(
    *, actor: Any, event: Event, data: dict[str, Any], kind: CertificateKind | None = None
) -> CertificateKind:
    """Create or change a kind of certificate of an event (its wording and rule)."""
    errors: dict[str, list[str]] = {}
    values = {f: (str(data.get(f) or "").strip()) for f in KIND_FIELDS}
    if values["code"] not in KindCode.values:
        errors["code"] = [_("Выберите вид сертификата.")]
    if values["rule"] not in Rule.values:
        errors["rule"] = [_("Выберите, кому выдаётся сертификат.")]
    if values["name_case"] not in NameCase.values:
        values["name_case"] = NameCase.NOMN
    if not values["wording"]:
        errors["wording"] = [_("Напишите текст сертификата.")]
    if not values["title"]:
        errors["title"] = [_("Укажите заголовок.")]
    other = CertificateKind.objects.filter(event=event, code=values["code"])
    if kind is not None:
        other = other.exclude(pk=kind.pk)
    if "code" not in errors and other.exists():
        errors["code"] = [_("Такой вид сертификата у мероприятия уже есть.")]
    if errors:
        raise ValidationError(errors=errors)
    with transaction.atomic():
        if kind is None:
            kind = CertificateKind.objects.create(event=event, **values)
            audit_log(actor=actor, action="certificates.kind.created", target=kind)
        else:
            if kind.code != values["code"] and kind.certificates.exists():
                raise Conflict(_("Вид нельзя сменить: по нему уже выданы сертификаты."))
            changes = {k: [getattr(kind, k), v] for k, v in values.items() if getattr(kind, k) != v}
            for k, v in values.items():
                setattr(kind, k, v)
            kind.save()
            audit_log(actor=actor, action="certificates.kind.updated", target=kind, changes=changes)
    return kind


def kinds_default(*, actor: Any, event: Event) -> list[CertificateKind]:
    """Add the four usual kinds (participant, active participant, speaker, organiser) that are missing."""
    titles = {
        KindCode.PARTICIPANT: "СЕРТИФИКАТ УЧАСТНИКА",
        KindCode.ACTIVE: "СЕРТИФИКАТ",
        KindCode.SPEAKER: "СЕРТИФИКАТ ДОКЛАДЧИКА",
        KindCode.ORGANIZER: "БЛАГОДАРСТВЕННЫЙ СЕРТИФИКАТ",
    }
    created = []
    existing = set(event.certificate_kinds.values_list("code", flat=True))
    for code, (rule, wording) in DEFAULT_KINDS.items():
        if code in existing:
            continue
        created.append(
            kind_save(
                actor=actor,
                event=event,
                data={
                    "code": code,
                    "title": titles[code],
                    "lead": "подтверждает, что",
                    "name_case": NameCase.NOMN,
                    "wording": wording,
                    "rule": rule,
                },
            )
        )
    return created


def kind_mark(*, actor: Any, kind: CertificateKind, registration_ids: Iterable[int], marked: bool = True) -> int:
    """Mark (or unmark) registrations of the kind's event for a «marked by the organiser» kind."""
    registrations = list(Registration.objects.filter(event_id=kind.event_id, pk__in=list(registration_ids)))
    with transaction.atomic():
        if marked:
            kind.marked.add(*registrations)
        else:
            kind.marked.remove(*registrations)
        audit_log(
            actor=actor,
            action="certificates.kind.marked" if marked else "certificates.kind.unmarked",
            target=kind,
            changes={"marked": [None, len(registrations)]},
        )
    return len(registrations)


def _image_png(data: bytes, field: str) -> bytes:
    """An uploaded PNG/JPEG, or the first page of a PDF rendered to PNG."""
    if not data:
        return b""
    try:
        if data[:5] == b"%PDF-":
            import pypdfium2

            document = pypdfium2.PdfDocument(data)
            image = document[0].render(scale=2).to_pil()
        else:
            from PIL import Image

            image = Image.open(io.BytesIO(data))
            image.load()
        out = io.BytesIO()
        image.convert("RGBA" if field != "background" else "RGB").save(out, format="PNG")
        return out.getvalue()
    except Exception as exc:  # any unreadable upload is the user's input error
        raise ValidationError(errors={field: [_("Файл не читается: нужен PNG, JPEG или PDF.")]}) from exc


def design_for(event: Event) -> Design:
    return Design.objects.filter(event=event).first() or Design(event=event)


def design_update(
    *, actor: Any, event: Event, signer: str, layout: dict[str, Any], files: dict[str, bytes | None]
) -> Design:
    """Save an event's certificate design; ``files`` maps background/logo/signature to new bytes
    (``b""`` removes, ``None`` keeps)."""
    clean_layout: dict[str, dict[str, float]] = {}
    for block, defaults in pdf.DEFAULT_LAYOUT.items():
        values = (layout or {}).get(block) or {}
        clean_layout[block] = {}
        for key in defaults:
            try:
                value = float(values.get(key, defaults[key]))
            except (TypeError, ValueError):
                raise ValidationError(errors={block: [_("Положение и размер — числа.")]}) from None
            limit = 300 if key != "size" else 120
            if not 0 <= value <= limit:
                raise ValidationError(errors={block: [_("Значение вне листа: от 0 до {n}.").format(n=limit)]})
            clean_layout[block][key] = value
    images = {name: _image_png(data, name) for name, data in files.items() if data is not None}
    with transaction.atomic():
        design = design_for(event)
        design.signer = (signer or "").strip()[:300]
        design.layout = clean_layout
        for name, data in images.items():
            setattr(design, name, data)
        design.save()
        audit_log(
            actor=actor,
            action="certificates.design.updated",
            target=event,
            changes={"files": [None, sorted(images)]} if images else {},
        )
    return design


# --- texts ---------------------------------------------------------------------------------------


def name_in_case(last: str, first: str, middle: str, case: str) -> str:
    if case == NameCase.NOMN:
        return " ".join(p for p in (last, first, middle) if p)
    return ru.decline_name(last, first, middle, case=case).full


def wording_text(kind: CertificateKind, event: Event, talk_title: str, gender: ru.Gender | None = None) -> str:
    """The kind's wording with the event, dates and talk filled in; "принял(а)" agrees with the
    person's gender when it is known."""
    replacements = {
        "(а)": {ru.Gender.FEMALE: "а", ru.Gender.MALE: ""}.get(gender, "(а)") if gender else "(а)",
        "{event}": ru.quote(event.title),
        "{date}": event.dates_text,
        "{talk}": ru.quote(talk_title) if talk_title else "",
    }
    text = kind.wording
    for key, value in replacements.items():
        text = text.replace(key, value)
    return ru.typograph(" ".join(text.split()) if "\n" not in text else text)


def verify_url(code: str) -> str:
    return settings.SITE_URL + reverse("certificates:verify", args=[code])


def number_line(number: str, issued_on: date) -> str:
    return _("№ {number} от {date}").format(number=number, date=ru.format_date(issued_on))


def design_data(event: Event) -> pdf.DesignData:
    design = design_for(event)
    return pdf.DesignData(
        background=bytes(design.background or b""),
        logo=bytes(design.logo or b""),
        signature=bytes(design.signature or b""),
        signer=design.signer,
        layout=design.layout or {},
    )


def page_data(certificate: Certificate) -> pdf.PageData:
    kind = certificate.kind
    return pdf.PageData(
        kind=str(kind.pk),
        name=name_in_case(certificate.last_name, certificate.first_name, certificate.middle_name, kind.name_case),
        wording=wording_text(
            kind,
            certificate.event,
            certificate.talk_title,
            ru.guess_gender(certificate.last_name, certificate.first_name, certificate.middle_name),
        ),
        number_line=number_line(certificate.number, certificate.issued_on),
        url=verify_url(certificate.code),
    )


def _kind_texts(event: Event) -> dict[str, pdf.KindText]:
    return {str(k.pk): pdf.KindText(title=k.title, lead=k.lead) for k in event.certificate_kinds.all()}


def certificates_pdf(event: Event, certificates: Iterable[Certificate]) -> bytes:
    """One PDF with a page per certificate, in the given order."""
    return pdf.render((page_data(c) for c in certificates), design_data(event), _kind_texts(event))


def certificate_pdfs(event: Event, certificates: Iterable[Certificate]) -> Iterator[tuple[str, bytes]]:
    """``(number, PDF)`` for each certificate, one PDF apiece; kinds and design are loaded once."""
    kinds = _kind_texts(event)
    design = design_data(event)
    for certificate in certificates:
        yield certificate.number, pdf.render([page_data(certificate)], design, kinds)


def preview_pdf(kind: CertificateKind) -> bytes:
    """One sample page of a kind, with a made-up person, to check the design before issuing."""
    event = kind.event
    sample = pdf.PageData(
        kind=str(kind.pk),
        name=name_in_case("Грязева", "Елена", "Борисовна", kind.name_case),
        wording=wording_text(kind, event, "Пример темы доклада", ru.Gender.FEMALE),
        number_line=number_line(_("ОБРАЗЕЦ"), timezone.localdate()),
        url=verify_url("preview"),
    )
    return pdf.render([sample], design_data(event), {str(kind.pk): pdf.KindText(title=kind.title, lead=kind.lead)})


# --- issue and revoke ------------------------------------------------------------------------------


def certificate_issue(
    *, actor: Any, kind: CertificateKind, registration: Registration, issued_on: date | None = None
) -> tuple[Certificate, bool]:
    """Issue the kind's certificate to a registration, or return the one already issued.

    Returns ``(certificate, created)``. The number is taken in the same transaction, so it is
    never lost or doubled, also when two batches race for the same registration."""
    existing = Certificate.objects.filter(registration=registration, kind=kind).first()
    if existing is not None:
        return existing, False
    if not selectors.eligible_registrations(kind).filter(pk=registration.pk).exists():
        raise ValidationError(_("Этому участнику сертификат этого вида не положен по правилу выдачи."))
    event = kind.event
    series = series_for(event.cluster)
    try:
        with transaction.atomic():
            seq, number = _next_number(series, event.starts_on.year)
            certificate = Certificate.objects.create(
                event=event,
                kind=kind,
                registration=registration,
                number=number,
                seq=seq,
                issued_on=issued_on or timezone.localdate(),
                issued_by=actor if getattr(actor, "is_authenticated", False) else None,
                last_name=registration.last_name,
                first_name=registration.first_name,
                middle_name=registration.middle_name,
                email=registration.email,
                organization_name=registration.organization_name,
                talk_title=registration.talk_title if kind.code == KindCode.SPEAKER else "",
            )
            audit_log(actor=actor, action="certificates.certificate.issued", target=certificate)
    except IntegrityError:
        existing = Certificate.objects.filter(registration=registration, kind=kind).first()
        if existing is None:
            raise
        return existing, False
    return certificate, True


def certificate_revoke(*, actor: Any, certificate: Certificate, reason: str) -> Certificate:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(errors={"reason": [_("Укажите причину аннулирования.")]})
    with transaction.atomic():
        certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if certificate.revoked_at is not None:
            raise Conflict(_("Сертификат уже аннулирован."))
        certificate.revoked_at = timezone.now()
        certificate.revoked_reason = reason[:500]
        certificate.save(update_fields=["revoked_at", "revoked_reason"])
        audit_log(
            actor=actor,
            action="certificates.certificate.revoked",
            target=certificate,
            changes={"revoked_reason": [None, certificate.revoked_reason]},
        )
    return certificate


# --- e-mail and the participant's page -------------------------------------------------------------


def my_token(email: str) -> str:
    return signing.dumps(email.strip().lower(), salt=MY_SALT, compress=True)


def my_email(token: str) -> str | None:
    try:
        return str(signing.loads(token, salt=MY_SALT, max_age=60 * 60 * 24 * 365 * 3))
    except signing.BadSignature:
        return None


def my_url(email: str) -> str:
    return settings.SITE_URL + reverse("certificates:my", args=[my_token(email)])


def certificate_mail(certificate: Certificate) -> None:
    """Queue the «your certificate» e-mail (once per certificate, dedup key)."""
    from edcluster.core.mail import mail_queue, mail_render

    if not certificate.email:
        return
    context = {
        "certificate": certificate,
        "event": certificate.event,
        "verify_url": verify_url(certificate.code),
        "my_url": my_url(certificate.email),
    }
    subject, body, html = mail_render("certificates/email/issued", context)
    mail_queue(
        to=[certificate.email],
        subject=subject,
        body=body,
        html=html,
        topic="certificates.issued",
        dedup_key=f"certificates.issued.{certificate.pk}",
    )


# --- batches ---------------------------------------------------------------------------------------


def batch_start(*, actor: Any, event: Event, send_mail: bool = True) -> Batch:
    """Queue issuing every missing certificate of the event; the task reports progress on the batch.

    An unfinished batch (its worker may have been killed) is queued again rather than duplicated:
    running it twice is harmless, it only issues what is still missing."""
    if not event.certificate_kinds.exists():
        raise ValidationError(_("Сначала добавьте хотя бы один вид сертификата."))
    from edcluster.certificates.tasks import issue_batch

    with transaction.atomic():
        running = event.certificate_batches.filter(status__in=[Batch.Status.QUEUED, Batch.Status.RUNNING]).first()
        if running is not None:
            pk = running.pk
            transaction.on_commit(lambda: issue_batch.delay(pk))
            return running
        batch = Batch.objects.create(
            event=event,
            send_mail=send_mail,
            total=selectors.missing_count(event),
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        audit_log(
            actor=actor, action="certificates.batch.started", target=event, changes={"total": [None, batch.total]}
        )
    pk = batch.pk
    transaction.on_commit(lambda: issue_batch.delay(pk))
    return batch


def batch_run(batch_pk: int, *, fail_after: int | None = None) -> Batch:
    """Issue what is missing for the batch's event, one transaction per certificate.

    Resumable: a rerun (after a killed worker) recomputes what is missing and continues from there.
    ``fail_after`` stops with an error after that many certificates (tests simulate a crash)."""
    batch = Batch.objects.select_related("event", "event__cluster", "created_by").get(pk=batch_pk)
    todo = selectors.missing(batch.event)
    already = Certificate.objects.filter(event=batch.event).count()
    Batch.objects.filter(pk=batch.pk).update(status=Batch.Status.RUNNING, total=batch.done + len(todo), done=batch.done)
    batch.refresh_from_db()
    issued = 0
    pause = settings.EDCLUSTER_CERTIFICATES_BATCH_PAUSE_MS / 1000
    try:
        for kind, registration in todo:
            if pause and issued:
                time.sleep(pause)
            if fail_after is not None and issued >= fail_after:
                raise RuntimeError("simulated crash")
            certificate, created = certificate_issue(actor=batch.created_by, kind=kind, registration=registration)
            if created and batch.send_mail:
                with transaction.atomic():
                    certificate_mail(certificate)
            issued += 1
            Batch.objects.filter(pk=batch.pk).update(done=batch.done + issued)
    except Exception:
        Batch.objects.filter(pk=batch.pk).update(status=Batch.Status.FAILED)
        raise
    Batch.objects.filter(pk=batch.pk).update(status=Batch.Status.DONE, finished_at=timezone.now())
    batch.refresh_from_db()
    audit_log(
        actor=batch.created_by,
        action="certificates.batch.finished",
        target=batch.event,
        changes={"issued": [already, already + issued]},
    )
    return batch
