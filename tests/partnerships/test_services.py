from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from edcluster.core.errors import PermissionDenied, ValidationError
from edcluster.core.models import AuditEntry, OutboxMessage
from edcluster.partnerships import services, tasks
from edcluster.partnerships.models import Direction, Partnership, PartnershipStatus
from tests.factories import OrganizationFactory, PersonFactory
from tests.partnerships.conftest import make_partnership


def test_directions_are_seeded_from_the_issue(db):
    names = set(Direction.objects.values_list("name", flat=True))
    assert {"Робототехника и программирование", "Агрообразование", "Спорт и здоровье"} <= names
    assert len(names) == 14


def test_editor_creates_partnership_with_parties_and_audit(world):
    p = make_partnership(world.editor_a, world.org_a, world.org_b, activate=False)
    assert p.status == PartnershipStatus.DRAFT
    assert [x.organization for x in p.parties.all()] == [world.org_a, world.org_b]
    assert [d.name for d in p.directions.all()] == ["Робототехника и программирование"]
    entry = AuditEntry.objects.get(action="partnerships.partnership.created", target_id=str(p.pk))
    assert entry.changes["title"] == [None, "Робототехника для дошколят"]


def test_one_party_is_refused_in_russian_and_nothing_written(world):
    with pytest.raises(ValidationError) as exc:
        services.partnership_create(
            actor=world.editor_a,
            data={"kind": "joint_project", "title": "Один"},
            parties=[{"organization": world.org_a}],
        )
    assert exc.value.errors["parties"] == ["У партнёрства должно быть не меньше двух сторон."]
    assert not Partnership.objects.exists()


def test_author_must_lead_one_of_the_parties(world):
    other = OrganizationFactory()
    with pytest.raises(PermissionDenied):
        make_partnership(world.editor_a, world.org_b, other)
    assert not Partnership.objects.exists()


def test_end_before_start_is_refused(world):
    with pytest.raises(ValidationError) as exc:
        make_partnership(world.editor_a, world.org_a, world.org_b, until=date(2024, 1, 1))
    assert "Дата окончания раньше даты начала." in str(exc.value.errors)
    assert not Partnership.objects.exists()


def test_signatory_must_work_for_the_party(world):
    with pytest.raises(ValidationError) as exc:
        services.partnership_create(
            actor=world.editor_a,
            data={"kind": "joint_project", "title": "П"},
            parties=[
                {"organization": world.org_a, "signatory": world.person_b},
                {"organization": world.org_b},
            ],
        )
    assert "не работает в организации «Организация А»" in exc.value.errors["parties"][0]


def test_other_organisations_editor_cannot_change(world, partnership):
    outsider = OrganizationFactory()
    from edcluster.organizations.models import RoleAssignment
    from tests.factories import UserFactory

    u = UserFactory()
    RoleAssignment.objects.create(user=u, role="editor", organization=outsider)
    with pytest.raises(PermissionDenied):
        services.partnership_update(actor=u, partnership=partnership, data={"title": "Чужое"})
    partnership.refresh_from_db()
    assert partnership.title == "Робототехника для дошколят"


def test_renewal_creates_linked_version(world, partnership):
    new = services.partnership_renew(actor=world.editor_a, partnership=partnership, valid_until=date(2029, 6, 30))
    partnership.refresh_from_db()
    assert partnership.status == PartnershipStatus.RENEWED
    assert new.previous == partnership
    assert new.valid_from == date(2027, 7, 1)
    assert new.status == PartnershipStatus.ACTIVE
    assert new.parties.count() == 2
    assert [d.name for d in new.directions.all()] == ["Робототехника и программирование"]
    with pytest.raises(ValidationError):
        services.partnership_renew(actor=world.editor_a, partnership=partnership, valid_until=date(2030, 1, 1))


def test_renewal_too_short_is_refused(world, partnership):
    with pytest.raises(ValidationError) as exc:
        services.partnership_renew(actor=world.editor_a, partnership=partnership, valid_until=date(2027, 1, 1))
    assert exc.value.errors["valid_until"] == ["Новый срок должен заканчиваться не раньше 1 июля 2027\xa0г."]
    assert Partnership.objects.count() == 1


