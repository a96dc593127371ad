from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "edcluster.training"
    label = "training"
    verbose_name = _("Практическая подготовка")
    nav = [("training:index", _("Практика студентов"), 65, "all")]

    def ready(self) -> None:
        from edcluster.training import privacy
        from edcluster.training.documents import register_documents

        privacy.register()

        register_documents()
        from edcluster.training.views import home_panel
        from edcluster.web.panels import register_panel

        register_panel("home", home_panel, order=65)
