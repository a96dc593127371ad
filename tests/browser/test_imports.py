"""The acceptance journey of the document import: upload the council protocol, watch it being
processed, review the highlighted text and the proposed records, accept → the meeting with its
agenda and decisions exists, linked to the uploaded file; a second upload proposes the same
records instead of duplicates."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.shared import SHARED

pytestmark = pytest.mark.browser

PROTOCOL = SHARED / "samples" / "council_protocol.txt"


@pytest.fixture
def coordinator(transactional_db):
    from edcluster.meetings import services
    from edcluster.organizations.models import RoleAssignment
    from tests.factories import ClusterFactory, UserFactory

    cluster = ClusterFactory(name="Подосиновский кластер", slug="pod")
    user = UserFactory(username="coord")
    RoleAssignment.objects.create(user=user, role="coordinator", cluster=cluster)
    services.body_create(actor=user, cluster=cluster, data={"name": "Координационный совет"})
    return user


def _upload_and_review(page, server):
    page.goto(f"{server.url}/clusters/pod/imports/new/")
    page.get_by_label("Документы").set_input_files(str(PROTOCOL))
    page.get_by_role("button", name="Загрузить").click()
    expect(page.get_by_text("Обработка завершена: 1 / 1")).to_be_visible(timeout=30000)
    page.get_by_role("link", name="Проверить").click()
    expect(page.locator("#source-text mark[data-kind=person]").first).to_be_visible()


def test_upload_review_accept_then_upload_again(page, live_server, coordinator, login):
    from edcluster.imports.models import ImportedFile
    from edcluster.meetings.models import Meeting

    login(live_server, "coord", "pass-12345")
    _upload_and_review(page, live_server)
    expect(page.locator("#source-text")).to_contain_text("Грязева Елена Борисовна")
    expect(page.locator("#source-text mark", has_text="Грязева Елена Борисовна").first).to_have_attribute(
        "data-kind", "person"
    )
    expect(page.get_by_label("Номер протокола")).to_have_value("1")
    expect(page.get_by_label("Дата", exact=True)).to_have_value("2025-02-26")
    expect(page.locator("[data-item]")).to_have_count(7)
    expect(page.locator("#organizations")).to_contain_text("новая запись")
    page.get_by_role("button", name="Принять").click()

    expect(page.get_by_role("heading", name=re.compile("Протокол № 1 от 26 февраля 2025"))).to_be_visible()
    expect(page.get_by_text("Агроклассы от Россельхозбанка", exact=True).first).to_be_visible()
    meeting = Meeting.objects.get()
    assert meeting.items.count() == 7 and meeting.decisions.count() == 4
    first = ImportedFile.objects.get()
    linked = {(r.content_type.model, r.object_id) for r in first.records.all()}
    assert ("meeting", meeting.pk) in linked
    assert {("decision", d.pk) for d in meeting.decisions.all()} <= linked

    # The same document again: the existing meeting, organisations and people are proposed.
    _upload_and_review(page, live_server)
    expect(page.get_by_text("Этот же файл уже принимали")).to_be_visible()
    expect(page.locator("select[name=meeting-action] option:checked")).to_have_text(re.compile("^Это: "))
    expect(page.locator("#organizations")).not_to_contain_text("новая запись")
    page.get_by_role("button", name="Принять").click()
    expect(page.get_by_role("heading", name=re.compile("Протокол № 1 от 26 февраля 2025"))).to_be_visible()
    assert Meeting.objects.count() == 1 and Meeting.objects.get().items.count() == 7
    second = ImportedFile.objects.exclude(pk=first.pk).get()
    assert second.status == "accepted" and second.records.filter(object_id=meeting.pk, created=False).exists()
