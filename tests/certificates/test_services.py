from __future__ import annotations

import pytest

from edcluster.certificates import selectors, services
from edcluster.certificates.models import Certificate, KindCode, NameCase
from edcluster.core.errors import Conflict, ValidationError
from edcluster.core.models import AuditEntry, OutboxMessage
from tests.certificates.helpers import held_event, registration

pytestmark = pytest.mark.django_db


def kind(event, code):
    return event.certificate_kinds.get(code=code)


def test_participant_certificate_only_for_checked_in(world):
    event = held_event(world.cluster_x)
    participant = kind(event, KindCode.PARTICIPANT)
    cert, created = services.certificate_issue(
        actor=world.coordinator_x, kind=participant, registration=registration(event, "Грязева")
    )
    assert created and cert.number == "2030-X-000001"
    assert cert.full_name == "Грязева Елена Борисовна"
    with pytest.raises(ValidationError, match="не положен"):
        services.certificate_issue(actor=None, kind=participant, registration=registration(event, "Пахомовская"))
    assert Certificate.objects.count() == 1
    assert AuditEntry.objects.filter(action="certificates.certificate.issued").count() == 1


def test_issuing_twice_returns_the_same_number(world):
    event = held_event(world.cluster_x)
    participant = kind(event, KindCode.PARTICIPANT)
    reg = registration(event, "Мохина")
    first, _c = services.certificate_issue(actor=None, kind=participant, registration=reg)
    again, created = services.certificate_issue(actor=None, kind=participant, registration=reg)
    assert not created and again.pk == first.pk
    nxt, _c = services.certificate_issue(actor=None, kind=participant, registration=registration(event, "Залесова"))
    assert nxt.seq == first.seq + 1


def test_speaker_certificate_names_the_talk(world):
    event = held_event(world.cluster_x)
    speaker = kind(event, KindCode.SPEAKER)
    cert, _c = services.certificate_issue(actor=None, kind=speaker, registration=registration(event, "Залесова"))
    page = services.page_data(cert)
    assert page.wording.startswith("выступила с докладом")
    text = page.wording.replace("\xa0", " ")
    assert "«Практика наставничества № 2»" in text
    assert "«Конференция»" in text and "14 ноября 2030 г." in text
    assert len(selectors.eligible_registrations(speaker)) == 2


def test_dative_name_by_core_ru(world):
    event = held_event(world.cluster_x)
    participant = kind(event, KindCode.PARTICIPANT)
    services.kind_save(
        actor=None,
        event=event,
        kind=participant,
        data={
            "code": "participant",
            "title": "СЕРТИФИКАТ",
            "lead": "выдан",
            "name_case": NameCase.DATV,
            "wording": "за участие в {event}",
            "rule": "checked_in",
        },
    )
    participant.refresh_from_db()
    cert, _c = services.certificate_issue(actor=None, kind=participant, registration=registration(event, "Грязева"))
    assert services.page_data(cert).name == "Грязевой Елене Борисовне"


def test_marked_kind_only_for_marked(world):
    event = held_event(world.cluster_x)
    active = kind(event, KindCode.ACTIVE)
    assert selectors.eligible_registrations(active).count() == 0
    services.kind_mark(actor=world.coordinator_x, kind=active, registration_ids=[registration(event, "Ачилова").pk])
    assert [r.last_name for r in selectors.eligible_registrations(active)] == ["Ачилова"]


def test_kind_validation_in_russian_and_nothing_written(world):
    event = held_event(world.cluster_x)
    with pytest.raises(ValidationError) as exc:
        services.kind_save(actor=None, event=event, data={"code": "speaker", "title": "", "wording": "", "rule": "x"})
    assert "Такой вид сертификата у мероприятия уже есть." in exc.value.errors["code"]
    assert exc.value.errors["wording"] == ["Напишите текст сертификата."]
    assert event.certificate_kinds.count() == 4


