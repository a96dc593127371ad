from django.core.management.base import BaseCommand

from edcluster.core.demo_loader import load_demo


class Command(BaseCommand):
    help = "Загрузить демонстрационный кластер из образцов документов (повторный запуск ничего не дублирует)."

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true", help="не печатать логины")

    def handle(self, *args, quiet=False, **options):
        ctx = load_demo(stdout=None if quiet else self.stdout)
        if quiet:
            return
        self.stdout.write("\nДемонстрационные учётные записи (логин / пароль — роль):")
        for login, password, who in ctx.logins:
            self.stdout.write(f"  {login:<14} / {password} — {who}")
