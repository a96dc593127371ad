from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "edcluster.practices"
    label = "practices"
    verbose_name = _("Практики и материалы")
    nav = [("practices:list", _("Практики"), 45, "all")]
