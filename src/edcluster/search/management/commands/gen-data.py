"""``edcluster gen-data --orgs N --people N --events N --registrations N``: a synthetic national
dataset for load tests (never on a production database)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from edcluster.search.gendata import generate


class Command(BaseCommand):
    help = "Создать синтетические данные национального масштаба (для нагрузочных тестов)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--orgs", type=int, default=0, help="число организаций")
        parser.add_argument("--people", type=int, default=0, help="число людей")
        parser.add_argument("--events", type=int, default=0, help="число мероприятий")
        parser.add_argument("--registrations", type=int, default=0, help="число регистраций")
        parser.add_argument("--seed", type=int, default=1, help="зерно генератора")

    def handle(self, *args, **options) -> None:
        for key in ("orgs", "people", "events", "registrations"):
            if options[key] < 0:
                self.stderr.write(f"--{key}: нужно неотрицательное число.")
                raise SystemExit(2)
        counts = generate(
            orgs=options["orgs"],
            people=options["people"],
            events=options["events"],
            registrations=options["registrations"],
            seed=options["seed"],
            log=lambda line: self.stdout.write(line),
        )
        self.stdout.write(
            f"Готово: организаций {counts.orgs}, людей {counts.people}, "
            f"мероприятий {counts.events}, регистраций {counts.registrations}."
        )
