"""Partnerships between organisations: agreements, joint projects, programmes; their parties,
directions, amendments, attachments and results."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from edcluster.core.links import detail_url
from edcluster.core.models import TimeStampedModel


class Direction(TimeStampedModel):
    """A direction of joint work (a managed list, edited by the administrator)."""

    name = models.CharField(_("название"), max_length=200, unique=True)
    order = models.PositiveIntegerField(_("порядок"), default=100)
    is_active = models.BooleanField(_("используется"), default=True)

    class Meta:
        verbose_name = _("направление")
        verbose_name_plural = _("направления")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class PartnershipKind(models.TextChoices):
    NETWORK_AGREEMENT = "network_agreement", _("Договор о сетевом взаимодействии")
    COOPERATION_AGREEMENT = "cooperation_agreement", _("Соглашение о сотрудничестве")
    JOINT_PROJECT = "joint_project", _("Совместный проект")
    PROGRAMME = "programme", _("Программа")
    INFORMAL = "informal", _("Неформальное партнёрство")


class PartnershipStatus(models.TextChoices):
    DRAFT = "draft", _("черновик")
    ACTIVE = "active", _("действует")
    EXPIRING = "expiring", _("истекает")
    EXPIRED = "expired", _("истёк")
    TERMINATED = "terminated", _("расторгнут")
    RENEWED = "renewed", _("продлён")


# Statuses in which the partnership is a working link of the network.
LIVE_STATUSES = (PartnershipStatus.ACTIVE, PartnershipStatus.EXPIRING)


class Partnership(TimeStampedModel):
    kind = models.CharField(_("вид"), max_length=30, choices=PartnershipKind.choices, db_index=True)
    title = models.CharField(_("название"), max_length=500)
    number = models.CharField(_("номер"), max_length=50, blank=True)
    signed_on = models.DateField(_("дата подписания"), null=True, blank=True)
    valid_from = models.DateField(_("действует с"), null=True, blank=True)
    valid_until = models.DateField(_("действует по"), null=True, blank=True, db_index=True)
    indefinite = models.BooleanField(_("бессрочно"), default=False)
    status = models.CharField(
        _("статус"), max_length=20, choices=PartnershipStatus.choices, default=PartnershipStatus.DRAFT, db_index=True
    )
    directions = models.ManyToManyField(Direction, verbose_name=_("направления"), blank=True, related_name="+")
    description = models.TextField(_("содержание"), blank=True)
    expected_results = models.TextField(_("ожидаемые результаты"), blank=True)
    achieved_results = models.TextField(_("достигнутые результаты"), blank=True)
    children_count = models.PositiveIntegerField(_("детей вовлечено"), null=True, blank=True)
    parents_count = models.PositiveIntegerField(_("родителей вовлечено"), null=True, blank=True)
    teachers_count = models.PositiveIntegerField(_("педагогов вовлечено"), null=True, blank=True)
    linked_events = models.TextField(_("прочие связи (текстом)"), blank=True)
    # Real links to the cluster's events and council decisions (set through services.partnership_link).
    events = models.ManyToManyField(
        "events.Event", verbose_name=_("связанные мероприятия"), blank=True, related_name="partnerships"
    )
    decisions = models.ManyToManyField(
        "meetings.Decision", verbose_name=_("связанные решения"), blank=True, related_name="partnerships"
    )
    previous = models.OneToOneField(
        "self",
        verbose_name=_("предыдущая редакция"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="renewal",
    )
    reminder_sent_on = models.DateField(_("напоминание отправлено"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("партнёрство")
        verbose_name_plural = _("партнёрства")
        ordering = ["-signed_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_until__gte=models.F("valid_from")),
                name="partnership_dates_order",
                violation_error_message=_("Дата окончания раньше даты начала."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return detail_url("partnerships:detail", self.pk)


class PartyRole(models.TextChoices):
    INITIATOR = "initiator", _("инициатор")
    PARTNER = "partner", _("партнёр")
    RESOURCE_CENTRE = "resource_centre", _("ресурсный центр")
    SPONSOR = "sponsor", _("спонсор")
    METHODOLOGICAL = "methodological", _("методическое сопровождение")


class Party(TimeStampedModel):
    partnership = models.ForeignKey(
        Partnership, verbose_name=_("партнёрство"), on_delete=models.CASCADE, related_name="parties"
    )
    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("организация"), on_delete=models.CASCADE, related_name="parties"
    )
    role = models.CharField(_("роль"), max_length=20, choices=PartyRole.choices, default=PartyRole.PARTNER)
    signatory = models.ForeignKey(
        "organizations.Person",
        verbose_name=_("подписант"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    resources = models.TextField(_("ресурсы стороны"), blank=True)

    class Meta:
        verbose_name = _("сторона")
        verbose_name_plural = _("стороны")
        ordering = ["partnership", "id"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "organization"], name="party_partnership_org_uniq"),
        ]

    def __str__(self) -> str:
        return f"{self.organization} ({self.get_role_display()})"


class Amendment(TimeStampedModel):
    partnership = models.ForeignKey(
        Partnership, verbose_name=_("партнёрство"), on_delete=models.CASCADE, related_name="amendments"
    )
    number = models.CharField(_("номер"), max_length=50, blank=True)
    signed_on = models.DateField(_("дата подписания"), null=True, blank=True)
    summary = models.TextField(_("содержание изменений"))

    class Meta:
        verbose_name = _("дополнительное соглашение")
        verbose_name_plural = _("дополнительные соглашения")
        ordering = ["partnership", "signed_on", "id"]

    def __str__(self) -> str:
        return self.number or self.summary[:50]


class Attachment(TimeStampedModel):
    class Kind(models.TextChoices):
        SCAN = "scan", _("скан подписанного документа")
        PLAN = "plan", _("план совместной работы")
        OTHER = "other", _("другое")

    partnership = models.ForeignKey(
        Partnership, verbose_name=_("партнёрство"), on_delete=models.CASCADE, related_name="attachments"
    )
    kind = models.CharField(_("вид"), max_length=10, choices=Kind.choices, default=Kind.OTHER)
    title = models.CharField(_("название"), max_length=300)
    file = models.FileField(_("файл"), upload_to="partnerships/%Y/")

    class Meta:
        verbose_name = _("вложение")
        verbose_name_plural = _("вложения")
        ordering = ["partnership", "id"]

    def __str__(self) -> str:
        return self.title
