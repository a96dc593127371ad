import datetime as dt

import pytest
from django.utils import timezone

from edcluster.consultations import services
from edcluster.consultations.models import Centre

LETTER = {"a": "А", "b": "Б"}


@pytest.fixture
def centres(world):
    """Centre A (organisation A, cluster X) and centre B (organisation B, cluster Y), each with a
    psychologist who receives on Mondays 10:00–12:00 in one-hour slots."""
    out = {}
    for key, org, editor in (("a", world.org_a, world.editor_a), ("b", world.org_b, world.editor_b)):
        c = services.centre_create(
            actor=editor,
            data={
                "organization": org,
                "name": f"Консультационный центр {LETTER[key]}",
                "forms": ["in_person", "remote", "visit"],
                "services": "Консультирование родителей\nДиагностика речи",
                "address": "ул. Ленина, 1",
            },
        )
        sp = services.specialist_create(
            actor=editor, centre=c, data={"kind": "psychologist", "full_name": f"Психолог {LETTER[key]}"}
        )
        services.schedule_add(actor=editor, specialist=sp, weekday=0, start=dt.time(10), end=dt.time(12))
        out[key] = c
        out[f"sp_{key}"] = sp
    return out


def next_monday(hour=10):
    today = timezone.localdate()
    day = today + dt.timedelta(days=(7 - today.weekday()) or 7)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


REQUEST = {
    "applicant_kind": "parent",
    "name": "Мария",
    "child_age": 3,
    "topic": "speech",
    "preferred_form": "in_person",
    "preferred_time": "утром",
    "email": "Parent@Example.test",
    "phone": "",
}


def make_request(centre, **over):
    from edcluster.consultations import services

    return services.request_create(centre=centre, data={**REQUEST, **over}, consent=True, ip="127.0.0.1")


__all__ = ["REQUEST", "Centre", "make_request", "next_monday"]
