from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "edcluster.core"
    label = "core"
    verbose_name = _("Платформа")
    nav: list = []

    def ready(self) -> None:
        from edcluster.core import privacy_providers

        privacy_providers.register()
        from django.conf import settings

        settings.CELERY_BEAT_SCHEDULE.setdefault(
            "core.retry_outbox", {"task": "edcluster.core.tasks.retry_outbox", "schedule": 300.0}
        )
