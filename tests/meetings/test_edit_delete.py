"""Editing and deleting agenda items and decisions — pages, API, the careful refusals."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from edcluster.core.models import AuditEntry
from edcluster.meetings import services
from edcluster.meetings.models import AgendaItem, Decision

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(world, meeting):
    return services.agenda_item_create(
        actor=world.coordinator_x,
        meeting=meeting,
        data={"title": "О сетевом взаимодействии", "heard": "рассказала о сети"},
        speakers=[{"person": world.person_a}],
        statements=[{"name": "Волков И.И.", "text": "поддержал"}],
    )


@pytest.fixture
def decision(world, meeting, item):
    return services.decision_create(
        actor=world.coordinator_x,
        meeting=meeting,
        data={"item": item, "text": "Одобрить план", "addressee_kind": "group", "addressee_group": "педагоги"},
    )


def test_edit_item_on_the_page_keeps_speaker_link_and_is_audited(world, meeting, item, client_for):
    c = client_for(world.coordinator_x)
    page = c.get(reverse("meetings:item_edit", args=[item.pk])).content.decode()
    assert "О сетевом взаимодействии" in page and "Волков И.И.: поддержал" in page
    speaker_line = item.speakers.get().name
    response = c.post(
        reverse("meetings:item_edit", args=[item.pk]),
        {
            "order": 2,
            "title": "О партнёрстве",
            "heard": "рассказала о партнёрстве",
            "speakers": f"{speaker_line}\nПетров Пётр Петрович; директор; Школа Б",
            "statements": "Волков И.И.: поддержал\nСидорова С.П.: предложила план",
        },
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.order, item.title) == (2, "О партнёрстве")
    speakers = list(item.speakers.all())
    assert speakers[0].person == world.person_a
    assert (speakers[1].name, speakers[1].position, speakers[1].organization) == (
        "Петров Пётр Петрович",
        "директор",
        "Школа Б",
    )
    assert [s.name for s in item.statements.all()] == ["Волков И.И.", "Сидорова С.П."]
    assert AuditEntry.objects.filter(action="meetings.item.updated").exists()


def test_edit_item_number_clash_is_a_russian_message(world, meeting, item, client_for):
    services.agenda_item_create(actor=world.coordinator_x, meeting=meeting, data={"title": "Второй"})
    c = client_for(world.coordinator_x)
    response = c.post(reverse("meetings:item_edit", args=[item.pk]), {"order": 2, "title": "Первый"})
    assert response.status_code == 200
    assert "Вопрос с таким номером уже есть в повестке." in response.content.decode()
    item.refresh_from_db()
    assert item.order == 1 and item.title == "О сетевом взаимодействии"


def test_item_with_decisions_is_not_deleted(world, meeting, item, decision, client_for):
    c = client_for(world.coordinator_x)
    response = c.post(reverse("meetings:item_delete", args=[item.pk]), follow=True)
    assert "По этому вопросу есть решения (1.1)" in response.content.decode()
    assert AgendaItem.objects.filter(pk=item.pk).exists()
    c.post(reverse("meetings:decision_delete", args=[decision.pk]))
    response = c.post(reverse("meetings:item_delete", args=[item.pk]), follow=True)
    assert "Вопрос удалён из повестки." in response.content.decode()
    assert not AgendaItem.objects.filter(pk=item.pk).exists()


def test_edit_decision_on_the_page(world, meeting, decision, client_for):
    c = client_for(world.coordinator_x)
    page = c.get(reverse("meetings:decision_detail", args=[decision.pk])).content.decode()
    assert "Изменить решение" in page
    response = c.post(
        reverse("meetings:decision_edit", args=[decision.pk]),
        {
            "item": decision.item_id,
            "text": "Одобрить план на 2025 год",
            "addressee_kind": "organization",
            "addressee_organization": world.org_a.pk,
            "due_date": "2025-03-01",
            "due_month_only": "on",
        },
    )
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.text == "Одобрить план на 2025 год" and decision.addressee_organization == world.org_a
    assert services.decision_due_text(decision) == "в марте 2025 года"
    assert AuditEntry.objects.filter(action="meetings.decision.updated").exists()


def test_edit_decision_missing_addressee_is_refused_in_russian(world, meeting, decision, client_for):
    c = client_for(world.coordinator_x)
    response = c.post(
        reverse("meetings:decision_edit", args=[decision.pk]),
        {"text": "Новый текст", "addressee_kind": "organization"},
    )
    assert response.status_code == 200
    assert "Выберите организацию-адресата." in response.content.decode()
    decision.refresh_from_db()
    assert decision.text == "Одобрить план"


def test_decision_with_evidence_is_refused_and_can_be_cancelled_instead(world, meeting, decision, client_for):
    services.evidence_add(actor=world.coordinator_x, decision=decision, kind="event", object_id=5, title="Поезд")
    c = client_for(world.coordinator_x)
    page = c.post(reverse("meetings:decision_delete", args=[decision.pk]), follow=True).content.decode()
    assert "есть подтверждения выполнения" in page and "«отменено»" in page
    assert Decision.objects.filter(pk=decision.pk).exists()
    c.post(reverse("meetings:decision_progress", args=[decision.pk]), {"status": "cancelled", "progress": 0})
    decision.refresh_from_db()
    assert decision.status == "cancelled" and decision.evidence.count() == 1


def test_decision_of_approved_protocol_cannot_be_edited_or_deleted(world, meeting, item, decision, client_for):
    services.protocol_approve(actor=world.coordinator_x, meeting=meeting)
    c = client_for(world.coordinator_x)
    assert "Изменить решение" not in c.get(reverse("meetings:decision_detail", args=[decision.pk])).content.decode()
    page = c.post(reverse("meetings:decision_delete", args=[decision.pk]), follow=True).content.decode()
    assert "Протокол утверждён" in page
    assert Decision.objects.filter(pk=decision.pk).exists()
    response = c.post(reverse("meetings:decision_edit", args=[decision.pk]), {"text": "Другое"})
    assert "Протокол утверждён" in response.content.decode()
    decision.refresh_from_db()
    assert decision.text == "Одобрить план"


def test_other_cluster_coordinator_cannot_edit_or_delete(world, meeting, item, decision, client_for):
    c = client_for(world.coordinator_y)
    assert c.post(reverse("meetings:decision_delete", args=[decision.pk])).status_code == 404
    assert c.post(reverse("meetings:item_delete", args=[item.pk])).status_code == 404
    assert c.get(reverse("meetings:decision_edit", args=[decision.pk])).status_code == 404
    assert Decision.objects.filter(pk=decision.pk).exists() and AgendaItem.objects.filter(pk=item.pk).exists()


def test_api_patch_and_delete(world, meeting, item, decision, client_for):
    c = client_for(world.coordinator_x)
    r = c.patch(
        f"/api/agenda-items/{item.pk}",
        data=json.dumps({"title": "Новый вопрос", "statements": [{"name": "Волков И.И.", "text": "против"}]}),
        content_type="application/json",
    )
    assert r.status_code == 200, r.content
    assert r.json()["title"] == "Новый вопрос" and r.json()["statements"] == [{"name": "Волков И.И.", "text": "против"}]
    assert r.json()["speakers"][0]["name"] == world.person_a.full_name
    r = c.patch(
        f"/api/decisions/{decision.pk}",
        data=json.dumps({"text": "Изменённое решение", "responsible_id": world.person_a.pk}),
        content_type="application/json",
    )
    assert r.status_code == 200 and r.json()["text"] == "Изменённое решение"
    assert r.json()["responsible_id"] == world.person_a.pk and r.json()["addressee"] == "педагоги"
    r = c.patch(
        f"/api/decisions/{decision.pk}", data=json.dumps({"addressee_group": ""}), content_type="application/json"
    )
    assert r.status_code == 422 and "группу-адресата" in r.json()["message"]
    r = c.delete(f"/api/agenda-items/{item.pk}")
    assert r.status_code == 409 and "есть решения" in r.json()["message"]
    assert c.delete(f"/api/decisions/{decision.pk}").status_code == 204
    assert c.delete(f"/api/agenda-items/{item.pk}").status_code == 204
    assert not meeting.items.exists()


def test_meeting_edit_page_saves_and_audits(world, meeting, client_for):
    c = client_for(world.coordinator_x)
    response = c.post(
        reverse("meetings:meeting_edit", args=[meeting.pk]),
        {
            "number": meeting.number,
            "date": "2025-02-26",
            "place": "пгт Подосиновец, опорная школа",
            "theme": "Партнёрство",
            "attendance_style": "counted",
            "attendance_people_unit": "педагог",
        },
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.place == "пгт Подосиновец, опорная школа"
    assert AuditEntry.objects.filter(action="meetings.meeting.updated").exists()
