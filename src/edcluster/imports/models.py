"""Imported documents: a batch of uploaded files, each read, extracted, reviewed and accepted.

The original file stays in media storage; ``ImportedRecord`` links it to every record created
(or matched) when its extraction was accepted — the file is their source document. Other apps'
models are not changed: the link is a generic relation kept here.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from edcluster.core.models import TimeStampedModel
from edcluster.organizations.models import Cluster, Organization


class ImportBatch(TimeStampedModel):
    class Status(models.TextChoices):
        QUEUED = "queued", _("в очереди")
        PROCESSING = "processing", _("обрабатывается")
        DONE = "done", _("обработан")

    cluster = models.ForeignKey(Cluster, verbose_name=_("кластер"), on_delete=models.CASCADE, related_name="+")
    organization = models.ForeignKey(
        Organization, verbose_name=_("организация"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("загрузил"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(_("состояние"), max_length=12, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(_("файлов"), default=0)
    processed = models.PositiveIntegerField(_("обработано"), default=0)

    class Meta:
        verbose_name = _("загрузка документов")
        verbose_name_plural = _("загрузки документов")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Загрузка № {self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("imports:batch_detail", args=[self.pk])

    @property
    def percent(self) -> int:
        return round(100 * self.processed / self.total) if self.total else 100


# The genres of ``extract.genre.GENRES`` as the pages name them.
GENRE_LABELS = {
    "protocol": _("протокол"),
    "info_letter": _("информационное письмо"),
    "resolution": _("резолюция"),
    "news": _("новость"),
    "social_partners": _("социальные партнёры"),
    "other": _("другой документ"),
}


def _file_path(instance: ImportedFile, filename: str) -> str:
    return f"imports/documents/{instance.sha256[:2]}/{instance.sha256}/{filename}"


class ImportedFile(TimeStampedModel):
    class Status(models.TextChoices):
        PENDING = "pending", _("ждёт обработки")
        READY = "ready", _("ждёт проверки")
        FAILED = "failed", _("не прочитан")
        ACCEPTED = "accepted", _("принят")
        REJECTED = "rejected", _("отклонён")

    batch = models.ForeignKey(ImportBatch, verbose_name=_("загрузка"), on_delete=models.CASCADE, related_name="files")
    file = models.FileField(_("файл"), upload_to=_file_path, blank=True, max_length=300)
    name = models.CharField(_("имя файла"), max_length=255)
    size = models.PositiveBigIntegerField(_("размер, байт"), default=0)
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    status = models.CharField(_("состояние"), max_length=10, choices=Status.choices, default=Status.PENDING)
    error = models.TextField(_("причина"), blank=True)
    text = models.TextField(_("текст"), blank=True)
    extraction = models.JSONField(_("извлечено"), default=dict, blank=True)
    proposal = models.JSONField(_("предложено"), default=dict, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("принял"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accepted_at = models.DateTimeField(_("принят"), null=True, blank=True)

    class Meta:
        verbose_name = _("загруженный документ")
        verbose_name_plural = _("загруженные документы")
        ordering = ["batch", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("imports:file_review", args=[self.pk])

    @property
    def genre_display(self) -> str:
        """The extracted genre in Russian ("информационное письмо"), or "" before extraction."""
        genre = (self.extraction or {}).get("genre") or ""
        return str(GENRE_LABELS.get(genre, genre))


class ImportedRecord(models.Model):
    """A record created (``created=True``) or matched when an imported file was accepted; the
    file is its source document."""

    imported_file = models.ForeignKey(
        ImportedFile, verbose_name=_("документ"), on_delete=models.CASCADE, related_name="records"
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    created = models.BooleanField(_("создана при импорте"), default=True)
    label = models.CharField(_("запись"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("запись из документа")
        verbose_name_plural = _("записи из документов")
        indexes = [models.Index(fields=["content_type", "object_id"])]
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.label
