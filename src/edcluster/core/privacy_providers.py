"""The platform's own personal data: user accounts, consents and the e-mail outbox."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from edcluster.core.models import AuditEntry, Consent, OutboxMessage
from edcluster.core.privacy import ERASED_NAME, Erased, Subject, register_personal_data


def _users_export(subject: Subject) -> list[dict[str, Any]]:
    return [
        {
            "логин": u.username,
            "фамилия": u.last_name,
            "имя": u.first_name,
            "e-mail": u.email,
            "зарегистрирован": u.date_joined.isoformat(),
            "последний вход": u.last_login.isoformat() if u.last_login else None,
        }
        for u in get_user_model().objects.filter(subject.email_q())
    ]


def _users_erase(subject: Subject, erased: Erased) -> int:
    n = 0
    for user in get_user_model().objects.filter(subject.email_q()):
        user.first_name, user.last_name, user.email, user.is_active = ERASED_NAME, "", erased.email, False
        if "@" in user.username:
            user.username = erased.email
        user.set_unusable_password()
        user.save()
        n += 1
    return n


def _consents_export(subject: Subject) -> list[dict[str, Any]]:
    return [
        {
            "согласие": c.text.title,
            "версия текста": c.text.version,
            "дано": c.given_at.isoformat(),
            "IP": c.ip,
            "отозвано": c.withdrawn_at.isoformat() if c.withdrawn_at else None,
        }
        for c in Consent.objects.filter(subject.email_q()).select_related("text")
    ]


def _consents_erase(subject: Subject, erased: Erased) -> int:
    now = timezone.now()
    qs = Consent.objects.filter(subject.email_q())
    qs.filter(withdrawn_at__isnull=True).update(withdrawn_at=now)
    return qs.update(email=erased.email, ip=None)


def _outbox_export(subject: Subject) -> list[dict[str, Any]]:
    email = subject.email
    if not email:
        return []
    return [
        {"тема": m.subject, "создано": m.created_at.isoformat(), "состояние": m.get_status_display()}
        for m in OutboxMessage.objects.filter(to__icontains=email)
        if any(addr.lower() == email.lower() for addr in m.to)
    ]


def _outbox_erase(subject: Subject, erased: Erased) -> int:
    email = subject.email
    if not email:
        return 0
    n = 0
    for m in OutboxMessage.objects.filter(to__icontains=email):
        if any(addr.lower() == email.lower() for addr in m.to):
            m.to = [erased.email]
            m.subject, m.body, m.html = "Письмо удалено", "", ""
            m.lazy_attachments = []  # nothing is built for it any more
            if m.status in (OutboxMessage.Status.PENDING, OutboxMessage.Status.FAILED):
                # never delivered now: the address is gone, so retry_outbox must not pick it up
                m.status, m.last_error = OutboxMessage.Status.STORED, "erased"
            m.save(update_fields=["to", "subject", "body", "html", "lazy_attachments", "status", "last_error"])
            m.attachments.all().delete()
            n += 1
    return n


def _audit_erase(subject: Subject, erased: Erased) -> int:
    """Runs last: history entries whose diff or title held the e-mail (a registration's or a
    request's creation diff carries the whole form) lose the diff; the entry itself stays. (The
    history of the person's registry records is cleared by the registry provider.)"""
    from django.db.models import Q

    email = subject.email
    if not email:
        return 0
    qs = AuditEntry.objects.filter(Q(changes__icontains=email) | Q(target_repr__icontains=email))
    return qs.exclude(action="core.privacy.erased").update(changes={}, target_repr=ERASED_NAME)


def register() -> None:
    register_personal_data("Учётная запись", export=_users_export, erase=_users_erase, order=0)
    register_personal_data(
        "Согласия на обработку персональных данных", export=_consents_export, erase=_consents_erase, order=1
    )
    register_personal_data("Письма платформы", export=_outbox_export, erase=_outbox_erase, order=2)
    register_personal_data("Журнал изменений", export=lambda subject: [], erase=_audit_erase, order=1000)
