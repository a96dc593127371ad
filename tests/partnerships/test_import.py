"""Two-phase XLSX import of partnerships: row-numbered Russian errors, nothing written on error;
the list's export imports back."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from edcluster.core import tabular
from edcluster.core.errors import ValidationError
from edcluster.partnerships.models import Partnership, PartnershipStatus
from tests.factories import OrganizationFactory
from tests.partnerships.conftest import make_partnership

HEADERS = [
    "Номер",
    "Название*",
    "Вид*",
    "Статус",
    "Дата подписания",
    "Действует с",
    "Действует по",
    "Стороны*",
    "Направления",
]


def xlsx(rows) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(HEADERS)
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def row(title="Читаем вместе", parties="Организация А (инициатор); Библиотека (партнёр)", until="30.06.2027"):
    return [
        "7",
        title,
        "Соглашение о сотрудничестве",
        "действует",
        "01.09.2024",
        "01.09.2024",
        until,
        parties,
        "Библиотека и чтение",
    ]


def test_bad_row_is_reported_by_number_and_nothing_written(world):
    OrganizationFactory(short_name="Библиотека", kind="library")
    data = xlsx(
        [
            row(),
            row(title="Второе"),
            row(title="Третье", parties="Организация А; Нет такой"),
            row(title="Четвёртое", until="31.02.2027"),
        ]
    )
    job = tabular.import_validate(actor=world.editor_a, kind="partnerships", filename="p.xlsx", data=data)
    rows = {r["row"]: r for r in job.report["rows"]}
    assert rows[4]["errors"] == ["организация «Нет такой» не найдена в реестре"]
    assert rows[5]["errors"] == ["действует по: «31.02.2027» — не дата (нужно ДД.ММ.ГГГГ)"]
    assert job.report["valid"] == 2
    assert not Partnership.objects.exists()
    with pytest.raises(ValidationError, match="ничего не импортировано"):
        tabular.import_commit(actor=world.editor_a, job=job)
    assert not Partnership.objects.exists()
    job.refresh_from_db()
    tabular.import_commit(actor=world.editor_a, job=job, only_valid=True)
    assert set(Partnership.objects.values_list("title", flat=True)) == {"Читаем вместе", "Второе"}
    p = Partnership.objects.get(title="Читаем вместе")
    assert p.status == PartnershipStatus.ACTIVE
    assert [d.name for d in p.directions.all()] == ["Библиотека и чтение"]


def test_foreign_partnership_rows_are_refused(world):
    OrganizationFactory(short_name="Библиотека", kind="library")
    job = tabular.import_validate(actor=world.editor_b, kind="partnerships", filename="p.xlsx", data=xlsx([row()]))
    assert job.report["rows"][0]["errors"] == ["среди сторон нет организации, которую вы ведёте"]


def test_export_imports_back_as_duplicates(world, client_for):
    make_partnership(world.editor_a, world.org_a, world.org_b)
    c = client_for(world.editor_a)
    exported = c.get("/partnerships/?export=xlsx").content
    ws = load_workbook(io.BytesIO(exported)).active
    assert ws.cell(2, 8).value == "Организация А (инициатор); Организация Б (партнёр)"
    response = c.post(
        "/partnerships/import/",
        {"file": SimpleUploadedFile("p.xlsx", exported)},
    )
    assert response.status_code == 302
    page = c.get(response["Location"]).content.decode()
    assert "дубликат" in page and "уже есть: Робототехника для дошколят" in page
