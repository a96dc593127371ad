"""The records behind a dashboard figure: the same base querysets as ``analytics.selectors``
narrowed by the cell's filter (``list`` plus a few keys), with the joins each list needs chosen
on purpose so that a page costs the same number of queries whatever its length."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import quote_plus, urlencode

from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from edcluster.analytics import selectors as s
from edcluster.analytics.scope import REGION_NAMES, Period, Scope
from edcluster.core import ru
from edcluster.core.errors import ValidationError
from edcluster.organizations.models import Membership, OrganizationKind


@dataclass
class DrillList:
    """A titled list: ``rows(obj)`` gives the cells of one record, ``link(obj)`` its page."""

    key: str
    title: str
    headers: list[str]
    queryset: QuerySet
    row: Callable[[Any], list[Any]]
    link: Callable[[Any], str | None]


HIDDEN = "—"


def _date(value: dt.date | None) -> str:
    return ru.format_date(value) if value else ""


def _organizations(scope: Scope, period: Period, f: dict[str, str], show_people: bool) -> DrillList:
    qs = scope.organizations()
    title = _("Организации")
    if f.get("kind"):
        qs = qs.filter(kind=f["kind"])
        title = _("Организации: {kind}").format(kind=s._choices_label(OrganizationKind, f["kind"]))
    if f.get("role"):
        memberships = Membership.objects.filter(role=f["role"])
        if scope.cluster is not None:
            memberships = memberships.filter(cluster_id=scope.cluster.pk)
        qs = qs.filter(pk__in=memberships.values("organization_id"))
        title = _("Организации: {role}").format(role=s._choices_label(Membership.Role, f["role"]))
    return DrillList(
        "organizations",
        title,
        [_("Организация"), _("Тип"), _("Регион"), _("Муниципалитет")],
        qs.order_by("short_name", "full_name", "pk"),
        lambda o: [o.display_name, o.get_kind_display(), REGION_NAMES.get(o.region, ""), o.municipality],
        lambda o: o.get_absolute_url(),
    )


def _partnerships(scope: Scope, period: Period, f: dict[str, str], show_people: bool) -> DrillList:
    from edcluster.partnerships.models import Direction

    state = f.get("state", "")
    states = dict(s.PARTNERSHIP_STATES)
    qs = s.partnerships_in(scope).filter(s.partnership_state_q(state, period))
    title = _("Партнёрства: {state}").format(state=states.get(state, _("все")))
    direction = f.get("direction", "")
    if direction == "none":
        qs = qs.filter(directions__isnull=True)
        title += " — " + _("без направления")
    elif direction.isdigit():
        qs = qs.filter(pk__in=_with_direction(int(direction)))
        name = Direction.objects.filter(pk=int(direction)).values_list("name", flat=True).first() or ""
        title += f" — {name}"
    qs = qs.prefetch_related(Prefetch("directions", queryset=Direction.objects.only("name"))).order_by(
        "-signed_on", "title", "pk"
    )
    return DrillList(
        "partnerships",
        title,
        [_("Партнёрство"), _("Номер"), _("Подписано"), _("Действует по"), _("Статус"), _("Направления")],
        qs,
        lambda p: [
            p.title,
            p.number,
            _date(p.signed_on),
            _("бессрочно") if p.indefinite else _date(p.valid_until),
            p.get_status_display(),
            ", ".join(d.name for d in p.directions.all()),
        ],
        lambda p: p.get_absolute_url(),
    )


def _with_direction(direction_id: int) -> QuerySet:
    from edcluster.partnerships.models import Partnership

    return Partnership.directions.through.objects.filter(direction_id=direction_id).values("partnership_id")


def _events(scope: Scope, period: Period, f: dict[str, str], show_people: bool) -> DrillList:
    from edcluster.events.models import EventKind

    qs = s.events_in(scope, period).select_related("cluster")
    title = _("Мероприятия")
    if f.get("kind"):
        qs = qs.filter(kind=f["kind"])
        title = _("Мероприятия: {kind}").format(kind=s._choices_label(EventKind, f["kind"]))
    if f.get("month"):
        try:
            month = dt.datetime.strptime(f["month"], "%Y-%m").date()
        except ValueError:
            raise ValidationError(_("Месяц указан неверно.")) from None
        qs = qs.filter(starts_on__year=month.year, starts_on__month=month.month)
        title += ", " + ru.format_date(month, "month")
    return DrillList(
        "events",
        title,
        [_("Мероприятие"), _("Вид"), _("Даты"), _("Формат"), _("Кластер"), _("Статус")],
        qs.order_by("starts_on", "pk"),
        lambda e: [
            e.title,
            e.get_kind_display(),
            e.dates_text,
            e.get_format_display(),
            e.cluster.name,
            e.get_status_display(),
        ],
        lambda e: e.get_absolute_url(),
    )


def _registrations(scope: Scope, period: Period, f: dict[str, str], show_people: bool) -> DrillList:
    from edcluster.events.models import EventKind, Mode

    qs = s.registrations_in(scope, period).select_related("event")
    parts = []
    # the participants' region has its own parameter: ``region`` names a territorial scope
    if f.get("from_region"):
        qs = qs.filter(region=f["from_region"])
        parts.append(REGION_NAMES.get(f["from_region"], f["from_region"]))
    if f.get("mode"):
        qs = qs.filter(mode=f["mode"])
        parts.append(s._choices_label(Mode, f["mode"]))
    if f.get("attended"):
        qs = qs.filter(checked_in_at__isnull=False)
        parts.append(_("отмечены на месте"))
    if f.get("kind"):
        qs = qs.filter(event__kind=f["kind"])
        parts.append(s._choices_label(EventKind, f["kind"]))
    if f.get("speaker"):
        qs = qs.filter(role="speaker")
        parts.append(_("с докладом"))
    title = _("Участники") + (": " + ", ".join(parts) if parts else "")
    return DrillList(
        "registrations",
        title,
        [_("Участник"), _("Организация"), _("Должность"), _("Регион"), _("Мероприятие"), _("Форма"), _("Отмечен")],
        qs.order_by("event__starts_on", "last_name", "first_name", "pk"),
        lambda r: [
            r.full_name if show_people else HIDDEN,
            r.organization_name,
            r.position if show_people else HIDDEN,
            REGION_NAMES.get(r.region, r.region),
            r.event.title,
            r.get_mode_display(),
            _("да") if r.checked_in_at else "",
        ],
        lambda r: r.event.get_absolute_url(),
    )


def _speakers(scope: Scope, period: Period, f: dict[str, str], show_people: bool) -> DrillList:
    from edcluster.events.models import EventKind

    qs = s.speakers_in(scope, period).select_related("item__day__event")
    title = _("Докладчики")
    if f.get("kind"):
        qs = qs.filter(item__day__event__kind=f["kind"])
        title = _("Докладчики: {kind}").format(kind=s._choices_label(EventKind, f["kind"]))
    return DrillList(
        "speakers",
        title,
        [_("Докладчик"), _("Должность"), _("Организация"), _("Тема"), _("Мероприятие")],
        qs.order_by("item__day__date", "item__starts_at", "pk"),
        lambda sp: [sp.name, sp.position, sp.organization_name, sp.item.title, sp.item.day.event.title],
        lambda sp: sp.item.day.event.get_absolute_url(),
    )


def _decisions(scope: Scope, period: Period, f: dict[str, str], show_people: bool) -> DrillList:
    from edcluster.meetings.models import Decision

    qs = s.decisions_in(scope, period).select_related(
        "meeting__body", "item", "addressee_organization", "addressee_person"
    )
    title = _("Решения")
    if f.get("status"):
        qs = qs.filter(status=f["status"])
        title = _("Решения: {status}").format(status=s._choices_label(Decision.Status, f["status"]))
    if f.get("on_time"):
        qs = s.with_months(qs).filter(s.on_time_q())
        title = _("Решения, выполненные в срок")

    def due(d: Any) -> str:
        if not d.due_date:
            return ""
        return ru.format_date(d.due_date, "month") if d.due_month_only else ru.format_date(d.due_date)

    return DrillList(
        "decisions",
        title,
        [_("№"), _("Решение"), _("Протокол"), _("Адресат"), _("Срок"), _("Состояние"), _("Выполнено")],
        qs.order_by("meeting__date", "item__order", "order", "pk"),
        lambda d: [
            d.number,
            d.text,
            _("№ {n} от {date}").format(n=d.meeting.number, date=ru.format_date(d.meeting.date))
            if d.meeting_id
            else "",
            d.addressee_display,
            due(d),
            d.get_status_display(),
            _date(d.done_at),
        ],
        lambda d: d.get_absolute_url(),
    )


def _consultations(scope: Scope, period: Period, f: dict[str, str], show_people: bool) -> DrillList:
    from edcluster.consultations.models import Topic

    qs = s.consultations_in(scope, period).select_related("centre", "specialist", "survey")
    title = _("Консультации")
    if f.get("centre", "").isdigit():
        qs = qs.filter(centre_id=int(f["centre"]))
    if f.get("topic"):
        qs = qs.filter(topic=f["topic"])
        title = _("Консультации: {topic}").format(topic=s._choices_label(Topic, f["topic"]))

    def score(c: Any) -> Any:
        survey = getattr(c, "survey", None)
        return survey.score if survey is not None else ""

    return DrillList(
        "consultations",
        title,
        [_("Дата"), _("Центр"), _("Специалист"), _("Форма"), _("Тема"), _("Получатель"), _("Оценка")],
        qs.order_by("date", "pk"),
        lambda c: [
            _date(c.date),
            c.centre.name,
            c.specialist.full_name,
            c.get_form_display(),
            c.get_topic_display(),
            c.get_recipient_category_display(),
            score(c),
        ],
        lambda c: None,
    )


def _certificates(scope: Scope, period: Period, f: dict[str, str], show_people: bool) -> DrillList:
    from edcluster.certificates.models import KindCode

    qs = s.certificates_in(scope, period).select_related("event", "kind")
    title = _("Сертификаты")
    if f.get("kind"):
        qs = qs.filter(kind__code=f["kind"])
        title = _("Сертификаты: {kind}").format(kind=s._choices_label(KindCode, f["kind"]))
    qs = qs.filter(revoked_at__isnull=f.get("status") != "revoked")
    return DrillList(
        "certificates",
        title,
        [_("Номер"), _("Кому выдан"), _("Мероприятие"), _("Дата выдачи")],
        qs.order_by("seq", "pk"),
        lambda c: [
            c.number,
            HIDDEN if not show_people or c.personal_erased else c.full_name,
            c.event.title,
            _date(c.issued_on),
        ],
        lambda c: c.get_absolute_url(),
    )


def _placements(scope: Scope, period: Period, f: dict[str, str], show_people: bool) -> DrillList:
    qs = s.placements_in(scope, period).select_related("student__person", "base__organization", "period")
    title = _("Практика студентов")
    if f.get("base", "").isdigit():
        qs = qs.filter(base_id=int(f["base"]))
    if f.get("employed") == "cluster":
        memberships = Membership.objects.all()
        if scope.cluster is not None:
            memberships = memberships.filter(cluster_id=scope.cluster.pk)
        qs = qs.filter(student__employment__organization_id__in=memberships.values("organization_id"))
        title = _("Практика студентов: выпускники, трудоустроенные в кластере")
    return DrillList(
        "placements",
        title,
        [_("Студент"), _("База практики"), _("Практика"), _("Начало"), _("Итоговая оценка")],
        qs.order_by("period__starts_on", "base__organization__short_name", "pk"),
        lambda p: [
            p.student.person.full_name if show_people else HIDDEN,
            p.base.organization.display_name,
            str(p.period.get_kind_display()),
            _date(p.period.starts_on),
            p.final_mark or "",
        ],
        lambda p: p.get_absolute_url() if show_people else None,
    )


LISTS: dict[str, Callable[[Scope, Period, dict[str, str], bool], DrillList]] = {
    "organizations": _organizations,
    "partnerships": _partnerships,
    "events": _events,
    "registrations": _registrations,
    "speakers": _speakers,
    "decisions": _decisions,
    "consultations": _consultations,
    "certificates": _certificates,
    "placements": _placements,
}
FILTER_KEYS = (
    "kind",
    "role",
    "state",
    "direction",
    "month",
    "from_region",
    "mode",
    "attended",
    "speaker",
    "status",
    "on_time",
    "centre",
    "topic",
    "base",
    "employed",
)


def drill_url(scope: Scope, period: Period, drill: dict[str, str] | None) -> str | None:
    if not drill:
        return None
    return reverse("analytics:drill") + "?" + urlencode({**scope.params(), **period.params(), **drill})


# a dashboard's cells repeat the same few keys and values («list», «kind», «month», a status…):
# each is quoted once a process (``urlencode`` quoted each again in every cell)
_quoted = lru_cache(maxsize=4096)(quote_plus)


def drill_url_maker(scope: Scope, period: Period) -> Callable[[dict[str, str] | None], str | None]:
    """:func:`drill_url` for many cells of one dashboard: the path and the scope's and period's
    parameters are encoded once (a dashboard has several hundred cells), and a cell's filter is
    ``urlencode``d from quoted words kept for the process."""
    base = {**scope.params(), **period.params()}
    prefix = reverse("analytics:drill") + "?" + urlencode(base)

    def make(drill: dict[str, str] | None) -> str | None:
        if not drill:
            return None
        if base.keys() & drill.keys():  # the cell's filter overrides a parameter: the plain way
            return drill_url(scope, period, drill)
        return prefix + "&" + "&".join(f"{_quoted(str(key))}={_quoted(str(value))}" for key, value in drill.items())

    return make


def drill_filter(params: Any) -> dict[str, str]:
    """The cell's filter from a query string (only the keys a list understands)."""
    return {key: str(params.get(key)).strip() for key in ("list", *FILTER_KEYS) if params.get(key)}


def drill_list(scope: Scope, period: Period, params: Any, *, show_people: bool) -> DrillList:
    """The records behind one dashboard cell. ``show_people``: names and positions of
    participants are shown (otherwise hidden)."""
    f = drill_filter(params)
    build = LISTS.get(f.get("list", ""))
    if build is None:
        raise ValidationError(_("Неизвестный список: откройте его с панели аналитики."))
    return build(scope, period, f, show_people)
