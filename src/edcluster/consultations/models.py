"""Parent consultation centres (КЦ/КП): the centre, its specialists and weekly schedule, parents'
requests, appointments, consultation records, satisfaction answers and the demand questionnaire."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from edcluster.core.links import detail_url
from edcluster.core.models import TimeStampedModel


def _token() -> str:
    return secrets.token_urlsafe(24)


class Form(models.TextChoices):
    IN_PERSON = "in_person", _("очно")
    REMOTE = "remote", _("дистанционно")
    VISIT = "visit", _("выезд в семью")


class SpecialistKind(models.TextChoices):
    PSYCHOLOGIST = "psychologist", _("педагог-психолог")
    SPEECH = "speech", _("учитель-логопед")
    DEFECTOLOGIST = "defectologist", _("учитель-дефектолог")
    EDUCATOR = "educator", _("воспитатель")
    MEDICAL = "medical", _("медицинский работник")
    SOCIAL = "social", _("социальный педагог")


class Topic(models.TextChoices):
    DEVELOPMENT = "development", _("развитие ребёнка")
    SPEECH = "speech", _("речь")
    BEHAVIOUR = "behaviour", _("поведение")
    HEALTH = "health", _("здоровье")
    SCHOOL = "school", _("подготовка к школе")
    ADAPTATION = "adaptation", _("адаптация к детскому саду")
    RIGHTS = "rights", _("права и льготы")
    OTHER = "other", _("другое")


class RecipientCategory(models.TextChoices):
    UNDER3 = "under3", _("родители детей до 3 лет")
    NOT_ATTENDING = "not_attending", _("родители детей, не посещающих детский сад")
    DISABLED = "disabled", _("родители детей с ОВЗ и инвалидностью")
    FOSTER = "foster", _("приёмные родители, опекуны, будущие усыновители")
    OTHER = "other", _("другие")


class Centre(TimeStampedModel):
    class Kind(models.TextChoices):
        CENTRE = "centre", _("консультационный центр")
        POINT = "point", _("консультационный пункт")

    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("организация"), on_delete=models.PROTECT, related_name="centres"
    )
    kind = models.CharField(_("вид"), max_length=10, choices=Kind.choices, default=Kind.CENTRE)
    name = models.CharField(_("название"), max_length=300)
    description = models.TextField(_("описание"), blank=True, default="")
    services = models.TextField(_("услуги (по одной в строке)"), blank=True, default="")
    forms = models.JSONField(_("формы работы"), default=list, blank=True)
    address = models.CharField(_("адрес"), max_length=500, blank=True, default="")
    phone = models.CharField(_("телефон"), max_length=50, blank=True, default="")
    email = models.EmailField(_("e-mail"), blank=True, default="")
    hours = models.CharField(_("часы работы"), max_length=300, blank=True, default="")
    min_duration = models.PositiveSmallIntegerField(
        _("минимальная продолжительность услуги, мин"),
        default=45,
        help_text=_("Консультация короче не считается оказанной услугой."),
    )
    is_public = models.BooleanField(_("страница опубликована"), default=True)

    class Meta:
        verbose_name = _("консультационный центр")
        verbose_name_plural = _("консультационные центры")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return detail_url("consultations:centre_detail", self.pk)

    @property
    def service_list(self) -> list[str]:
        return [s.strip() for s in self.services.splitlines() if s.strip()]

    @property
    def form_labels(self) -> list[str]:
        return [str(Form(f).label) for f in self.forms if f in Form.values]


class Specialist(TimeStampedModel):
    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="specialists")
    kind = models.CharField(_("специальность"), max_length=20, choices=SpecialistKind.choices)
    full_name = models.CharField(_("ФИО"), max_length=200)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("учётная запись"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consultation_specialists",
    )
    is_active = models.BooleanField(_("работает"), default=True)

    class Meta:
        verbose_name = _("специалист")
        verbose_name_plural = _("специалисты")
        ordering = ["centre", "kind", "full_name"]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.get_kind_display()})"


class ScheduleEntry(models.Model):
    """Weekly hours of a specialist, cut into slots of ``slot_minutes``."""

    class Weekday(models.IntegerChoices):
        MON = 0, _("понедельник")
        TUE = 1, _("вторник")
        WED = 2, _("среда")
        THU = 3, _("четверг")
        FRI = 4, _("пятница")
        SAT = 5, _("суббота")
        SUN = 6, _("воскресенье")

    specialist = models.ForeignKey(Specialist, on_delete=models.CASCADE, related_name="schedule")
    weekday = models.PositiveSmallIntegerField(_("день недели"), choices=Weekday.choices)
    start = models.TimeField(_("с"))
    end = models.TimeField(_("до"))
    slot_minutes = models.PositiveSmallIntegerField(_("длительность приёма, мин"), default=60)

    class Meta:
        verbose_name = _("часы приёма")
        verbose_name_plural = _("расписание")
        ordering = ["specialist", "weekday", "start"]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.start:%H:%M}–{self.end:%H:%M}"


class CentreDocument(TimeStampedModel):
    class Kind(models.TextChoices):
        REGULATION = "regulation", _("положение")
        ORDER = "order", _("приказ")
        PLAN = "plan", _("план работы")
        CONTRACT = "contract", _("договор с родителями")

    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("документ"), max_length=20, choices=Kind.choices)
    file = models.FileField(_("файл"), upload_to="consultations/documents/")
    date = models.DateField(_("дата"))

    class Meta:
        verbose_name = _("документ центра")
        verbose_name_plural = _("документы центра")
        ordering = ["centre", "kind", "-date"]

    def __str__(self) -> str:
        return self.get_kind_display()


class ParentRequest(TimeStampedModel):
    class Applicant(models.TextChoices):
        PARENT = "parent", _("родитель")
        GUARDIAN = "guardian", _("законный представитель (опекун)")
        ADOPTIVE = "adoptive", _("будущий приёмный родитель (усыновитель)")

    class Status(models.TextChoices):
        NEW = "new", _("новая")
        BOOKED = "booked", _("записан на приём")
        SERVED = "served", _("консультация проведена")
        CANCELLED = "cancelled", _("отменена")

    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="requests")
    applicant_kind = models.CharField(_("кто обращается"), max_length=10, choices=Applicant.choices)
    name = models.CharField(_("как к вам обращаться"), max_length=200)
    child_age = models.PositiveSmallIntegerField(_("возраст ребёнка, лет"), null=True, blank=True)
    child_expected = models.BooleanField(_("ребёнок ожидается"), default=False)
    topic = models.CharField(_("тема"), max_length=20, choices=Topic.choices)
    question = models.TextField(_("вопрос"), blank=True, default="")
    preferred_form = models.CharField(_("удобная форма"), max_length=10, choices=Form.choices)
    preferred_time = models.CharField(_("удобное время"), max_length=200, blank=True, default="")
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("телефон"), max_length=50, blank=True, default="")
    status = models.CharField(_("состояние"), max_length=10, choices=Status.choices, default=Status.NEW)
    consent = models.ForeignKey("core.Consent", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    served_at = models.DateTimeField(_("обслужена"), null=True, blank=True)

    class Meta:
        verbose_name = _("обращение родителя")
        verbose_name_plural = _("обращения родителей")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["centre", "created_at"], name="consult_request_centre_idx")]

    def __str__(self) -> str:
        return f"Обращение № {self.pk}"


class Appointment(TimeStampedModel):
    class Status(models.TextChoices):
        BOOKED = "booked", _("записан")
        CANCELLED = "cancelled", _("отменена")
        DONE = "done", _("состоялась")

    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="appointments")
    specialist = models.ForeignKey(Specialist, verbose_name=_("специалист"), on_delete=models.PROTECT)
    request = models.ForeignKey(
        ParentRequest, null=True, blank=True, on_delete=models.SET_NULL, related_name="appointments"
    )
    starts_at = models.DateTimeField(_("начало"))
    duration = models.PositiveSmallIntegerField(_("длительность, мин"), default=60)
    form = models.CharField(_("форма"), max_length=10, choices=Form.choices)
    email = models.EmailField(_("e-mail родителя"), blank=True, default="")
    status = models.CharField(_("состояние"), max_length=10, choices=Status.choices, default=Status.BOOKED)
    cancel_token = models.CharField(max_length=64, unique=True, default=_token)

    class Meta:
        verbose_name = _("запись на приём")
        verbose_name_plural = _("записи на приём")
        ordering = ["starts_at"]
        constraints = [
            # One specialist, one slot: the database refuses a second live booking.
            models.UniqueConstraint(
                fields=["specialist", "starts_at"],
                condition=~Q(status="cancelled"),
                name="consult_one_booking_per_slot",
            )
        ]

    def __str__(self) -> str:
        return f"{self.specialist.full_name}, {self.starts_at:%d.%m.%Y %H:%M}"


class Consultation(TimeStampedModel):
    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="consultations")
    specialist = models.ForeignKey(Specialist, verbose_name=_("специалист"), on_delete=models.PROTECT)
    request = models.ForeignKey(
        ParentRequest,
        verbose_name=_("обращение"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consultations",
    )
    appointment = models.OneToOneField(
        Appointment, null=True, blank=True, on_delete=models.SET_NULL, related_name="consultation"
    )
    date = models.DateField(_("дата"))
    form = models.CharField(_("форма"), max_length=10, choices=Form.choices)
    duration = models.PositiveSmallIntegerField(_("продолжительность, мин"))
    recipient_category = models.CharField(_("категория получателя"), max_length=20, choices=RecipientCategory.choices)
    topic = models.CharField(_("тема"), max_length=20, choices=Topic.choices)
    outcome = models.TextField(_("результат"), blank=True, default="")
    follow_up = models.TextField(_("дальнейшие шаги"), blank=True, default="")
    family_key = models.CharField(
        _("семья"), max_length=64, blank=True, default="", help_text=_("обезличенный ключ семьи для подсчёта")
    )
    email = models.EmailField(_("e-mail для анкеты"), blank=True, default="")
    survey_token = models.CharField(max_length=64, unique=True, default=_token)

    class Meta:
        verbose_name = _("консультация")
        verbose_name_plural = _("консультации")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["centre", "date"], name="consult_centre_date_idx")]

    def __str__(self) -> str:
        return f"{self.get_topic_display()}, {self.date:%d.%m.%Y}"


class SurveyAnswer(models.Model):
    """Anonymous in reports: only the consultation's centre and date are ever joined."""

    consultation = models.OneToOneField(Consultation, on_delete=models.CASCADE, related_name="survey")
    satisfied = models.BooleanField(_("вы довольны консультацией?"))
    score = models.PositiveSmallIntegerField(_("оценка от 1 до 5"))
    comment = models.TextField(_("комментарий"), blank=True, default="")
    answered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ответ на анкету удовлетворённости")
        verbose_name_plural = _("ответы на анкету удовлетворённости")
        constraints = [models.CheckConstraint(condition=Q(score__gte=1, score__lte=5), name="consult_survey_score_1_5")]

    def __str__(self) -> str:
        return str(self.score)


class Questionnaire(TimeStampedModel):
    """A demand study: questions with choices, answered anonymously by parents."""

    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="questionnaires")
    title = models.CharField(_("название"), max_length=300)
    questions = models.JSONField(_("вопросы"), default=list, help_text=_('список {"text": …, "choices": [...]}'))
    is_open = models.BooleanField(_("принимает ответы"), default=True)

    class Meta:
        verbose_name = _("анкета изучения спроса")
        verbose_name_plural = _("анкеты изучения спроса")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


class QuestionnaireResponse(models.Model):
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="responses")
    answers = models.JSONField(default=dict)  # {"0": "choice", ...}
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ответ на анкету спроса")
        verbose_name_plural = _("ответы на анкету спроса")

    def __str__(self) -> str:
        return f"{self.questionnaire_id}: {self.created_at:%d.%m.%Y}"
