"""The figures of a dashboard, read-only, from the apps that own the data.

``dashboard_figures(scope, period)`` is the one entry point: ``analytics.snapshots`` calls it
and stores the result, which the page, its XLSX, the DOCX report and the API read. Every figure
is a small table whose cells may carry a drill-down filter; ``drill_list`` (``analytics.drill``)
lists the records behind such a cell with the same base querysets as here, so a figure and its
list always agree.

Each figure costs one or two aggregate queries whatever the number of rows: counting happens
in the database (``GROUP BY``), never in Python over records.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Avg, BooleanField, Count, ExpressionWrapper, F, Q, QuerySet
from django.db.models.functions import ExtractMonth, ExtractYear, Lower, TruncMonth
from django.utils.translation import gettext as _

from edcluster.analytics.scope import CLUSTER, REGION_NAMES, Period, Scope
from edcluster.consultations.models import Centre, Consultation, Topic
from edcluster.core import ru
from edcluster.events.models import Event, EventKind, EventStatus, Mode, Registration, RegistrationStatus
from edcluster.events.models import Speaker as EventSpeaker
from edcluster.meetings.models import Decision, Meeting
from edcluster.organizations.models import Membership, OrganizationKind
from edcluster.partnerships.models import Partnership, PartnershipStatus


@dataclass
class Cell:
    value: Any
    drill: dict[str, str] | None = None  # filter of the records behind the value (see analytics.drill)


@dataclass
class Row:
    label: str
    cells: list[Cell]
    is_total: bool = False  # a total or subset line: in the table, not among the chart's bars


@dataclass
class Figure:
    """A titled table; ``chart`` says how the page draws it (``bar``, ``stacked``, ``doughnut``,
    ``none``)."""

    key: str
    title: str
    label_header: str
    columns: list[str]
    rows: list[Row]
    chart: str = "bar"
    note: str = ""

    @property
    def chart_rows(self) -> list[Row]:
        return [row for row in self.rows if not row.is_total]

    def chart_data(self) -> dict[str, Any]:
        """Chart.js data with, for every bar, the drill-down filter to open on click."""
        rows = self.chart_rows
        return {
            "type": self.chart,
            "labels": [row.label for row in rows],
            "datasets": [
                {
                    "label": column,
                    "data": [_number(row.cells[i].value) for row in rows],
                    "drill": [row.cells[i].drill for row in rows],
                }
                for i, column in enumerate(self.columns)
                if self.chart != "none"
            ],
        }

    def table(self) -> tuple[list[str], list[list[Any]]]:
        """Headers and plain rows (for XLSX and DOCX)."""
        return [self.label_header, *self.columns], [[row.label, *(c.value for c in row.cells)] for row in self.rows]


def _number(value: Any) -> float | int:
    return value if isinstance(value, int | float) else 0


@dataclass
class Headline:
    """The key numbers of a period — shown on top and compared year on year."""

    events: int = 0
    registrations: int = 0
    people: int = 0
    organizations: int = 0
    regions: int = 0
    in_person: int = 0
    online: int = 0
    attended: int = 0
    speakers: int = 0
    new_partnerships: int = 0
    decisions: int = 0
    decisions_on_time: int = 0
    decisions_due: int = 0
    consultations: int = 0
    satisfaction: float | None = None

    @property
    def on_time_share(self) -> float | None:
        return round(100 * self.decisions_on_time / self.decisions_due, 1) if self.decisions_due else None

    def as_rows(self) -> list[tuple[str, str, Any]]:
        """``(key, label, value)`` of every compared number."""
        return [
            ("events", _("Мероприятий"), self.events),
            ("people", _("Участников (человек)"), self.people),
            ("organizations", _("Организаций-участников"), self.organizations),
            ("regions", _("Регионов"), self.regions),
            ("speakers", _("Выступлений докладчиков"), self.speakers),
            ("new_partnerships", _("Новых партнёрств"), self.new_partnerships),
            ("decisions", _("Решений принято"), self.decisions),
            ("on_time_share", _("Решений выполнено в срок, %"), self.on_time_share),
            ("consultations", _("Консультаций"), self.consultations),
            ("satisfaction", _("Средняя оценка консультаций"), self.satisfaction),
        ]


@dataclass
class Dashboard:
    scope: Scope
    period: Period
    headline: Headline
    previous: Headline | None
    previous_period: Period | None
    figures: list[Figure] = field(default_factory=list)

    @property
    def summary(self) -> str:
        """ "50 участников из 36 субъектов Российской Федерации" — agreement by ``core.ru``."""
        h = self.headline
        if not h.people:
            return _("За период нет участников мероприятий.")
        return _("{people} из {orgs}, {regions}; {events}").format(
            people=ru.count_phrase(h.people, "участник"),
            orgs=ru.count_phrase(h.organizations, "организация", "gent"),
            regions=ru.count_phrase(h.regions, "субъект Российской Федерации"),
            events=ru.count_phrase(h.events, "мероприятие"),
        )

    def comparison(self) -> list[dict[str, Any]]:
        if self.previous is None:
            return []
        previous = {key: value for key, _label, value in self.previous.as_rows()}
        out = []
        for key, label, value in self.headline.as_rows():
            before = previous[key]
            delta = None
            if isinstance(value, int | float) and isinstance(before, int | float):
                delta = (
                    round(value - before, 1)
                    if isinstance(value, float) or isinstance(before, float)
                    else value - before
                )
            out.append({"key": key, "label": label, "value": value, "previous": before, "delta": delta})
        return out

    def figure(self, key: str) -> Figure:
        return next(f for f in self.figures if f.key == key)


# --- base querysets (shared with the drill-down lists) ---------------------------------------------


def events_in(scope: Scope, period: Period) -> QuerySet[Event]:
    """Published (not draft) events of the scope that start within the period."""
    return (
        Event.objects.filter(scope.event_q())
        .exclude(status=EventStatus.DRAFT)
        .filter(starts_on__gte=period.start, starts_on__lte=period.end)
    )


def registrations_in(scope: Scope, period: Period) -> QuerySet[Registration]:
    """Confirmed registrations (participants) of those events."""
    return Registration.objects.filter(
        event__in=events_in(scope, period).values("pk"), status=RegistrationStatus.CONFIRMED
    )


def speakers_in(scope: Scope, period: Period) -> QuerySet[EventSpeaker]:
    """Speakers of the events' programme items."""
    return EventSpeaker.objects.filter(item__day__event__in=events_in(scope, period).values("pk"))


