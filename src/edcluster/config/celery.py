"""The Celery application. Without ``CELERY_BROKER_URL`` tasks run eagerly in-process."""

import os

from celery import Celery
from celery.signals import after_setup_logger, after_setup_task_logger

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "edcluster.config.settings")

app = Celery("edcluster")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@after_setup_logger.connect
@after_setup_task_logger.connect
def _redact_worker_logs(logger, **kwargs) -> None:
    """The worker replaces the root logger's handlers with its own (``worker_hijack_root_logger``),
    which would drop the settings' redacting filter: it is put back on every handler Celery
    installs, so a worker's output holds no e-mail address or phone number either (152-FZ)."""
    from edcluster.core.logging import RedactPersonalDataFilter

    for handler in logger.handlers:
        if not any(isinstance(f, RedactPersonalDataFilter) for f in handler.filters):
            handler.addFilter(RedactPersonalDataFilter())
