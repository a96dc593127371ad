"""A meeting is an event of kind "council meeting": its check-in counts attendance, and holding
an event linked as evidence closes the decision."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from edcluster.core.errors import Conflict, ValidationError
from edcluster.events import services as event_services
from edcluster.events.models import Event, EventStatus, Registration
from edcluster.meetings import services
from edcluster.meetings.models import Decision, Evidence, Meeting
from tests.factories import ClusterFactory

pytestmark = pytest.mark.django_db


def _event(world, *, kind="council", cluster=None, title="Заседание совета"):
    return Event.objects.create(
        cluster=cluster or world.cluster_x,
        kind=kind,
        title=title,
        starts_on=date(2025, 2, 26),
        ends_on=date(2025, 2, 26),
        status=EventStatus.REGISTRATION_CLOSED,
    )


def _meeting(world):
    body = services.body_create(actor=world.admin, cluster=world.cluster_x, data={"name": "Совет кластера"})
    return services.meeting_create(actor=world.admin, body=body, data={"date": date(2025, 2, 26), "number": 1})


def _checked_in(event, last_name, organisation_name, organization=None):
    return Registration.objects.create(
        event=event,
        last_name=last_name,
        first_name="Анна",
        organization=organization,
        organization_name=organisation_name,
        position="учитель",
        region="43",
        email=f"{last_name}@example.test",
        mode="in_person",
        status="confirmed",
        checked_in_at=timezone.now(),
    )


def test_attendance_is_counted_from_the_check_in_of_the_linked_event(world):
    meeting = _meeting(world)
    event = _event(world)
    services.meeting_link_event(actor=world.admin, meeting=meeting, event=event)
    _checked_in(event, "Иванова", "Школа А", world.org_a)
    _checked_in(event, "Петрова", "Школа А", world.org_a)
    _checked_in(event, "Сидорова", "Детский сад «Ромашка»")
    services.meeting_attendance_from_event(actor=world.admin, meeting=meeting)
    meeting.refresh_from_db()
    assert (meeting.attended_count, meeting.attended_org_count) == (3, 2)
    assert "3 педагога из 2 образовательных организаций" in services.attendance_text(meeting)


def test_an_event_of_another_kind_or_cluster_is_refused_and_nothing_is_linked(world):
    meeting = _meeting(world)
    with pytest.raises(ValidationError) as exc:
        services.meeting_link_event(actor=world.admin, meeting=meeting, event=_event(world, kind="seminar"))
    assert "заседание совета" in str(exc.value.errors)
    with pytest.raises(ValidationError):
        services.meeting_link_event(
            actor=world.admin, meeting=meeting, event=_event(world, cluster=ClusterFactory(slug="z"))
        )
    assert Meeting.objects.get(pk=meeting.pk).event_id is None


def test_counting_without_check_in_says_so_and_changes_nothing(world):
    meeting = _meeting(world)
    with pytest.raises(Conflict, match="не связано с мероприятием"):
        services.meeting_attendance_from_event(actor=world.admin, meeting=meeting)
    services.meeting_link_event(actor=world.admin, meeting=meeting, event=_event(world))
    with pytest.raises(Conflict, match="никто не отмечен"):
        services.meeting_attendance_from_event(actor=world.admin, meeting=meeting)
    assert Meeting.objects.get(pk=meeting.pk).attended_count is None


def test_holding_the_event_linked_as_evidence_marks_the_decision_done(world):
    meeting = _meeting(world)
    decision = services.decision_create(
        actor=world.admin,
        meeting=meeting,
        data={"text": "Провести «Методический поезд»", "due_date": date.today() + timedelta(days=30)},
    )
    train = _event(world, kind="methodical_train", title="Методический поезд")
    services.evidence_add(
        actor=world.admin, decision=decision, kind=Evidence.Kind.EVENT, object_id=train.pk, title=train.title
    )
    assert decision.status != Decision.Status.DONE
    event_services.event_set_status(actor=world.admin, event=train, status=EventStatus.HELD)
    decision.refresh_from_db()
    assert decision.status == Decision.Status.DONE
