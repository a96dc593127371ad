"""The platform's own personal data: user accounts, consents and the e-mail outbox."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from edcluster.core.models import AuditEntry, Consent, OutboxMessage
from edcluster.core.privacy import ERASED_NAME, Erased, email_iexact, register_personal_data


def _users_export(email: str) -> list[dict[str, Any]]:
    return [
        {
            "логин": u.username,
            "фамилия": u.last_name,
            "имя": u.first_name,
            "e-mail": u.email,
            "зарегистрирован": u.date_joined.isoformat(),
            "последний вход": u.last_login.isoformat() if u.last_login else None,
        }
        for u in get_user_model().objects.filter(**email_iexact("email", email))
    ]


def _users_erase(email: str, erased: Erased) -> int:
    n = 0
    for user in get_user_model().objects.filter(**email_iexact("email", email)):
        user.first_name, user.last_name, user.email, user.is_active = ERASED_NAME, "", erased.email, False
        if "@" in user.username:
            user.username = erased.email
        user.set_unusable_password()
        user.save()
        n += 1
    return n


def _consents_export(email: str) -> list[dict[str, Any]]:
    return [
        {
            "согласие": c.text.title,
            "версия текста": c.text.version,
            "дано": c.given_at.isoformat(),
            "IP": c.ip,
            "отозвано": c.withdrawn_at.isoformat() if c.withdrawn_at else None,
        }
        for c in Consent.objects.filter(**email_iexact("email", email)).select_related("text")
    ]


def _consents_erase(email: str, erased: Erased) -> int:
    now = timezone.now()
    qs = Consent.objects.filter(**email_iexact("email", email))
    qs.filter(withdrawn_at__isnull=True).update(withdrawn_at=now)
    return qs.update(email=erased.email, ip=None)


def _outbox_export(email: str) -> list[dict[str, Any]]:
    return [
        {"тема": m.subject, "создано": m.created_at.isoformat(), "состояние": m.get_status_display()}
        for m in OutboxMessage.objects.filter(to__icontains=email)
        if any(addr.lower() == email.lower() for addr in m.to)
    ]


def _outbox_erase(email: str, erased: Erased) -> int:
    n = 0
    for m in OutboxMessage.objects.filter(to__icontains=email):
        if any(addr.lower() == email.lower() for addr in m.to):
            m.to = [erased.email]
            m.subject, m.body, m.html = "Письмо удалено", "", ""
            if m.status in (OutboxMessage.Status.PENDING, OutboxMessage.Status.FAILED):
                # never delivered now: the address is gone, so retry_outbox must not pick it up
                m.status, m.last_error = OutboxMessage.Status.STORED, "erased"
            m.save(update_fields=["to", "subject", "body", "html", "status", "last_error"])
            m.attachments.all().delete()
            n += 1
    return n


def _audit_erase(email: str, erased: Erased) -> int:
    """Runs last: history entries whose diff or title held the e-mail (a registration's or a
    request's creation diff carries the whole form) lose the diff; the entry itself stays."""
    from django.db.models import Q

    qs = AuditEntry.objects.filter(Q(changes__icontains=email) | Q(target_repr__icontains=email))
    return qs.exclude(action="core.privacy.erased").update(changes={}, target_repr=ERASED_NAME)


def register() -> None:
    register_personal_data("Учётная запись", export=_users_export, erase=_users_erase, order=0)
    register_personal_data(
        "Согласия на обработку персональных данных", export=_consents_export, erase=_consents_erase, order=1
    )
    register_personal_data("Письма платформы", export=_outbox_export, erase=_outbox_erase, order=2)
    register_personal_data("Журнал изменений", export=lambda email: [], erase=_audit_erase, order=1000)
