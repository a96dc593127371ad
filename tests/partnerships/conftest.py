from datetime import date

import pytest

from edcluster.partnerships import services
from edcluster.partnerships.models import Direction


def make_partnership(
    actor, a, b, *, until=date(2027, 6, 30), activate=True, directions=("Робототехника и программирование",), **data
):
    return services.partnership_create(
        actor=actor,
        data={
            "kind": "cooperation_agreement",
            "title": data.pop("title", "Робототехника для дошколят"),
            "number": data.pop("number", "12"),
            "signed_on": data.pop("signed_on", date(2025, 9, 1)),
            "valid_from": data.pop("valid_from", date(2025, 9, 1)),
            "valid_until": until,
            **data,
        },
        parties=[{"organization": a, "role": "initiator"}, {"organization": b, "role": "partner"}],
        directions=list(Direction.objects.filter(name__in=directions)),
        activate=activate,
    )


def create_form(own, partners, **fields) -> dict:
    """What «Новое партнёрство» posts: a joint project of ``own`` with ``partners``."""
    return {
        "kind": "joint_project",
        "own_organization": own.pk,
        "own_role": "initiator",
        "partners": [p.pk for p in partners],
        **fields,
    }


@pytest.fixture
def partnership(world):
    return make_partnership(world.editor_a, world.org_a, world.org_b)
