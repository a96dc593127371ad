from __future__ import annotations

from datetime import date

import pytest

from edcluster.core.errors import Conflict, ValidationError
from edcluster.core.models import AuditEntry
from edcluster.meetings import services
from edcluster.meetings.models import Decision, Meeting

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (1, "1 педагог из 1 образовательной организации"),
        (2, "2 педагога из 2 образовательных организаций"),
        (5, "5 педагогов из 5 образовательных организаций"),
        (11, "11 педагогов из 11 образовательных организаций"),
        (21, "21 педагог из 21 образовательной организации"),
        (22, "22 педагога из 22 образовательных организаций"),
        (111, "111 педагогов из 111 образовательных организаций"),
    ],
)
def test_attendance_sentence_agrees_with_numbers(n, expected):
    assert services.attendance_sentence_counted(n, n) == expected


def test_attendance_sentence_of_the_sample():
    assert services.attendance_sentence_counted(15, 11) == "15 педагогов из 11 образовательных организаций"


def test_meeting_gets_next_number_chair_and_secretary_from_members(world, council, meeting):
    assert meeting.number == 1 and meeting.year == 2025
    assert meeting.chair == world.person_a
    assert meeting.secretary == council.secretary_person
    second = services.meeting_create(actor=world.coordinator_x, body=council, data={"date": date(2025, 5, 1)})
    assert second.number == 2
    next_year = services.meeting_create(actor=world.coordinator_x, body=council, data={"date": date(2026, 1, 20)})
    assert next_year.number == 1


def test_duplicate_protocol_number_is_refused_in_russian(world, council, meeting):
    with pytest.raises(ValidationError) as exc:
        services.meeting_create(actor=world.coordinator_x, body=council, data={"date": date(2025, 3, 1), "number": 1})
    assert "Протокол № 1 за 2025 год уже есть" in exc.value.message
    assert Meeting.objects.filter(body=council).count() == 1


def test_attendance_ticks_counted_and_named(world, council, meeting):
    assert services.attendance_text(meeting) == "2 педагога из 1 образовательной организации"
    meeting.attendance_style = Meeting.AttendanceStyle.NAMED
    text = services.attendance_text(meeting)
    assert text == "Алексеева\u00a0А.А., Сидорова\u00a0С.П."
    meeting.attendance_style = Meeting.AttendanceStyle.TOTAL
    assert services.attendance_text(meeting) == "2 человека (список прилагается)"
    services.guest_add(actor=world.coordinator_x, meeting=meeting, name="Гостева Галина Ивановна")
    assert "Гостева" in services.guests_text(meeting)
    meeting.attendance_style = Meeting.AttendanceStyle.NAMED
    assert "Гостева" not in services.attendance_text(meeting)


def test_agenda_snapshot_of_speaker_position(world, meeting):
    item = services.agenda_item_create(
        actor=world.coordinator_x,
        meeting=meeting,
        data={"title": "О партнёрстве", "heard": "рассказала о партнёрстве"},
        speakers=[{"person": world.person_a}],
        statements=[{"name": "Волков И.И.", "text": "поддержал"}],
    )
    speaker = item.speakers.get()
    assert speaker.name == "Алексеева Анна Андреевна"
    assert speaker.position == "учитель" and speaker.organization == "Организация А"
    world.person_a.positions.update(title="директор")
    speaker.refresh_from_db()
    assert speaker.position == "учитель"  # as at the meeting
    assert item.order == 1


def test_decisions_numbered_per_item_or_meeting_and_addressees(world, meeting):
    item = services.agenda_item_create(actor=world.coordinator_x, meeting=meeting, data={"title": "Вопрос"})
    d1 = services.decision_create(actor=world.coordinator_x, meeting=meeting, data={"item": item, "text": "Одно"})
    d2 = services.decision_create(actor=world.coordinator_x, meeting=meeting, data={"item": item, "text": "Другое"})
    whole = services.decision_create(
        actor=world.coordinator_x,
        meeting=meeting,
        data={
            "text": "Провести поезд",
            "addressee_kind": "group",
            "addressee_group": "педагоги",
            "due_date": date(2025, 3, 17),
            "due_month_only": True,
        },
    )
    assert (d1.number, d2.number, whole.number) == ("1.1", "1.2", "1")
    assert whole.due_date == date(2025, 3, 1) and whole.deadline == date(2025, 3, 31)
    assert services.decision_due_text(whole) == "в марте 2025 года"
    assert whole.addressee_display == "педагоги"
    with pytest.raises(ValidationError) as exc:
        services.decision_create(
            actor=world.coordinator_x, meeting=meeting, data={"text": "x", "addressee_kind": "organization"}
        )
    assert exc.value.message == "Выберите организацию-адресата."
    assert Decision.objects.count() == 3


def test_recommendation_is_a_decision_with_a_group_addressee(world):
    rec = services.decision_create(
        actor=world.coordinator_x,
        cluster=world.cluster_x,
        data={
            "text": "Создать сеть консультационных центров",
            "addressee_kind": "group",
            "addressee_group": "Управление образования",
        },
    )
    assert rec.meeting is None and rec.cluster == world.cluster_x and rec.number == "1"


