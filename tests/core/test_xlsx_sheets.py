"""Sheet names: every workbook the platform builds names its sheets through ``core.xlsx``."""

import io

from openpyxl import load_workbook

from edcluster.core.xlsx import build_xlsx, sheet_title


def test_sheet_titles_are_what_excel_accepts():
    assert sheet_title("Решения: выполнено/в работе [2025]?*") == "Решения  выполнено в работе  20"
    assert sheet_title("Участники по регионам и муниципалитетам за год") == "Участники по регионам и муницип"
    assert sheet_title("  ::  ") == "Лист"
    assert sheet_title("") == "Лист"


def test_a_workbook_with_any_titles_opens_with_clean_unique_names():
    data = build_xlsx(
        [
            ("Формы: очно/дистанционно", ["Форма"], [["очно"]]),
            ("Формы: очно/дистанционно", ["Форма"], [["дистанционно"]]),
            ("", ["A"], []),
            ("Сводка", ["A"], []),
        ]
    )
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Формы  очно дистанционно", "Формы  очно дистанционно1", "Лист", "Сводка"]
    assert book["Формы  очно дистанционно1"]["A2"].value == "дистанционно"
