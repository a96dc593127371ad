"""Erasure for someone known only by name (with the organisation) or by phone: the
administrator finds the matching records, chooses the person, and only that person is erased —
a namesake with another e-mail keeps every record."""

from __future__ import annotations

import pytest

from edcluster.core import privacy
from edcluster.core.errors import ValidationError
from edcluster.events import services as event_services
from edcluster.events.models import Registration
from edcluster.organizations.models import Person, Position
from tests.events.helpers import open_event, person
from tests.factories import PersonFactory


@pytest.fixture
def namesakes(world):
    """Two Мария Петровна Семёнова: one at organisation A (also registered for an event under
    «Семенова», written with е), the other at organisation B."""
    a = PersonFactory(
        last_name="Семёнова",
        first_name="Мария",
        middle_name="Петровна",
        email="semenova.a@example.test",
        phone="+7 (900) 111-22-33",
    )
    b = PersonFactory(
        last_name="Семёнова",
        first_name="Мария",
        middle_name="Петровна",
        email="semenova.b@example.test",
        phone="8 905 444 55 66",
    )
    Position.objects.create(person=a, organization=world.org_a, title="методист")
    Position.objects.create(person=b, organization=world.org_b, title="воспитатель")
    event = open_event(world.cluster_x)
    event_services.registration_submit(
        event=event,
        data=person(email="semenova.a@example.test", last_name="Семенова", phone="+7 900 111-22-33"),
        consent=True,
    )
    event_services.registration_submit(
        event=event,
        data=person(email="semenova.b@example.test", last_name="Семёнова", phone="+7 905 444-55-66"),
        consent=True,
    )
    return a, b


def test_a_name_finds_both_namesakes_and_the_organisation_tells_them_apart(namesakes, world):
    both = privacy.person_find(last_name="семенова", first_name="МАРИЯ")  # case and ё/е do not matter
    assert sorted(m.email for m in both) == ["semenova.a@example.test", "semenova.b@example.test"]
    a = next(m for m in both if m.email == "semenova.a@example.test")
    assert set(a.sources) == {"реестр", "регистрация на мероприятие"}
    only_b = privacy.person_find(last_name="Семёнова", organization=world.org_b.short_name or world.org_b.full_name)
    assert [m.email for m in only_b] == ["semenova.b@example.test"]


def test_a_phone_in_any_spelling_finds_one_person(namesakes):
    for spelling in ("89001112233", "+7 900 111-22-33", "(900) 111 22 33"):
        assert [m.email for m in privacy.person_find(phone=spelling)] == ["semenova.a@example.test"], spelling
    assert privacy.person_find(phone="+7 999 000-00-01") == []


def test_a_phone_is_found_among_hundreds_with_the_same_last_digits(namesakes):
    """The registry holds many numbers ending like the one sought: the person is still found
    (the comparison is the database's, before any cap on the rows listed)."""
    PersonFactory.create_batch(210, last_name="Абрамова", phone="+7 912 000-00-33")  # listed first
    assert [m.email for m in privacy.person_find(phone="8 900 111 22 33")] == ["semenova.a@example.test"]


@pytest.mark.parametrize(
    ("data", "message"),
    [({}, "Укажите фамилию или телефон"), ({"phone": "12-34"}, "Укажите телефон полностью")],
)
def test_a_lookup_without_a_surname_or_a_whole_phone_is_refused(db, data, message):
    with pytest.raises(ValidationError) as exc:
        privacy.person_find(**data)
    assert message in str(exc.value.message)


def test_admin_finds_by_name_chooses_one_namesake_and_erases_only_her(namesakes, client_for, world):
    a, b = namesakes
    client = client_for(world.admin)
    found = client.post(
        "/privacy/", {"action": "find", "last_name": "Семенова", "first_name": "Мария"}
    ).content.decode()
    assert "semenova.a@example.test" in found and "semenova.b@example.test" in found
    assert found.count(">Выбрать</button>") == 2  # one per person

    chosen = client.post("/privacy/", {"action": "show", "email": "semenova.b@example.test"}).content.decode()
    assert "воспитатель" in chosen and "111-22-33" not in chosen  # the chosen person's records only
    done = client.post("/privacy/", {"action": "erase", "email": "semenova.b@example.test", "confirm": "1"})
    assert "Данные обезличены" in done.content.decode()

    b.refresh_from_db()
    assert (b.last_name, b.phone) == (privacy.ERASED_NAME, "") and b.email.endswith("@erased.invalid")
    a.refresh_from_db()
    assert (a.last_name, a.email, a.phone) == ("Семёнова", "semenova.a@example.test", "+7 (900) 111-22-33")
    assert Registration.objects.filter(email="semenova.a@example.test", last_name="Семенова").count() == 1
    assert not Registration.objects.filter(last_name="Семёнова").exists()
    assert Registration.objects.count() == 2  # counts are kept
    again = client.post("/privacy/", {"action": "find", "last_name": "Семёнова"}).content.decode()
    assert "semenova.a@example.test" in again and "semenova.b@example.test" not in again
    assert Person.objects.filter(email="semenova.a@example.test").count() == 1


def test_nobody_found_is_said_in_russian_and_bad_input_changes_nothing(namesakes, client_for, world):
    client = client_for(world.admin)
    page = client.post("/privacy/", {"action": "find", "last_name": "Никтоева"}).content.decode()
    assert "Никого не нашлось" in page
    page = client.post("/privacy/", {"action": "find", "phone": "123"}).content.decode()
    assert "Укажите телефон полностью" in page


def test_only_those_who_manage_personal_data_may_search(namesakes, client_for, world):
    for user in (world.editor_a, world.coordinator_x, world.viewer_x):
        response = client_for(user).post("/privacy/", {"action": "find", "last_name": "Семёнова"})
        assert response.status_code == 403
        assert "semenova" not in response.content.decode()


def test_a_parent_known_by_name_or_phone_is_found_in_the_requests(subject_parent):
    assert [m.email for m in privacy.person_find(last_name="Орлова")] == ["orlova@example.test"]
    assert [m.email for m in privacy.person_find(last_name="орлова", first_name="Анна")] == ["orlova@example.test"]
    assert privacy.person_find(last_name="Орлов") == []  # a whole word, not a prefix
    assert privacy.person_find(last_name="Орлова", first_name="Мария") == []
    assert [m.email for m in privacy.person_find(phone="8 (912) 700-11-22")] == ["orlova@example.test"]
    assert privacy.person_find(phone="8 (912) 700-11-22")[0].sources == ["обращение в консультационный центр"]


@pytest.fixture
def subject_parent(world):
    from edcluster.consultations import services as consult

    centre = consult.centre_create(
        actor=world.editor_a,
        data={
            "organization": world.org_a,
            "name": "Консультационный центр",
            "forms": ["in_person"],
            "services": "Консультирование",
            "address": "ул. Ленина, 1",
        },
    )
    consult.request_create(
        centre=centre,
        data={
            "applicant_kind": "parent",
            "name": "Анна Сергеевна Орлова",
            "child_age": 4,
            "topic": "speech",
            "preferred_form": "in_person",
            "preferred_time": "утром",
            "email": "orlova@example.test",
            "phone": "+7 912 700 11 22",
        },
        consent=True,
        ip="10.0.0.1",
    )
