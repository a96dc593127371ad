"""The period report of consultation centres as a document of the documents registry: a shipped
docxtpl template a cluster may replace with its own (``documents.services.template_upload``), and
its context. The centre's report and the aggregated report (municipality, cluster) render the
same template; the DOCX links of the report pages and ``edcluster document consultation_report``
go through here.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from edcluster.core import ru
from edcluster.documents.registry import DocumentKind, Variable, get_kind, register

KIND = "consultation_report"


def _cell(value: Any) -> str:
    return "—" if value is None else str(value)


def report_context(title: str, data: dict[str, Any]) -> dict[str, Any]:
    """Plain strings and lists for the template, from ``selectors.report`` data."""
    from edcluster.consultations import exports

    period = data["period"]
    prev = data.get("previous") or {}
    summary = [
        {"label": label, "now": _cell(now), "before": _cell(before), "change": _cell(change)}
        for label, now, before, change in exports.summary_rows(data)
    ]
    breakdowns = []
    for key, label in exports.breakdowns(data):
        before = {code: n for code, _name, n in prev.get(key, [])}
        breakdowns.append(
            {
                "title": label,
                "rows": [
                    {"label": name, "now": str(n), "before": _cell(before.get(code))} for code, name, n in data[key]
                ],
            }
        )
    return {
        "title": title,
        "period": period.label,
        "period_range": ru.format_date_range(period.start, period.end - dt.timedelta(days=1)),
        "previous_period": prev["period"].label if prev else "",
        "services": str(data["services"]),
        "services_phrase": ru.count_phrase(data["services"], "услуга"),
        "families": str(data["families"]),
        "summary": summary,
        "breakdowns": breakdowns,
        "today": ru.format_date(timezone.localdate()),
    }


def report_example() -> dict[str, Any]:
    return {
        "title": "Консультационный центр МАДОУ № 24 «Журавушка»",
        "period": "Март 2025 г.",
        "period_range": "1–31 марта 2025 г.",
        "previous_period": "Февраль 2025 г.",
        "services": "42",
        "services_phrase": "42 услуги",
        "families": "35",
        "summary": [{"label": "Оказано услуг", "now": "42", "before": "38", "change": "4"}],
        "breakdowns": [
            {"title": "По формам", "rows": [{"label": "очно", "now": "30", "before": "27"}]},
            {
                "title": "По специалистам (поимённо)",
                "rows": [{"label": "Иванова А.А., педагог-психолог", "now": "12", "before": "10"}],
            },
        ],
        "today": "1 апреля 2025 г.",
    }


@functools.cache
def report_template() -> bytes:
    """Headings and sentences as paragraphs; the summary and each breakdown as tables whose rows
    repeat (``{%tr for %}``); the breakdowns repeat as a block (``{%p for %}``)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    from edcluster.documents.builder import office_document

    doc = office_document(font_size=12)

    def para(text: str, *, bold: bool = False, center: bool = False, before: int = 0) -> None:
        p = doc.add_paragraph()
        if center:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if before:
            p.paragraph_format.space_before = Pt(before)
        p.add_run(text).bold = bold

    def table(header: list[str], loop: str, cells: list[str]) -> None:
        t = doc.add_table(rows=4, cols=len(header))
        t.style = "Table Grid"
        for cell, text in zip(t.rows[0].cells, header, strict=True):
            cell.text = text
            cell.paragraphs[0].runs[0].bold = True
        t.rows[1].cells[0].text = f"{{%tr for r in {loop} %}}"
        for cell, text in zip(t.rows[2].cells, cells, strict=True):
            cell.text = text
        t.rows[3].cells[0].text = "{%tr endfor %}"

    para("Отчёт о работе консультационных центров для родителей", bold=True, center=True)
    para("{{ title }}", center=True)
    para("за период: {{ period }} ({{ period_range }})", center=True)
    para("За период оказано {{ services_phrase }}; семей, получивших услуги: {{ families }}.", before=12)
    para("Сводные показатели", bold=True, before=12)
    table(
        ["Показатель", "{{ period }}", "{{ previous_period }}", "Изменение"],
        "summary",
        ["{{ r.label }}", "{{ r.now }}", "{{ r.before }}", "{{ r.change }}"],
    )
    para("{%p for b in breakdowns %}")
    para("{{ b.title }}", bold=True, before=12)
    table(
        ["{{ b.title }}", "{{ period }}", "{{ previous_period }}"],
        "b.rows",
        ["{{ r.label }}", "{{ r.now }}", "{{ r.before }}"],
    )
    para("{%p endfor %}")
    para("Сформировано {{ today }}", before=24)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


VARIABLES = (
    Variable("title", "центр или территория отчёта", "Консультационный центр МАДОУ № 24 «Журавушка»"),
    Variable("period, period_range, previous_period", "период и период сравнения", "Март 2025 г."),
    Variable("services, services_phrase, families", "услуг (числом и словами), семей", "42 услуги"),
    Variable("summary[]: label, now, before, change", "сводные показатели", "{%tr for r in summary %}"),
    Variable(
        "breakdowns[]: title, rows[]: label, now, before",
        "по формам, категориям, специалистам (поимённо и по специальностям), темам",
        "{%p for b in breakdowns %} … {%p endfor %}",
    ),
    Variable("today", "дата отчёта", "1 апреля 2025 г."),
)


def _centre_access(user: Any, pk: Any, options: dict) -> Any:
    from edcluster.consultations.access import access_centre

    return access_centre(user, pk, records=True)


def _centre_context(centre: Any, options: dict) -> dict[str, Any]:
    from edcluster.consultations import selectors
    from edcluster.consultations.models import Centre

    default = selectors.Period.current()
    period = selectors.Period.parse(
        options.get("kind") or "month", options.get("year") or default.year, options.get("n") or default.n
    )
    data = selectors.report(Centre.objects.filter(pk=centre.pk), period, named=True)
    return report_context(centre.name, data)


def centre_cluster(centre: Any) -> Any:
    """The cluster whose own template a centre's report uses: its organisation's first cluster."""
    membership = centre.organization.memberships.select_related("cluster").order_by("pk").first()
    return membership.cluster if membership is not None else None


def report_docx(title: str, data: dict[str, Any], *, cluster: Any = None) -> bytes:
    """The report as DOCX from the cluster's own template when it has one, else the shipped one."""
    from edcluster.documents.services import render_docx, template_bytes, typograph_context

    kind = get_kind(KIND)
    return render_docx(template_bytes(kind, cluster), typograph_context(report_context(title, data)))


def register_documents() -> None:
    register(
        DocumentKind(
            code=KIND,
            title=_("Отчёт консультационного центра за период"),
            access=_centre_access,
            context=_centre_context,
            cluster_of=centre_cluster,
            builtin=report_template,
            example=report_example,
            variables=VARIABLES,
            filename=lambda centre: f"otchet-kc-{centre.pk}",
        )
    )
