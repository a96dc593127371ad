"""XLSX in and out, safely.

Export: every text cell that a spreadsheet would take for a formula (``= + - @``, tab, CR) is
neutralised with a leading apostrophe and stored as text. Import: the file is checked as a ZIP
first (size, uncompressed size, ratio) so that a zip bomb never reaches openpyxl.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from edcluster.core.errors import ValidationError

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
MAX_XLSX_BYTES = 10 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
MAX_RATIO = 200
MAX_ROWS = 20_000
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_cell(value: Any) -> Any:
    """A value that a spreadsheet shows as written and never evaluates."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        from django.utils import timezone

        return timezone.localtime(value).replace(tzinfo=None)
    return value


def sheet_title(title: str) -> str:
    """A worksheet name Excel accepts, from any text (a figure's or a list's title): no
    ``: \\ / ? * [ ]``, at most 31 characters, never empty («Лист»)."""
    return re.sub(r"[:\\/?*\[\]]", " ", str(title)).strip()[:31] or "Лист"


def build_xlsx(sheets: Sequence[tuple[str, Sequence[str], Iterable[Sequence[Any]]]]) -> bytes:
    """One workbook of ``(title, headers, rows)`` sheets with bold headers and sensible widths.
    Titles pass through ``sheet_title``; openpyxl numbers a repeated one («Итоги1»)."""
    wb = Workbook()
    wb.remove(wb.active)
    for title, headers, rows in sheets:
        ws = wb.create_sheet(title=sheet_title(title))
        ws.append([safe_cell(h) for h in headers])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        widths = [len(str(h)) for h in headers]
        for row in rows:
            values = [safe_cell(v) for v in row]
            ws.append(values)
            for i, v in enumerate(values[: len(widths)]):
                widths[i] = max(widths[i], min(60, len(str(v)) if v is not None else 0))
            for cell in ws[ws.max_row]:
                if isinstance(cell.value, str):
                    cell.data_type = "s"
        for i, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = width + 2
        ws.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def xlsx_response(filename: str, sheets: Sequence[tuple[str, Sequence[str], Iterable[Sequence[Any]]]]) -> HttpResponse:
    response = HttpResponse(build_xlsx(sheets), content_type=XLSX_CONTENT_TYPE)
    from django.utils.http import content_disposition_header

    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def check_zip(data: bytes) -> None:
    """Reject what is not a sane OOXML container before any parser sees it."""
    if len(data) > MAX_XLSX_BYTES:
        raise ValidationError(_("Файл слишком большой: не более %(mb)s МБ.") % {"mb": MAX_XLSX_BYTES // 2**20})
    if not data:
        raise ValidationError(_("Файл пустой."))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            total = sum(i.file_size for i in infos)
            packed = sum(i.compress_size for i in infos) or 1
            if any(i.flag_bits & 0x1 for i in infos):
                raise ValidationError(_("Файл защищён паролем. Снимите защиту и загрузите снова."))
            if total > MAX_UNCOMPRESSED_BYTES or total / packed > MAX_RATIO:
                raise ValidationError(_("Файл повреждён или подозрительно сильно сжат; он не принят."))
    except zipfile.BadZipFile as exc:
        raise ValidationError(
            _("Это не файл Excel (.xlsx) или он повреждён. Сохраните таблицу в формате .xlsx.")
        ) from exc


def read_xlsx(data: bytes) -> tuple[list[str], list[tuple[int, list[Any]]]]:
    """Headers of the first sheet and its non-empty rows as ``(row_number, values)``; the row
    number is the one the user sees in Excel."""
    check_zip(data)
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:
        raise ValidationError(_("Не удалось прочитать таблицу: файл повреждён.")) from exc
    ws = wb.worksheets[0]
    rows_iter = ws.iter_rows(values_only=True)
    try:
        header_row = next(rows_iter)
    except StopIteration:
        raise ValidationError(_("Таблица пустая: нет строки заголовков.")) from None
    headers = [str(h).strip() if h is not None else "" for h in header_row]
    rows: list[tuple[int, list[Any]]] = []
    for number, values in enumerate(rows_iter, start=2):
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue
        if len(rows) >= MAX_ROWS:
            raise ValidationError(_("Слишком много строк: не более %(n)s за один раз.") % {"n": MAX_ROWS})
        rows.append((number, list(values)))
    wb.close()
    return headers, rows
