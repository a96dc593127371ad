from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    name = "edcluster.imports"
    label = "imports"
    verbose_name = _("Импорт документов")
    nav = [("imports:batch_list", _("Импорт документов"), 75, "staff")]

    def ready(self) -> None:
        from edcluster.web.panels import register_panel

        register_panel("cluster", _cluster_panel, order=45)
        from django.conf import settings

        settings.CELERY_BEAT_SCHEDULE.setdefault(
            "imports.resume_stalled", {"task": "edcluster.imports.tasks.resume_stalled", "schedule": 300.0}
        )


def _cluster_panel(request, cluster):
    """A link to upload documents on the cluster page, for those who may import into it."""
    from edcluster.imports.access import can_import_somewhere
    from edcluster.web.panels import Panel

    if not request.user.is_authenticated or not can_import_somewhere(request.user, cluster):
        return None
    return Panel(_("Импорт документов"), "imports/_cluster_panel.html", {"cluster": cluster})