def decisions_in(scope: Scope, period: Period) -> QuerySet[Decision]:
    """Decisions of the scope's bodies taken within the period (the meeting's date; a decision
    without a meeting — a section's recommendation — by its creation date). Decisions of
    protocols still in draft are not counted: they are not facts yet."""
    taken = Q(meeting__date__gte=period.start, meeting__date__lte=period.end) | Q(
        meeting__isnull=True, created_at__date__gte=period.start, created_at__date__lte=period.end
    )
    return (
        Decision.objects.filter(scope.decision_q())
        .filter(taken)
        .filter(Q(meeting__isnull=True) | Q(meeting__status=Meeting.Status.APPROVED))
    )


def on_time_q() -> Q:
    """Done no later than the deadline (the whole month for a "в марте" due date); needs the
    ``done_ym``/``due_ym`` annotations of :func:`with_months`."""
    return Q(status=Decision.Status.DONE, done_at__isnull=False, due_date__isnull=False) & (
        Q(due_month_only=False, done_at__lte=F("due_date")) | Q(due_month_only=True, done_ym__lte=F("due_ym"))
    )


def with_months(qs: QuerySet[Decision]) -> QuerySet[Decision]:
    return qs.annotate(
        done_ym=ExtractYear("done_at") * 12 + ExtractMonth("done_at"),
        due_ym=ExtractYear("due_date") * 12 + ExtractMonth("due_date"),
    )


def due_q() -> Q:
    """Decisions whose execution can be judged: done with a due date, or overdue."""
    return Q(status=Decision.Status.DONE, due_date__isnull=False) | Q(status=Decision.Status.OVERDUE)


