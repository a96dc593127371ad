"""A registry person without an e-mail (a council member or a student entered by a coordinator)
is found on /privacy/ by name or phone, told apart from a namesake by the organisation, post,
council and student group, exported and erased by the registry record (``person:<id>``) —
and the namesake keeps every record."""

from __future__ import annotations

import json

import pytest

from edcluster.certificates import services as certificate_services
from edcluster.certificates.models import Certificate, KindCode
from edcluster.core import privacy
from edcluster.core.models import AuditEntry
from edcluster.meetings.models import Body, BodyMember
from edcluster.organizations.models import Person, Position
from edcluster.training.models import Student, StudentGroup
from tests.certificates.helpers import held_event, registration
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def twins(world):
    """Two Ольга Ивановна Кузнецова with no e-mail, both on the same council: one a teacher at
    organisation A and a student of its group ДО-21, the other a nursery teacher at B."""
    body = Body.objects.create(cluster=world.cluster_x, name="Совет директоров")
    group = StudentGroup.objects.create(college=world.org_a, name="ДО-21", specialisation="preschool", year=2027)
    people = []
    for org, title, phone in ((world.org_a, "учитель", "+7 901 222-33-44"), (world.org_b, "воспитатель", "")):
        p = PersonFactory(last_name="Кузнецова", first_name="Ольга", middle_name="Ивановна", email="", phone=phone)
        Position.objects.create(person=p, organization=org, title=title)
        BodyMember.objects.create(body=body, person=p)
        people.append(p)
    Student.objects.create(person=people[0], group=group)
    return people[0], people[1]


def test_a_person_without_email_is_found_by_name_and_phone_with_where_she_appears(twins, world):
    lone, twin = twins
    found = privacy.person_find(last_name="кузнецова", first_name="ольга")
    assert sorted(m.key for m in found) == sorted([f"person:{lone.pk}", f"person:{twin.pk}"])
    mine = next(m for m in found if m.key == f"person:{lone.pk}")
    assert mine.email == ""
    assert any("учитель" in o for o in mine.organizations) and not any("воспитатель" in o for o in mine.organizations)
    assert "реестр" in mine.sources
    assert any("Совет директоров" in s for s in mine.sources)
    assert any("ДО-21" in s for s in mine.sources)
    other = next(m for m in found if m.key == f"person:{twin.pk}")
    assert not any("ДО-21" in s for s in other.sources)  # the student group tells them apart
    assert [m.key for m in privacy.person_find(phone="8 901 222 33 44")] == [f"person:{lone.pk}"]
    by_org = privacy.person_find(last_name="Кузнецова", organization=world.org_b.short_name or world.org_b.full_name)
    assert [m.key for m in by_org] == [f"person:{twin.pk}"]


def test_admin_finds_exports_and_erases_only_the_chosen_namesake(twins, client_for, world):
    lone, twin = twins
    client = client_for(world.admin)
    page = client.post("/privacy/", {"action": "find", "last_name": "Кузнецова"}).content.decode()
    assert page.count(">Выбрать</button>") == 2 and "нет e-mail" in page
    assert f'value="person:{lone.pk}"' in page and f'value="person:{twin.pk}"' in page
    assert "учитель" in page and "воспитатель" in page and "ДО-21" in page

    shown = client.post("/privacy/", {"action": "show", "subject": f"person:{lone.pk}"}).content.decode()
    assert "Кузнецова" in shown and "учитель" in shown and "воспитатель" not in shown

    response = client.post("/privacy/", {"action": "json", "subject": f"person:{lone.pk}"})
    assert response["Content-Type"].startswith("application/json")
    data = json.loads(response.content)
    sections = {s["раздел"]: s["записи"] for s in data["разделы"]}
    registry = sections["Реестр: сведения о человеке"]
    assert [(r["фамилия"], r["телефон"]) for r in registry] == [("Кузнецова", "+7 901 222-33-44")]
    assert registry[0]["должности"][0]["должность"] == "учитель"
    assert sections["Советы: членство, присутствие, выступления"][0]["член органа"] == "Совет директоров"
    assert {"студент группы": "ДО-21", "колледж": world.org_a.display_name} in sections[
        "Практика студентов: дневник и характеристика"
    ]

    unconfirmed = client.post("/privacy/", {"action": "erase", "subject": f"person:{lone.pk}"}).content.decode()
    assert "Подтвердите удаление" in unconfirmed
    lone.refresh_from_db()
    assert lone.last_name == "Кузнецова"

    counts_before = (
        Person.objects.count(),
        BodyMember.objects.count(),
        Student.objects.count(),
        Position.objects.count(),
    )
    done = client.post("/privacy/", {"action": "erase", "subject": f"person:{lone.pk}", "confirm": "1"})
    assert "Данные обезличены" in done.content.decode()

    lone.refresh_from_db()
    assert (lone.last_name, lone.first_name, lone.middle_name, lone.phone) == (privacy.ERASED_NAME, "", "", "")
    assert lone.email.endswith("@erased.invalid")
    assert Position.objects.get(person=lone).title == "учитель"  # kept for the organisation's counts
    twin.refresh_from_db()
    assert (twin.last_name, twin.first_name, twin.email) == ("Кузнецова", "Ольга", "")
    assert counts_before == (
        Person.objects.count(),
        BodyMember.objects.count(),
        Student.objects.count(),
        Position.objects.count(),
    )
    entries = AuditEntry.objects.filter(action="core.privacy.erased")
    assert entries.count() == 1
    assert entries[0].changes == {"Реестр: сведения о человеке": [1, 0]}
    assert not AuditEntry.objects.filter(changes__icontains="Кузнецова").filter(target_id=str(lone.pk)).exists()

    again = client.post("/privacy/", {"action": "find", "last_name": "Кузнецова"}).content.decode()
    assert f'value="person:{twin.pk}"' in again and f'value="person:{lone.pk}"' not in again
    council = client.post("/privacy/", {"action": "show", "subject": f"person:{twin.pk}"}).content.decode()
    assert "воспитатель" in council and "Совет директоров" in council


