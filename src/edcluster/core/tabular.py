"""Two-phase tabular import (pretix's modelimport is the model).

Phase 1, ``import_validate``: the uploaded XLSX is kept in an ``ImportJob`` and every row is
checked — row-numbered Russian errors, duplicates of existing records and of earlier rows —
without writing anything. Phase 2, ``import_commit``: the rows are checked again (the registry
may have changed meanwhile) and written in one transaction through the normal services, so
every created record is audited; with any error left nothing is written, unless the user chose
to import only the valid rows. Each app registers an ``Importer`` for what it imports.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from edcluster.core.audit import audit_log
from edcluster.core.errors import NotFound, PermissionDenied, ValidationError
from edcluster.core.models import ImportJob
from edcluster.core.xlsx import read_xlsx


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    required: bool = False
    aliases: tuple[str, ...] = ()
    example: str = ""

    def matches(self, header: str) -> bool:
        h = header.strip().lower().rstrip("*").strip()
        return h in {self.label.lower(), self.key.lower(), *(a.lower() for a in self.aliases)}


@dataclass
class RowResult:
    row: int
    values: dict[str, Any]
    errors: list[str] = field(default_factory=list)
    duplicate: str = ""
    label: str = ""


class Importer:
    """What one kind of import knows: its columns, how to clean a row, how to spot a duplicate,
    how to write a row (through a service) and who may run it."""

    kind: ClassVar[str]
    title: ClassVar[str]
    columns: ClassVar[list[Column]]
    do_not_call_in_templates = True  # templates list importer classes; don't instantiate them

    def __init__(self, *, actor: Any, options: dict[str, Any]) -> None:
        self.actor = actor
        self.options = options

    def allowed(self) -> bool:
        raise NotImplementedError

    def clean_row(self, raw: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
        """Cleaned, JSON-safe values and the row's error messages."""
        raise NotImplementedError

    def keys(self, values: dict[str, Any]) -> list[str]:
        """Identity keys: two rows (or a row and a record) sharing one are the same thing."""
        return []

    def existing(self, values: dict[str, Any]) -> str:
        """A message naming the existing record this row duplicates, or ``""``."""
        return ""

    def label(self, values: dict[str, Any]) -> str:
        return ""

    def write(self, values: dict[str, Any]) -> Any:
        raise NotImplementedError


def cell_text(value: Any) -> str:
    """A spreadsheet cell as one line of text: ``None`` → "", 12.0 → "12" (Excel stores numbers
    as floats), no-break spaces and runs of whitespace → one space."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).replace("\u00a0", " ").split())


def choice_code(value: str, choices: list[tuple[str, str]]) -> str | None:
    """A choice given by its code or its Russian label (case and ё ignored); ``None`` if neither."""
    norm = value.lower().replace("ё", "е")
    for code, label in choices:
        if norm in (code.lower(), str(label).lower().replace("ё", "е")):
            return code
    return None


REGISTRY: dict[str, type[Importer]] = {}


def register(importer: type[Importer]) -> type[Importer]:
    REGISTRY[importer.kind] = importer
    return importer


def importer_for(kind: str, *, actor: Any, options: dict[str, Any] | None = None) -> Importer:
    cls = REGISTRY.get(kind)
    if cls is None:
        raise NotFound(_("Неизвестный вид импорта."))
    importer = cls(actor=actor, options=options or {})
    if not importer.allowed():
        raise PermissionDenied(_("Недостаточно прав для импорта."))
    return importer


def _check_rows(importer: Importer, data: bytes) -> tuple[list[RowResult], list[str]]:
    headers, rows = read_xlsx(data)
    mapping: dict[int, Column] = {}
    for index, header in enumerate(headers):
        for column in importer.columns:
            if header and column.matches(header):
                mapping[index] = column
    header_errors = [
        _("Нет обязательного столбца «%(col)s».") % {"col": c.label}
        for c in importer.columns
        if c.required and c not in mapping.values()
    ]
    if header_errors:
        return [], header_errors
    results: list[RowResult] = []
    seen: dict[str, int] = {}
    for number, values in rows:
        raw = {col.key: values[i] if i < len(values) else None for i, col in mapping.items()}
        cleaned, errors = importer.clean_row(raw)
        result = RowResult(row=number, values=cleaned, errors=errors, label=importer.label(cleaned))
        if not errors:
            for key in importer.keys(cleaned):
                if key in seen:
                    result.duplicate = _("повторяет строку %(row)s") % {"row": seen[key]}
                    break
            if not result.duplicate:
                result.duplicate = importer.existing(cleaned)
            for key in importer.keys(cleaned):
                seen.setdefault(key, number)
        results.append(result)
    return results, []


def _report(results: list[RowResult], header_errors: list[str]) -> dict[str, Any]:
    return {
        "header_errors": header_errors,
        "total": len(results),
        "valid": sum(1 for r in results if not r.errors and not r.duplicate),
        "invalid": sum(1 for r in results if r.errors),
        "duplicates": sum(1 for r in results if not r.errors and r.duplicate),
        "rows": [{"row": r.row, "label": r.label, "errors": r.errors, "duplicate": r.duplicate} for r in results],
        "created": [],
    }


def import_validate(*, actor: Any, kind: str, filename: str, data: bytes, options: dict | None = None) -> ImportJob:
    """Phase 1: keep the file, check every row, write no record. Bad files raise ``ValidationError``."""
    importer = importer_for(kind, actor=actor, options=options)
    results, header_errors = _check_rows(importer, data)
    job = ImportJob(kind=kind, original_name=filename[:255], created_by=actor, options=options or {})
    job.report = _report(results, header_errors)
    job.file.save(filename[-100:] or "import.xlsx", ContentFile(data), save=False)
    job.save()
    return job


def import_commit(*, actor: Any, job: ImportJob, only_valid: bool = False) -> ImportJob:
    """Phase 2: check again and write every valid row in one transaction, or nothing at all."""
    if job.created_by_id != getattr(actor, "pk", None):
        raise NotFound(_("Импорт не найден."))
    if job.status != ImportJob.Status.VALIDATED:
        raise ValidationError(_("Этот файл уже обработан."))
    importer = importer_for(job.kind, actor=actor, options=job.options)
    with job.file.open("rb") as fh:
        data = fh.read()
    results, header_errors = _check_rows(importer, data)
    report = _report(results, header_errors)
    if header_errors or (report["invalid"] and not only_valid):
        job.report = report
        job.save(update_fields=["report"])
        raise ValidationError(
            _("В файле есть ошибки (%(n)s стр.), ничего не импортировано.") % {"n": report["invalid"]}
            if not header_errors
            else header_errors[0]
        )
    with transaction.atomic():
        created = [importer.write(r.values) for r in results if not r.errors and not r.duplicate]
        report["created"] = [obj.pk for obj in created]
        job.report = report
        job.status = ImportJob.Status.IMPORTED
        job.save(update_fields=["report", "status"])
        audit_log(
            actor=actor,
            action=f"core.import.{job.kind}",
            target=job,
            changes={"created": [0, len(created)], "skipped": [0, report["invalid"] + report["duplicates"]]},
        )
    return job