def partnerships_in(scope: Scope) -> QuerySet[Partnership]:
    return Partnership.objects.filter(scope.partnership_q()).exclude(status=PartnershipStatus.DRAFT)


def partnership_state_q(state: str, period: Period, prefix: str = "") -> Q:
    """``active``: in force at some day of the period; ``expiring``: in force and ends within the
    expiry warning days (``PARTNERSHIP_EXPIRING_DAYS``) after the period's end or today, whichever
    comes first; ``new``: signed within the period."""
    from django.utils import timezone

    from edcluster.partnerships.services import expiring_days

    def q(**kwargs: Any) -> Q:
        return Q(**{prefix + key: value for key, value in kwargs.items()})

    active = (
        ~q(status=PartnershipStatus.TERMINATED)
        & (q(valid_from__isnull=True) | q(valid_from__lte=period.end))
        & (q(valid_until__isnull=True) | q(indefinite=True) | q(valid_until__gte=period.start))
    )
    if state == "active":
        return active
    if state == "expiring":
        reference = min(period.end, timezone.localdate())
        return (
            active
            & q(indefinite=False)
            & q(valid_until__gte=reference, valid_until__lte=reference + dt.timedelta(days=expiring_days()))
        )
    if state == "new":
        return q(signed_on__gte=period.start, signed_on__lte=period.end) | q(
            signed_on__isnull=True, valid_from__gte=period.start, valid_from__lte=period.end
        )
    return Q()


PARTNERSHIP_STATES = (("active", _("действующие")), ("expiring", _("истекающие")), ("new", _("новые")))


def centres_in(scope: Scope) -> QuerySet[Centre]:
    return Centre.objects.filter(scope.centre_q())


def consultations_in(scope: Scope, period: Period) -> QuerySet[Consultation]:
    return Consultation.objects.filter(
        centre__in=centres_in(scope).values("pk"), date__gte=period.start, date__lte=period.end
    )


# --- figures ----------------------------------------------------------------------------------------


