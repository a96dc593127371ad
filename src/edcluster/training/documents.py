"""Documents of practical training, registered with ``documents.registry``: the mentor's
characteristic of a student, the placement order (приказ о распределении) of a period and the
practice agreement with a base for a period."""

from __future__ import annotations

import functools
from typing import Any

from django.utils import timezone

from edcluster.core import ru
from edcluster.core.errors import NotFound
from edcluster.documents.builder import Line, build_docx
from edcluster.documents.registry import DocumentKind, Variable, register
from edcluster.organizations.models import Membership
from edcluster.training import access
from edcluster.training.exports import access_offer_list, base_list_rows
from edcluster.training.models import CRITERIA, BasePlaces, Placement, PracticePeriod


def _cluster_of(org_id: int) -> Any:
    m = Membership.objects.filter(organization_id=org_id).select_related("cluster").first()
    return m.cluster if m else None


KIND_ACCS = {"educational": "учебную", "production": "производственную", "pre_diploma": "преддипломную"}


def _period_text(period: PracticePeriod) -> str:
    """The practice in the accusative ("на производственную практику (2–27 февраля 2026 г.)")."""
    kind = KIND_ACCS.get(period.kind, period.get_kind_display())
    return f"{kind} практику ({ru.format_date_range(period.starts_on, period.ends_on)})"


# --- characteristic --------------------------------------------------------------------------------


def characteristic_context(p: Placement, options: dict | None = None) -> dict[str, Any]:
    ev = getattr(p, "evaluation", None) if hasattr(p, "evaluation") else None
    marks = ev.marks if ev else {}
    return {
        "college": p.period.college.full_name,
        "base": p.base.organization.full_name,
        "student": p.student.person.full_name,
        "student_gent": p.student.person.name.inflect("gent").full,
        "group": p.student.group.name,
        "practice": _period_text(p.period),
        "criteria": [{"name": str(label), "mark": str(marks.get(code, "—"))} for code, label in CRITERIA],
        "mark": str(ev.mark) if ev else "—",
        "text": ev.characteristic if ev else "",
        "mentor": p.mentor.short_name if p.mentor else "",
        "today": ru.format_date(timezone.localdate()),
    }


def characteristic_example() -> dict[str, Any]:
    return {
        "college": "ГАПОУ «Волгоградский социально-педагогический колледж»",
        "base": "МАДОУ № 24 «Журавушка»",
        "student": "Иванова Мария Сергеевна",
        "student_gent": "Ивановой Марии Сергеевны",
        "group": "ДО-31",
        "practice": "производственную практику (3–28 февраля 2026 г.)",
        "criteria": [{"name": "Планирование и подготовка занятий", "mark": "5"}],
        "mark": "5",
        "text": "Проявила себя ответственным и внимательным педагогом.",
        "mentor": "Грязева Е.Б.",
        "today": "2 марта 2026 г.",
    }


@functools.cache
def characteristic_template() -> bytes:
    return build_docx(
        [
            Line("ХАРАКТЕРИСТИКА", bold=True, align="center"),
            Line("на студента(ку) {{ student_gent }}, группа {{ group }}", align="center"),
            Line("{{ college }}", align="center"),
            Line(
                "Проходил(а) {{ practice }} в {{ base }}.",
                align="justify",
                space_before=12,
            ),
            Line("Оценка по критериям:", space_before=12),
            "{%p for c in criteria %}",
            "{{ c.name }}\u00a0— {{ c.mark }}",
            "{%p endfor %}",
            Line("{{ text }}", align="justify", space_before=12),
            Line("Оценка наставника: {{ mark }}", bold=True, space_before=12),
            Line("Наставник\t{{ mentor }}", space_before=24, tab_right=True),
            Line("{{ today }}"),
        ]
    )


# --- placement order -------------------------------------------------------------------------------


def order_context(period: PracticePeriod, options: dict | None = None) -> dict[str, Any]:
    rows = [
        {
            "n": str(i),
            "student": pl.student.person.full_name,
            "base": pl.base.organization.display_name,
            "mentor": pl.mentor.short_name if pl.mentor else "",
        }
        for i, pl in enumerate(
            period.placements.select_related("student__person", "base__organization", "mentor").order_by(
                "student__person__last_name", "student__person__first_name"
            ),
            start=1,
        )
    ]
    return {
        "college": period.college.full_name,
        "practice": _period_text(period),
        "group": period.group.name,
        "count": ru.count_phrase(len(rows), "студент", "accs"),
        "supervisor": period.supervisor.short_name if period.supervisor else "",
        "rows": rows,
        "today": ru.format_date(timezone.localdate()),
    }


