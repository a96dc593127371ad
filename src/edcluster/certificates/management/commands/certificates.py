"""``edcluster certificates issue --event N``: issue every missing certificate of an event."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from edcluster.certificates import services
from edcluster.core.errors import DomainError
from edcluster.events.models import Event


class Command(BaseCommand):
    help = "Сертификаты: issue — выдать недостающие сертификаты мероприятия."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        issue = sub.add_parser("issue", help="выдать сертификаты мероприятия (повторный запуск ничего не дублирует)")
        issue.add_argument("--event", type=int, required=True, help="номер мероприятия")
        issue.add_argument("--no-mail", action="store_true", help="не рассылать письма участникам")
        issue.add_argument("--default-kinds", action="store_true", help="добавить недостающие обычные виды")

    def handle(self, *args, action, event, no_mail=False, default_kinds=False, **options):
        found = Event.objects.filter(pk=event).select_related("cluster").first()
        if found is None:
            raise CommandError(f"Мероприятие {event} не найдено.")
        try:
            if default_kinds:
                services.kinds_default(actor=None, event=found)
            batch = services.batch_start(actor=None, event=found, send_mail=not no_mail)
            batch.refresh_from_db()
            if batch.status != batch.Status.DONE:  # no eager run (a broker is configured): run it here
                batch = services.batch_run(batch.pk)
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        total = found.certificates.count()
        self.stdout.write(f"Выдано в этом запуске: {batch.done}; всего у мероприятия: {total}.")