def _choices_label(choices: Any, value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value or _("не указано")


def figure_organizations_by_kind(scope: Scope) -> Figure:
    counts = dict(scope.organizations().values_list("kind").annotate(n=Count("pk")).order_by())
    rows = [
        Row(str(label), [Cell(counts[value], {"list": "organizations", "kind": value})])
        for value, label in OrganizationKind.choices
        if counts.get(value)
    ]
    return Figure("orgs_by_kind", _("Организации по типам"), _("Тип"), [_("Организаций")], rows, "doughnut")


def figure_organizations_by_role(scope: Scope) -> Figure:
    memberships = Membership.objects.filter(organization__is_confirmed=True)
    if scope.cluster is not None:
        memberships = memberships.filter(cluster_id=scope.cluster.pk)
    else:
        memberships = memberships.filter(scope.organization_q("organization__"))
    counts = dict(memberships.values_list("role").annotate(n=Count("organization_id", distinct=True)).order_by())
    rows = [
        Row(str(label), [Cell(counts[value], {"list": "organizations", "role": value})])
        for value, label in Membership.Role.choices
        if counts.get(value)
    ]
    return Figure("orgs_by_role", _("Организации по роли в кластере"), _("Роль"), [_("Организаций")], rows)


def figure_partnerships(scope: Scope, period: Period) -> tuple[Figure, int]:
    """Partnerships by direction (a partnership with two directions counts in both) and the
    number of new ones."""
    from edcluster.partnerships.models import Direction

    base = partnerships_in(scope)
    through = Partnership.directions.through
    counts = {
        state: Count("partnership_id", filter=partnership_state_q(state, period, "partnership__"), distinct=True)
        for state, _label in PARTNERSHIP_STATES
    }
    by_direction = {
        row["direction_id"]: row
        for row in through.objects.filter(partnership__in=base.values("pk"))
        .values("direction_id")
        .annotate(**counts)
        .order_by()
    }
    plain = {
        state: Count("pk", filter=partnership_state_q(state, period), distinct=True)
        for state, _label in PARTNERSHIP_STATES
    }
    without = base.filter(directions__isnull=True).aggregate(**plain)
    totals = base.aggregate(**plain)
    names = dict(Direction.objects.filter(pk__in=list(by_direction)).values_list("pk", "name"))
    rows = []
    for direction_id, counted in sorted(by_direction.items(), key=lambda kv: names.get(kv[0], "")):
        cells = [
            Cell(counted[state], {"list": "partnerships", "state": state, "direction": str(direction_id)})
            for state, _label in PARTNERSHIP_STATES
        ]
        if any(c.value for c in cells):
            rows.append(Row(names.get(direction_id, "—"), cells))
    if any(without.values()):
        rows.append(
            Row(
                _("без направления"),
                [
                    Cell(without[state], {"list": "partnerships", "state": state, "direction": "none"})
                    for state, _label in PARTNERSHIP_STATES
                ],
            )
        )
    rows.append(
        Row(
            _("Всего партнёрств"),
            [Cell(totals[state], {"list": "partnerships", "state": state}) for state, _label in PARTNERSHIP_STATES],
            is_total=True,
        )
    )
    figure = Figure(
        "partnerships",
        _("Партнёрства по направлениям"),
        _("Направление"),
        [str(label).capitalize() for _state, label in PARTNERSHIP_STATES],
        rows,
        note=_("Партнёрство с несколькими направлениями учтено в каждом из них; «Всего» считает его один раз."),
    )
    return figure, totals["new"] or 0


def figure_events_by_month(scope: Scope, period: Period) -> tuple[Figure, int]:
    rows_db = (
        events_in(scope, period)
        .annotate(month=TruncMonth("starts_on"))
        .values_list("month", "kind")
        .annotate(n=Count("pk"))
        .order_by("month", "kind")
    )
    table: dict[dt.date, dict[str, int]] = {}
    kinds: set[str] = set()
    for month, kind, n in rows_db:
        month = month.date() if isinstance(month, dt.datetime) else month
        table.setdefault(month, {})[kind] = n
        kinds.add(kind)
    ordered = [value for value, _label in EventKind.choices if value in kinds]
    rows = [
        Row(
            ru.format_date(month, "month"),
            [
                Cell(
                    table[month].get(kind, 0),
                    {"list": "events", "kind": kind, "month": month.strftime("%Y-%m")}
                    if table[month].get(kind)
                    else None,
                )
                for kind in ordered
            ],
        )
        for month in sorted(table)
    ]
    total = sum(sum(v.values()) for v in table.values())
    figure = Figure(
        "events_by_month",
        _("Мероприятия по видам и месяцам"),
        _("Месяц"),
        [_choices_label(EventKind, kind) for kind in ordered],
        rows,
        "stacked",
    )
    return figure, total


def _participants(scope: Scope, period: Period) -> dict[str, int]:
    return registrations_in(scope, period).aggregate(
        registrations=Count("pk"),
        people=Count(Lower("email"), distinct=True),
        organizations=Count(Lower("organization_name"), distinct=True),
        regions=Count("region", distinct=True),
        in_person=Count("pk", filter=Q(mode=Mode.IN_PERSON)),
        online=Count("pk", filter=Q(mode=Mode.ONLINE)),
        attended=Count("pk", filter=Q(checked_in_at__isnull=False)),
    )


def figure_participants_by_region(scope: Scope, period: Period) -> Figure:
    rows_db = (
        registrations_in(scope, period)
        .values_list("region")
        .annotate(n=Count("pk"), people=Count(Lower("email"), distinct=True))
        .order_by("-n", "region")
    )
    rows = [
        Row(
            REGION_NAMES.get(region, region or _("не указан")),
            [
                Cell(people, {"list": "registrations", "from_region": region}),
                Cell(n, {"list": "registrations", "from_region": region}),
            ],
        )
        for region, n, people in rows_db
    ]
    return Figure(
        "participants_by_region",
        _("Участники по регионам"),
        _("Регион"),
        [_("Человек"), _("Регистраций")],
        rows,
    )


def figure_participation_mode(p: dict[str, int]) -> Figure:
    rows = [
        Row(str(Mode.IN_PERSON.label), [Cell(p["in_person"] or 0, {"list": "registrations", "mode": Mode.IN_PERSON})]),
        Row(str(Mode.ONLINE.label), [Cell(p["online"] or 0, {"list": "registrations", "mode": Mode.ONLINE})]),
        Row(
            _("отмечены на месте"),
            [Cell(p["attended"] or 0, {"list": "registrations", "attended": "1"})],
            is_total=True,
        ),
    ]
    return Figure("participation_mode", _("Очно и онлайн"), _("Форма участия"), [_("Регистраций")], rows, "doughnut")


def figure_speakers(scope: Scope, period: Period) -> tuple[Figure, int]:
    programme = {
        kind: (n, people)
        for kind, n, people in speakers_in(scope, period)
        .values_list("item__day__event__kind")
        .annotate(n=Count("pk"), people=Count(Lower("name"), distinct=True))
        .order_by()
    }
    registered = dict(
        registrations_in(scope, period)
        .filter(role="speaker")
        .values_list("event__kind")
        .annotate(n=Count("pk"))
        .order_by()
    )
    rows = []
    for kind, label in EventKind.choices:
        n, people = programme.get(kind, (0, 0))
        reg = registered.get(kind, 0)
        if n or reg:
            rows.append(
                Row(
                    str(label),
                    [
                        Cell(n, {"list": "speakers", "kind": kind} if n else None),
                        Cell(people),
                        Cell(reg, {"list": "registrations", "kind": kind, "speaker": "1"} if reg else None),
                    ],
                )
            )
    total = sum(n for n, _p in programme.values())
    figure = Figure(
        "speakers",
        _("Докладчики"),
        _("Вид мероприятия"),
        [_("Выступлений в программе"), _("Докладчиков (человек)"), _("Заявок с докладом")],
        rows,
    )
    return figure, total


def certificates_in(scope: Scope, period: Period) -> QuerySet[Any]:
    """Certificates issued for the scope's events of the period (revoked ones included)."""
    from edcluster.certificates.models import Certificate

    return Certificate.objects.filter(event__in=events_in(scope, period).values("pk"))


def figure_certificates(scope: Scope, period: Period) -> Figure:
    from edcluster.certificates.models import KindCode

    counts = {
        (code, revoked): n
        for code, revoked, n in certificates_in(scope, period)
        .annotate(revoked=ExpressionWrapper(Q(revoked_at__isnull=False), output_field=BooleanField()))
        .values_list("kind__code", "revoked")
        .annotate(n=Count("pk"))
        .order_by()
    }
    rows = []
    for code, label in KindCode.choices:
        valid, revoked = counts.get((code, False), 0), counts.get((code, True), 0)
        if valid or revoked:
            rows.append(
                Row(
                    str(label),
                    [
                        Cell(valid, {"list": "certificates", "kind": code} if valid else None),
                        Cell(revoked, {"list": "certificates", "kind": code, "status": "revoked"} if revoked else None),
                    ],
                )
            )
    return Figure(
        "certificates",
        _("Сертификаты"),
        _("Вид сертификата"),
        [_("Действительных"), _("Аннулировано")],
        rows,
        chart="stacked",
    )


def _decision_counts(scope: Scope, period: Period) -> dict[str, int]:
    return with_months(decisions_in(scope, period)).aggregate(
        decisions=Count("pk"),
        on_time=Count("pk", filter=on_time_q()),
        due=Count("pk", filter=due_q()),
    )


def figure_decisions(scope: Scope, period: Period, counts: dict[str, int]) -> Figure:
    by_status = dict(decisions_in(scope, period).values_list("status").annotate(n=Count("pk")).order_by())
    rows = [
        Row(str(label), [Cell(by_status[value], {"list": "decisions", "status": value})])
        for value, label in Decision.Status.choices
        if by_status.get(value)
    ]
    if not rows:
        return Figure("decisions", _("Решения по состоянию"), _("Состояние"), [_("Решений")], [])
    due = counts["due"] or 0
    share = f"{round(100 * (counts['on_time'] or 0) / due)} %" if due else "—"
    note = _("Выполнено в срок: {on_time} из {due} ({share}).").format(
        on_time=ru.count_phrase(counts["on_time"] or 0, "решение"), due=due, share=share
    )
    rows.append(
        Row(
            _("из них выполнено в срок"),
            [Cell(counts["on_time"] or 0, {"list": "decisions", "on_time": "1"})],
            is_total=True,
        )
    )
    return Figure("decisions", _("Решения по состоянию"), _("Состояние"), [_("Решений")], rows, note=str(note))


def figure_consultations(scope: Scope, period: Period) -> tuple[Figure, Figure, dict[str, Any]]:
    by_centre = {
        row[0]: row[1:]
        for row in consultations_in(scope, period)
        .values_list("centre_id")
        .annotate(
            n=Count("pk"),
            answers=Count("survey"),
            score=Avg("survey__score"),
            satisfied=Count("survey", filter=Q(survey__satisfied=True)),
        )
        .order_by()
    }
    rows = []
    totals = {"consultations": 0, "answers": 0, "score_sum": 0.0}
    for pk, name, services in centres_in(scope).values_list("pk", "name", "services").order_by("name"):
        n, answers, score, satisfied = by_centre.get(pk, (0, 0, None, 0))
        service_count = len([line for line in (services or "").splitlines() if line.strip()])
        totals["consultations"] += n
        totals["answers"] += answers
        totals["score_sum"] += (score or 0) * answers
        rows.append(
            Row(
                name,
                [
                    Cell(service_count),
                    Cell(n, {"list": "consultations", "centre": str(pk)} if n else None),
                    Cell(answers),
                    Cell(round(score, 2) if score is not None else None),
                    Cell(round(100 * satisfied / answers) if answers else None),
                ],
            )
        )
    centres = Figure(
        "consultation_centres",
        _("Консультационные центры: услуги и удовлетворённость"),
        _("Центр"),
        [_("Услуг"), _("Консультаций"), _("Ответов анкеты"), _("Средняя оценка (1–5)"), _("Довольны, %")],
        rows,
        "none",
    )
    by_topic = dict(consultations_in(scope, period).values_list("topic").annotate(n=Count("pk")).order_by())
    topics = Figure(
        "consultations_by_topic",
        _("Консультации по темам"),
        _("Тема"),
        [_("Консультаций")],
        [
            Row(str(label), [Cell(by_topic[value], {"list": "consultations", "topic": value})])
            for value, label in Topic.choices
            if by_topic.get(value)
        ],
    )
    satisfaction = round(totals["score_sum"] / totals["answers"], 2) if totals["answers"] else None
    return centres, topics, {"consultations": totals["consultations"], "satisfaction": satisfaction}


def placements_in(scope: Scope, period: Period) -> QuerySet[Any]:
    """Students' practice placements whose college or base belongs to the scope, in practice
    periods that start within the period."""
    from edcluster.training.models import Placement

    return Placement.objects.filter(
        scope.organization_q("period__college__") | scope.organization_q("base__organization__"),
        period__starts_on__gte=period.start,
        period__starts_on__lte=period.end,
    )


def figure_training(scope: Scope, period: Period) -> Figure:
    """Practical training: placements per base with the average final mark, the totals and the
    share of graduates employed in the cluster — the figures of the page «Итоги практики»
    (``training.selectors.outcome_figures``), two queries."""
    from edcluster.training.selectors import outcome_figures

    cluster_orgs = None
    if scope.kind == CLUSTER and scope.cluster is not None:
        cluster_orgs = Membership.objects.filter(cluster_id=scope.cluster.pk).values("organization_id")
    o = outcome_figures(placements_in(scope, period), cluster_orgs=cluster_orgs)
    columns = [_("Распределений"), _("Средняя итоговая оценка")]
    rows = [
        Row(
            base["name"],
            [
                Cell(base["placements"], {"list": "placements", "base": str(base["base_id"])}),
                Cell(base["avg_final_mark"]),
            ],
        )
        for base in o["per_base"]
    ]
    if not rows:
        return Figure("training", _("Практика студентов"), _("База практики"), columns, [])
    rows.append(
        Row(
            _("Всего на {bases}").format(bases=ru.count_phrase(o["bases"], "база практики", "accs")),
            [Cell(o["placements"], {"list": "placements"}), Cell(o["avg_final_mark"])],
            is_total=True,
        )
    )
    rows.append(
        Row(
            _("Выпускников трудоустроено в организациях кластера"),
            [
                Cell(
                    o["employed_in_cluster"],
                    {"list": "placements", "employed": "cluster"} if o["employed_in_cluster"] else None,
                ),
                Cell(None),
            ],
            is_total=True,
        )
    )
    share = f"{round(100 * o['employed_share'])} %" if o["employed_share"] is not None else "—"
    note = _("Трудоустроены в кластере: {employed} из {total} с известным местом работы ({share}).").format(
        employed=ru.count_phrase(o["employed_in_cluster"], "выпускник"), total=o["graduates_employed"], share=share
    )
    return Figure("training", _("Практика студентов"), _("База практики"), columns, rows, note=str(note))


def headline_numbers(scope: Scope, period: Period) -> Headline:
    """The key numbers alone (the previous year's column of the comparison)."""
    p = _participants(scope, period)
    d = _decision_counts(scope, period)
    consultations = consultations_in(scope, period).aggregate(n=Count("pk"), score=Avg("survey__score"))
    score = consultations["score"]
    return Headline(
        events=events_in(scope, period).count(),
        registrations=p["registrations"] or 0,
        people=p["people"] or 0,
        organizations=p["organizations"] or 0,
        regions=p["regions"] or 0,
        in_person=p["in_person"] or 0,
        online=p["online"] or 0,
        attended=p["attended"] or 0,
        speakers=speakers_in(scope, period).count(),
        new_partnerships=partnerships_in(scope).filter(partnership_state_q("new", period)).count(),
        decisions=d["decisions"] or 0,
        decisions_on_time=d["on_time"] or 0,
        decisions_due=d["due"] or 0,
        consultations=consultations["n"] or 0,
        satisfaction=round(score, 2) if score is not None else None,
    )


def dashboard_figures(scope: Scope, period: Period, *, compare: bool = True) -> Dashboard:
    """Every figure of the dashboard of ``scope`` over ``period`` and, when ``compare``, the key
    numbers of the same dates a year earlier. About twenty aggregate queries, independent of the
    number of records."""
    p = _participants(scope, period)
    d = _decision_counts(scope, period)
    partnerships, new_partnerships = figure_partnerships(scope, period)
    events, events_total = figure_events_by_month(scope, period)
    speakers, speakers_total = figure_speakers(scope, period)
    centres, topics, consultations = figure_consultations(scope, period)
    headline = Headline(
        events=events_total,
        registrations=p["registrations"] or 0,
        people=p["people"] or 0,
        organizations=p["organizations"] or 0,
        regions=p["regions"] or 0,
        in_person=p["in_person"] or 0,
        online=p["online"] or 0,
        attended=p["attended"] or 0,
        speakers=speakers_total,
        new_partnerships=new_partnerships,
        decisions=d["decisions"] or 0,
        decisions_on_time=d["on_time"] or 0,
        decisions_due=d["due"] or 0,
        consultations=consultations["consultations"],
        satisfaction=consultations["satisfaction"],
    )
    previous_period = previous = None
    if compare and period.preset != "all":
        previous_period = period.previous_year()
        previous = headline_numbers(scope, previous_period)
    figures = [
        figure_organizations_by_kind(scope),
        figure_organizations_by_role(scope),
        partnerships,
        events,
        figure_participants_by_region(scope, period),
        figure_participation_mode(p),
        speakers,
        figure_decisions(scope, period, d),
        figure_certificates(scope, period),
        figure_training(scope, period),
        centres,
        topics,
    ]
    return Dashboard(scope, period, headline, previous, previous_period, figures)