def test_protocol_workflow_freezes_and_amendments_are_numbered(world, meeting):
    with pytest.raises(ValidationError):
        services.protocol_send_for_remarks(actor=world.coordinator_x, meeting=meeting)
    item = services.agenda_item_create(actor=world.coordinator_x, meeting=meeting, data={"title": "Вопрос"})
    decision = services.decision_create(actor=world.coordinator_x, meeting=meeting, data={"text": "Решили"})
    services.protocol_send_for_remarks(actor=world.coordinator_x, meeting=meeting)
    services.protocol_approve(actor=world.coordinator_x, meeting=meeting)
    with pytest.raises(Conflict) as exc:
        services.agenda_item_update(actor=world.coordinator_x, item=item, data={"title": "Иной"})
    assert "нумерованное изменение" in exc.value.message
    with pytest.raises(Conflict):
        services.meeting_update(actor=world.coordinator_x, meeting=meeting, data={"theme": "Иная"})
    with pytest.raises(Conflict):
        services.decision_update(actor=world.coordinator_x, decision=decision, data={"text": "Иначе"})
    item.refresh_from_db()
    assert item.title == "Вопрос"
    a1 = services.amendment_add(actor=world.coordinator_x, meeting=meeting, text="Читать п. 1 в редакции …")
    a2 = services.amendment_add(actor=world.coordinator_x, meeting=meeting, text="Второе изменение")
    assert (a1.number, a2.number) == (1, 2)
    assert AuditEntry.objects.filter(action="meetings.protocol.amended").count() == 2
    # execution is still tracked after approval
    services.decision_progress(actor=world.coordinator_x, decision=decision, data={"progress": 100})
    decision.refresh_from_db()
    assert decision.status == Decision.Status.DONE and decision.done_at is not None


def test_evidence_link_marks_done(world, meeting):
    decision = services.decision_create(actor=world.coordinator_x, meeting=meeting, data={"text": "Провести поезд"})
    services.evidence_add(
        actor=world.coordinator_x,
        decision=decision,
        kind="event",
        object_id=42,
        title="Методический поезд",
        mark_done=True,
    )
    decision.refresh_from_db()
    assert decision.status == "done" and decision.progress == 100
    with pytest.raises(ValidationError):
        services.evidence_add(actor=world.coordinator_x, decision=decision, kind="event", object_id=42, title="Снова")


def test_overdue_sweep(world, meeting):
    month = services.decision_create(
        actor=world.coordinator_x,
        meeting=meeting,
        data={"text": "В марте", "due_date": date(2025, 3, 1), "due_month_only": True},
    )
    day = services.decision_create(
        actor=world.coordinator_x, meeting=meeting, data={"text": "К 10 марта", "due_date": date(2025, 3, 10)}
    )
    assert services.decisions_mark_overdue(today=date(2025, 3, 20)) == [day.pk]
    assert services.decisions_mark_overdue(today=date(2025, 4, 1)) == [month.pk]
    month.refresh_from_db()
    assert month.status == Decision.Status.OVERDUE


def test_member_overlap_refused(world, council):
    with pytest.raises(ValidationError) as exc:
        services.body_member_add(actor=world.coordinator_x, body=council, data={"person": world.person_a})
    assert exc.value.message == "Этот человек уже входит в орган в эти даты."


def test_event_held_marks_linked_decision_done(world, meeting):
    decision = services.decision_create(
        actor=world.coordinator_x,
        meeting=meeting,
        data={"text": "Провести «Методический поезд»", "due_date": date(2025, 3, 1), "due_month_only": True},
    )
    services.evidence_add(
        actor=world.coordinator_x, decision=decision, kind="event", object_id=9, title="Методический поезд"
    )
    decision.refresh_from_db()
    assert decision.status == Decision.Status.PLANNED
    done = services.evidence_fulfilled(actor=None, kind="event", object_id=9)
    decision.refresh_from_db()
    assert [d.pk for d in done] == [decision.pk]
    assert decision.status == Decision.Status.DONE and decision.progress == 100
    assert services.evidence_fulfilled(actor=None, kind="event", object_id=9) == []


def test_agenda_item_number_clash_is_the_order_fields_russian_message(world, meeting):
    # the model's unique constraint would otherwise answer first, under "__all__", in Django's words
    item = services.agenda_item_create(actor=world.coordinator_x, meeting=meeting, data={"title": "Первый"})
    services.agenda_item_create(actor=world.coordinator_x, meeting=meeting, data={"title": "Второй"})
    with pytest.raises(ValidationError) as exc:
        services.agenda_item_update(actor=world.coordinator_x, item=item, data={"order": 2})
    assert exc.value.errors == {"order": ["Вопрос с таким номером уже есть в повестке."]}


def test_agenda_item_number_is_checked_by_the_service_once_and_by_the_constraint(world, meeting):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    item = services.agenda_item_create(actor=world.coordinator_x, meeting=meeting, data={"title": "Первый"})
    services.agenda_item_create(actor=world.coordinator_x, meeting=meeting, data={"title": "Второй"})
    with CaptureQueriesContext(connection) as ctx:
        services.agenda_item_update(actor=world.coordinator_x, item=item, data={"order": 5, "title": "Пятый"})
    number_checks = [
        q["sql"] for q in ctx.captured_queries if q["sql"].startswith('SELECT 1 AS "a" FROM "meetings_agendaitem"')
    ]
    assert len(number_checks) == 2  # the service's clash check, the model's unique constraint
    item.refresh_from_db()
    assert (item.order, item.title) == (5, "Пятый")
