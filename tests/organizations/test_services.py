import pytest

from edcluster.core.errors import Conflict, PermissionDenied, ValidationError
from edcluster.core.models import AuditEntry
from edcluster.organizations import services
from edcluster.organizations.models import Membership, Organization, Person, Position

KINDERGARTEN = {
    "full_name": "Муниципальное автономное дошкольное образовательное учреждение детский сад № 24 «Журавушка»",
    "short_name": "МАДОУ № 24 «Журавушка»",
    "kind": "kindergarten",
    "kindergarten_orientation": "general",
    "municipality": "Искитим",
    "region": "54",
}


def test_coordinator_creates_organization_in_own_cluster_with_audit(world):
    org = services.organization_create(actor=world.coordinator_x, data=KINDERGARTEN, cluster=world.cluster_x)
    assert Membership.objects.filter(cluster=world.cluster_x, organization=org).exists()
    entry = AuditEntry.objects.get(action="organizations.organization.created", target_id=str(org.pk))
    assert entry.actor == world.coordinator_x
    assert entry.changes["short_name"] == [None, "МАДОУ № 24 «Журавушка»"]
    assert entry.changes["kind"] == [None, "Детский сад"]


def test_coordinator_cannot_create_in_foreign_cluster(world):
    with pytest.raises(PermissionDenied):
        services.organization_create(actor=world.coordinator_x, data=KINDERGARTEN, cluster=world.cluster_y)
    assert not Organization.objects.filter(short_name=KINDERGARTEN["short_name"]).exists()


def test_editor_cannot_create_organizations(world):
    with pytest.raises(PermissionDenied):
        services.organization_create(actor=world.editor_a, data=KINDERGARTEN, cluster=world.cluster_x)


def test_bad_inn_gives_russian_field_error_and_writes_nothing(world):
    before = AuditEntry.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.organization_create(actor=world.admin, data={**KINDERGARTEN, "inn": "5446000001"})
    assert "контрольной суммы" in exc.value.errors["inn"][0]
    assert not Organization.objects.filter(short_name=KINDERGARTEN["short_name"]).exists()
    assert AuditEntry.objects.count() == before


def test_same_inn_is_a_duplicate(world):
    services.organization_create(actor=world.admin, data={**KINDERGARTEN, "inn": "7725114488"})
    with pytest.raises(ValidationError) as exc:
        services.organization_create(
            actor=world.admin,
            data={**KINDERGARTEN, "full_name": "Другое название", "short_name": "", "inn": "7725114488"},
        )
    assert exc.value.errors["__all__"] == ["Организация с таким ИНН уже есть в реестре."]


def test_same_name_in_same_municipality_is_a_duplicate_despite_quotes_and_case(world):
    services.organization_create(actor=world.admin, data=KINDERGARTEN)
    variant = {**KINDERGARTEN, "short_name": 'мадоу №24 "Журавушка"', "full_name": "Детский сад 24"}
    with pytest.raises(Conflict, match="уже есть в реестре"):
        services.organization_create(actor=world.admin, data=variant)
    # the same name in another town is another organisation
    services.organization_create(actor=world.admin, data={**variant, "municipality": "Бердск"})


def test_orientation_only_for_kindergartens(world):
    with pytest.raises(ValidationError) as exc:
        services.organization_create(actor=world.admin, data={**KINDERGARTEN, "kind": "school"})
    assert "только для детского сада" in exc.value.errors["kindergarten_orientation"][0]


def test_update_records_field_diff_and_refreshes_search(world):
    org = services.organization_update(
        actor=world.editor_a,
        organization=world.org_a,
        data={"municipality": "Подосиновец", "phone": "+7 (83351) 2-11-11"},
    )
    entry = AuditEntry.objects.filter(action="organizations.organization.updated").latest("id")
    assert entry.changes == {"municipality": ["Город А", "Подосиновец"], "phone": ["", "+7 (83351) 2-11-11"]}
    assert " подосиновец" in org.search_text


def test_update_without_changes_writes_no_audit(world):
    before = AuditEntry.objects.count()
    services.organization_update(
        actor=world.editor_a, organization=world.org_a, data={"municipality": world.org_a.municipality}
    )
    assert AuditEntry.objects.count() == before


def test_editor_cannot_update_another_organization(world):
    with pytest.raises(PermissionDenied):
        services.organization_update(actor=world.editor_a, organization=world.org_b, data={"phone": "1"})
    world.org_b.refresh_from_db()
    assert world.org_b.phone == ""


def test_person_gender_from_patronymic_and_position_category(world):
    person = services.person_create(
        actor=world.editor_a,
        data={"last_name": "ГРЯЗЕВА", "first_name": "елена", "middle_name": "Борисовна", "email": "E@Example.test"},
        organization=world.org_a,
        position_title="заместитель директора по воспитательной работе",
    )
    assert (person.last_name, person.first_name, person.gender, person.email) == (
        "Грязева",
        "Елена",
        "female",
        "e@example.test",
    )
    assert person.short_name == "Грязева\u00a0Е.Б."
    assert Position.objects.get(person=person).category == Position.Category.DEPUTY


@pytest.mark.parametrize(
    "title,category",
    [
        ("заведующая", "head"),
        ("директор", "head"),
        ("методист сектора", "methodologist"),
        ("учитель-логопед", "teacher"),
        ("главный библиотекарь отдела обслуживания", "specialist"),
        ("управляющий ДО №3349/2229", "head"),
        ("студентка 3 курса", "student"),
    ],
)
def test_position_categories(title, category):
    assert services.position_category(title) == category


def test_person_duplicate_by_email_is_refused(world):
    with pytest.raises(Conflict, match="уже есть"):
        services.person_create(
            actor=world.editor_a,
            data={"last_name": "Другая", "first_name": "Анна", "email": world.person_a.email.upper()},
            organization=world.org_a,
            position_title="учитель",
        )
    assert Person.objects.filter(last_name="Другая").count() == 0


def test_editor_edits_own_people_only(world):
    services.person_update(actor=world.editor_a, person=world.person_a, data={"phone": "+7 900 000-00-00"})
    with pytest.raises(PermissionDenied):
        services.person_update(actor=world.editor_a, person=world.person_b, data={"phone": "1"})


def test_base_organization_cannot_be_removed_from_cluster(world):
    services.cluster_update(actor=world.coordinator_x, cluster=world.cluster_x, data={"base_organization": world.org_a})
    membership = Membership.objects.get(cluster=world.cluster_x, organization=world.org_a)
    assert membership.role == Membership.Role.BASE
    with pytest.raises(Conflict, match="Опорную организацию"):
        services.membership_remove(actor=world.coordinator_x, membership=membership)


def test_coordinator_cannot_change_cluster_slug(world):
    with pytest.raises(ValidationError):
        services.cluster_update(actor=world.coordinator_x, cluster=world.cluster_x, data={"slug": "new"})


def test_role_grant_rules(world):
    from edcluster.organizations.models import RoleAssignment

    services.role_grant(actor=world.coordinator_x, user=world.plain, role="editor", organization=world.org_a)
    with pytest.raises(PermissionDenied):
        services.role_grant(actor=world.coordinator_x, user=world.plain, role="editor", organization=world.org_b)
    with pytest.raises(PermissionDenied):
        services.role_grant(actor=world.coordinator_x, user=world.plain, role="coordinator", cluster=world.cluster_x)
    assert RoleAssignment.objects.filter(user=world.plain).count() == 1
