"""Section results: counts from registrations, recommendations by addressee, the page, the DOCX."""

from __future__ import annotations

import io
import json
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from docx import Document

from edcluster.documents import services as documents
from edcluster.events import services as events
from edcluster.events.models import EventStatus
from edcluster.meetings import services
from edcluster.meetings.models import Decision
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db
MSK = ZoneInfo("Europe/Moscow")


def _text(data: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs).replace("\u00a0", " ")


@pytest.fixture
def section(world):
    event = events.event_create(
        actor=None,
        cluster=world.cluster_x,
        data={
            "title": "Августовская конференция",
            "kind": "conference",
            "starts_on": date(2030, 8, 28),
            "capacity_in_person": 50,
        },
    )
    s = events.section_add(actor=None, event=event, title="Инновационные формы взаимодействия ДОУ и родителей")
    events.event_set_status(actor=None, event=event, status=EventStatus.PUBLISHED)
    events.event_set_status(actor=None, event=event, status=EventStatus.REGISTRATION_OPEN)
    gardens = [
        OrganizationFactory(short_name=f"МБДОУ № {i}", kind="kindergarten", kindergarten_orientation=orientation)
        for i, orientation in enumerate(["general", "general", "general", "compensating", "compensating"], start=1)
    ]
    school = OrganizationFactory(short_name="Школа № 7", kind="school")
    people = [(g, f"head{i}@example.test") for i, g in enumerate(gardens)] + [
        (gardens[0], "deputy@example.test"),
        (school, "school@example.test"),
    ]
    for i, (org, email) in enumerate(people):
        events.registration_submit(
            event=event,
            data={
                "last_name": f"Заведующая{i}",
                "first_name": "Анна",
                "organization": org,
                "position": "заведующий",
                "region": "16",
                "email": email,
                "mode": "in_person",
                "role": "listener",
            },
            consent=True,
            now=datetime(2030, 8, 1, tzinfo=MSK),
        )
    return s


def test_counts_by_kind_and_orientation_with_agreement(world, section):
    services.section_result_save(
        actor=world.coordinator_x,
        section=section,
        data={"participants_unit": "заведующий ДОУ", "participants_place": "города Набережные Челны"},
    )
    counts = services.section_counts(section)
    assert (counts["people"], counts["organizations"]) == (7, 6)
    assert [k["text"] for k in counts["kindergartens"]] == [
        "2 детских сада коррекционной направленности",
        "3 детских сада общеразвивающего вида",
    ]
    result = section.result
    assert services.section_participants_text(section, result) == "7 заведующих ДОУ города Набережные Челны"


def test_recommendations_grouped_by_addressee_and_tracked_as_decisions(world, section):
    uo = {"addressee_kind": "group", "addressee_group": "Управление образования"}
    dou = {"addressee_kind": "group", "addressee_group": "Дошкольные образовательные организации"}
    services.section_recommendation_add(
        actor=world.coordinator_x, section=section, data={**uo, "text": "Координация работы консультационных центров"}
    )
    organise = services.section_recommendation_add(
        actor=world.coordinator_x,
        section=section,
        data={**dou, "text": "Организация работы консультационного центра на базе ДОУ:"},
        steps=["Изучить спрос на услуги", "Подготовить помещения"],
    )
    services.section_recommendation_add(
        actor=world.coordinator_x, section=section, data={**uo, "text": "Создание ресурсного центра"}
    )
    groups = services.section_recommendations(section)
    assert [g["addressee"] for g in groups] == ["Управление образования", "Дошкольные образовательные организации"]
    assert [d.text for d in groups[0]["decisions"]] == [
        "Координация работы консультационных центров",
        "Создание ресурсного центра",
    ]
    assert organise.cluster == world.cluster_x and organise.status == Decision.Status.PLANNED
    assert [m.title for m in organise.milestones.all()] == ["Изучить спрос на услуги", "Подготовить помещения"]
    with pytest.raises(Exception, match="Укажите, кому адресована"):
        services.section_recommendation_add(actor=world.coordinator_x, section=section, data={"text": "Без адресата"})


def test_docx_reads_like_the_sample(world, section):
    services.section_result_save(
        actor=world.coordinator_x,
        section=section,
        data={
            "participants_unit": "заведующий ДОУ",
            "participants_place": "города Набережные Челны",
            "outputs": "3 модели КЦ/КП",
        },
    )
    services.section_recommendation_add(
        actor=world.coordinator_x,
        section=section,
        data={"addressee_kind": "group", "addressee_group": "Управление образования", "text": "Координация работы"},
    )
    services.section_recommendation_add(
        actor=world.coordinator_x,
        section=section,
        data={
            "addressee_kind": "group",
            "addressee_group": "Дошкольные образовательные организации",
            "text": "Изучение практики",
        },
        steps=["Изучить спрос"],
    )
    doc = documents.document_generate(actor=world.coordinator_x, kind="section_results", pk=section.pk)
    text = _text(bytes(doc.docx))
    assert text.startswith("ИТОГИ работы секции\n«Инновационные формы взаимодействия ДОУ и родителей»")
    assert "конференции «Августовская конференция», 28 августа 2030 г." in text
    assert "В работе секции приняли участие 7 заведующих ДОУ города Набережные Челны." in text
    assert "3 детских сада общеразвивающего вида." in text
    assert "– 3 модели КЦ/КП" in text
    assert "Управление образования.\n1. Координация работы" in text
    assert "Дошкольные образовательные организации.\n1. Изучение практики\n– Изучить спрос" in text