def test_erasing_a_registry_person_who_has_an_email_keeps_her_certificate_verifiable(world, client):
    event = held_event(world.cluster_x)
    reg = registration(event, "Грязева")
    participant = event.certificate_kinds.get(code=KindCode.PARTICIPANT)
    cert, _c = certificate_services.certificate_issue(actor=None, kind=participant, registration=reg)
    other, _c = certificate_services.certificate_issue(
        actor=None, kind=participant, registration=registration(event, "Залесова")
    )
    person = PersonFactory(last_name="Грязева", first_name=reg.first_name, email=reg.email.upper())

    counts = privacy.person_erase(email=f"person:{person.pk}", actor=world.admin)

    assert counts["Сертификаты"] == 1 and counts["Реестр: сведения о человеке"] == 1
    cert = Certificate.objects.get(pk=cert.pk)
    assert cert.personal_erased and cert.last_name == ""
    page = client.get(f"/verify/{cert.code}/").content.decode()
    assert "сертификат выдан, данные удалены" in page and "Грязева" not in page
    other.refresh_from_db()
    assert other.last_name == "Залесова" and not other.personal_erased
    assert Certificate.objects.filter(event=event).count() == 2


@pytest.mark.parametrize(
    ("subject", "message"),
    [
        ("person:abc", "Человек не найден в реестре"),
        ("person:999999999", "Человек не найден в реестре"),
        ("person:", "Человек не найден в реестре"),
        ("Кузнецова", "Укажите e-mail полностью"),
    ],
)
def test_a_bad_subject_is_refused_in_russian_and_changes_nothing(twins, client_for, world, subject, message):
    client = client_for(world.admin)
    for action in ("show", "json", "erase"):
        response = client.post("/privacy/", {"action": action, "subject": subject, "confirm": "1"})
        assert response.status_code == 200
        assert message in response.content.decode()
    assert not AuditEntry.objects.filter(action="core.privacy.erased").exists()
    assert Person.objects.filter(last_name="Кузнецова").count() == 2


def test_an_erased_person_cannot_be_erased_again(twins, client_for, world):
    lone, _twin = twins
    privacy.person_erase(email=f"person:{lone.pk}", actor=world.admin)
    page = client_for(world.admin).post(
        "/privacy/", {"action": "erase", "subject": f"person:{lone.pk}", "confirm": "1"}
    )
    assert "уже обезличены" in page.content.decode()
    assert AuditEntry.objects.filter(action="core.privacy.erased").count() == 1


def test_only_the_administrator_may_export_or_erase_a_registry_person(twins, client_for, client, world):
    lone, _twin = twins
    for user in (world.editor_a, world.editor_b, world.coordinator_x, world.viewer_x):
        for action in ("find", "json", "erase"):
            response = client_for(user).post(
                "/privacy/",
                {"action": action, "subject": f"person:{lone.pk}", "last_name": "Кузнецова", "confirm": "1"},
            )
            assert response.status_code in (403, 404), (user, action)
            assert "Кузнецова" not in response.content.decode()
    anonymous = client.post("/privacy/", {"action": "erase", "subject": f"person:{lone.pk}", "confirm": "1"})
    assert anonymous.status_code == 302 and "/login" in anonymous["Location"]
    lone.refresh_from_db()
    assert lone.last_name == "Кузнецова"
    assert not AuditEntry.objects.filter(action="core.privacy.erased").exists()


def test_choosing_a_person_with_an_email_shows_that_email(client_for, world):
    PersonFactory(last_name="Лебедева", first_name="Ольга", email="lebedeva@example.test")
    client = client_for(world.admin)
    found = client.post("/privacy/", {"action": "find", "last_name": "Лебедева"}).content.decode()
    assert 'name="subject" value="lebedeva@example.test"' in found
    shown = client.post("/privacy/", {"action": "show", "subject": "lebedeva@example.test"}).content.decode()
    assert 'id="id_email" value="lebedeva@example.test"' in shown and "без e-mail" not in shown
    assert "Лебедева" in shown
