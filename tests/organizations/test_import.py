"""Two-phase XLSX import of the registry (acceptance: a bad ИНН on row 7 → "строка 7", nothing written)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from edcluster.core import tabular
from edcluster.core.errors import PermissionDenied, ValidationError
from edcluster.core.models import ImportJob
from edcluster.organizations.models import Membership, Organization, Person

HEADERS = ["Полное наименование*", "Краткое наименование", "Тип*", "Регион", "Муниципалитет", "ИНН"]


def xlsx(rows, headers=HEADERS) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(headers)
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def good_rows(n):
    return [
        [
            f"Муниципальное бюджетное общеобразовательное учреждение «Школа № {i}»",
            f"Школа № {i}",
            "Школа",
            "Кировская область",
            "Киров",
            "",
        ]
        for i in range(1, n + 1)
    ]


@pytest.fixture
def bad_row_7():
    rows = good_rows(8)
    rows[5][5] = "4345000001"  # file row 7 (row 1 holds the headers)
    return xlsx(rows)


def test_bad_inn_on_row_7_reports_the_row_and_writes_nothing(world, bad_row_7):
    job = tabular.import_validate(
        actor=world.coordinator_x,
        kind="organizations",
        filename="школы.xlsx",
        data=bad_row_7,
        options={"cluster": world.cluster_x.pk},
    )
    bad = [r for r in job.report["rows"] if r["errors"]]
    assert [r["row"] for r in bad] == [7]
    assert "ИНН" in bad[0]["errors"][0] and "контрольной суммы" in bad[0]["errors"][0]
    before = Organization.objects.count()
    with pytest.raises(ValidationError, match="ничего не импортировано"):
        tabular.import_commit(actor=world.coordinator_x, job=job)
    assert Organization.objects.count() == before


def test_review_page_says_row_7(world, client_for, bad_row_7):
    c = client_for(world.coordinator_x)
    upload = SimpleUploadedFile("школы.xlsx", bad_row_7)
    response = c.post(
        "/registry/import/", {"kind": "organizations", "cluster": world.cluster_x.pk, "file": upload}, follow=True
    )
    page = response.content.decode()
    assert "строка 7" in page and "контрольной суммы" in page
    assert "Импортировать только корректные строки" in page
    before = Organization.objects.count()
    job = ImportJob.objects.get()
    c.post(f"/registry/import/{job.uuid}/")
    assert Organization.objects.count() == before


def test_only_valid_rows_on_request(world, bad_row_7):
    job = tabular.import_validate(
        actor=world.coordinator_x,
        kind="organizations",
        filename="школы.xlsx",
        data=bad_row_7,
        options={"cluster": world.cluster_x.pk},
    )
    job = tabular.import_commit(actor=world.coordinator_x, job=job, only_valid=True)
    assert len(job.report["created"]) == 7
    assert (
        Membership.objects.filter(cluster=world.cluster_x, organization__short_name__startswith="Школа №").count() == 7
    )
    with pytest.raises(ValidationError, match="уже обработан"):
        tabular.import_commit(actor=world.coordinator_x, job=job, only_valid=True)


def test_duplicates_in_file_and_in_registry_are_reported_not_created(world):
    rows = [*good_rows(2), good_rows(1)[0], ["Школа А", "", "Школа", "", "Город А", ""]]
    job = tabular.import_validate(actor=world.admin, kind="organizations", filename="d.xlsx", data=xlsx(rows))
    dupes = {r["row"]: r["duplicate"] for r in job.report["rows"] if r["duplicate"]}
    assert dupes == {4: "повторяет строку 2", 5: "уже есть в реестре: Организация А"}
    job = tabular.import_commit(actor=world.admin, job=job)
    assert len(job.report["created"]) == 2


def test_missing_required_column_is_named(world):
    job = tabular.import_validate(
        actor=world.admin,
        kind="organizations",
        filename="x.xlsx",
        data=xlsx([["Школа"]], headers=["Краткое наименование"]),
    )
    assert job.report["header_errors"] == [
        "Нет обязательного столбца «Полное наименование».",
        "Нет обязательного столбца «Тип».",
    ]


@pytest.mark.parametrize(
    "data,message",
    [
        (b"", "пустой"),
        (b"not a zip at all", "не файл Excel"),
        (b"PK\x03\x04" + b"\x00" * 100, "не файл Excel"),
    ],
)
def test_broken_files_get_a_clear_message(world, data, message):
    with pytest.raises(ValidationError, match=message):
        tabular.import_validate(actor=world.admin, kind="organizations", filename="x.xlsx", data=data)
    assert not ImportJob.objects.exists()


def test_zip_bomb_is_refused_before_parsing(world):
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/worksheets/sheet1.xml", b"0" * (150 * 1024 * 1024))
    with pytest.raises(ValidationError, match="сжат"):
        tabular.import_validate(actor=world.admin, kind="organizations", filename="bomb.xlsx", data=buf.getvalue())


def test_editor_may_not_import_organizations(world):
    with pytest.raises(PermissionDenied):
        tabular.import_validate(actor=world.editor_a, kind="organizations", filename="x.xlsx", data=xlsx([]))


def test_people_import_links_posts_and_respects_rights(world):
    headers = ["Фамилия", "Имя", "Отчество", "E-mail", "Организация", "Должность"]
    rows = [
        ["Грязева", "Елена", "Борисовна", "g@example.test", "Организация А", "методист"],
        ["Чужой", "Иван", "Иванович", "", "Организация Б", "учитель"],
        ["Без", "Места", "", "", "Нет такой организации", "учитель"],
    ]
    job = tabular.import_validate(actor=world.coordinator_x, kind="people", filename="p.xlsx", data=xlsx(rows, headers))
    errors = {r["row"]: r["errors"] for r in job.report["rows"] if r["errors"]}
    assert errors == {
        3: ["нет прав добавлять людей в «Организация Б»"],
        4: ["организация «Нет такой организации» не найдена в реестре"],
    }
    tabular.import_commit(actor=world.coordinator_x, job=job, only_valid=True)
    person = Person.objects.get(last_name="Грязева")
    assert person.gender == "female" and person.positions.get().organization == world.org_a
