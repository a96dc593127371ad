from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalyticsConfig(AppConfig):
    name = "edcluster.analytics"
    label = "analytics"
    verbose_name = _("Аналитика")
    # "staff": anyone with a role (coordinators, editors, viewers, administrators); the page
    # itself decides which scopes each of them sees (analytics.access).
    nav = [("analytics:dashboard", _("Аналитика"), 80, "staff")]
