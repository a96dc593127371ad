"""Reads: the request queue, free slots, and the monitoring reports (month, quarter, year) for
one centre or many (a municipality, a cluster)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from edcluster.consultations.models import (
    Appointment,
    Centre,
    Consultation,
    Form,
    ParentRequest,
    RecipientCategory,
    Specialist,
    SpecialistKind,
    SurveyAnswer,
    Topic,
)
from edcluster.core import ru
from edcluster.core.errors import ValidationError

PERIOD_KINDS = ("month", "quarter", "year")


@dataclass(frozen=True)
class Period:
    kind: str  # month | quarter | year
    year: int
    n: int = 1  # month 1–12 or quarter 1–4

    @classmethod
    def parse(cls, kind: str | None, year: Any, n: Any = 1) -> Period:
        try:
            kind = kind or "month"
            year, n = int(year), int(n or 1)
        except (TypeError, ValueError):
            raise ValidationError(_("Период указан неверно.")) from None
        limit = {"month": 12, "quarter": 4, "year": 1}.get(kind)
        if limit is None or not 1 <= n <= limit or not 2000 <= year <= 2100:
            raise ValidationError(_("Период указан неверно."))
        return cls(kind, year, 1 if kind == "year" else n)

    @property
    def start(self) -> dt.date:
        month = {"month": self.n, "quarter": 3 * self.n - 2, "year": 1}[self.kind]
        return dt.date(self.year, month, 1)

    @property
    def end(self) -> dt.date:
        """The first day after the period."""
        months = {"month": 1, "quarter": 3, "year": 12}[self.kind]
        m = self.start.month - 1 + months
        return dt.date(self.year + m // 12, m % 12 + 1, 1)

    def previous(self) -> Period:
        if self.kind == "year":
            return Period("year", self.year - 1)
        limit = 12 if self.kind == "month" else 4
        return Period(self.kind, self.year - 1, limit) if self.n == 1 else Period(self.kind, self.year, self.n - 1)

    def months(self) -> list[Period]:
        start = self.start.month
        count = {"month": 1, "quarter": 3, "year": 12}[self.kind]
        return [Period("month", self.year, m) for m in range(start, start + count)]

    @property
    def label(self) -> str:
        if self.kind == "month":
            return f"{ru.MONTHS_NOMN[self.n - 1].capitalize()} {self.year} г."
        if self.kind == "quarter":
            return _("%(n)s квартал %(y)s г.") % {"n": ["I", "II", "III", "IV"][self.n - 1], "y": self.year}
        return _("%(y)s год") % {"y": self.year}

    @classmethod
    def current(cls, kind: str = "month") -> Period:
        today = timezone.localdate()
        n = {"month": today.month, "quarter": (today.month - 1) // 3 + 1, "year": 1}[kind]
        return cls(kind, today.year, n)


def _aware(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _counts(qs: QuerySet, field: str, choices: Iterable[tuple[str, Any]]) -> list[tuple[str, str, int]]:
    found = dict(qs.values_list(field).annotate(n=Count("id")).order_by())
    return [(value, str(label), found.get(value, 0)) for value, label in choices]


def specialist_label(specialist: Any) -> str:
    """«Иванова А.А., педагог-психолог» (the short form through ``core.ru``; a name it cannot read
    is shown as typed)."""
    parsed = ru.parse_name(specialist.full_name)
    name = parsed.short if parsed is not None else specialist.full_name
    return _("%(name)s, %(kind)s") % {"name": name, "kind": specialist.get_kind_display()}


def _by_person(centres_ids: list[int], services: QuerySet) -> list[tuple[str, str, int]]:
    """Services per named specialist: everyone who works in the centres now, and anyone who gave a
    service in the period (also when no longer working), by name."""
    counts = dict(services.values_list("specialist_id").annotate(n=Count("id")).order_by())
    people = Specialist.objects.filter(centre_id__in=centres_ids).filter(Q(is_active=True) | Q(pk__in=list(counts)))
    rows = [(str(sp.pk), specialist_label(sp), counts.get(sp.pk, 0)) for sp in people]
    return sorted(rows, key=lambda row: row[1])


def report(centres: QuerySet[Centre], period: Period, *, compare: bool = True, named: bool = False) -> dict[str, Any]:
    """The monitoring figures of ``centres`` for ``period``; ``named`` adds ``by_person`` — the
    services of each named specialist (a centre's report; aggregates stay by speciality).

    A consultation counts as a service when it lasts at least its centre's minimum. Additive
    figures (services, requests, answers) of a quarter or a year equal the sum of their months;
    unique families and waiting time do not add up and are computed over the whole period.
    """
    ids = list(centres.values_list("pk", flat=True))
    start, end = period.start, period.end
    all_consultations = Consultation.objects.filter(centre_id__in=ids, date__gte=start, date__lt=end)
    services = all_consultations.filter(duration__gte=F("centre__min_duration"))
    requests = ParentRequest.objects.filter(
        centre_id__in=ids, created_at__gte=_aware(start), created_at__lt=_aware(end)
    )
    served = ParentRequest.objects.filter(
        centre_id__in=ids, served_at__gte=_aware(start), served_at__lt=_aware(end)
    ).values_list("created_at", "served_at")
    waits = [(s - c).total_seconds() / 86400 for c, s in served]
    answers = SurveyAnswer.objects.filter(consultation__in=all_consultations)
    n_answers = answers.count()
    n_satisfied = answers.filter(satisfied=True).count()
    specialist_kinds = dict(services.values_list("specialist__kind").annotate(n=Count("id")).order_by())
    data: dict[str, Any] = {
        "period": period,
        "services": services.count(),
        "short": all_consultations.count() - services.count(),
        "by_form": _counts(services, "form", Form.choices),
        "by_category": _counts(services, "recipient_category", RecipientCategory.choices),
        "by_specialist": [(k, str(label), specialist_kinds.get(k, 0)) for k, label in SpecialistKind.choices],
        "by_topic": _counts(services, "topic", Topic.choices),
        "families": services.values("family_key").distinct().count(),
        "requests": requests.count(),
        "served": len(waits),
        "wait_days": round(sum(waits) / len(waits), 1) if waits else None,
        "answers": n_answers,
        "satisfied": n_satisfied,
        "satisfied_share": round(100 * n_satisfied / n_answers, 1) if n_answers else None,
        "avg_score": round(sum(answers.values_list("score", flat=True)) / n_answers, 2) if n_answers else None,
    }
    if named:
        data["by_person"] = _by_person(ids, services)
    if compare:
        prev = report(centres, period.previous(), compare=False, named=named)
        data["previous"] = prev
        data["delta"] = {
            key: data[key] - prev[key] for key in ("services", "families", "requests", "served", "answers")
        }
    return data


ADDITIVE = ("services", "short", "requests", "served", "answers", "satisfied")


def report_by_municipality(centres: QuerySet[Centre], period: Period) -> list[tuple[str, dict[str, Any]]]:
    """The period's figures for each municipality of ``centres`` (sorted by name)."""
    groups: dict[str, list[int]] = {}
    for pk, municipality in centres.values_list("pk", "organization__municipality"):
        groups.setdefault(municipality or _("муниципалитет не указан"), []).append(pk)
    return [
        (name, report(Centre.objects.filter(pk__in=pks), period, compare=False)) for name, pks in sorted(groups.items())
    ]


def request_queue(centre: Centre, *, status: str | None = None) -> QuerySet[ParentRequest]:
    qs = ParentRequest.objects.filter(centre=centre)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("created_at")


def upcoming_appointments(centre: Centre) -> QuerySet[Appointment]:
    return (
        Appointment.objects.filter(centre=centre, status=Appointment.Status.BOOKED)
        .select_related("specialist", "request")
        .order_by("starts_at")
    )


def free_slots(centre: Centre, *, days: int = 14, start: dt.date | None = None) -> list[tuple[Any, dt.datetime]]:
    """Free slots of every active specialist for the next ``days`` days."""
    start = start or timezone.localdate() + dt.timedelta(days=1)
    specialists = list(centre.specialists.filter(is_active=True).prefetch_related("schedule"))
    taken = set(
        Appointment.objects.filter(
            centre=centre, starts_at__gte=_aware(start), starts_at__lt=_aware(start + dt.timedelta(days=days))
        )
        .exclude(status=Appointment.Status.CANCELLED)
        .values_list("specialist_id", "starts_at")
    )
    slots: list[tuple[Any, dt.datetime]] = []
    for i in range(days):
        day = start + dt.timedelta(days=i)
        for sp in specialists:
            for entry in sp.schedule.all():
                if entry.weekday != day.weekday():
                    continue
                t = timezone.make_aware(dt.datetime.combine(day, entry.start))
                stop = timezone.make_aware(dt.datetime.combine(day, entry.end))
                while t + dt.timedelta(minutes=entry.slot_minutes) <= stop:
                    if (sp.pk, t) not in taken:
                        slots.append((sp, t))
                    t += dt.timedelta(minutes=entry.slot_minutes)
    slots.sort(key=lambda s: (s[1], s[0].full_name))
    return slots


def questionnaire_results(questionnaire: Any) -> list[dict[str, Any]]:
    """Aggregated answers per question: ``[{text, choices: [(choice, count)], total}]``."""
    counts: list[dict[str, int]] = [dict.fromkeys(q["choices"], 0) for q in questionnaire.questions]
    total = 0
    for answers in questionnaire.responses.values_list("answers", flat=True):
        total += 1
        for key, value in answers.items():
            i = int(key)
            if i < len(counts) and value in counts[i]:
                counts[i][value] += 1
    return [
        {"text": q["text"], "choices": list(counts[i].items()), "total": total}
        for i, q in enumerate(questionnaire.questions)
    ]
