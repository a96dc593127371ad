"""Platform-wide models: users, the audit log, the e-mail outbox, personal-data consents and
background jobs. Domain records live in their own apps."""

from __future__ import annotations

import secrets
import uuid
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

_LABELS: dict[tuple[models.Field, str | None], dict[Any, str]] = {}


class ChoiceLabelsModel(models.Model):
    """``get_FOO_display()`` from a dictionary kept per field and language. Django's builds the
    dictionary of every choice on each call, translating every label (``make_hashable`` hashes
    the lazy strings): 850 translations for a registry page of 25 organisations, which made a
    page's time grow with its rows. Same result, the value itself for a value not among the
    choices (``tests/core/test_choice_labels.py`` compares every choice field with Django's)."""

    class Meta:
        abstract = True

    def _get_FIELD_display(self, field: models.Field) -> Any:
        key = (field, get_language())
        labels = _LABELS.get(key)
        if labels is None:
            labels = _LABELS[key] = {make_hashable(k): force_str(v, strings_only=True) for k, v in field.flatchoices}
        value = getattr(self, field.attname)
        return labels.get(make_hashable(value), force_str(value, strings_only=True))


class TimeStampedModel(ChoiceLabelsModel):
    created_at = models.DateTimeField(_("создано"), auto_now_add=True)
    updated_at = models.DateTimeField(_("изменено"), auto_now=True)

    class Meta:
        abstract = True


class User(AbstractUser):
    """An account. Roles are granted by ``organizations.RoleAssignment``; ``is_superuser`` is the
    platform administrator."""

    class Meta:
        verbose_name = _("пользователь")
        verbose_name_plural = _("пользователи")

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class AuditEntry(models.Model):
    """Who changed what and when. Written by ``core.audit.audit_log`` from every service."""

    created_at = models.DateTimeField(_("время"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("кто"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("действие"), max_length=100, db_index=True)
    target_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.SET_NULL)
    target_id = models.CharField(max_length=64, blank=True, default="")
    target_repr = models.CharField(_("объект"), max_length=300, blank=True, default="")
    changes = models.JSONField(_("изменения"), default=dict, blank=True)
    note = models.CharField(_("примечание"), max_length=500, blank=True, default="")

    class Meta:
        verbose_name = _("запись журнала")
        verbose_name_plural = _("журнал изменений")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id", "-created_at"], name="audit_target_idx")]

    def __str__(self) -> str:
        return f"{self.action} {self.target_repr}"


class OutboxMessage(models.Model):
    """Every e-mail the platform sends is first written here (after the business transaction
    commits) and then delivered by a task; with ``EMAIL_URL=outbox://`` it simply stays here for
    the administrator to read."""

    class Status(models.TextChoices):
        PENDING = "pending", _("в очереди")
        SENT = "sent", _("отправлено")
        STORED = "stored", _("сохранено в исходящих")
        FAILED = "failed", _("ошибка, будет повторено")
        DROPPED = "dropped", _("не отправлено: неактуально")

    created_at = models.DateTimeField(_("создано"), auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(_("отправлено"), null=True, blank=True)
    to = models.JSONField(_("кому"), default=list)
    subject = models.CharField(_("тема"), max_length=300)
    body = models.TextField(_("текст"))
    html = models.TextField(_("HTML"), blank=True, default="")
    status = models.CharField(_("состояние"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(_("попыток"), default=0)
    last_error = models.CharField(_("последняя ошибка"), max_length=500, blank=True, default="")
    topic = models.CharField(_("повод"), max_length=100, blank=True, default="", db_index=True)
    dedup_key = models.CharField(max_length=200, null=True, blank=True, unique=True)
    # Attachments the delivery task builds (``core.mail.LazyAttachments``): [{"builder", "params"}]
    lazy_attachments = models.JSONField(_("вложения к сборке"), default=list, blank=True)

    class Meta:
        verbose_name = _("письмо")
        verbose_name_plural = _("исходящие письма")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.subject


class OutboxAttachment(models.Model):
    message = models.ForeignKey(OutboxMessage, on_delete=models.CASCADE, related_name="attachments")
    filename = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    content = models.BinaryField()

    class Meta:
        verbose_name = _("вложение")
        verbose_name_plural = _("вложения")

    def __str__(self) -> str:
        return self.filename


class ConsentText(models.Model):
    """A versioned text of consent to personal-data processing (152-FZ). A new wording is a new
    version; a consent always points at the exact version the person agreed to."""

    purpose = models.CharField(_("цель обработки"), max_length=50)
    version = models.PositiveIntegerField(_("версия"))
    title = models.CharField(_("заголовок"), max_length=200)
    text = models.TextField(_("текст"))
    published_at = models.DateTimeField(_("опубликовано"), auto_now_add=True)

    class Meta:
        verbose_name = _("текст согласия")
        verbose_name_plural = _("тексты согласий")
        constraints = [models.UniqueConstraint(fields=["purpose", "version"], name="consent_text_version_uniq")]
        ordering = ["purpose", "-version"]

    def __str__(self) -> str:
        return f"{self.title} (в. {self.version})"


class Consent(models.Model):
    """One person's consent to one version of a text: when, from which IP; withdrawable."""

    text = models.ForeignKey(ConsentText, verbose_name=_("текст"), on_delete=models.PROTECT)
    email = models.EmailField(_("e-mail"), db_index=True)
    subject_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.SET_NULL)
    subject_id = models.CharField(max_length=64, blank=True, default="")
    given_at = models.DateTimeField(_("дано"), auto_now_add=True)
    ip = models.GenericIPAddressField(_("IP"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("отозвано"), null=True, blank=True)
    token = models.CharField(max_length=64, unique=True, default=secrets.token_urlsafe)

    class Meta:
        verbose_name = _("согласие на обработку ПДн")
        verbose_name_plural = _("согласия на обработку ПДн")
        ordering = ["-given_at"]

    def __str__(self) -> str:
        return f"{self.text} — {self.given_at:%d.%m.%Y}"


def _import_path(instance: ImportJob, filename: str) -> str:
    return f"imports/{instance.uuid}/{filename}"


class ImportJob(models.Model):
    """A two-phase tabular import (XLSX): the file is kept between validation and writing, and the
    report (row-numbered errors, duplicates, created records) is kept after."""

    class Status(models.TextChoices):
        VALIDATED = "validated", _("проверен")
        IMPORTED = "imported", _("импортирован")
        REJECTED = "rejected", _("отклонён")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("что импортируется"), max_length=50)
    file = models.FileField(_("файл"), upload_to=_import_path)
    original_name = models.CharField(_("имя файла"), max_length=255)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.VALIDATED)
    options = models.JSONField(default=dict, blank=True)
    report = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("импорт таблицы")
        verbose_name_plural = _("импорт таблиц")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.original_name
