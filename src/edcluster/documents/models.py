"""A cluster's own template for a document kind, and generated documents (DOCX, PDF)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from edcluster.core.models import TimeStampedModel
from edcluster.organizations.models import Cluster


class ClusterTemplate(TimeStampedModel):
    cluster = models.ForeignKey(
        Cluster, verbose_name=_("кластер"), on_delete=models.CASCADE, related_name="document_templates"
    )
    kind = models.CharField(_("вид документа"), max_length=50)
    filename = models.CharField(_("файл"), max_length=255)
    content = models.BinaryField(_("шаблон .docx"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("загрузил"), null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("шаблон кластера")
        verbose_name_plural = _("шаблоны кластеров")
        constraints = [models.UniqueConstraint(fields=["cluster", "kind"], name="clustertemplate_kind_uniq")]

    def __str__(self) -> str:
        return f"{self.cluster} — {self.kind}"


class GeneratedDocument(TimeStampedModel):
    class PdfStatus(models.TextChoices):
        NONE = "", _("не запрошен")
        PENDING = "pending", _("готовится")
        READY = "ready", _("готов")
        FAILED = "failed", _("не удалось")

    kind = models.CharField(_("вид документа"), max_length=50)
    object_id = models.PositiveBigIntegerField(_("номер записи"))
    options = models.JSONField(_("параметры"), default=dict, blank=True)
    cluster = models.ForeignKey(
        Cluster, verbose_name=_("кластер"), null=True, on_delete=models.CASCADE, related_name="+"
    )
    filename = models.CharField(_("имя файла"), max_length=255)
    docx = models.BinaryField(_("DOCX"))
    pdf = models.BinaryField(_("PDF"), null=True, blank=True)
    pdf_status = models.CharField(
        _("PDF"), max_length=10, choices=PdfStatus.choices, default=PdfStatus.NONE, blank=True
    )
    pdf_error = models.CharField(_("ошибка PDF"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("создал"), null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("документ")
        verbose_name_plural = _("документы")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["kind", "object_id"], name="gendoc_source_idx")]

    def __str__(self) -> str:
        return self.filename
