"""Bodies (councils, boards, working groups), their meetings with protocols, and decisions
tracked to completion.

A ``Meeting`` carries its own date, place and theme so that it works on its own; it will be
linked to an event of kind "council meeting" (registration and attendance) later. Decision
evidence is a small generic link (kind + object id or URL + title), so that an event, a
document or a partnership can be attached without a schema change.
"""

from __future__ import annotations

import calendar
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from edcluster.core.links import detail_url
from edcluster.core.models import TimeStampedModel
from edcluster.organizations.models import Cluster, Organization, Person


class Body(TimeStampedModel):
    class Kind(models.TextChoices):
        COUNCIL = "council", _("совет")
        BOARD = "board", _("правление")
        WORKING_GROUP = "working_group", _("рабочая группа")

    cluster = models.ForeignKey(Cluster, verbose_name=_("кластер"), on_delete=models.CASCADE, related_name="bodies")
    kind = models.CharField(_("вид"), max_length=20, choices=Kind.choices, default=Kind.COUNCIL)
    name = models.CharField(_("название"), max_length=300)
    name_gent = models.CharField(
        _("название в родительном падеже для шапки протокола"),
        max_length=400,
        blank=True,
        help_text=_("«Протокол заседания …»; если пусто — склоняется автоматически."),
    )
    short_name_gent = models.CharField(
        _("краткое название в родительном падеже"),
        max_length=200,
        blank=True,
        help_text=_("«Решение …», например «Координационного Совета»."),
    )
    description = models.TextField(_("описание"), blank=True)

    class Meta:
        verbose_name = _("коллегиальный орган")
        verbose_name_plural = _("коллегиальные органы")
        ordering = ["cluster_id", "name"]
        constraints = [models.UniqueConstraint(fields=["cluster", "name"], name="body_cluster_name_uniq")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return detail_url("meetings:body_detail", self.pk)


class BodyMember(TimeStampedModel):
    class Role(models.TextChoices):
        CHAIR = "chair", _("председатель")
        DEPUTY = "deputy", _("заместитель председателя")
        SECRETARY = "secretary", _("секретарь")
        MEMBER = "member", _("член")

    body = models.ForeignKey(Body, verbose_name=_("орган"), on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(Person, verbose_name=_("человек"), on_delete=models.CASCADE, related_name="+")
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("представляет организацию"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    role = models.CharField(_("роль"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    since = models.DateField(_("с"), null=True, blank=True)
    until = models.DateField(_("по"), null=True, blank=True)

    class Meta:
        verbose_name = _("член органа")
        verbose_name_plural = _("члены органа")
        ordering = ["body_id", "person__last_name", "person__first_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(until__isnull=True) | Q(since__isnull=True) | Q(until__gte=models.F("since")),
                name="bodymember_dates_order",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_role_display()}"

    def active_on(self, day: date) -> bool:
        return (self.since is None or self.since <= day) and (self.until is None or self.until >= day)


class Meeting(TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("черновик")
        REMARKS = "remarks", _("направлен членам на замечания")
        APPROVED = "approved", _("утверждён")

    class AttendanceStyle(models.TextChoices):
        COUNTED = "counted", _("числом: «15 педагогов из 11 образовательных организаций»")
        NAMED = "named", _("поимённо, по алфавиту")
        TOTAL = "total", _("общее число, «список прилагается»")

    body = models.ForeignKey(Body, verbose_name=_("орган"), on_delete=models.CASCADE, related_name="meetings")
    number = models.PositiveIntegerField(_("номер протокола"))
    year = models.PositiveSmallIntegerField(_("год"), editable=False)
    date = models.DateField(_("дата"))
    time = models.TimeField(_("время"), null=True, blank=True)
    place = models.CharField(_("место"), max_length=300, blank=True)
    theme = models.CharField(_("тема"), max_length=500, blank=True)
    organizers = models.TextField(_("организаторы"), blank=True)
    # The meeting as an event of kind "council": its registration and check-in count attendance.
    event = models.OneToOneField(
        "events.Event",
        verbose_name=_("мероприятие"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meeting",
    )
    chair = models.ForeignKey(
        Person, verbose_name=_("председатель"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    secretary = models.ForeignKey(
        Person, verbose_name=_("секретарь"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    signature_title = models.CharField(
        _("подпись протокола (должность)"),
        max_length=200,
        blank=True,
        help_text=_("Например «Методист опорной школы»; если пусто — «Секретарь»."),
    )
    attendance_style = models.CharField(
        _("как записать присутствующих"),
        max_length=10,
        choices=AttendanceStyle.choices,
        default=AttendanceStyle.COUNTED,
    )
    attendance_people_unit = models.CharField(
        _("кто присутствовал (слово для счёта)"), max_length=100, default="педагог"
    )
    attended_count = models.PositiveIntegerField(
        _("присутствовало человек (если учтено на бумаге)"), null=True, blank=True
    )
    attended_org_count = models.PositiveIntegerField(
        _("из скольких организаций (если учтено на бумаге)"), null=True, blank=True
    )
    status = models.CharField(_("протокол"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    approved_at = models.DateTimeField(_("утверждён"), null=True, blank=True)

    class Meta:
        verbose_name = _("заседание")
        verbose_name_plural = _("заседания")
        ordering = ["-date", "-number"]
        constraints = [models.UniqueConstraint(fields=["body", "year", "number"], name="meeting_body_year_number_uniq")]

    def __str__(self) -> str:
        return f"{self.body} — протокол № {self.number}"

    def get_absolute_url(self) -> str:
        return detail_url("meetings:meeting_detail", self.pk)

    @property
    def is_frozen(self) -> bool:
        return self.status == self.Status.APPROVED


class Attendee(TimeStampedModel):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("заседание"), on_delete=models.CASCADE, related_name="attendees"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("человек"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    organization = models.ForeignKey(
        Organization, verbose_name=_("организация"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(_("ФИО (для приглашённых)"), max_length=300, blank=True)
    is_guest = models.BooleanField(_("приглашённый"), default=False)

    class Meta:
        verbose_name = _("присутствующий")
        verbose_name_plural = _("присутствующие")
        ordering = ["meeting_id", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"], condition=Q(person__isnull=False), name="attendee_meeting_person_uniq"
            )
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.person.full_name if self.person_id else self.name


class AgendaItem(TimeStampedModel):
    meeting = models.ForeignKey(Meeting, verbose_name=_("заседание"), on_delete=models.CASCADE, related_name="items")
    order = models.PositiveSmallIntegerField(_("номер"))
    title = models.CharField(_("вопрос"), max_length=500)
    heard = models.TextField(_("слушали (кратко)"), blank=True)

    class Meta:
        verbose_name = _("вопрос повестки")
        verbose_name_plural = _("повестка")
        ordering = ["meeting_id", "order"]
        constraints = [models.UniqueConstraint(fields=["meeting", "order"], name="agendaitem_order_uniq")]

    def __str__(self) -> str:
        return f"{self.order}. {self.title}"


class Speaker(models.Model):
    """A speaker on an agenda item, with position and organisation as they were at the meeting."""

    item = models.ForeignKey(AgendaItem, verbose_name=_("вопрос"), on_delete=models.CASCADE, related_name="speakers")
    order = models.PositiveSmallIntegerField(_("порядок"), default=0)
    person = models.ForeignKey(
        Person, verbose_name=_("человек"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(_("ФИО"), max_length=300)
    position = models.CharField(_("должность"), max_length=300, blank=True)
    organization = models.CharField(_("организация"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("докладчик")
        verbose_name_plural = _("докладчики")
        ordering = ["item_id", "order", "pk"]

    def __str__(self) -> str:
        return self.name


class Statement(models.Model):
    """ "Выступили": who said what on an item."""

    item = models.ForeignKey(AgendaItem, verbose_name=_("вопрос"), on_delete=models.CASCADE, related_name="statements")
    order = models.PositiveSmallIntegerField(_("порядок"), default=0)
    name = models.CharField(_("кто"), max_length=300)
    text = models.TextField(_("что сказал(а)"))

    class Meta:
        verbose_name = _("выступление")
        verbose_name_plural = _("выступили")
        ordering = ["item_id", "order", "pk"]

    def __str__(self) -> str:
        return self.name


class AgendaAttachment(models.Model):
    """A file attached to an agenda item (a presentation, a draft document): stored in media,
    checked by content on upload, downloaded only by those who may read the protocol."""

    item = models.ForeignKey(AgendaItem, verbose_name=_("вопрос"), on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("файл"), upload_to="meetings/agenda/%Y/")
    name = models.CharField(_("имя файла"), max_length=255)
    content_type = models.CharField(_("тип"), max_length=150)
    size = models.PositiveBigIntegerField(_("размер"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("загрузил"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("загружен"), auto_now_add=True)

    class Meta:
        verbose_name = _("приложение к вопросу")
        verbose_name_plural = _("приложения к вопросу")
        ordering = ["item_id", "pk"]

    def __str__(self) -> str:
        return self.name


class Decision(TimeStampedModel):
    class Status(models.TextChoices):
        PLANNED = "planned", _("запланировано")
        IN_PROGRESS = "in_progress", _("выполняется")
        DONE = "done", _("выполнено")
        OVERDUE = "overdue", _("просрочено")
        CANCELLED = "cancelled", _("отменено")

    class AddresseeKind(models.TextChoices):
        NONE = "", _("не указан")
        ORGANIZATION = "organization", _("организация")
        GROUP = "group", _("группа")
        PERSON = "person", _("человек")

    cluster = models.ForeignKey(Cluster, verbose_name=_("кластер"), on_delete=models.CASCADE, related_name="decisions")
    body = models.ForeignKey(
        Body, verbose_name=_("орган"), null=True, blank=True, on_delete=models.CASCADE, related_name="decisions"
    )
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("заседание"), null=True, blank=True, on_delete=models.CASCADE, related_name="decisions"
    )
    item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("вопрос повестки"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
    )
    # A recommendation of a section of an event (section results): grouped by addressee there.
    section = models.ForeignKey(
        "events.Section",
        verbose_name=_("секция"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="recommendations",
    )
    order = models.PositiveSmallIntegerField(_("номер"))
    text = models.TextField(_("текст решения"))
    addressee_kind = models.CharField(
        _("адресат"), max_length=20, choices=AddresseeKind.choices, default=AddresseeKind.NONE, blank=True
    )
    addressee_organization = models.ForeignKey(
        Organization,
        verbose_name=_("организация-адресат"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="addressed_decisions",
    )
    addressee_group = models.CharField(
        _("группа-адресат"), max_length=300, blank=True, help_text=_("«Управление образования», «педагоги» …")
    )
    addressee_person = models.ForeignKey(
        Person, verbose_name=_("человек-адресат"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    responsible = models.ForeignKey(
        Person,
        verbose_name=_("ответственный"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="responsible_decisions",
    )
    due_date = models.DateField(_("срок"), null=True, blank=True)
    due_month_only = models.BooleanField(_("срок — месяц"), default=False)
    status = models.CharField(
        _("состояние"), max_length=15, choices=Status.choices, default=Status.PLANNED, db_index=True
    )
    progress = models.PositiveSmallIntegerField(_("выполнено, %"), default=0)
    done_at = models.DateField(_("выполнено"), null=True, blank=True)

    class Meta:
        verbose_name = _("решение")
        verbose_name_plural = _("решения")
        ordering = ["cluster_id", "meeting_id", "item__order", "order"]
        indexes = [models.Index(fields=["cluster", "status", "due_date"], name="decision_board_idx")]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:60]}"

    def get_absolute_url(self) -> str:
        return detail_url("meetings:decision_detail", self.pk)

    @property
    def number(self) -> str:
        return f"{self.item.order}.{self.order}" if self.item_id else str(self.order)

    @property
    def deadline(self) -> date | None:
        """The last day the decision may be done on (the month's last day for a month due)."""
        if self.due_date is None:
            return None
        if self.due_month_only:
            last = calendar.monthrange(self.due_date.year, self.due_date.month)[1]
            return self.due_date.replace(day=last)
        return self.due_date

    @property
    def addressee_display(self) -> str:
        if self.addressee_kind == self.AddresseeKind.ORGANIZATION and self.addressee_organization_id:
            return self.addressee_organization.display_name
        if self.addressee_kind == self.AddresseeKind.PERSON and self.addressee_person_id:
            return self.addressee_person.short_name
        return self.addressee_group


class Milestone(models.Model):
    decision = models.ForeignKey(
        Decision, verbose_name=_("решение"), on_delete=models.CASCADE, related_name="milestones"
    )
    order = models.PositiveSmallIntegerField(_("порядок"), default=0)
    title = models.CharField(_("этап"), max_length=500)
    due_date = models.DateField(_("срок"), null=True, blank=True)
    done = models.BooleanField(_("выполнен"), default=False)

    class Meta:
        verbose_name = _("этап")
        verbose_name_plural = _("этапы")
        ordering = ["decision_id", "order", "pk"]

    def __str__(self) -> str:
        return self.title


class Evidence(TimeStampedModel):
    """What shows a decision was carried out: a generic link, so that an event, a document or a
    partnership from another app can be attached by kind and id without a schema change."""

    class Kind(models.TextChoices):
        EVENT = "event", _("мероприятие")
        DOCUMENT = "document", _("документ")
        PARTNERSHIP = "partnership", _("партнёрство")
        LINK = "link", _("ссылка")

    decision = models.ForeignKey(Decision, verbose_name=_("решение"), on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("вид"), max_length=20, choices=Kind.choices, default=Kind.LINK)
    object_id = models.PositiveBigIntegerField(_("номер записи"), null=True, blank=True)
    url = models.CharField(_("адрес"), max_length=500, blank=True)
    title = models.CharField(_("название"), max_length=500)

    class Meta:
        verbose_name = _("подтверждение")
        verbose_name_plural = _("подтверждения")
        ordering = ["decision_id", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "kind", "object_id"],
                condition=Q(object_id__isnull=False),
                name="evidence_decision_object_uniq",
            )
        ]


class Amendment(models.Model):
    """A numbered change to an approved protocol (the approved text itself stays frozen)."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("заседание"), on_delete=models.CASCADE, related_name="amendments"
    )
    number = models.PositiveSmallIntegerField(_("номер изменения"))
    text = models.TextField(_("текст изменения"))
    created_at = models.DateTimeField(_("внесено"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("внёс"), null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("изменение протокола")
        verbose_name_plural = _("изменения протокола")
        ordering = ["meeting_id", "number"]
        constraints = [models.UniqueConstraint(fields=["meeting", "number"], name="amendment_number_uniq")]

    def __str__(self) -> str:
        return f"Изменение № {self.number}"


class SectionResult(TimeStampedModel):
    """The results of a section of an event (section_results_template.txt): who took part
    (counted from the event's registrations), what was produced; its recommendations are
    decisions with ``section`` set, tracked like any other."""

    section = models.OneToOneField(
        "events.Section", verbose_name=_("секция"), on_delete=models.CASCADE, related_name="result"
    )
    participants_unit = models.CharField(
        _("кто участвовал (слово для счёта)"),
        max_length=100,
        default="участник",
        help_text=_("Например «заведующий ДОУ»: «12 заведующих ДОУ»."),
    )
    participants_place = models.CharField(
        _("откуда участники"), max_length=300, blank=True, help_text=_("Например «города Набережные Челны».")
    )
    summary = models.TextField(_("ход работы"), blank=True)
    outputs = models.TextField(_("результаты (модели, продукты)"), blank=True, help_text=_("По строке на результат."))

    class Meta:
        verbose_name = _("итоги секции")
        verbose_name_plural = _("итоги секций")

    def __str__(self) -> str:
        return f"Итоги: {self.section}"