def test_revoke_needs_reason_and_happens_once(world):
    event = held_event(world.cluster_x)
    cert, _c = services.certificate_issue(
        actor=None, kind=kind(event, KindCode.PARTICIPANT), registration=registration(event, "Грязева")
    )
    with pytest.raises(ValidationError, match="причину"):
        services.certificate_revoke(actor=world.coordinator_x, certificate=cert, reason=" ")
    services.certificate_revoke(actor=world.coordinator_x, certificate=cert, reason="Ошибка в фамилии")
    cert.refresh_from_db()
    assert cert.is_revoked and cert.revoked_reason == "Ошибка в фамилии"
    with pytest.raises(Conflict):
        services.certificate_revoke(actor=world.coordinator_x, certificate=cert, reason="ещё раз")
    assert AuditEntry.objects.filter(action="certificates.certificate.revoked").count() == 1


def test_series_pattern_is_validated(world):
    with pytest.raises(ValidationError, match=r"\{seq\}"):
        services.series_update(actor=None, cluster=world.cluster_x, code="ИКС", pattern="{year}-{code}")
    with pytest.raises(ValidationError):
        services.series_update(actor=None, cluster=world.cluster_x, code="ИКС", pattern="{seq.__class__}")
    services.series_update(actor=None, cluster=world.cluster_x, code="СТАРТ", pattern="{code}/{year}/{seq:04d}")
    event = held_event(world.cluster_x)
    cert, _c = services.certificate_issue(
        actor=None, kind=kind(event, KindCode.PARTICIPANT), registration=registration(event, "Грязева")
    )
    assert cert.number == "СТАРТ/2030/0001"


def test_batch_issues_everything_missing_and_mails_once(world, django_capture_on_commit_callbacks):
    event = held_event(world.cluster_x)
    with django_capture_on_commit_callbacks(execute=True):
        batch = services.batch_start(actor=world.coordinator_x, event=event)
    batch.refresh_from_db()
    # 4 checked in (participant) + 2 speakers
    assert (batch.status, batch.done, batch.total) == ("done", 6, 6)
    assert OutboxMessage.objects.filter(topic="certificates.issued").count() == 6
    with django_capture_on_commit_callbacks(execute=True):
        again = services.batch_start(actor=world.coordinator_x, event=event)
    again.refresh_from_db()
    assert again.total == 0 and Certificate.objects.count() == 6
    assert OutboxMessage.objects.filter(topic="certificates.issued").count() == 6


def test_batch_killed_midway_and_rerun_gives_one_certificate_each_with_contiguous_numbers(world):
    from edcluster.certificates.models import Batch
    from edcluster.certificates.tasks import issue_batch

    event = held_event(world.cluster_x, people=6, checked_in=6, speakers=3)
    batch = Batch.objects.create(event=event, total=0, send_mail=False)
    with pytest.raises(RuntimeError):
        issue_batch(batch.pk, fail_after=4)
    batch.refresh_from_db()
    assert batch.status == "failed" and Certificate.objects.count() == 4
    issue_batch(batch.pk)
    batch.refresh_from_db()
    assert batch.status == "done" and batch.done == 9
    eligible = {(k.pk, r.pk) for k in event.certificate_kinds.all() for r in selectors.eligible_registrations(k)}
    issued = list(Certificate.objects.values_list("kind_id", "registration_id"))
    assert sorted(issued) == sorted(eligible) and len(issued) == 9
    seqs = sorted(Certificate.objects.values_list("seq", flat=True))
    assert seqs == list(range(1, 10))
    assert len(set(Certificate.objects.values_list("number", flat=True))) == 9


def test_my_token_round_trip_and_forgery(world):
    token = services.my_token("P0@Example.test")
    assert services.my_email(token) == "p0@example.test"
    assert services.my_email(token + "x") is None


def test_unfinished_batch_is_resumed_not_duplicated(world, django_capture_on_commit_callbacks):
    from edcluster.certificates.models import Batch

    event = held_event(world.cluster_x)
    stuck = Batch.objects.create(event=event, status=Batch.Status.RUNNING, total=6, send_mail=False)
    with django_capture_on_commit_callbacks(execute=True):
        again = services.batch_start(actor=world.coordinator_x, event=event)
    assert again.pk == stuck.pk and Batch.objects.count() == 1
    stuck.refresh_from_db()
    assert stuck.status == "done" and event.certificates.count() == 6
