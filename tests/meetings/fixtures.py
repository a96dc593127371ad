"""The council of cluster X and its meeting of 26 February 2025, shared by the meetings and documents tests."""

from __future__ import annotations

from datetime import date

import pytest

from edcluster.meetings import services
from edcluster.meetings.models import BodyMember
from tests.factories import PersonFactory


@pytest.fixture
def council(world):
    """A council of cluster X: person A (organisation A) chairs, a second member is secretary."""
    w = world
    body = services.body_create(actor=w.coordinator_x, cluster=w.cluster_x, data={"name": "Совет кластера Икс"})
    secretary = PersonFactory(last_name="Сидорова", first_name="Света", middle_name="Петровна", organization=w.org_a)
    member = PersonFactory(last_name="Волков", first_name="Иван", middle_name="Ильич", organization=w.org_a)
    services.body_member_add(
        actor=w.coordinator_x, body=body, data={"person": w.person_a, "organization": w.org_a, "role": "chair"}
    )
    services.body_member_add(
        actor=w.coordinator_x, body=body, data={"person": secretary, "organization": w.org_a, "role": "secretary"}
    )
    services.body_member_add(
        actor=w.coordinator_x,
        body=body,
        data={"person": member, "organization": w.org_a, "role": BodyMember.Role.MEMBER},
    )
    body.secretary_person = secretary
    body.member_person = member
    return body


@pytest.fixture
def meeting(world, council):
    m = services.meeting_create(
        actor=world.coordinator_x,
        body=council,
        data={"date": date(2025, 2, 26), "place": "пгт Подосиновец", "theme": "Партнёрство"},
        attendees=[world.person_a, council.secretary_person],
    )
    return m
