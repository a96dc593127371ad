"""The information letter, the programme and the participant list of an event, as DOCX."""

from __future__ import annotations

import io
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.urls import reverse
from docx import Document

from edcluster.documents import services as documents
from edcluster.events import services as events
from edcluster.events.models import EventStatus
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db
MSK = ZoneInfo("Europe/Moscow")


def _text(data: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs).replace("\u00a0", " ")


@pytest.fixture
def conference(world):
    college = OrganizationFactory(short_name="ГАПОУ «Волгоградский социально-педагогический колледж»")
    start = OrganizationFactory(short_name='Базовая организация педагогического кластера "Педагогический центр СТАРТ"')
    event = events.event_create(
        actor=world.coordinator_x,
        cluster=world.cluster_x,
        organizers=[start],
        data={
            "title": "Модели взаимодействия колледжа и дошкольного учреждения в подготовке педагогических кадров",
            "kind": "conference",
            "format": "mixed",
            "starts_on": date(2030, 11, 14),
            "venue_organization": college,
            "goal": "Обмен опытом разработки и реализации эффективных моделей взаимодействия",
            "tasks": ["Обобщение опыта существующих практик", "разработка рекомендаций"],
            "audience": ["руководители", "заместители", "методисты"],
            "online_link": "https://meet.example.test/room",
            "registration_deadline": datetime(2030, 11, 7, 18, 0, tzinfo=MSK),
            "capacity_in_person": 10,
            "capacity_online": 10,
        },
    )
    day = events.day_add(actor=None, event=event, date=date(2030, 11, 14), starts_at=time(10), ends_at=time(14))
    section = events.section_add(actor=None, event=event, title="Дошкольное образование")
    events.item_add(
        actor=None,
        day=day,
        title="Опорная школа как методическая площадка",
        starts_at=time(10),
        ends_at=time(10, 20),
        section=section,
        speaker_names=[
            {
                "name": "Грязева Елена Борисовна",
                "position": "методист",
                "organization_name": "КОГОБУ СШ пгт Подосиновец",
            }
        ],
    )
    events.event_set_status(actor=None, event=event, status=EventStatus.PUBLISHED)
    events.event_set_status(actor=None, event=event, status=EventStatus.REGISTRATION_OPEN)
    return event


def _register(event, last, first, middle, org, email, position="воспитатель"):
    data = {
        "last_name": last,
        "first_name": first,
        "middle_name": middle,
        "organization_name": org,
        "position": position,
        "region": "43",
        "email": email,
        "mode": "in_person",
        "role": "listener",
    }
    return events.registration_submit(event=event, data=data, consent=True, now=datetime(2030, 11, 1, tzinfo=MSK))[0]


def test_information_letter_reads_like_the_sample(world, conference):
    doc = documents.document_generate(actor=world.coordinator_x, kind="event_letter", pk=conference.pk)
    text = _text(bytes(doc.docx))
    assert text.startswith("ИНФОРМАЦИОННОЕ ПИСЬМО\nУважаемые коллеги!")
    assert (
        "Базовая организация педагогического кластера «Педагогический центр СТАРТ» приглашает вас принять участие "
        "в работе конференции «Модели взаимодействия колледжа и дошкольного учреждения в подготовке "
        "педагогических кадров»." in text
    )
    assert "Целью конференции является обмен опытом разработки и реализации эффективных моделей взаимодействия." in text
    assert "– обобщение опыта существующих практик;\n– разработка рекомендаций." in text
    assert "К участию приглашаются руководители, заместители, методисты." in text
    assert (
        "Конференция проводится в смешанном формате (онлайн-подключение для иногородних участников) "
        "14 ноября 2030 г. на базе ГАПОУ «Волгоградский социально-педагогический колледж»." in text
    )
    assert "будут направлены сертификаты активных участников" in text
    link = f"{settings.SITE_URL}/events/{conference.pk}/register/"
    assert f"в период до 7 ноября 2030 г. пройти регистрацию по ссылке: {link}" in text
    raw = "\n".join(p.text for p in Document(io.BytesIO(bytes(doc.docx))).paragraphs)
    assert "14 ноября 2030\u00a0г." in raw  # no-break space before "г."


def test_letter_without_certificates_on_request(world, conference):
    doc = documents.document_generate(
        actor=world.coordinator_x, kind="event_letter", pk=conference.pk, options={"certificates": "0"}
    )
    assert "сертификат" not in _text(bytes(doc.docx))


def test_programme_lists_days_items_and_speakers_with_initials(world, conference):
    doc = documents.document_generate(actor=world.coordinator_x, kind="event_programme", pk=conference.pk)
    text = _text(bytes(doc.docx))
    assert "ПРОГРАММА\nконференции «Модели взаимодействия" in text
    assert "14 ноября 2030 г., 10:00–14:00" in text
    assert "10:00–10:20 – Опорная школа как методическая площадка (секция Дошкольное образование)" in text
    assert "Грязева Е.Б., методист, КОГОБУ СШ пгт Подосиновец" in text


def test_participant_list_groups_by_organisation_with_agreement(world, conference):
    _register(conference, "Иванова", "Мария", "Петровна", "МБДОУ «Детский сад № 5»", "a@example.test")
    _register(conference, "Абрамова", "Ольга", "Ивановна", "МБДОУ «Детский сад № 5»", "b@example.test", "методист")
    _register(conference, "Грязева", "Елена", "Борисовна", "КОГОБУ СШ пгт Подосиновец", "c@example.test", "методист")
    doc = documents.document_generate(actor=world.coordinator_x, kind="event_participants", pk=conference.pk)
    text = _text(bytes(doc.docx))
    assert "Всего: 3 участника из 2 образовательных организаций." in text
    assert "КОГОБУ СШ пгт Подосиновец (1 участник)\n1. Грязева Е.Б., методист" in text
    assert "МБДОУ «Детский сад № 5» (2 участника)\n1. Абрамова О.И., методист\n2. Иванова М.П., воспитатель" in text
    assert text.index("КОГОБУ") < text.index("МБДОУ")


def test_event_page_buttons_and_access(world, conference, client_for):
    coordinator = client_for(world.coordinator_x)
    page = coordinator.get(reverse("events:event_detail", args=[conference.pk])).content.decode()
    assert "Информационное письмо — DOCX" in page and "Список участников — DOCX" in page
    viewer = client_for(world.viewer_x)
    page = viewer.get(reverse("events:event_detail", args=[conference.pk])).content.decode()
    assert "Информационное письмо — DOCX" in page and "Список участников — DOCX" not in page
    # the participant list holds personal data: another cluster's coordinator is refused
    other = client_for(world.coordinator_y)
    response = other.post(reverse("documents:generate", args=["event_participants", conference.pk]))
    assert response.status_code == 403
    response = viewer.post(reverse("documents:generate", args=["event_letter", conference.pk]), {"format": "docx"})
    assert response.status_code == 302
    file = viewer.get(response["Location"].rstrip("/") + "/download/docx/")
    assert file.status_code == 200 and "Уважаемые коллеги!" in _text(file.content)
