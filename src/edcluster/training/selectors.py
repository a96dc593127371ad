"""Reads of practical training, scoped to what the user may see."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Avg, Count, Q, QuerySet

from edcluster.core import ru
from edcluster.organizations.models import Membership
from edcluster.training import access
from edcluster.training.models import BasePlaces, Employment, Feedback, Placement, PracticePeriod


@dataclass
class Offer:
    offer: BasePlaces
    taken: int

    @property
    def free(self) -> int:
        return max(self.offer.places - self.taken, 0)

    @property
    def free_text(self) -> str:
        return ru.count_phrase(self.free, "свободное место") if self.free else "мест нет"


def period_offers(period: PracticePeriod) -> list[Offer]:
    taken = dict(
        Placement.objects.filter(period=period)
        .values_list("base_id")
        .annotate(n=Count("pk"))
        .values_list("base_id", "n")
    )
    offers = (
        BasePlaces.objects.filter(period=period)
        .select_related("base__organization")
        .order_by("base__organization__short_name")
    )
    return [Offer(o, taken.get(o.base_id, 0)) for o in offers]


def period_placements(user: Any, period: PracticePeriod) -> QuerySet[Placement]:
    return access.visible_placements(user, period.placements.all()).select_related(
        "student__person", "base__organization", "mentor", "evaluation"
    )


def periods_for(user: Any) -> QuerySet[PracticePeriod]:
    return access.visible_periods(user).select_related("college", "group", "supervisor").order_by("-starts_on")


def placements_by_base(user: Any) -> dict[Any, list[Placement]]:
    """The lists a base keeps: its students by base (only bases the user may see)."""
    rows = (
        access.visible_placements(user)
        .select_related("student__person", "student__group", "base__organization", "mentor", "period")
        .order_by("base__organization__short_name", "-period__starts_on", "student__person__last_name")
    )
    grouped: dict[Any, list[Placement]] = defaultdict(list)
    for p in rows:
        grouped[p.base].append(p)
    return dict(grouped)


def _avg(value: float | None) -> str:
    return f"{value:.1f}".replace(".", ",") if value is not None else "—"


def _weighted(rows: list[dict[str, Any]], avg: str, count: str) -> float | None:
    n = sum(row[count] for row in rows)
    return round(sum(row[avg] * row[count] for row in rows if row[count]) / n, 2) if n else None


def outcome_figures(placements: QuerySet[Placement], *, cluster_orgs: QuerySet | None = None) -> dict[str, Any]:
    """The headline outcome figures as numbers (the API and the analytics dashboard): placements
    per base with the average marks, the totals, graduates with a recorded job and those employed
    in the cluster's organisations (``cluster_orgs``; default: any cluster's). Two queries, whatever
    the number of rows: one grouped by base, one over the employment records."""
    per_base = list(
        placements.values("base_id", "base__organization__short_name", "base__organization__full_name")
        .annotate(
            n=Count("pk"),
            finals=Count("final_mark"),
            final=Avg("final_mark"),
            marks=Count("evaluation__mark"),
            mentor=Avg("evaluation__mark"),
        )
        .order_by("-n", "base__organization__short_name", "base_id")
    )
    if cluster_orgs is None:
        cluster_orgs = Membership.objects.values("organization_id")
    emp = Employment.objects.filter(student_id__in=placements.values("student_id")).aggregate(
        total=Count("pk"), cluster=Count("pk", filter=Q(organization_id__in=cluster_orgs))
    )
    return {
        "placements": sum(row["n"] for row in per_base),
        "bases": len(per_base),
        "avg_mentor_mark": _weighted(per_base, "mentor", "marks"),
        "avg_final_mark": _weighted(per_base, "final", "finals"),
        "graduates_employed": emp["total"],
        "employed_in_cluster": emp["cluster"],
        "employed_share": round(emp["cluster"] / emp["total"], 3) if emp["total"] else None,
        "per_base": [
            {
                "base_id": row["base_id"],
                "name": row["base__organization__short_name"] or row["base__organization__full_name"],
                "placements": row["n"],
                "avg_final_mark": round(row["final"], 2) if row["final"] is not None else None,
            }
            for row in per_base
        ],
    }


def outcomes(user: Any) -> dict[str, Any]:
    """The figures the conference judges models by, over the placements the user may see:
    placements per base, mentor load, average marks, satisfaction both ways, graduates employed
    in the cluster, and everything year by year."""
    placements = access.visible_placements(user)
    per_base = list(
        placements.values("base__organization__short_name", "base__organization__full_name")
        .annotate(n=Count("pk"), mentor_mark=Avg("evaluation__mark"), final=Avg("final_mark"))
        .order_by("-n", "base__organization__short_name")
    )
    for row in per_base:
        row["name"] = row["base__organization__short_name"] or row["base__organization__full_name"]
        row["count"] = ru.count_phrase(row["n"], "студент")
        row["mentor_mark"] = _avg(row["mentor_mark"])
        row["final"] = _avg(row["final"])
    mentors = list(
        placements.filter(mentor__isnull=False)
        .values("mentor__last_name", "mentor__first_name", "mentor__middle_name", "mentor_id")
        .annotate(n=Count("pk"))
        .order_by("-n", "mentor__last_name")
    )
    for row in mentors:
        row["name"] = ru.FullName(
            last=row["mentor__last_name"], first=row["mentor__first_name"], middle=row["mentor__middle_name"]
        ).short
        row["count"] = ru.count_phrase(row["n"], "студент")
    fb = Feedback.objects.filter(placement__in=placements)
    base_sat = fb.filter(kind=Feedback.Kind.BASE).aggregate(a=Avg("score"), n=Count("pk"))
    student_sat = fb.filter(kind=Feedback.Kind.STUDENT).aggregate(a=Avg("score"), n=Count("pk"))
    students = placements.values("student_id").distinct()
    employment = Employment.objects.filter(student_id__in=students)
    cluster_orgs = Membership.objects.values("organization_id")
    employed_total = employment.count()
    employed_cluster = employment.filter(organization_id__in=cluster_orgs).count()
    years: dict[int, dict[str, Any]] = {}
    for row in (
        placements.values("period__starts_on__year")
        .annotate(n=Count("pk"), mentor_mark=Avg("evaluation__mark"), final=Avg("final_mark"))
        .order_by("period__starts_on__year")
    ):
        y = row["period__starts_on__year"]
        years[y] = {
            "year": y,
            "count": ru.count_phrase(row["n"], "распределение"),
            "mentor_mark": _avg(row["mentor_mark"]),
            "final": _avg(row["final"]),
            "base_sat": "—",
            "student_sat": "—",
        }
    for row in fb.values("placement__period__starts_on__year", "kind").annotate(a=Avg("score")):
        y = row["placement__period__starts_on__year"]
        if y in years:
            years[y]["base_sat" if row["kind"] == Feedback.Kind.BASE else "student_sat"] = _avg(row["a"])
    for y, row in years.items():
        emp = employment.filter(year=y)
        n = emp.count()
        row["employed_share"] = (
            f"{round(100 * emp.filter(organization_id__in=cluster_orgs).count() / n)} %" if n else "—"
        )
    total = placements.count()
    bases = placements.values("base_id").distinct().count()
    return {
        "total": total,
        "summary": (
            f"{ru.count_phrase(total, 'распределение')} студентов на {ru.count_phrase(bases, 'база практики', 'accs')}"
        ),
        "per_base": per_base,
        "mentors": mentors,
        "avg_mentor_mark": _avg(placements.aggregate(a=Avg("evaluation__mark"))["a"]),
        "avg_final_mark": _avg(placements.aggregate(a=Avg("final_mark"))["a"]),
        "base_satisfaction": _avg(base_sat["a"]),
        "base_answers": ru.count_phrase(base_sat["n"], "анкета"),
        "student_satisfaction": _avg(student_sat["a"]),
        "student_answers": ru.count_phrase(student_sat["n"], "анкета"),
        "employed_total": ru.count_phrase(employed_total, "выпускник", "gent"),
        "employed_cluster": ru.count_phrase(employed_cluster, "выпускник"),
        "employed_share": f"{round(100 * employed_cluster / employed_total)} %" if employed_total else "—",
        "years": list(years.values()),
    }
