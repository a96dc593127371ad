from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    name = "edcluster.partnerships"
    label = "partnerships"
    verbose_name = _("Партнёрства")
    nav = [
        ("partnerships:list", _("Партнёрства"), 25, "all"),
        ("partnerships:network", _("Сеть"), 26, "all"),
    ]

    def ready(self) -> None:
        from django.conf import settings

        from edcluster.partnerships import importers  # noqa: F401 - registers the XLSX importer
        from edcluster.partnerships.views import organization_partners_panel
        from edcluster.web.panels import register_panel

        settings.CELERY_BEAT_SCHEDULE.setdefault(
            "partnerships.refresh_statuses",
            {"task": "edcluster.partnerships.tasks.refresh_statuses", "schedule": 3600.0 * 6},
        )
        register_panel("organization", organization_partners_panel, order=20)
