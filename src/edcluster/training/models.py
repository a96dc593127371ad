"""Practical training of college students at partner bases: bases, periods, groups and students,
places per base and period (the capacity row), placements, the diary, evaluations, surveys and
graduates' employment."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from edcluster.core.models import TimeStampedModel

PRACTICE_DIRECTION = "Практическая подготовка студентов"

SPECIALISATIONS = [
    ("preschool", _("Дошкольное образование")),
    ("primary", _("Преподавание в начальных классах")),
    ("additional", _("Педагогика дополнительного образования")),
    ("correctional", _("Специальное дошкольное образование")),
    ("physical", _("Физическая культура")),
]

# The mentor's evaluation form: criteria marked 2–5 (the college's usual scale).
CRITERIA = [
    ("planning", _("Планирование и подготовка занятий")),
    ("conduct", _("Проведение образовательной деятельности с детьми")),
    ("communication", _("Взаимодействие с детьми, родителями и коллегами")),
    ("documentation", _("Ведение документации и дневника практики")),
    ("discipline", _("Трудовая дисциплина и ответственность")),
]


class PracticeBase(TimeStampedModel):
    """An organisation of the cluster that accepts a college's students, by a partnership with
    the direction «Практическая подготовка студентов»."""

    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("организация"), on_delete=models.CASCADE, related_name="+"
    )
    college = models.ForeignKey(
        "organizations.Organization", verbose_name=_("колледж"), on_delete=models.CASCADE, related_name="+"
    )
    partnership = models.ForeignKey(
        "partnerships.Partnership", verbose_name=_("договор о практической подготовке"), on_delete=models.PROTECT
    )
    specialisations = models.JSONField(_("специальности"), default=list, blank=True)
    conditions = models.TextField(_("условия"), blank=True)
    default_places = models.PositiveIntegerField(_("мест на период по умолчанию"), default=5)
    mentor_load = models.PositiveIntegerField(_("студентов на одного наставника"), default=2)
    mentors = models.ManyToManyField(
        "organizations.Person", verbose_name=_("наставники"), blank=True, related_name="practice_bases"
    )

    class Meta:
        verbose_name = _("база практики")
        verbose_name_plural = _("базы практики")
        constraints = [models.UniqueConstraint(fields=["organization", "college"], name="training_base_uniq")]

    def __str__(self) -> str:
        return self.organization.display_name

    def get_absolute_url(self) -> str:
        return reverse("training:base_detail", args=[self.pk])

    @property
    def specialisation_names(self) -> list[str]:
        names = dict(SPECIALISATIONS)
        return [str(names.get(s, s)) for s in self.specialisations]


class StudentGroup(TimeStampedModel):
    college = models.ForeignKey(
        "organizations.Organization", verbose_name=_("колледж"), on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(_("группа"), max_length=50)
    specialisation = models.CharField(_("специальность"), max_length=20, choices=SPECIALISATIONS)
    year = models.PositiveIntegerField(_("год выпуска"))

    class Meta:
        verbose_name = _("учебная группа")
        verbose_name_plural = _("учебные группы")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["college", "name"], name="training_group_uniq")]

    def __str__(self) -> str:
        return self.name


class Student(TimeStampedModel):
    person = models.ForeignKey(
        "organizations.Person", verbose_name=_("человек"), on_delete=models.CASCADE, related_name="student_records"
    )
    group = models.ForeignKey(StudentGroup, verbose_name=_("группа"), on_delete=models.CASCADE, related_name="students")

    class Meta:
        verbose_name = _("студент")
        verbose_name_plural = _("студенты")
        ordering = ["person__last_name", "person__first_name"]
        constraints = [models.UniqueConstraint(fields=["person", "group"], name="training_student_uniq")]

    def __str__(self) -> str:
        return self.person.full_name


class PracticePeriod(TimeStampedModel):
    class Kind(models.TextChoices):
        EDUCATIONAL = "educational", _("учебная")
        PRODUCTION = "production", _("производственная")
        PRE_DIPLOMA = "pre_diploma", _("преддипломная")

    college = models.ForeignKey(
        "organizations.Organization", verbose_name=_("колледж"), on_delete=models.CASCADE, related_name="+"
    )
    group = models.ForeignKey(StudentGroup, verbose_name=_("группа"), on_delete=models.PROTECT, related_name="periods")
    kind = models.CharField(_("вид практики"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("название"), max_length=300, blank=True)
    starts_on = models.DateField(_("начало"))
    ends_on = models.DateField(_("окончание"))
    tasks = models.TextField(_("задания программы практики"), blank=True, help_text=_("По одному на строке."))
    supervisor = models.ForeignKey(
        "organizations.Person",
        verbose_name=_("руководитель практики от колледжа"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    choice_open = models.BooleanField(_("студенты выбирают базу сами"), default=True)

    class Meta:
        verbose_name = _("период практики")
        verbose_name_plural = _("периоды практики")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="training_period_dates_order",
                violation_error_message=_("Дата окончания раньше даты начала."),
            ),
        ]

    def __str__(self) -> str:
        return self.title or f"{self.get_kind_display().capitalize()} практика, {self.group}"

    def get_absolute_url(self) -> str:
        return reverse("training:period_detail", args=[self.pk])

    @property
    def task_list(self) -> list[str]:
        return [t.strip() for t in self.tasks.splitlines() if t.strip()]


class BasePlaces(TimeStampedModel):
    """How many students a base takes in a period — the row locked while a place is taken."""

    period = models.ForeignKey(
        PracticePeriod, verbose_name=_("период"), on_delete=models.CASCADE, related_name="offers"
    )
    base = models.ForeignKey(PracticeBase, verbose_name=_("база"), on_delete=models.CASCADE, related_name="offers")
    places = models.PositiveIntegerField(_("мест"))

    class Meta:
        verbose_name = _("места базы в периоде")
        verbose_name_plural = _("места баз в периодах")
        constraints = [models.UniqueConstraint(fields=["period", "base"], name="training_places_uniq")]


class Placement(TimeStampedModel):
    period = models.ForeignKey(
        PracticePeriod, verbose_name=_("период"), on_delete=models.CASCADE, related_name="placements"
    )
    student = models.ForeignKey(Student, verbose_name=_("студент"), on_delete=models.CASCADE, related_name="placements")
    base = models.ForeignKey(PracticeBase, verbose_name=_("база"), on_delete=models.PROTECT, related_name="placements")
    mentor = models.ForeignKey(
        "organizations.Person",
        verbose_name=_("наставник"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mentored_placements",
    )
    chosen_by_student = models.BooleanField(_("выбрано студентом"), default=False)
    final_mark = models.PositiveSmallIntegerField(_("итоговая оценка колледжа"), null=True, blank=True)

    class Meta:
        verbose_name = _("распределение")
        verbose_name_plural = _("распределения")
        ordering = ["student__person__last_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "student"],
                name="training_placement_student_uniq",
                violation_error_message=_("Студент уже распределён в этом периоде."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.student} — {self.base}"

    def get_absolute_url(self) -> str:
        return reverse("training:placement_detail", args=[self.pk])


class DiaryEntry(TimeStampedModel):
    placement = models.ForeignKey(
        Placement, verbose_name=_("распределение"), on_delete=models.CASCADE, related_name="diary"
    )
    date = models.DateField(_("дата"))
    present = models.BooleanField(_("присутствовал(а)"), default=True)
    text = models.TextField(_("что сделано"))
    attachment = models.FileField(_("материал"), upload_to="training/diary/%Y/", blank=True)
    mentor_comment = models.TextField(_("комментарий наставника"), blank=True)

    class Meta:
        verbose_name = _("запись дневника")
        verbose_name_plural = _("записи дневника")
        ordering = ["date", "pk"]
        constraints = [models.UniqueConstraint(fields=["placement", "date"], name="training_diary_day_uniq")]


class Evaluation(TimeStampedModel):
    placement = models.OneToOneField(
        Placement, verbose_name=_("распределение"), on_delete=models.CASCADE, related_name="evaluation"
    )
    marks = models.JSONField(_("оценки по критериям"), default=dict)
    mark = models.PositiveSmallIntegerField(_("оценка наставника"))
    characteristic = models.TextField(_("характеристика"))
    evaluated_by = models.ForeignKey(
        "organizations.Person", verbose_name=_("наставник"), null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        verbose_name = _("оценка наставника")
        verbose_name_plural = _("оценки наставников")


class Feedback(TimeStampedModel):
    class Kind(models.TextChoices):
        BASE = "base", _("база о подготовке студента колледжем")
        STUDENT = "student", _("студент о базе практики")

    placement = models.ForeignKey(
        Placement, verbose_name=_("распределение"), on_delete=models.CASCADE, related_name="feedback"
    )
    kind = models.CharField(_("анкета"), max_length=10, choices=Kind.choices)
    score = models.PositiveSmallIntegerField(_("удовлетворённость (1–5)"))
    comment = models.TextField(_("комментарий"), blank=True)

    class Meta:
        verbose_name = _("анкета")
        verbose_name_plural = _("анкеты")
        constraints = [models.UniqueConstraint(fields=["placement", "kind"], name="training_feedback_uniq")]


class Employment(TimeStampedModel):
    """Where a graduate went to work (empty organisation: outside the cluster)."""

    student = models.OneToOneField(
        Student, verbose_name=_("выпускник"), on_delete=models.CASCADE, related_name="employment"
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("организация кластера"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    year = models.PositiveIntegerField(_("год"))

    class Meta:
        verbose_name = _("трудоустройство выпускника")
        verbose_name_plural = _("трудоустройство выпускников")
