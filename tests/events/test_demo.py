from __future__ import annotations

import pytest

from edcluster.core.demo_loader import load_demo
from edcluster.core.models import OutboxMessage
from edcluster.events import selectors
from edcluster.events.models import Event, Registration

pytestmark = pytest.mark.django_db


def test_demo_events_from_samples_and_idempotent(demo_db, client):
    counts = (Event.objects.count(), Registration.objects.count())
    load_demo()
    # 7 council participants + the internship's 50 (placeholders added by analytics/demo.py)
    # + 4 applicants to the moderated methodical train
    assert (Event.objects.count(), Registration.objects.count()) == counts == (4, 61)
    conference = Event.objects.get(starts_on="2025-11-14")
    assert conference.venue_organization.short_name == "ГАПОУ «Волгоградский социально-педагогический колледж»"
    assert conference.format == "mixed" and conference.status == "registration_closed"
    page = client.get(f"/events/{conference.pk}/").content.decode()
    assert "14 ноября 2025" in page and "Регистрация до 7 ноября 2025" in page
    internship = Event.objects.get(starts_on="2023-04-10")
    assert internship.cluster.region == "39" and internship.site_visits.count() == 2
    assert "10–12 апреля 2023" in client.get(f"/events/{internship.pk}/").content.decode()
    council = Event.objects.get(starts_on="2025-02-26")
    assert council.status == "held"
    assert selectors.registration_counts(council).checked_in == 7
    speaker = council.days.get().items.get(title__startswith="Агроклассы").speakers.get()
    assert speaker.name == "Пономарева Оксана Александровна"


def test_demo_moderated_methodical_train(demo_db, client, django_user_model):
    train = Event.objects.get(kind="methodical_train")
    assert train.moderation and train.status == "registration_closed"
    statuses = dict(train.registrations.values_list("last_name", "status"))
    assert statuses == {"Грязева": "confirmed", "Мохина": "pending", "Залесова": "pending", "Пахомовская": "rejected"}

    # the people were told: the approval and the rejection are in the outbox
    def subjects(last_name):
        email = train.registrations.get(last_name=last_name).email
        messages = OutboxMessage.objects.filter(topic="events.registration", subject__contains="Методический поезд")
        return [m.subject for m in messages if m.to == [email]]

    assert any(s.startswith("Регистрация подтверждена") for s in subjects("Грязева"))
    assert any(s.startswith("Заявка отклонена") for s in subjects("Пахомовская"))
    assert [s.split(":")[0] for s in subjects("Мохина")] == ["Заявка принята и ждёт решения организатора"]
    # the organiser sees the two waiting applications on the registrations page
    admin = django_user_model.objects.get(username="admin")
    client.force_login(admin)
    page = client.get(f"/events/{train.pk}/registrations/?status=pending").content.decode()
    assert "Мохина" in page and "Залесова" in page and "Пахомовская" not in page
