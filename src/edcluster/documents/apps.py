from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "edcluster.documents"
    label = "documents"
    verbose_name = _("Документы")
    nav: list = []

    def ready(self) -> None:
        from edcluster.documents.event_documents import register_event_documents

        register_event_documents()
