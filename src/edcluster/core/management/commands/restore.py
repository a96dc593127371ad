from django.core.management.base import BaseCommand, CommandError

from edcluster.core.backup import backup_restore
from edcluster.core.errors import ValidationError


class Command(BaseCommand):
    help = "Восстановление из резервной копии в пустую базу (после migrate): таблицы и файлы."

    def add_arguments(self, parser):
        parser.add_argument("file", help="архив, записанный командой backup")
        parser.add_argument("--force", action="store_true", help="заменить данные непустой базы")

    def handle(self, *args, file: str, force: bool = False, **options):
        try:
            manifest = backup_restore(file, force=force)
        except ValidationError as exc:
            raise CommandError(exc.message) from exc
        rows = sum(manifest["models"].values())
        self.stdout.write(f"Восстановлено из {file}: строк: {rows}, файлов: {len(manifest['files'])}.")
