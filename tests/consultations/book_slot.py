"""Run in a separate process by ``test_concurrency``: book one slot through the service and print
the outcome as one JSON line. Waits for the ``go`` file so that both processes start together."""

import json
import os
import sys
import time
from pathlib import Path

import django


def main() -> None:
    go, actor_pk, centre_pk, specialist_pk, starts_at = sys.argv[1:6]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "edcluster.config.settings")
    django.setup()
    import datetime as dt

    from django.contrib.auth import get_user_model

    from edcluster.consultations import services
    from edcluster.consultations.models import Centre, Specialist
    from edcluster.core.errors import DomainError

    actor = get_user_model().objects.get(pk=actor_pk)
    centre = Centre.objects.get(pk=centre_pk)
    specialist = Specialist.objects.get(pk=specialist_pk)
    deadline = time.monotonic() + 30
    while not Path(go).exists() and time.monotonic() < deadline:
        time.sleep(0.005)
    try:
        a = services.appointment_book(
            actor=actor,
            centre=centre,
            specialist=specialist,
            starts_at=dt.datetime.fromisoformat(starts_at),
            form="in_person",
            email="parent@example.test",
        )
    except DomainError as exc:
        print(json.dumps({"ok": False, "message": exc.message, "code": exc.code}, ensure_ascii=False))
    else:
        print(json.dumps({"ok": True, "id": a.pk}))


if __name__ == "__main__":
    main()