def order_example() -> dict[str, Any]:
    return {
        "college": "ГАПОУ «Волгоградский социально-педагогический колледж»",
        "practice": "производственную практику (3–28 февраля 2026 г.)",
        "group": "ДО-31",
        "count": "12 студентов",
        "supervisor": "Петрова А.В.",
        "rows": [{"n": "1", "student": "Иванова Мария Сергеевна", "base": "МАДОУ № 24 «Журавушка»", "mentor": ""}],
        "today": "20 января 2026 г.",
    }


@functools.cache
def order_template() -> bytes:
    return build_docx(
        [
            Line("{{ college }}", bold=True, align="center"),
            Line("ПРИКАЗ", bold=True, align="center", space_before=12),
            Line("{{ today }}", align="left"),
            Line("О распределении студентов группы {{ group }} на практику", bold=True, space_before=12),
            Line(
                "В соответствии с учебным планом направить {{ count }} группы {{ group }} на {{ practice }} "
                "на базы практики согласно списку:",
                align="justify",
                space_before=12,
            ),
            "{%p for r in rows %}",
            "{{ r.n }}. {{ r.student }}\u00a0— {{ r.base }}{% if r.mentor %}, наставник {{ r.mentor }}{% endif %}",
            "{%p endfor %}",
            Line("Руководитель практики от колледжа: {{ supervisor }}", space_before=12),
            Line("Директор\t", space_before=24, tab_right=True),
        ]
    )


# --- agreement with a base --------------------------------------------------------------------------


def agreement_context(offer: BasePlaces, options: dict | None = None) -> dict[str, Any]:
    base, period = offer.base, offer.period
    return {
        "college": period.college.full_name,
        "base": base.organization.full_name,
        "partnership": base.partnership.title,
        "partnership_number": base.partnership.number,
        "practice": _period_text(period),
        "places": ru.count_phrase(offer.places, "студент", "accs"),
        "specialisations": ", ".join(base.specialisation_names),
        "conditions": base.conditions,
        "mentors": [m.full_name for m in base.mentors.all()],
        "tasks": period.task_list,
        "today": ru.format_date(timezone.localdate()),
    }


def agreement_example() -> dict[str, Any]:
    return {
        "college": "ГАПОУ «Волгоградский социально-педагогический колледж»",
        "base": "МАДОУ № 24 «Журавушка»",
        "partnership": "Практическая подготовка студентов",
        "partnership_number": "12",
        "practice": "производственную практику (3–28 февраля 2026 г.)",
        "places": "6 студентов",
        "specialisations": "Дошкольное образование",
        "conditions": "Рабочее место в группе, доступ к методическому кабинету.",
        "mentors": ["Грязева Елена Борисовна"],
        "tasks": ["Провести утренний круг"],
        "today": "20 января 2026 г.",
    }


@functools.cache
def agreement_template() -> bytes:
    return build_docx(
        [
            Line("ДОГОВОР", bold=True, align="center"),
            Line("о практической подготовке обучающихся", bold=True, align="center"),
            Line("{{ today }}", space_before=12),
            Line(
                "{{ college }} (далее\u00a0— Колледж) и {{ base }} (далее\u00a0— Профильная организация) "
                "в рамках договора {{ partnership }}{% if partnership_number %} №\u00a0{{ partnership_number }}"
                "{% endif %} заключили настоящий договор о следующем.",
                align="justify",
                space_before=12,
            ),
            Line(
                "1. Профильная организация принимает {{ places }} на {{ practice }} "
                "по специальностям: {{ specialisations }}.",
                align="justify",
                space_before=6,
            ),
            "2. Задания программы практики:",
            "{%p for t in tasks %}",
            "— {{ t }}",
            "{%p endfor %}",
            "3. Наставники от Профильной организации:",
            "{%p for m in mentors %}",
            "— {{ m }}",
            "{%p endfor %}",
            "{%p if conditions %}",
            "4. Условия: {{ conditions }}",
            "{%p endif %}",
            Line("Колледж\tПрофильная организация", space_before=24, tab_right=True),
        ]
    )


# --- list of a base's students for a period ---------------------------------------------------------


def base_list_context(offer: BasePlaces, options: dict | None = None) -> dict[str, Any]:
    rows = base_list_rows(offer)
    return {
        "college": offer.period.college.full_name,
        "base": offer.base.organization.full_name,
        "practice": _period_text(offer.period),
        "count": ru.count_phrase(len(rows), "студент"),
        "rows": [
            {
                "n": str(r["n"]),
                "student": r["student"],
                "group": r["group"],
                "specialisation": r["specialisation"],
                "mentor": r["mentor"],
            }
            for r in rows
        ],
        "today": ru.format_date(timezone.localdate()),
    }


