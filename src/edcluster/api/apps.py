from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "edcluster.api"
    label = "api"
    verbose_name = _("Программный интерфейс")
    nav = [("api:tokens", _("Токены API"), 90, "user")]
