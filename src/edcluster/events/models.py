"""Events, their programme, site visits and registrations."""

from __future__ import annotations

import secrets
import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from edcluster.core.links import detail_url
from edcluster.core.models import ChoiceLabelsModel
from edcluster.organizations.models import Cluster, Organization, Person
from edcluster.organizations.regions import REGIONS


class EventKind(models.TextChoices):
    CONFERENCE = "conference", _("конференция")
    SEMINAR = "seminar", _("семинар")
    WORKSHOP = "workshop", _("практикум")
    ROUND_TABLE = "round_table", _("круглый стол")
    COUNCIL = "council", _("заседание совета")
    INTERNSHIP = "internship", _("стажировка")
    SECTION = "section", _("секция")
    METHODICAL_TRAIN = "methodical_train", _("методический поезд")
    MASTER_CLASS = "master_class", _("мастер-класс")
    FESTIVAL = "festival", _("фестиваль")
    CONTEST = "contest", _("конкурс")
    EXCURSION = "excursion", _("экскурсия")
    OPEN_LESSON = "open_lesson", _("открытый урок")


class EventFormat(models.TextChoices):
    IN_PERSON = "in_person", _("очно")
    ONLINE = "online", _("онлайн")
    MIXED = "mixed", _("смешанный (очно и онлайн)")


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("черновик")
    PUBLISHED = "published", _("опубликовано")
    REGISTRATION_OPEN = "registration_open", _("регистрация открыта")
    REGISTRATION_CLOSED = "registration_closed", _("регистрация закрыта")
    HELD = "held", _("проведено")
    ARCHIVED = "archived", _("в архиве")


