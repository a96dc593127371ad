from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "edcluster.meetings"
    label = "meetings"
    verbose_name = _("Советы и решения")
    nav: list = []  # bodies are reached from the cluster page (panel)

    def ready(self) -> None:
        from edcluster.meetings import privacy

        privacy.register()
        from celery.schedules import crontab
        from django.conf import settings

        from edcluster.meetings.documents import register_documents

        register_documents()
        from edcluster.meetings.section_documents import register_section_documents

        register_section_documents()
        from edcluster.events.signals import event_held

        event_held.connect(_event_held, dispatch_uid="meetings.event_held")
        from edcluster.meetings.views import cluster_panel, organization_panel
        from edcluster.web.panels import register_panel

        register_panel("organization", organization_panel, order=40)
        register_panel("cluster", cluster_panel, order=40)
        settings.CELERY_BEAT_SCHEDULE.setdefault(
            "meetings.sweep_decisions",
            {"task": "edcluster.meetings.tasks.sweep_decisions", "schedule": crontab(hour=6, minute=0)},
        )


def _event_held(sender, *, actor, event, **kwargs) -> None:
    from edcluster.meetings.services import on_event_held

    on_event_held(actor=actor, event=event)
