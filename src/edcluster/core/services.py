"""Helpers every app's services use: validated create/update with an audit diff, consents,
and the e-mail outbox (see ``core.mail``)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from edcluster.core.audit import Changes, audit_log, diff, snapshot
from edcluster.core.errors import NotFound, ValidationError
from edcluster.core.models import Consent, ConsentText

M = TypeVar("M", bound=models.Model)


def full_clean(instance: models.Model, *, exclude: Iterable[str] | None = None) -> None:
    """``instance.full_clean()`` with Django's errors turned into the domain's Russian ones."""
    try:
        instance.full_clean(exclude=list(exclude) if exclude else None)
    except DjangoValidationError as exc:
        raise ValidationError.from_django(exc) from exc


def unknown_fields_check(data: Mapping[str, Any], allowed: Iterable[str]) -> None:
    extra = sorted(set(data) - set(allowed))
    if extra:
        raise ValidationError(errors={name: [_("Это поле нельзя изменить.")] for name in extra})


def model_create(
    model: type[M],
    *,
    actor: Any,
    action: str,
    data: Mapping[str, Any],
    fields: Iterable[str],
    clean_exclude: Iterable[str] = (),
    checks: Callable[[M], None] | None = None,
    before_save: Callable[[M], None] | None = None,
    extra: Mapping[str, Any] | None = None,
) -> M:
    """Create ``model`` from ``data`` (only ``fields``), validate it, save it and audit it.

    ``checks(instance)`` runs after field validation (rules across fields, duplicates) and
    raises a ``DomainError``; ``before_save(instance)`` fills derived columns (search text);
    ``extra`` sets attributes that are not user input (flags set by the service itself).
    """
    fields = list(fields)
    unknown_fields_check(data, fields)
    instance = model(**{k: v for k, v in data.items() if k in fields}, **(extra or {}))
    full_clean(instance, exclude=clean_exclude)
    if checks is not None:
        checks(instance)
    if before_save is not None:
        before_save(instance)
    instance.save()
    audit_log(actor=actor, action=action, target=instance, changes=diff({}, snapshot(instance, fields)))
    return instance


def model_update(
    instance: M,
    *,
    actor: Any,
    action: str,
    data: Mapping[str, Any],
    fields: Iterable[str],
    clean_exclude: Iterable[str] = (),
    checks: Callable[[M], None] | None = None,
    before_save: Callable[[M], None] | None = None,
) -> tuple[M, Changes]:
    """Apply ``data`` (only ``fields``) to ``instance``; validate, save and audit the diff.

    Returns the instance and the changes; when nothing changed, nothing is written. ``checks``
    and ``before_save`` as in ``model_create``.
    """
    fields = list(fields)
    unknown_fields_check(data, fields)
    touched = [k for k in data if k in fields]
    before = snapshot(instance, touched)
    for name in touched:
        setattr(instance, name, data[name])
    full_clean(instance, exclude=clean_exclude)
    if checks is not None:
        checks(instance)
    changes = diff(before, snapshot(instance, touched))
    if changes:
        if before_save is not None:
            before_save(instance)
        instance.save()
        audit_log(actor=actor, action=action, target=instance, changes=changes)
    return instance, changes


# --- consents (152-FZ) ---------------------------------------------------------------------------

DEFAULT_CONSENT_TEXTS = {
    "registry": (
        "Согласие на обработку персональных данных",
        "Я даю согласие оператору платформы edcluster на обработку моих персональных данных "
        "(фамилия, имя, отчество, место работы и должность, адрес электронной почты, телефон) "
        "в целях ведения реестра участников образовательного кластера, организации мероприятий "
        "и рассылки сведений о них. Согласие действует до его отзыва; отозвать его можно по "
        "ссылке из любого письма платформы.",
    ),
}


def consent_text_current(*, purpose: str) -> ConsentText:
    """The newest version of the consent text for ``purpose`` (created from the default wording
    on first use)."""
    text = ConsentText.objects.filter(purpose=purpose).order_by("-version").first()
    if text is None:
        if purpose not in DEFAULT_CONSENT_TEXTS:
            raise NotFound(_("Текст согласия не найден."))
        title, body = DEFAULT_CONSENT_TEXTS[purpose]
        text, _created = ConsentText.objects.get_or_create(
            purpose=purpose, version=1, defaults={"title": title, "text": body}
        )
    return text


def consent_text_publish(*, actor: Any, purpose: str, title: str, text: str) -> ConsentText:
    """Publish a new version; earlier consents keep pointing at the version they were given to."""
    with transaction.atomic():
        last = ConsentText.objects.select_for_update().filter(purpose=purpose).order_by("-version").first()
        obj = ConsentText.objects.create(
            purpose=purpose, version=(last.version + 1) if last else 1, title=title, text=text
        )
        audit_log(actor=actor, action="core.consent_text.published", target=obj)
    return obj


def consent_text_version(*, purpose: str, version: int | None) -> ConsentText:
    """The text of ``version`` (the current one when ``None``); refused when it does not exist."""
    text = (
        ConsentText.objects.filter(purpose=purpose, version=version).first()
        if version is not None
        else consent_text_current(purpose=purpose)
    )
    if text is None:
        raise ValidationError(_("Версия текста согласия устарела. Обновите страницу."))
    return text


def consent_give(
    *,
    purpose: str,
    email: str,
    ip: str | None,
    version: int | None = None,
    subject: models.Model | None = None,
    text: ConsentText | None = None,
) -> Consent:
    """Record a consent to the given (or current) version of the text, with time and IP.
    ``text``: the version already looked up (``consent_text_version``), saving a query."""
    if text is None:
        text = consent_text_version(purpose=purpose, version=version)
    from django.contrib.contenttypes.models import ContentType

    return Consent.objects.create(
        text=text,
        email=email.strip().lower(),
        ip=ip,
        subject_type=ContentType.objects.get_for_model(subject) if subject is not None else None,
        subject_id=str(subject.pk) if subject is not None else "",
    )


def consent_withdraw(*, token: str) -> Consent:
    consent = Consent.objects.filter(token=token).first()
    if consent is None:
        raise NotFound(_("Согласие не найдено."))
    if consent.withdrawn_at is None:
        consent.withdrawn_at = timezone.now()
        consent.save(update_fields=["withdrawn_at"])
        audit_log(actor=None, action="core.consent.withdrawn", target=consent)
    return consent
