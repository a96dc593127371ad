from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "edcluster.practices"
    label = "practices"
    verbose_name = _("Практики и материалы")
    nav = [("practices:list", _("Практики"), 45, "all")]

    def ready(self) -> None:
        from edcluster.practices import privacy

        privacy.register()
        from celery.schedules import crontab
        from django.conf import settings

        settings.CELERY_BEAT_SCHEDULE.setdefault(
            "practices.send_digest",
            {"task": "edcluster.practices.tasks.send_digest", "schedule": crontab(minute=0, hour=7, day_of_month=1)},
        )
