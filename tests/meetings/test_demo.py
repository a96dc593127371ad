from edcluster.core.demo_loader import load_demo
from edcluster.meetings.models import AgendaItem, Body, Decision, Meeting, Speaker

MODELS = [Body, Meeting, AgendaItem, Speaker, Decision]


def test_demo_council_meeting_of_the_sample_idempotent(db):
    load_demo()
    first = {m.__name__: m.objects.count() for m in MODELS}
    load_demo()
    assert {m.__name__: m.objects.count() for m in MODELS} == first
    meeting = Meeting.objects.get()
    assert meeting.body.name == "Координационный Совет Подосиновского образовательного кластера"
    assert (meeting.number, meeting.date.isoformat(), meeting.status) == (1, "2025-02-26", "approved")
    assert meeting.items.count() == 7
    # the same meeting as an event: its registrations and check-in (events demo)
    assert meeting.event is not None
    assert (meeting.event.kind, meeting.event.starts_on) == ("council", meeting.date)
    assert [s.name for s in Speaker.objects.filter(item__order=5)] == [
        "Ачилова Екатерина Васильевна",
        "Чебыкина Татьяна Валерьевна",
    ]
    decisions = list(meeting.decisions.order_by("order"))
    assert len(decisions) == 4
    assert decisions[3].due_month_only and decisions[3].due_date.isoformat() == "2025-03-01"
