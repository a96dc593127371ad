"""Certificates of events: kinds with their wording and rule, numbering per cluster, the design of
the printed page, issued certificates and the batches that issue them.

A ``Certificate`` keeps a snapshot of the person (``PERSONAL_FIELDS``) so that it can be verified
years later even if the registration changes; erasure blanks exactly those fields.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from edcluster.events.models import Event, Registration
from edcluster.organizations.models import Cluster


class KindCode(models.TextChoices):
    PARTICIPANT = "participant", _("участник")
    ACTIVE = "active", _("активный участник")
    SPEAKER = "speaker", _("докладчик")
    ORGANIZER = "organizer", _("организатор / модератор")


class Rule(models.TextChoices):
    CHECKED_IN = "checked_in", _("только отмеченные на мероприятии")
    CONFIRMED = "confirmed", _("все с подтверждённой регистрацией")
    SPEAKERS = "speakers", _("только докладчики")
    MARKED = "marked", _("только отмеченные организатором")


class NameCase(models.TextChoices):
    NOMN = "nomn", _("именительный (Грязева Елена Борисовна)")
    DATV = "datv", _("дательный (выдан Грязевой Елене Борисовне)")
    GENT = "gent", _("родительный (Грязевой Елены Борисовны)")


DEFAULT_PATTERN = "{year}-{code}-{seq:06d}"


class NumberSeries(models.Model):
    """How a cluster numbers its certificates: ``{year}-{code}-{seq:06d}`` → 2025-СТАРТ-000123."""

    cluster = models.OneToOneField(Cluster, on_delete=models.CASCADE, related_name="certificate_series")
    code = models.CharField(_("код кластера в номере"), max_length=30)
    pattern = models.CharField(
        _("шаблон номера"),
        max_length=100,
        default=DEFAULT_PATTERN,
        help_text=_("Подстановки: {year} — год мероприятия, {code} — код кластера, {seq:06d} — порядковый номер."),
    )

    class Meta:
        verbose_name = _("нумерация сертификатов")
        verbose_name_plural = _("нумерация сертификатов")

    def __str__(self) -> str:
        return f"{self.cluster} ({self.code})"


class NumberCounter(models.Model):
    """The last number used in a series for a year. Locked (``select_for_update``) by the
    transaction that issues a certificate, so numbers never repeat and never skip."""

    series = models.ForeignKey(NumberSeries, on_delete=models.CASCADE, related_name="counters")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["series", "year"], name="certificate_counter_uniq")]

    def __str__(self) -> str:
        return f"{self.series}: {self.year} — {self.last}"


class CertificateKind(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="certificate_kinds")
    code = models.CharField(_("вид"), max_length=20, choices=KindCode.choices)
    title = models.CharField(_("заголовок"), max_length=200, default="СЕРТИФИКАТ")
    lead = models.CharField(_("перед именем"), max_length=200, blank=True, default="подтверждает, что")
    name_case = models.CharField(_("падеж имени"), max_length=4, choices=NameCase.choices, default=NameCase.NOMN)
    wording = models.TextField(
        _("текст"),
        help_text=_("Подстановки: {event} — название в кавычках, {date} — даты, {talk} — тема доклада."),
    )
    rule = models.CharField(_("кому выдаётся"), max_length=20, choices=Rule.choices, default=Rule.CHECKED_IN)
    marked = models.ManyToManyField(
        Registration, verbose_name=_("отмеченные организатором"), blank=True, related_name="certificate_marks"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("вид сертификата")
        verbose_name_plural = _("виды сертификатов")
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["event", "code"], name="certificate_kind_uniq")]

    def __str__(self) -> str:
        return f"{self.get_code_display()}: {self.event}"


def _bytes_default() -> bytes:
    return b""


class Design(models.Model):
    """The printed page of an event's certificates (A4 landscape). ``layout`` holds, per text
    block, its position and size in millimetres and points: ``{"name": {"x": 148, "y": 110, "size": 26}}``."""

    event = models.OneToOneField(Event, on_delete=models.CASCADE, related_name="certificate_design")
    background = models.BinaryField(_("фон (PNG)"), default=_bytes_default, blank=True)
    logo = models.BinaryField(_("логотип (PNG)"), default=_bytes_default, blank=True)
    signature = models.BinaryField(_("подпись (PNG)"), default=_bytes_default, blank=True)
    signer = models.CharField(_("подписант"), max_length=300, blank=True)
    layout = models.JSONField(_("расположение блоков"), default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("оформление сертификатов")
        verbose_name_plural = _("оформление сертификатов")

    def __str__(self) -> str:
        return str(self.event)


def _code() -> str:
    return secrets.token_urlsafe(18)


# The person as on the certificate; blanked together when personal data are erased.
PERSONAL_FIELDS = ("last_name", "first_name", "middle_name", "email", "organization_name", "talk_title")


class Certificate(models.Model):
    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="certificates")
    kind = models.ForeignKey(CertificateKind, on_delete=models.PROTECT, related_name="certificates")
    registration = models.ForeignKey(
        Registration, null=True, blank=True, on_delete=models.SET_NULL, related_name="certificates"
    )
    number = models.CharField(_("номер"), max_length=60, unique=True)
    seq = models.PositiveIntegerField(_("порядковый номер"))
    issued_on = models.DateField(_("дата выдачи"))
    code = models.CharField(_("код проверки"), max_length=32, unique=True, default=_code)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    revoked_at = models.DateTimeField(_("аннулирован"), null=True, blank=True)
    revoked_reason = models.CharField(_("причина аннулирования"), max_length=500, blank=True)
    # --- personal snapshot (PERSONAL_FIELDS) ---
    last_name = models.CharField(_("фамилия"), max_length=100)
    first_name = models.CharField(_("имя"), max_length=100)
    middle_name = models.CharField(_("отчество"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    organization_name = models.CharField(_("организация"), max_length=500, blank=True)
    talk_title = models.CharField(_("тема доклада"), max_length=500, blank=True)
    personal_erased = models.BooleanField(_("данные удалены"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("сертификат")
        verbose_name_plural = _("сертификаты")
        ordering = ["seq", "pk"]
        constraints = [models.UniqueConstraint(fields=["registration", "kind"], name="certificate_registration_kind")]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("certificates:verify", args=[self.code])

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.last_name, self.first_name, self.middle_name) if p)

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None


class Batch(models.Model):
    """One run of issuing an event's certificates; its counters drive the progress bar."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("в очереди")
        RUNNING = "running", _("выдаются")
        DONE = "done", _("готово")
        FAILED = "failed", _("прервано")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="certificate_batches")
    status = models.CharField(_("состояние"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    send_mail = models.BooleanField(default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-pk"]

    def __str__(self) -> str:
        return f"{self.event}: {self.done}/{self.total}"

    @property
    def percent(self) -> int:
        return 100 if not self.total else min(100, round(100 * self.done / self.total))