def test_amendment_and_party(world, partnership):
    services.amendment_add(
        actor=world.editor_a, partnership=partnership, data={"number": "1", "summary": "Добавлен кружок"}
    )
    third = OrganizationFactory()
    signer = PersonFactory(organization=third)
    services.party_add(
        actor=world.editor_a,
        partnership=partnership,
        data={"organization": third, "role": "sponsor", "signatory": signer, "resources": "наборы LEGO"},
    )
    assert partnership.amendments.get().summary == "Добавлен кружок"
    assert partnership.parties.get(organization=third).resources == "наборы LEGO"
    with pytest.raises(ValidationError):
        services.party_add(actor=world.editor_a, partnership=partnership, data={"organization": third})


def test_indefinite_with_end_date_is_refused(world):
    with pytest.raises(ValidationError) as exc:
        make_partnership(world.editor_a, world.org_a, world.org_b, indefinite=True)
    assert exc.value.errors["valid_until"] == ["У бессрочного партнёрства нет даты окончания."]


def test_activate_needs_a_term(world):
    p = make_partnership(world.editor_a, world.org_a, world.org_b, until=None, activate=False)
    with pytest.raises(ValidationError):
        services.partnership_activate(actor=world.editor_a, partnership=p)
    p.refresh_from_db()
    assert p.status == PartnershipStatus.DRAFT


def test_expiry_journey_one_reminder_then_expired(world, django_capture_on_commit_callbacks):
    """30 days before the end the partnership becomes "истекает" and the parties' editors get
    one reminder; after the end it becomes "истёк" by itself."""
    today = timezone.localdate()
    end = today + timedelta(days=60)
    p = make_partnership(world.editor_a, world.org_a, world.org_b, until=end, valid_from=today, signed_on=today)
    assert p.status == PartnershipStatus.ACTIVE

    services.partnership_statuses_refresh(today=end - timedelta(days=31))
    p.refresh_from_db()
    assert p.status == PartnershipStatus.ACTIVE
    assert not OutboxMessage.objects.filter(topic="partnerships.expiring").exists()

    with django_capture_on_commit_callbacks(execute=True):
        services.partnership_statuses_refresh(today=end - timedelta(days=30))
        services.partnership_statuses_refresh(today=end - timedelta(days=29))
        services.partnership_statuses_refresh(today=end)
    p.refresh_from_db()
    assert p.status == PartnershipStatus.EXPIRING
    message = OutboxMessage.objects.get(topic="partnerships.expiring")
    assert sorted(message.to) == ["editor_a@example.test", "editor_b@example.test"]
    assert "«Робототехника для дошколят»" in message.subject
    assert f"действует по {end.day}" in message.body

    services.partnership_statuses_refresh(today=end + timedelta(days=1))
    p.refresh_from_db()
    assert p.status == PartnershipStatus.EXPIRED
    assert p.get_status_display() == "истёк"
    assert OutboxMessage.objects.filter(topic="partnerships.expiring").count() == 1


def test_expiring_days_is_configurable(world, settings):
    settings.PARTNERSHIP_EXPIRING_DAYS = 10
    today = timezone.localdate()
    p = make_partnership(
        world.editor_a, world.org_a, world.org_b, until=today + timedelta(days=20), valid_from=today, signed_on=today
    )
    services.partnership_statuses_refresh(today=today)
    p.refresh_from_db()
    assert p.status == PartnershipStatus.ACTIVE
    services.partnership_statuses_refresh(today=today + timedelta(days=10))
    p.refresh_from_db()
    assert p.status == PartnershipStatus.EXPIRING


def test_task_is_scheduled_and_runs(world, settings):
    assert settings.CELERY_BEAT_SCHEDULE["partnerships.refresh_statuses"]["task"] == (
        "edcluster.partnerships.tasks.refresh_statuses"
    )
    p = make_partnership(
        world.editor_a,
        world.org_a,
        world.org_b,
        until=date(2025, 10, 1),
        signed_on=date(2025, 1, 1),
        valid_from=date(2025, 1, 1),
        activate=False,
    )
    Partnership.objects.filter(pk=p.pk).update(status=PartnershipStatus.ACTIVE)
    assert tasks.refresh_statuses.delay().get() == {"expiring": 0, "expired": 1}
    p.refresh_from_db()
    assert p.status == PartnershipStatus.EXPIRED


def test_direction_managed_by_admin_only(world):
    d = services.direction_create(actor=world.admin, data={"name": "Экология", "order": 200, "is_active": True})
    assert d.name == "Экология"
    with pytest.raises(PermissionDenied):
        services.direction_create(actor=world.coordinator_x, data={"name": "Ещё", "order": 1, "is_active": True})
    call_command("check")
