"""«Отчёт кластера за год» — a DOCX built from the very figures of the dashboard
(``selectors.dashboard_figures``), each table followed by its chart as a picture. Every
phrase with a number goes through ``core.ru`` ("50 человек из 36 организаций")."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from edcluster.analytics.charts import bar_chart_png
from edcluster.analytics.scope import CLUSTER, Period, Scope
from edcluster.analytics.selectors import Dashboard, Figure
from edcluster.core import ru

REPORT_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _text(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return str(value)


def summary_paragraphs(dash: Dashboard, year: int) -> list[str]:
    """The report's opening: sentences with numbers agreed by ``core.ru``."""
    h = dash.headline
    out = [
        _("В {year} году проведено {events}.").format(year=year, events=ru.count_phrase(h.events, "мероприятие")),
    ]
    if h.people:
        out.append(
            _("В мероприятиях {took_part} {people} из {orgs}; {present} {regions}.").format(
                took_part=ru.plural_form(h.people, "участвовал", "участвовали", "участвовали"),
                present=ru.plural_form(h.regions, "представлен", "представлены", "представлено"),
                people=ru.count_phrase(h.people, "человек"),
                orgs=ru.count_phrase(h.organizations, "организация", "gent"),
                regions=ru.count_phrase(h.regions, "субъект Российской Федерации", "nomn"),
            )
        )
        out.append(
            _("Очно — {in_person}, онлайн — {online}; выступлений докладчиков — {speakers}.").format(
                in_person=ru.count_phrase(h.in_person, "регистрация"),
                online=ru.count_phrase(h.online, "регистрация"),
                speakers=h.speakers,
            )
        )
    if h.new_partnerships:
        out.append(
            _("Заключено {partnerships}.").format(partnerships=ru.count_phrase(h.new_partnerships, "новое партнёрство"))
        )
    if h.decisions:
        share = h.on_time_share
        out.append(
            _("Принято {decisions}; выполнено в срок {on_time} из {due}{share}.").format(
                decisions=ru.count_phrase(h.decisions, "решение"),
                on_time=h.decisions_on_time,
                due=h.decisions_due,
                share=f" ({_text(share)} %)" if share is not None else "",
            )
        )
    if h.consultations:
        out.append(
            _("Консультационные центры провели {consultations}{score}.").format(
                consultations=ru.count_phrase(h.consultations, "консультация"),
                score=_("; средняя оценка родителей — {score} из 5").format(score=_text(h.satisfaction))
                if h.satisfaction is not None
                else "",
            )
        )
    return [ru.typograph(line) for line in out]


def _table(doc: Any, headers: list[str], rows: list[list[Any]]) -> None:
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, header in zip(table.rows[0].cells, headers, strict=True):
        cell.text = str(header)
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for values in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            cell.text = _text(value)


def figure_png(figure: Figure) -> bytes | None:
    if figure.chart == "none" or not figure.chart_rows:
        return None
    rows = figure.chart_rows
    series = [
        (column, [value if isinstance(value := row.cells[i].value, int | float) else 0 for row in rows])
        for i, column in enumerate(figure.columns)
    ]
    return bar_chart_png(figure.title, [row.label for row in rows], series)


def build_report(dash: Dashboard, year: int) -> bytes:
    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21)
    section.left_margin, section.right_margin = Cm(2.5), Cm(1.5)
    section.top_margin = section.bottom_margin = Cm(2)
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(12)
    heading = _("Отчёт кластера за {year} год") if dash.scope.kind == CLUSTER else _("Отчёт за {year} год")
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(heading.format(year=year))
    run.bold, run.font.size = True, Pt(16)
    sub = doc.add_paragraph(ru.typograph(dash.scope.title))
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
    period = doc.add_paragraph(_("Период: {period}").format(period=dash.period.label))
    period.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_heading(_("Итоги года"), level=2)
    for line in summary_paragraphs(dash, year):
        doc.add_paragraph(line)
    comparison = dash.comparison()
    if comparison:
        doc.add_heading(_("Сравнение с {year} годом").format(year=year - 1), level=2)
        _table(
            doc,
            [_("Показатель"), str(year), str(year - 1), _("Изменение")],
            [[c["label"], c["value"], c["previous"], c["delta"]] for c in comparison],
        )
    for figure in dash.figures:
        if not figure.rows:
            continue
        doc.add_heading(figure.title, level=2)
        headers, rows = figure.table()
        _table(doc, headers, rows)
        if figure.note:
            doc.add_paragraph(ru.typograph(figure.note))
        png = figure_png(figure)
        if png:
            doc.add_picture(io.BytesIO(png), width=Cm(16))
    doc.add_paragraph(_("Сформировано {date}").format(date=ru.format_date(dt.date.today())))
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def cluster_year_report(scope: Scope, year: int) -> bytes:
    """The DOCX report of ``scope`` for calendar ``year`` (compared with the year before)."""
    period = Period(dt.date(year, 1, 1), dt.date(year, 12, 31), "custom")
    from edcluster.analytics import snapshots

    dash, _freshness = snapshots.dashboard(scope, period)  # the figures the page shows
    return build_report(dash, year)
