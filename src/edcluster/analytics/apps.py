from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalyticsConfig(AppConfig):
    name = "edcluster.analytics"
    label = "analytics"
    verbose_name = _("Аналитика")
    # "staff": anyone with a role (coordinators, editors, viewers, administrators); the page
    # itself decides which scopes each of them sees (analytics.access).
    nav = [("analytics:dashboard", _("Аналитика"), 80, "staff")]

    def ready(self) -> None:
        from celery.schedules import crontab
        from django.conf import settings

        from edcluster.analytics import signals

        signals.connect()
        settings.CELERY_BEAT_SCHEDULE.setdefault(
            "analytics.refresh_dashboards",
            {"task": "edcluster.analytics.tasks.refresh_dashboards", "schedule": crontab(minute="*/10")},
        )
