"""Records for the dashboards, written straight to the models (the analytics app only reads):
``network(world, n)`` gives cluster X ``n`` of everything in 2025 and one of each in 2024, and
cluster Y one event (which cluster X's dashboard must never count)."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime

import pytest

from edcluster.certificates.models import Certificate, CertificateKind
from edcluster.consultations.models import Centre, Consultation, Specialist, SurveyAnswer
from edcluster.events.models import Event, EventDay, ProgrammeItem, Registration, Speaker
from edcluster.meetings.models import Body, Decision, Meeting
from edcluster.partnerships.models import Direction, Partnership, Party

_seq = itertools.count(1)


def add_event(cluster, *, starts_on, kind="seminar", regions=("43",), speakers=1, status="published", mode="in_person"):
    event = Event.objects.create(
        cluster=cluster, title=f"Семинар {next(_seq)}", kind=kind, starts_on=starts_on, status=status
    )
    day = EventDay.objects.create(event=event, date=starts_on)
    item = ProgrammeItem.objects.create(day=day, title="Доклад")
    for _i in range(speakers):
        Speaker.objects.create(item=item, name=f"Докладчик {next(_seq)}", organization_name="Школа А")
    kind = CertificateKind.objects.create(event=event, code="participant", wording="за участие в {event}")
    for region in regions:
        n = next(_seq)
        registration = Registration.objects.create(
            event=event,
            last_name="Иванова",
            first_name=f"Мария{n}",
            organization_name=f"Школа {n % 3}",
            position="учитель",
            region=region,
            email=f"p{n}@example.org",
            mode=mode,
            status="confirmed",
            checked_in_at=datetime(2025, 3, 1, tzinfo=UTC),
        )
        Certificate.objects.create(
            event=event,
            kind=kind,
            registration=registration,
            number=f"2025-X-{n:06d}",
            seq=n,
            issued_on=starts_on,
            last_name=registration.last_name,
            first_name=registration.first_name,
        )
    Registration.objects.create(
        event=event,
        last_name="Отказ",
        first_name="Ольга",
        organization_name="Школа",
        position="учитель",
        region="77",
        email=f"c{next(_seq)}@example.org",
        mode="online",
        status="cancelled",
    )
    return event


def add_decision(cluster, *, meeting_date, status="planned", due=None, done=None, month_only=False, approved=True):
    body, _ = Body.objects.get_or_create(cluster=cluster, name="Совет")
    number = next(_seq)
    meeting = Meeting.objects.create(
        body=body,
        number=number,
        year=meeting_date.year,
        date=meeting_date,
        status="approved" if approved else "draft",
    )
    return Decision.objects.create(
        cluster=cluster,
        body=body,
        meeting=meeting,
        order=1,
        text=f"Решение {number}",
        status=status,
        due_date=due,
        done_at=done,
        due_month_only=month_only,
    )


def add_partnership(org, *, signed_on, valid_until=None, direction="Робототехника", status="active"):
    p = Partnership.objects.create(
        kind="cooperation_agreement",
        title=f"Соглашение {next(_seq)}",
        signed_on=signed_on,
        valid_from=signed_on,
        valid_until=valid_until,
        status=status,
    )
    Party.objects.create(partnership=p, organization=org)
    if direction:
        p.directions.add(Direction.objects.get_or_create(name=direction)[0])
    return p


def add_consultation(org, *, day, score=5, topic="speech"):
    centre = Centre.objects.filter(organization=org).first() or Centre.objects.create(
        organization=org, name=f"КЦ {org.short_name}", services="Консультации\nДиагностика\n"
    )
    specialist = centre.specialists.first() or Specialist.objects.create(
        centre=centre, kind="psychologist", full_name="Петрова Анна Ивановна"
    )
    c = Consultation.objects.create(
        centre=centre,
        specialist=specialist,
        date=day,
        form="in_person",
        duration=60,
        recipient_category="under3",
        topic=topic,
    )
    if score:
        SurveyAnswer.objects.create(consultation=c, satisfied=score >= 4, score=score)
    return c


def add_placements(w, n: int, *, starts_on) -> None:
    """``n`` students of college A placed at base B (cluster Y) in a period starting on ``starts_on``;
    every other one graduates into organisation A (cluster X), the rest outside the clusters."""
    from edcluster.training.models import Employment, Placement, PracticeBase, PracticePeriod, Student, StudentGroup
    from tests.factories import PersonFactory

    base = PracticeBase.objects.filter(college=w.org_a, organization=w.org_b).first()
    if base is None:
        agreement = add_partnership(w.org_a, signed_on=date(2024, 9, 1), direction=None, status="draft")
        base = PracticeBase.objects.create(college=w.org_a, organization=w.org_b, partnership=agreement)
    group = StudentGroup.objects.create(college=w.org_a, name=f"ДО-{next(_seq)}", specialisation="preschool", year=2025)
    period = PracticePeriod.objects.create(
        college=w.org_a, group=group, kind="production", starts_on=starts_on, ends_on=starts_on
    )
    for i in range(n):
        student = Student.objects.create(person=PersonFactory(last_name=f"Студентова{next(_seq)}"), group=group)
        Placement.objects.create(period=period, student=student, base=base, final_mark=4 + i % 2)
        Employment.objects.create(student=student, organization=w.org_a if i % 2 == 0 else None, year=2025)


def network(w, n: int = 1) -> None:
    for i in range(n):
        add_event(w.cluster_x, starts_on=date(2025, 3, 10 + i % 15), regions=("43", "39") if i % 2 else ("43",))
        add_decision(
            w.cluster_x,
            meeting_date=date(2025, 2, 26),
            status="done",
            due=date(2025, 3, 1),
            done=date(2025, 3, 20),
            month_only=True,
        )
        add_decision(w.cluster_x, meeting_date=date(2025, 2, 26), status="overdue", due=date(2025, 3, 1))
        add_partnership(w.org_a, signed_on=date(2025, 1, 15), valid_until=date(2027, 1, 1))
        add_consultation(w.org_a, day=date(2025, 4, 1), score=4 + i % 2)
    add_placements(w, n, starts_on=date(2025, 2, 2))
    add_placements(w, 1, starts_on=date(2024, 2, 2))
    add_event(w.cluster_x, starts_on=date(2024, 3, 10))
    add_event(w.cluster_y, starts_on=date(2025, 3, 10), regions=("77", "50", "52"))
    add_decision(w.cluster_y, meeting_date=date(2025, 2, 1))


@pytest.fixture
def data(world):
    network(world, 1)
    return world
