from django.core.management.base import BaseCommand

from edcluster.core.backup import backup_write


class Command(BaseCommand):
    help = "Резервная копия: все таблицы базы и загруженные файлы в один ZIP-архив."

    def add_arguments(self, parser):
        parser.add_argument("file", help="куда записать архив, например backup-2025-11-14.zip")

    def handle(self, *args, file: str, **options):
        manifest = backup_write(file)
        rows = sum(manifest["models"].values())
        self.stdout.write(f"Резервная копия записана: {file} — строк: {rows}, файлов: {len(manifest['files'])}.")
