"""Editing a centre's specialists and removing their hours: the secretary's everyday changes."""

import datetime as dt

import pytest

from edcluster.consultations import services
from edcluster.consultations.models import Appointment, ScheduleEntry, Specialist
from edcluster.core.models import AuditEntry
from tests.consultations.conftest import next_monday

pytestmark = pytest.mark.django_db


def _book(centres, world, hour=10):
    return services.appointment_book(
        actor=world.editor_a,
        centre=centres["a"],
        specialist=centres["sp_a"],
        starts_at=next_monday(hour),
        form="remote",
        email="parent@example.test",
    )


def test_manage_page_links_each_specialist_to_their_edit_page(client, world, centres):
    client.force_login(world.editor_a)
    page = client.get(f"/consultations/{centres['a'].pk}/manage/").content.decode()
    assert f"/consultations/{centres['a'].pk}/specialists/{centres['sp_a'].pk}/" in page


def test_editor_renames_specialist_and_the_change_is_audited(client, world, centres):
    client.force_login(world.editor_a)
    url = f"/consultations/{centres['a'].pk}/specialists/{centres['sp_a'].pk}/"
    response = client.post(url, {"kind": "speech", "full_name": "Иванова Анна Петровна", "is_active": "on"})
    assert response.status_code == 302
    sp = Specialist.objects.get(pk=centres["sp_a"].pk)
    assert (sp.full_name, sp.kind, sp.is_active) == ("Иванова Анна Петровна", "speech", True)
    assert AuditEntry.objects.filter(action="consultations.specialist.updated").exists()


def test_deactivated_specialist_disappears_from_booking_but_history_stays(client, world, centres):
    client.force_login(world.editor_a)
    url = f"/consultations/{centres['a'].pk}/specialists/{centres['sp_a'].pk}/"
    client.post(url, {"kind": "psychologist", "full_name": "Психолог А"})  # "работает" unchecked
    assert not Specialist.objects.get(pk=centres["sp_a"].pk).is_active
    public = client.get(f"/consultations/{centres['a'].pk}/").content.decode()
    assert "Психолог А" not in public


def test_specialist_with_upcoming_bookings_cannot_be_deactivated(client, world, centres):
    _book(centres, world)
    client.force_login(world.editor_a)
    url = f"/consultations/{centres['a'].pk}/specialists/{centres['sp_a'].pk}/"
    response = client.post(url, {"kind": "psychologist", "full_name": "Психолог А"})
    assert response.status_code == 200
    assert "К специалисту записаны родители (1)" in response.content.decode()
    assert Specialist.objects.get(pk=centres["sp_a"].pk).is_active


def test_empty_name_is_refused_in_russian_and_nothing_changes(client, world, centres):
    client.force_login(world.editor_a)
    url = f"/consultations/{centres['a'].pk}/specialists/{centres['sp_a'].pk}/"
    response = client.post(url, {"kind": "psychologist", "full_name": "  ", "is_active": "on"})
    assert response.status_code == 200
    assert "Обязательное поле" in response.content.decode()
    assert Specialist.objects.get(pk=centres["sp_a"].pk).full_name == "Психолог А"


def test_removing_free_hours_deletes_them_with_audit(client, world, centres):
    entry = centres["sp_a"].schedule.get()
    client.force_login(world.editor_a)
    response = client.post(f"/consultations/{centres['a'].pk}/schedule/{entry.pk}/delete/", follow=True)
    assert "Часы приёма удалены." in response.content.decode()
    assert not ScheduleEntry.objects.filter(pk=entry.pk).exists()
    audit = AuditEntry.objects.get(action="consultations.schedule.removed")
    assert audit.changes["schedule"][0].startswith("понедельник 10:00")


def test_hours_with_a_booked_parent_are_not_removed(client, world, centres):
    _book(centres, world, hour=11)
    entry = centres["sp_a"].schedule.get()
    client.force_login(world.editor_a)
    response = client.post(f"/consultations/{centres['a'].pk}/schedule/{entry.pk}/delete/", follow=True)
    assert "На эти часы записаны родители (1)" in response.content.decode()
    assert ScheduleEntry.objects.filter(pk=entry.pk).exists()


def test_hours_free_again_after_the_booking_is_cancelled(world, centres):
    appointment = _book(centres, world)
    services.appointment_cancel(token=appointment.cancel_token)
    entry = centres["sp_a"].schedule.get()
    services.schedule_remove(actor=world.editor_a, entry=entry)
    assert not ScheduleEntry.objects.filter(specialist=centres["sp_a"]).exists()
    assert Appointment.objects.get().status == Appointment.Status.CANCELLED


def test_other_organisations_editor_cannot_remove_hours_by_guessing_ids(client, world, centres):
    entry = centres["sp_a"].schedule.get()
    client.force_login(world.editor_b)
    # B's own centre in the URL, A's hours in the id: not found, nothing removed.
    response = client.post(f"/consultations/{centres['b'].pk}/schedule/{entry.pk}/delete/")
    assert response.status_code == 404
    assert ScheduleEntry.objects.filter(pk=entry.pk).exists()


def test_hours_on_another_weekday_do_not_block_removal(world, centres):
    services.schedule_add(
        actor=world.editor_a, specialist=centres["sp_a"], weekday=2, start=dt.time(14), end=dt.time(16)
    )
    _book(centres, world)  # Monday 10:00
    wednesday = ScheduleEntry.objects.get(weekday=2)
    services.schedule_remove(actor=world.editor_a, entry=wednesday)
    assert list(ScheduleEntry.objects.filter(specialist=centres["sp_a"]).values_list("weekday", flat=True)) == [0]


def test_anonymous_is_sent_to_sign_in_from_the_specialist_pages(client, world, centres):
    centre, specialist = centres["a"], centres["sp_a"]
    entry = ScheduleEntry.objects.filter(specialist=specialist).first()
    assert entry is not None
    edit = f"/consultations/{centre.pk}/specialists/{specialist.pk}/"
    remove = f"/consultations/{centre.pk}/schedule/{entry.pk}/delete/"
    for response, path in ((client.get(edit), edit), (client.post(remove), remove)):
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/") and f"next={path}" in response["Location"]
    assert ScheduleEntry.objects.filter(pk=entry.pk).exists()