def base_list_example() -> dict[str, Any]:
    return {
        "college": "ГАПОУ «Волгоградский социально-педагогический колледж»",
        "base": "МАДОУ № 24 «Журавушка»",
        "practice": "производственную практику (3–28 февраля 2026 г.)",
        "count": "3 студента",
        "rows": [
            {
                "n": "1",
                "student": "Иванова Мария Сергеевна",
                "group": "ДО-31",
                "specialisation": "Дошкольное образование",
                "mentor": "Грязева Елена Борисовна",
            }
        ],
        "today": "20 января 2026 г.",
    }


@functools.cache
def base_list_template() -> bytes:
    return build_docx(
        [
            Line("{{ college }}", bold=True, align="center"),
            Line("СПИСОК СТУДЕНТОВ", bold=True, align="center", space_before=12),
            Line("направленных на {{ practice }}", align="center"),
            Line("База практики: {{ base }}", space_before=12),
            Line("Всего: {{ count }}", space_before=12),
            "{%p for r in rows %}",
            "{{ r.n }}. {{ r.student }}, группа {{ r.group }} ({{ r.specialisation }})"
            "{% if r.mentor %}\u00a0— наставник {{ r.mentor }}{% endif %}",
            "{%p endfor %}",
            Line("{{ today }}", space_before=12),
            Line("Руководитель практики от колледжа\t", space_before=24, tab_right=True),
        ]
    )


def _access_offer(user: Any, pk: Any, options: dict) -> BasePlaces:
    offer = (
        BasePlaces.objects.select_related("base__organization", "base__partnership", "period__college")
        .filter(pk=pk)
        .first()
        if str(pk).isdigit()
        else None
    )
    if offer is None or not (
        access.can_view_college(user, offer.period.college_id) or access.can_view_base(user, offer.base)
    ):
        raise NotFound()
    return offer


def _access_order(user: Any, pk: Any, options: dict) -> PracticePeriod:
    period = access.access_period(user, pk)
    if not access.can_view_college(user, period.college_id):
        raise NotFound()
    return period


def register_documents() -> None:
    register(
        DocumentKind(
            code="training_characteristic",
            title="Характеристика студента по итогам практики",
            access=lambda user, pk, options: access.access_placement(user, pk),
            context=characteristic_context,
            cluster_of=lambda p: _cluster_of(p.period.college_id),
            builtin=characteristic_template,
            example=characteristic_example,
            variables=(
                Variable("student, student_gent, group", "студент, группа", "Ивановой Марии Сергеевны"),
                Variable("college, base, practice", "колледж, база, практика", "производственная практика"),
                Variable("criteria[]: name, mark", "оценки по критериям", "{%p for c in criteria %}"),
                Variable("mark, text, mentor, today", "оценка, характеристика, наставник, дата", "5"),
            ),
            filename=lambda p: f"characteristic-{p.pk}",
        )
    )
    register(
        DocumentKind(
            code="training_order",
            title="Приказ о распределении студентов на практику",
            access=_access_order,
            context=order_context,
            cluster_of=lambda period: _cluster_of(period.college_id),
            builtin=order_template,
            example=order_example,
            variables=(
                Variable("college, practice, group, count, supervisor, today", "шапка приказа", "12 студентов"),
                Variable("rows[]: n, student, base, mentor", "список распределения", "{%p for r in rows %}"),
            ),
            filename=lambda period: f"practice-order-{period.pk}",
        )
    )
    register(
        DocumentKind(
            code="training_agreement",
            title="Договор о практической подготовке с базой",
            access=_access_offer,
            context=agreement_context,
            cluster_of=lambda offer: _cluster_of(offer.period.college_id),
            builtin=agreement_template,
            example=agreement_example,
            variables=(
                Variable("college, base, partnership, partnership_number", "стороны и основной договор", "№ 12"),
                Variable("practice, places, specialisations, conditions, today", "условия практики", "6 студентов"),
                Variable("mentors[], tasks[]", "наставники, задания", "{%p for m in mentors %}"),
            ),
            filename=lambda offer: f"practice-agreement-{offer.pk}",
        )
    )
    register(
        DocumentKind(
            code="training_base_list",
            title="Список студентов базы практики",
            access=lambda user, pk, options: access_offer_list(user, pk),
            context=base_list_context,
            cluster_of=lambda offer: _cluster_of(offer.period.college_id),
            builtin=base_list_template,
            example=base_list_example,
            variables=(
                Variable("college, base, practice, count, today", "шапка списка", "3 студента"),
                Variable("rows[]: n, student, group, specialisation, mentor", "студенты", "{%p for r in rows %}"),
            ),
            filename=lambda offer: f"practice-list-{offer.pk}",
        )
    )
