from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "edcluster.meetings"
    label = "meetings"
    verbose_name = _("Советы и решения")
    nav: list = []

    def ready(self) -> None:
        from edcluster.meetings.documents import register_documents

        register_documents()