def test_page_and_api_access(world, section, client_for):
    coordinator = client_for(world.coordinator_x)
    page = coordinator.get(reverse("events:event_detail", args=[section.event_id])).content.decode()
    assert reverse("meetings:section_results", args=[section.pk]) in page
    response = coordinator.post(
        reverse("meetings:section_recommendation_add", args=[section.pk]),
        {
            "text": "Координация работы",
            "addressee_kind": "group",
            "addressee_group": "Управление образования",
            "steps": "- Изучить спрос\n- Подготовить помещения",
        },
    )
    assert response.status_code == 302
    page = coordinator.get(reverse("meetings:section_results", args=[section.pk])).content.decode()
    assert "Управление образования" in page and "Подготовить помещения" in page and "Добавить рекомендацию" in page
    viewer = client_for(world.viewer_x)
    page = viewer.get(reverse("meetings:section_results", args=[section.pk])).content.decode()
    assert "Координация работы" in page and "Добавить рекомендацию" not in page
    refused = viewer.post(reverse("meetings:section_results", args=[section.pk]), {"participants_unit": "x"})
    assert refused.status_code == 403
    other = client_for(world.coordinator_y)
    r = other.post(
        f"/api/sections/{section.pk}/recommendations",
        data=json.dumps({"text": "Чужое", "addressee_kind": "group", "addressee_group": "педагоги"}),
        content_type="application/json",
    )
    assert r.status_code == 403
    r = coordinator.put(
        f"/api/sections/{section.pk}/results",
        data=json.dumps({"participants_unit": "заведующий ДОУ"}),
        content_type="application/json",
    )
    assert r.status_code == 200 and r.json()["participants"] == "7 заведующих ДОУ"
    assert r.json()["groups"][0]["recommendations"][0]["steps"] == ["Изучить спрос", "Подготовить помещения"]


def test_twenty_one_participants_agree_with_the_verb(world, section, client_for):
    org = OrganizationFactory(short_name="МБДОУ № 21", kind="kindergarten", kindergarten_orientation="general")
    for i in range(14):
        events.registration_submit(
            event=section.event,
            data={
                "last_name": f"Воспитатель{i}",
                "first_name": "Мария",
                "organization": org,
                "position": "воспитатель",
                "region": "16",
                "email": f"teacher{i}@example.test",
                "mode": "in_person",
                "role": "listener",
            },
            consent=True,
            now=datetime(2030, 8, 1, tzinfo=MSK),
        )
    assert services.section_counts(section)["people"] == 21
    assert services.section_participants_verb(21) == "принял участие"
    assert [services.section_participants_verb(n) for n in (2, 5, 11, 31)] == [
        "приняли участие",
        "приняли участие",
        "приняли участие",
        "принял участие",
    ]
    page = client_for(world.coordinator_x).get(reverse("meetings:section_results", args=[section.pk])).content.decode()
    assert "В работе секции принял участие 21 участник" in page
    doc = documents.document_generate(actor=world.coordinator_x, kind="section_results", pk=section.pk)
    assert "В работе секции принял участие 21 участник" in _text(bytes(doc.docx))


def test_the_recommendation_form_is_the_decision_form_without_an_item_and_with_steps(world, section, client_for):
    import re

    page = client_for(world.coordinator_x).get(reverse("meetings:section_results", args=[section.pk])).content.decode()
    form = page[page.index('id="recommendation-add"') : page.index('id="section-result-edit"')]
    names = list(dict.fromkeys(re.findall(r'name="(\w+)"', form)))
    assert names == [
        "csrfmiddlewaretoken",
        "text",
        "addressee_kind",
        "addressee_organization",
        "addressee_group",
        "addressee_person",
        "responsible",
        "due_date",
        "due_month_only",
        "steps",
    ]
    assert ">Рекомендация<" in form and "По строке на шаг" in form
    assert form.count('data-plain-select="1"') == 3


def test_the_results_read_the_registrations_once_per_request(world, section, client_for):
    """The counts (an «anyone checked in?» query and the list) are computed once, not again for
    the participants' phrase: on the page, in the API and in the DOCX."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def registration_reads(action) -> int:
        with CaptureQueriesContext(connection) as ctx:
            action()
        return sum('FROM "events_registration"' in q["sql"] for q in ctx.captured_queries)

    coordinator = client_for(world.coordinator_x)
    page = reverse("meetings:section_results", args=[section.pk])
    assert registration_reads(lambda: coordinator.get(page)) == 2
    assert registration_reads(lambda: coordinator.get(f"/api/sections/{section.pk}/results")) == 2
    assert (
        registration_reads(
            lambda: documents.document_generate(actor=world.coordinator_x, kind="section_results", pk=section.pk)
        )
        == 2
    )
    assert "приняли участие 7 участников" in coordinator.get(page).content.decode()
