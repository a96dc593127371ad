import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from edcluster.core.errors import DomainError
from edcluster.imports.services import extract_file


class Command(BaseCommand):
    help = (
        "Извлечь из документов (DOCX, ODT, RTF, PDF, TXT) протоколы, письма, решения, людей и организации. "
        "С --json печатает по одному JSON-объекту на документ; с --out пишет <имя>.json в каталог."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE", help="файлы документов")
        parser.add_argument(
            "--json", action="store_true", help="вывести результат в формате JSON (по строке на документ)"
        )
        parser.add_argument("--out", metavar="DIR", help="каталог, куда записать <имя>.json для каждого документа")

    def handle(self, *args, files, out=None, **options):
        as_json = options.get("json", False)
        out_dir = Path(out) if out else None
        if out_dir is not None:
            out_dir.mkdir(parents=True, exist_ok=True)
        failed = 0
        for name in files:
            try:
                result = extract_file(name)
            except DomainError as exc:
                failed += 1
                self.stderr.write(f"{name}: {exc.message}")
                continue
            result.pop("spans", None)
            if out_dir is not None:
                target = out_dir / f"{Path(name).stem}.json"
                target.write_text(_dumps(result, indent=2) + "\n", encoding="utf-8")
            elif as_json:
                self.stdout.write(_dumps(result))
            else:
                self.stdout.write(_summary(result))
        if failed == len(files):
            raise CommandError("Ни один файл не удалось прочитать.")


def _dumps(value, indent=None):
    return json.dumps(value, ensure_ascii=False, indent=indent)


def _summary(result):
    lines = [f"{result['file']}: {result['genre']}"]
    for key in ("doc_number", "date", "end_date", "title", "participants_count", "organizations_count", "format"):
        if result.get(key) not in (None, "", []):
            lines.append(f"  {key}: {result[key]}")
    lines.append(
        f"  люди: {len(result['people'])}, организации: {len(result['organizations'])}, "
        f"пункты повестки: {len(result['agenda_items'])}, решения: {len(result['decisions'])}"
    )
    return "\n".join(lines)
