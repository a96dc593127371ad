from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "edcluster.events"
    label = "events"
    verbose_name = _("Мероприятия")
    nav: list = []

    def ready(self) -> None:
        from edcluster.core.mail import register_attachment_builder
        from edcluster.events import mail, privacy
        from edcluster.web.panels import register_panel

        privacy.register()
        register_attachment_builder(mail.CONFIRMATION_ATTACHMENTS, mail.confirmation_attachments)

        register_panel("cluster", _cluster_panel, order=30)
        from celery.schedules import crontab
        from django.conf import settings

        settings.CELERY_BEAT_SCHEDULE.setdefault(
            "events.expire_offers",
            {"task": "edcluster.events.tasks.expire_offers", "schedule": crontab(minute="*/15")},
        )
        settings.CELERY_BEAT_SCHEDULE.setdefault(
            "events.send_reminders",
            {"task": "edcluster.events.tasks.send_reminders", "schedule": crontab(hour=9, minute=0)},
        )


def _cluster_panel(request, cluster):
    from django.utils import timezone

    from edcluster.events import access, selectors
    from edcluster.web.panels import Panel

    events = list(
        selectors.event_list(access.visible_events(request.user), cluster=cluster, upcoming_from=timezone.localdate())[
            :5
        ]
    )
    return Panel(
        title=str(_("Мероприятия")),
        template="events/_cluster_panel.html",
        context={"events": events, "cluster": cluster},
    )
