"""Recommendations that belong to no meeting (a resolution of a section, a round table's
recommendations, section results): accepted as recommendations of a section of the event, or —
when the document gives no date — of the cluster, each under its addressee, in the same
transaction as everything else of the document."""

from __future__ import annotations

from pathlib import Path

import pytest

from edcluster.core.errors import PermissionDenied, ValidationError
from edcluster.core.models import AuditEntry
from edcluster.events.models import Event, Section
from edcluster.imports import services
from edcluster.imports.models import ImportedFile
from edcluster.meetings.models import Decision
from edcluster.meetings.services import section_recommendations
from edcluster.organizations.models import Organization
from tests.shared import SHARED

RESOLUTION = Path(__file__).parent / "gold" / "heldout3" / "section_resolution.txt"
SECTION_RESULTS = SHARED / "samples" / "section_results_template.txt"


@pytest.fixture
def resolution(world, upload):
    return upload(world.coordinator_x, world.cluster_x, [("resolution.txt", RESOLUTION.read_bytes())]).files.get()


def test_a_section_resolution_proposes_an_event_section_and_addressed_recommendations(resolution):
    proposal = resolution.proposal
    assert proposal["kind"] == "event" and proposal["event"]["kind"] == "section"
    assert proposal["event"]["starts_on"] == "2024-08-26"
    assert proposal["section"]["title"] == "Сетевое взаимодействие образовательных организаций и учреждений культуры"
    assert [(r["addressee"], r["text"][:30]) for r in proposal["recommendations"]] == [
        ("Отдел образования администрации Моршанского района", "организовать в 2024/2025 учебн"),
        ("Отдел образования администрации Моршанского района", "подготовить сборник лучших пра"),
        ("Руководители общеобразовательных организаций", "заключить договоры о сетевом в"),
        ("Руководители общеобразовательных организаций", "включить в планы воспитательно"),
        ("ТОГБПОУ «Педагогический колледж г. Моршанска»", "привлекать студентов к проведе"),
    ]
    assert "meeting" not in proposal


def test_accept_creates_the_section_recommendations_grouped_by_addressee(world, resolution):
    event = services.file_accept(actor=world.coordinator_x, item=resolution)
    assert isinstance(event, Event) and event.kind == "section" and event.starts_on.isoformat() == "2024-08-26"
    section = Section.objects.get(event=event)
    groups = section_recommendations(section)
    assert [(g["addressee"], len(g["decisions"])) for g in groups] == [
        ("Отдел образования администрации Моршанского района", 2),
        ("Руководители общеобразовательных организаций", 2),
        ("ТОГБПОУ «Педагогический колледж г. Моршанска»", 1),
    ]
    college = Decision.objects.get(section=section, order=5)
    assert college.addressee_kind == "organization"
    assert college.addressee_organization == Organization.objects.get(short_name__startswith="ТОГБПОУ")
    heads = Decision.objects.get(section=section, order=3)
    assert (heads.addressee_kind, heads.addressee_group) == ("group", "Руководители общеобразовательных организаций")
    assert all(d.cluster == world.cluster_x and d.meeting is None for d in Decision.objects.all())
    # Each recommendation is linked to the file as its source and audited like any decision.
    for decision in Decision.objects.all():
        assert services.source_files(decision) == [resolution]
    assert services.source_files(section) == [resolution]
    assert AuditEntry.objects.filter(action="meetings.decision.created").count() == 5


def test_a_recommendation_without_text_stops_the_whole_accept(world, resolution):
    proposal = dict(resolution.proposal)
    proposal["recommendations"] = [dict(r) for r in proposal["recommendations"]]
    proposal["recommendations"][4]["text"] = "  "
    with pytest.raises(ValidationError) as error:
        services.file_accept(actor=world.coordinator_x, item=resolution, proposal=proposal)
    assert "У рекомендации должен быть текст." in str(error.value.errors)
    assert (
        not Event.objects.exists()
        and not Decision.objects.exists()
        and not Organization.objects.filter(short_name__startswith="ТОГБПОУ").exists()
    )
    resolution.refresh_from_db()
    assert resolution.status == ImportedFile.Status.READY and not resolution.records.exists()


def test_section_results_without_a_date_become_recommendations_of_the_cluster(world, upload):
    item = upload(world.coordinator_x, world.cluster_x, [("itogi.txt", SECTION_RESULTS.read_bytes())]).files.get()
    assert item.proposal["kind"] == "none" and len(item.proposal["recommendations"]) == 10
    proposal = dict(item.proposal, organizations=[], people=[])
    assert services.file_accept(actor=world.coordinator_x, item=item, proposal=proposal) is None
    decisions = list(Decision.objects.order_by("order"))
    assert len(decisions) == 10
    assert all(d.cluster == world.cluster_x and d.section is None and d.meeting is None for d in decisions)
    assert decisions[0].addressee_group == "Управление образования"
    assert decisions[9].addressee_group == "Дошкольные образовательные организации"
    assert decisions[0].text.startswith("Координация работы консультационных центров")


def test_only_coordinators_add_recommendations_of_the_cluster(world, upload):
    a = world.org_a
    item = upload(world.editor_a, world.cluster_x, [("itogi.txt", SECTION_RESULTS.read_bytes())], organization=a)
    item = item.files.get()
    proposal = dict(item.proposal, organizations=[], people=[])
    with pytest.raises(PermissionDenied) as error:
        services.file_accept(actor=world.editor_a, item=item, proposal=proposal)
    assert "координаторы кластера" in str(error.value)
    assert not Decision.objects.exists()


def test_the_review_page_edits_recommendations(world, resolution, client_for):
    c = client_for(world.coordinator_x)
    html = c.get(f"/imports/files/{resolution.pk}/").content.decode()
    assert "Рекомендации" in html and "Станут рекомендациями секции мероприятия" in html
    assert 'value="Руководители общеобразовательных организаций"' in html
    post = {"edited": "1", "event-action": "new", "section-title": "Секция 3"}
    post |= {f"org-{i}-action": "skip" for i in range(len(resolution.proposal["organizations"]))}
    post |= {f"person-{i}-action": "skip" for i in range(len(resolution.proposal["people"]))}
    for key in ("title", "starts_on", "format", "kind"):
        post[f"event-{key}"] = resolution.proposal["event"][key]
    for i, row in enumerate(resolution.proposal["recommendations"]):
        post[f"rec-{i}-text"] = row["text"]
        post[f"rec-{i}-addressee"] = "Школы района" if i == 2 else row["addressee"]
        if i != 3:
            post[f"rec-{i}-accept"] = "on"
    response = c.post(f"/imports/files/{resolution.pk}/accept/", post)
    assert response.status_code == 302, response.content.decode()[:2000]
    section = Section.objects.get()
    assert section.title == "Секция 3"
    assert Decision.objects.filter(section=section).count() == 4
    assert Decision.objects.get(section=section, order=3).addressee_group == "Школы района"
    # Organisations were skipped, so the addressees stay groups.
    assert not Decision.objects.filter(addressee_kind="organization").exists()


def test_the_same_resolution_accepted_again_matches_instead_of_doubling(world, resolution, upload):
    services.file_accept(actor=world.coordinator_x, item=resolution)
    again = upload(world.coordinator_x, world.cluster_x, [("resolution.txt", RESOLUTION.read_bytes())]).files.get()
    assert again.proposal["event"]["action"] == "match"
    services.file_accept(actor=world.coordinator_x, item=again)
    assert Event.objects.count() == 1 and Section.objects.count() == 1
    assert Decision.objects.count() == 5
    assert all(services.source_files(d) == [resolution, again] for d in Decision.objects.all())
