"""The library of practices: a practice described once, its materials, and the organisations that
adopted it with their own (attributed) results."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from edcluster.core.links import detail_url
from edcluster.core.models import TimeStampedModel


class Audience(models.TextChoices):
    PRESCHOOL = "preschool", _("дошкольники")
    PRIMARY = "primary", _("младшие школьники")
    SCHOOL = "school", _("школьники 5–11 классов")
    PARENTS = "parents", _("родители")
    TEACHERS = "teachers", _("педагоги")
    STUDENTS = "students", _("студенты колледжей")


class WorkForm(models.TextChoices):
    CLUB = "club", _("кружок, клуб")
    PROJECT = "project", _("проект")
    PROGRAMME = "programme", _("программа")
    EVENT_SERIES = "event_series", _("цикл мероприятий")
    NETWORK = "network", _("сетевая форма")
    MENTORING = "mentoring", _("наставничество")
    CONSULTING = "consulting", _("консультационный центр")
    OTHER = "other", _("другое")


class PracticeStatus(models.TextChoices):
    DESCRIBED = "described", _("описана")
    PRESENTED = "presented", _("представлена")
    RECOMMENDED = "recommended", _("рекомендовано к внедрению")
    ADOPTED = "adopted", _("внедрена")


class Visibility(models.TextChoices):
    CLUSTER = "cluster", _("участникам кластера")
    PUBLIC = "public", _("всем")


class Practice(TimeStampedModel):
    title = models.CharField(_("название"), max_length=500)
    cluster = models.ForeignKey(
        "organizations.Cluster", verbose_name=_("кластер"), on_delete=models.PROTECT, related_name="practices"
    )
    organizations = models.ManyToManyField(
        "organizations.Organization", verbose_name=_("организации-авторы"), related_name="practices"
    )
    authors = models.ManyToManyField(
        "organizations.Person", verbose_name=_("авторы"), blank=True, related_name="practices"
    )
    direction = models.ForeignKey(
        "partnerships.Direction",
        verbose_name=_("направление"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="practices",
    )
    # Audience codes separated and framed by commas (",preschool,parents,") so one filter is a LIKE.
    audience = models.CharField(_("аудитория"), max_length=200, blank=True, db_index=True)
    work_form = models.CharField(_("форма работы"), max_length=20, choices=WorkForm.choices, db_index=True)
    goal = models.TextField(_("цель"), blank=True)
    content = models.TextField(_("содержание"), blank=True)
    stages = models.TextField(_("этапы"), blank=True)
    resources = models.TextField(_("ресурсы"), blank=True)
    transfer_conditions = models.TextField(_("условия переноса"), blank=True)
    results = models.TextField(_("результаты"), blank=True)
    participants_count = models.PositiveIntegerField(_("участников охвачено"), null=True, blank=True)
    evidence = models.TextField(_("подтверждения (мероприятия, партнёрства, решения)"), blank=True)
    indicators = models.TextField(
        _("показатели эффективности"),
        blank=True,
        help_text=_("по одному в строке; внедрившие вносят значения до и после"),
    )
    status = models.CharField(
        _("статус"), max_length=20, choices=PracticeStatus.choices, default=PracticeStatus.DESCRIBED, db_index=True
    )
    recommendation = models.CharField(_("решение о рекомендации"), max_length=500, blank=True)
    recommended_by = models.ForeignKey(
        "meetings.Decision",
        verbose_name=_("решение совета (ссылка)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="recommended_practices",
    )
    visibility = models.CharField(
        _("видимость"), max_length=10, choices=Visibility.choices, default=Visibility.CLUSTER, db_index=True
    )
    presented_at = models.ForeignKey(
        "events.Event",
        verbose_name=_("представлена на мероприятии"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="presented_practices",
        editable=False,
    )
    tags = models.CharField(_("метки"), max_length=500, blank=True, help_text=_("через запятую"))
    search_text = models.TextField(editable=False, blank=True, default="")

    class Meta:
        verbose_name = _("практика")
        verbose_name_plural = _("практики")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return detail_url("practices:detail", self.pk)

    @property
    def audience_list(self) -> list[str]:
        return [c for c in self.audience.split(",") if c]

    @property
    def audience_display(self) -> list[str]:
        labels = dict(Audience.choices)
        return [str(labels.get(c, c)) for c in self.audience_list]

    @property
    def tag_list(self) -> list[str]:
        return [t.strip() for t in self.tags.split(",") if t.strip()]

    @property
    def indicator_list(self) -> list[str]:
        return [line.strip() for line in self.indicators.splitlines() if line.strip()]


class MaterialKind(models.TextChoices):
    PRESENTATION = "presentation", _("презентация")
    PROGRAMME = "programme", _("программа")
    METHODICAL = "methodical", _("методические рекомендации")
    VIDEO = "video", _("видео")
    OTHER = "other", _("другое")


class Material(TimeStampedModel):
    """A file or a video link of a practice or of an event (a speaker's presentation, a programme,
    methodical recommendations): exactly one of ``practice`` and ``event`` is set."""

    practice = models.ForeignKey(
        Practice, verbose_name=_("практика"), null=True, blank=True, on_delete=models.CASCADE, related_name="materials"
    )
    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("мероприятие"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="materials",
    )
    programme_item = models.ForeignKey(
        "events.ProgrammeItem",
        verbose_name=_("доклад"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="materials",
    )
    title = models.CharField(_("название"), max_length=300)
    kind = models.CharField(_("вид"), max_length=20, choices=MaterialKind.choices, default=MaterialKind.OTHER)
    file = models.FileField(_("файл"), upload_to="practices/%Y/", blank=True)
    video_url = models.URLField(_("ссылка на видео"), blank=True)
    author = models.ForeignKey(
        "organizations.Person",
        verbose_name=_("автор"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    author_name = models.CharField(_("автор"), max_length=300, blank=True)
    sharing = models.CharField(
        _("разрешение на распространение"), max_length=10, choices=Visibility.choices, default=Visibility.CLUSTER
    )
    version = models.PositiveIntegerField(_("версия"), default=1)
    content_type = models.CharField(_("тип содержимого"), max_length=100, blank=True, editable=False)
    size = models.PositiveIntegerField(_("размер, байт"), default=0, editable=False)
    text = models.TextField(_("извлечённый текст"), blank=True, editable=False)
    preview = models.FileField(_("превью"), upload_to="previews/%Y/", blank=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("загрузил"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name = _("материал")
        verbose_name_plural = _("материалы")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(practice__isnull=False, event__isnull=True) | Q(practice__isnull=True, event__isnull=False),
                name="material_practice_xor_event",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def author_display(self) -> str:
        return self.author.full_name if self.author_id and self.author else self.author_name

    @property
    def cluster_id(self) -> int:
        owner = self.practice if self.practice_id else self.event
        assert owner is not None
        return owner.cluster_id


class Adoption(TimeStampedModel):
    practice = models.ForeignKey(
        Practice, verbose_name=_("практика"), on_delete=models.CASCADE, related_name="adoptions"
    )
    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("организация"), on_delete=models.CASCADE, related_name="adoptions"
    )
    adopted_on = models.DateField(_("дата внедрения"))
    adaptation = models.TextField(_("как адаптирована"), blank=True)
    own_results = models.TextField(_("собственные результаты"), blank=True)
    participants_reached = models.PositiveIntegerField(_("участников охвачено"), null=True, blank=True)
    survey_url = models.URLField(_("ссылка на опрос удовлетворённости"), blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("внёс"), null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("внедрение")
        verbose_name_plural = _("внедрения")
        ordering = ["practice", "adopted_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["practice", "organization"], name="adoption_practice_org_uniq"),
        ]

    def __str__(self) -> str:
        return f"{self.practice} — {self.organization}"


class IndicatorValue(TimeStampedModel):
    """One indicator of an adoption: its value before and after, entered by a named user."""

    adoption = models.ForeignKey(Adoption, verbose_name=_("внедрение"), on_delete=models.CASCADE, related_name="values")
    name = models.CharField(_("показатель"), max_length=300)
    before = models.DecimalField(_("до"), max_digits=12, decimal_places=2)
    after = models.DecimalField(_("после"), max_digits=12, decimal_places=2)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("внёс"), null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("значение показателя")
        verbose_name_plural = _("значения показателей")
        ordering = ["adoption", "id"]
        constraints = [models.UniqueConstraint(fields=["adoption", "name"], name="indicator_adoption_name_uniq")]

    def __str__(self) -> str:
        return self.name


class DigestOptOut(TimeStampedModel):
    """A user who asked not to receive the monthly digest of new practices and materials."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("пользователь"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = _("отказ от дайджеста")
        verbose_name_plural = _("отказы от дайджеста")

    def __str__(self) -> str:
        return str(self.user)
