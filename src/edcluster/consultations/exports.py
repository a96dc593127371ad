"""The period report as XLSX (a fixed layout for the education department) and as DOCX."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from edcluster.core.xlsx import build_xlsx

SUMMARY_ROWS = [
    ("services", _("Оказано услуг (консультаций не короче минимальной продолжительности)")),
    ("short", _("Консультаций короче минимальной продолжительности")),
    ("families", _("Семей, получивших услуги (уникальных)")),
    ("requests", _("Поступило обращений")),
    ("served", _("Обслужено обращений")),
    ("wait_days", _("Среднее время ожидания, дней")),
    ("answers", _("Ответов на анкету удовлетворённости")),
    ("satisfied", _("Из них удовлетворены")),
    ("satisfied_share", _("Доля удовлетворённых, %")),
    ("avg_score", _("Средняя оценка (1–5)")),
]
BREAKDOWNS = [
    ("by_form", _("По формам")),
    ("by_category", _("По категориям получателей")),
    ("by_person", _("По специалистам (поимённо)")),
    ("by_specialist", _("По специальностям")),
    ("by_topic", _("По темам")),
]


def breakdowns(data: dict[str, Any]) -> list[tuple[str, str]]:
    """The breakdowns the report has (``by_person`` only in a centre's report)."""
    return [(key, str(label)) for key, label in BREAKDOWNS if key in data]


def summary_rows(data: dict[str, Any]) -> list[list[Any]]:
    prev = data.get("previous") or {}
    rows = []
    for key, label in SUMMARY_ROWS:
        now, before = data.get(key), prev.get(key)
        change = now - before if isinstance(now, int | float) and isinstance(before, int | float) else None
        rows.append([str(label), now, before, round(change, 2) if isinstance(change, float) else change])
    return rows


AREA_COLUMNS = [
    _("Муниципалитет"),
    _("Оказано услуг"),
    _("Семей"),
    _("Обращений"),
    _("Обслужено обращений"),
    _("Доля удовлетворённых, %"),
]


def area_rows(areas: list[tuple[str, dict[str, Any]]]) -> list[list[Any]]:
    return [[name, d["services"], d["families"], d["requests"], d["served"], d["satisfied_share"]] for name, d in areas]


def report_xlsx(title: str, data: dict[str, Any], areas: list[tuple[str, dict[str, Any]]] | None = None) -> bytes:
    """Sheets and rows in a fixed order: every month's file has the same cells in the same place."""
    period = data["period"]
    prev = data.get("previous") or {}
    headers = [_("Показатель"), period.label, prev["period"].label if prev else _("Предыдущий период"), _("Изменение")]
    sheets: list[tuple[str, list[str], list[list[Any]]]] = [(str(_("Сводка")), headers, summary_rows(data))]
    for key, label in breakdowns(data):
        before = {row[0]: row[2] for row in prev.get(key, [])}
        rows = [
            [name, n, before.get(code), n - before[code] if code in before else None] for code, name, n in data[key]
        ]
        sheets.append((str(label), [str(label), *headers[1:]], rows))
    if areas is not None:
        sheets.append((str(_("По муниципалитетам")), [str(c) for c in AREA_COLUMNS], area_rows(areas)))
    sheets.append((str(_("Сведения")), [_("Отчёт"), _("Период")], [[title, period.label]]))
    return build_xlsx(sheets)


def report_docx(title: str, data: dict[str, Any], *, cluster: Any = None) -> bytes:
    """The period report as DOCX from the editable docxtpl template of the documents registry
    (``consultations.documents``; a cluster's own template when it uploaded one)."""
    from edcluster.consultations.documents import report_docx as render

    return render(title, data, cluster=cluster)
