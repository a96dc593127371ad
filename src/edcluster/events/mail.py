"""Registration e-mails: the confirmation carries the event's .ics and a QR code for check-in.

The .ics and the QR PNG are built by the delivery task, not by the request that registers the
person (``core.mail.LazyAttachments``, builder ``events.registration_confirmation``): a burst of
registrations pays only for the text of the e-mail."""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import segno
from django.conf import settings
from django.urls import reverse

from edcluster.core.mail import Attachment, LazyAttachments, MailObsolete, mail_queue, mail_render
from edcluster.core.privacy import ERASED_NAME
from edcluster.events.ics import event_ics
from edcluster.events.models import Mode, Registration, RegistrationStatus

CONFIRMATION_ATTACHMENTS = "events.registration_confirmation"


def qr_png(text: str) -> bytes:
    buf = io.BytesIO()
    segno.make(text, error="m").save(buf, kind="png", scale=6)
    return buf.getvalue()


def cancel_url(registration: Registration) -> str:
    return settings.SITE_URL + reverse("events:registration_cancel", args=[registration.secret])


@dataclass(frozen=True)
class PreparedMail:
    """A registration e-mail rendered ahead of the transaction that queues it, for the status
    it was rendered for (``registration_submit`` renders it before taking the capacity lock)."""

    status: str
    subject: str
    body: str
    html: str


def registration_mail(registration: Registration) -> PreparedMail:
    """Render the confirmation (or waiting-list / moderation notice) for the registration's
    current status. Needs no primary key (links use the secret), so it can run before the
    registration is saved; the confirmation's attachments are added at delivery."""
    event = registration.event
    confirmed = registration.status == RegistrationStatus.CONFIRMED
    context = {
        "registration": registration,
        "event": event,
        "confirmed": confirmed,
        "status": registration.status,
        "online": registration.mode == Mode.ONLINE,
        "cancel_url": cancel_url(registration),
        "event_url": settings.SITE_URL + event.get_absolute_url(),
    }
    subject, body, html = mail_render("events/email/registration", context)
    return PreparedMail(registration.status, subject, body, html)


def confirmation_attachments(params: Mapping[str, Any]) -> list[Attachment]:
    """The confirmation's attachments, built at delivery: the event's .ics (as the event is
    then) and the QR code of the check-in code. A registration deleted, cancelled or erased
    before delivery gets no confirmation (``MailObsolete``)."""
    registration = (
        Registration.objects.select_related("event__venue_organization").filter(pk=params["registration"]).first()
    )
    if registration is None:
        raise MailObsolete("registration deleted")
    if registration.status == RegistrationStatus.CANCELLED:
        raise MailObsolete("registration cancelled")
    if registration.last_name == ERASED_NAME:
        raise MailObsolete("registration erased")
    return [
        Attachment("event.ics", event_ics(registration.event), "text/calendar"),
        Attachment(f"qr-{registration.code}.png", qr_png(registration.code), "image/png"),
    ]


def queue_registration_mail(
    registration: Registration, prepared: PreparedMail | None = None, *, created: bool = False
) -> None:
    """Queue the registration e-mail; called inside the registration transaction, so it is
    delivered only after commit. ``prepared`` is used when it was rendered for the status the
    registration ended up with; otherwise the mail is rendered now. ``created``: the
    registration was inserted in this transaction, so its de-duplication key is new. A
    confirmation gets its .ics and QR code from the delivery task."""
    if prepared is None or prepared.status != registration.status:
        prepared = registration_mail(registration)
    confirmed = registration.status == RegistrationStatus.CONFIRMED
    mail_queue(
        to=[registration.email],
        subject=prepared.subject,
        body=prepared.body,
        html=prepared.html,
        lazy=[LazyAttachments(CONFIRMATION_ATTACHMENTS, {"registration": registration.pk})] if confirmed else [],
        topic="events.registration",
        dedup_key=f"events.registration.{registration.pk}.{registration.status}",
        fresh_key=created,
    )


def offer_url(registration: Registration, action: str = "") -> str:
    url = settings.SITE_URL + reverse("events:registration_offer", args=[registration.secret])
    return f"{url}?action={action}" if action else url


def queue_offer_mail(registration: Registration) -> None:
    """A place freed: the waiting person gets an offer with accept/decline links (secret link)."""
    event = registration.event
    context = {
        "registration": registration,
        "event": event,
        "accept_url": offer_url(registration, "accept"),
        "decline_url": offer_url(registration, "decline"),
        "event_url": settings.SITE_URL + event.get_absolute_url(),
    }
    subject, body, html = mail_render("events/email/offer", context)
    mail_queue(
        to=[registration.email],
        subject=subject,
        body=body,
        html=html,
        topic="events.offer",
        dedup_key=f"events.offer.{registration.pk}",
    )


def queue_reminder_mail(registration: Registration) -> bool:
    """One reminder per registration (``dedup_key``): running the task again sends nothing."""
    event = registration.event
    context = {
        "registration": registration,
        "event": event,
        "online": registration.mode == Mode.ONLINE,
        "cancel_url": cancel_url(registration),
        "event_url": settings.SITE_URL + event.get_absolute_url(),
    }
    subject, body, html = mail_render("events/email/reminder", context)
    return (
        mail_queue(
            to=[registration.email],
            subject=subject,
            body=body,
            html=html,
            topic="events.reminder",
            dedup_key=f"events.reminder.{registration.pk}",
        )
        is not None
    )