class Event(ChoiceLabelsModel):
    cluster = models.ForeignKey(Cluster, verbose_name=_("кластер"), on_delete=models.PROTECT, related_name="events")
    title = models.CharField(_("название"), max_length=500)
    kind = models.CharField(_("вид"), max_length=20, choices=EventKind.choices)
    format = models.CharField(_("формат"), max_length=20, choices=EventFormat.choices, default=EventFormat.IN_PERSON)
    status = models.CharField(
        _("статус"), max_length=20, choices=EventStatus.choices, default=EventStatus.DRAFT, db_index=True
    )
    starts_on = models.DateField(_("дата начала"), db_index=True)
    ends_on = models.DateField(_("дата окончания"), null=True, blank=True)
    venue_organization = models.ForeignKey(
        Organization,
        verbose_name=_("место проведения (организация)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hosted_events",
    )
    address = models.CharField(_("адрес"), max_length=500, blank=True)
    room = models.CharField(_("аудитория"), max_length=100, blank=True)
    organizers = models.ManyToManyField(
        Organization, verbose_name=_("организаторы"), blank=True, related_name="organized_events"
    )
    theme = models.TextField(_("тема"), blank=True)
    goal = models.TextField(_("цель"), blank=True)
    tasks = models.JSONField(_("задачи"), default=list, blank=True)
    audience = models.JSONField(_("целевая аудитория"), default=list, blank=True)
    online_link = models.URLField(_("ссылка для подключения"), blank=True)
    online_instructions = models.TextField(_("инструкция для онлайн-участников"), blank=True)
    registration_opens_at = models.DateTimeField(_("начало регистрации"), null=True, blank=True)
    registration_deadline = models.DateTimeField(_("окончание регистрации"), null=True, blank=True)
    capacity_in_person = models.PositiveIntegerField(_("мест очно"), null=True, blank=True)
    capacity_online = models.PositiveIntegerField(_("мест онлайн"), null=True, blank=True)
    reminder_days = models.PositiveSmallIntegerField(
        _("напомнить за (дней)"), default=2, blank=True, help_text=_("0 — не напоминать.")
    )
    moderation = models.BooleanField(_("заявки подтверждает организатор"), default=False, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("мероприятие")
        verbose_name_plural = _("мероприятия")
        ordering = ["starts_on", "pk"]
        # a cluster's events of a period: its list, its dashboard (bench/scale.py)
        indexes = [models.Index(fields=["cluster", "starts_on"], name="event_cluster_starts_idx")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return detail_url("events:event_detail", self.pk)

    @property
    def dates_text(self) -> str:
        """ "14 ноября 2025 г." or "10–12 апреля 2023 г."."""
        from edcluster.core.ru import format_date_range

        return format_date_range(self.starts_on, self.ends_on if self.ends_on != self.starts_on else None)

    # What get_kind_display() / get_format_display() give, for lists: Django's display hashes
    # every (lazy) choice of the field on each call — 13 translations per event for the kind.
    @property
    def kind_label(self) -> str:
        return str(EventKind(self.kind).label) if self.kind in EventKind.values else self.kind

    @property
    def format_label(self) -> str:
        return str(EventFormat(self.format).label) if self.format in EventFormat.values else self.format

    @property
    def has_in_person(self) -> bool:
        return self.format != EventFormat.ONLINE

    @property
    def has_online(self) -> bool:
        return self.format != EventFormat.IN_PERSON


class EventDay(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="days")
    date = models.DateField(_("дата"))
    starts_at = models.TimeField(_("начало"), null=True, blank=True)
    ends_at = models.TimeField(_("окончание"), null=True, blank=True)

    class Meta:
        verbose_name = _("день мероприятия")
        verbose_name_plural = _("дни мероприятия")
        ordering = ["date"]
        constraints = [models.UniqueConstraint(fields=["event", "date"], name="event_day_uniq")]

    def __str__(self) -> str:
        return str(self.date)


class Section(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sections")
    title = models.CharField(_("название секции"), max_length=500)
    moderators = models.ManyToManyField(Person, verbose_name=_("модераторы"), blank=True)

    class Meta:
        verbose_name = _("секция")
        verbose_name_plural = _("секции")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title


class ItemFormat(models.TextChoices):
    OPENING = "opening", _("открытие")
    LECTURE = "lecture", _("лекция")
    REPORT = "report", _("доклад")
    STAND_REPORT = "stand_report", _("стендовый доклад")
    EXCURSION = "excursion", _("экскурсия")
    MASTER_CLASS = "master_class", _("мастер-класс")
    DISCUSSION = "discussion", _("дискуссия")
    BREAK = "break", _("перерыв")


class ProgrammeItem(models.Model):
    day = models.ForeignKey(EventDay, on_delete=models.CASCADE, related_name="items")
    section = models.ForeignKey(Section, null=True, blank=True, on_delete=models.SET_NULL, related_name="items")
    starts_at = models.TimeField(_("начало"), null=True, blank=True)
    ends_at = models.TimeField(_("окончание"), null=True, blank=True)
    title = models.CharField(_("название"), max_length=500)
    format = models.CharField(_("формат"), max_length=20, choices=ItemFormat.choices, default=ItemFormat.REPORT)

    class Meta:
        verbose_name = _("пункт программы")
        verbose_name_plural = _("программа")
        ordering = ["starts_at", "pk"]

    def __str__(self) -> str:
        return self.title


class Speaker(models.Model):
    """A speaker of an item; position and organisation are copied as they were at the event."""

    item = models.ForeignKey(ProgrammeItem, on_delete=models.CASCADE, related_name="speakers")
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL)
    name = models.CharField(_("ФИО"), max_length=300)
    position = models.CharField(_("должность"), max_length=300, blank=True)
    organization_name = models.CharField(_("организация"), max_length=500, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class SiteVisit(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="site_visits")
    organization = models.ForeignKey(Organization, null=True, blank=True, on_delete=models.SET_NULL)
    title = models.CharField(_("площадка"), max_length=500)
    capacity = models.PositiveIntegerField(_("мест"), null=True, blank=True)

    class Meta:
        verbose_name = _("площадка посещения")
        verbose_name_plural = _("площадки посещения")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title


class QuestionKind(models.TextChoices):
    TEXT = "text", _("ответ текстом")
    CHOICE = "choice", _("выбор из списка")
    YES_NO = "yes_no", _("да или нет")


class Question(models.Model):
    """The event's own question on the registration form (e.g. "Нужен ли трансфер от вокзала?")."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(_("вопрос"), max_length=500)
    kind = models.CharField(_("вид ответа"), max_length=10, choices=QuestionKind.choices, default=QuestionKind.TEXT)
    choices = models.JSONField(_("варианты ответа"), default=list, blank=True)
    required = models.BooleanField(_("обязательный"), default=False)

    class Meta:
        verbose_name = _("вопрос регистрационной формы")
        verbose_name_plural = _("вопросы регистрационной формы")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.text

    @property
    def field_name(self) -> str:
        return f"q_{self.pk}"


class Mode(models.TextChoices):
    IN_PERSON = "in_person", _("очно")
    ONLINE = "online", _("онлайн")


class ParticipantRole(models.TextChoices):
    LISTENER = "listener", _("слушатель")
    SPEAKER = "speaker", _("докладчик")


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("подтверждена")
    PENDING = "pending", _("ожидает решения организатора")
    OFFERED = "offered", _("предложено место")
    WAITLISTED = "waitlisted", _("в листе ожидания")
    REJECTED = "rejected", _("отклонена")
    CANCELLED = "cancelled", _("отменена")


# Statuses that hold a place (counted against capacity): an offered place is kept for the person
# until the offer expires, a pending one until the organiser decides — so neither an accepted
# offer nor an approval can ever overbook.
HOLDING_STATUSES = (RegistrationStatus.CONFIRMED, RegistrationStatus.OFFERED, RegistrationStatus.PENDING)


def _code() -> str:
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _i in range(8))


class Registration(ChoiceLabelsModel):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    last_name = models.CharField(_("фамилия"), max_length=100)
    first_name = models.CharField(_("имя"), max_length=100)
    middle_name = models.CharField(_("отчество"), max_length=100, blank=True)
    organization = models.ForeignKey(Organization, null=True, blank=True, on_delete=models.SET_NULL)
    organization_name = models.CharField(_("организация"), max_length=500)
    position = models.CharField(_("должность"), max_length=300)
    region = models.CharField(_("регион"), max_length=2, choices=REGIONS)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("телефон"), max_length=50, blank=True)
    mode = models.CharField(_("форма участия"), max_length=20, choices=Mode.choices)
    role = models.CharField(_("роль"), max_length=20, choices=ParticipantRole.choices, default=ParticipantRole.LISTENER)
    talk_title = models.CharField(_("тема доклада"), max_length=500, blank=True)
    site_visit = models.ForeignKey(SiteVisit, null=True, blank=True, on_delete=models.SET_NULL)
    status = models.CharField(_("статус"), max_length=20, choices=RegistrationStatus.choices, db_index=True)
    code = models.CharField(_("код"), max_length=8, unique=True, default=_code)
    secret = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    consent = models.ForeignKey("core.Consent", null=True, blank=True, on_delete=models.SET_NULL)
    offer_expires_at = models.DateTimeField(_("предложение действует до"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("отмечен"), null=True, blank=True)
    no_show = models.BooleanField(_("не пришёл"), default=False)
    # Answers to the event's own questions: {"<question id>": "answer"}.
    answers = models.JSONField(_("ответы на вопросы"), default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("регистрация")
        verbose_name_plural = _("регистрации")
        ordering = ["created_at", "pk"]
        # the dashboard's speakers: few rows, found without reading every participant (bench/README.md)
        indexes = [
            models.Index(fields=["event"], condition=Q(role=ParticipantRole.SPEAKER), name="registration_speaker_idx"),
            # the organiser's list, alphabetical: its first page read in index order, not every
            # registration of the event sorted (at national scale the sort went parallel: 5 → 20 ms)
            models.Index(fields=["event", "last_name", "first_name", "id"], name="registration_list_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=~Q(status="cancelled"),
                name="registration_active_email_uniq",
                violation_error_message=_("Этот e-mail уже зарегистрирован на мероприятие."),
            )
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.last_name, self.first_name, self.middle_name) if p)
