import io
import json
import re
from datetime import date
from html import unescape

import pytest
from docx import Document
from openpyxl import load_workbook

from edcluster.events.models import Registration
from tests.analytics.conftest import add_event, network

X_2025 = "scope=cluster&cluster=x&period=custom&from=2025-01-01&to=2025-12-31"


def links(html: str, figure: str) -> list[str]:
    table = re.search(rf'data-figure="{figure}".*?</table>', html, re.S).group(0)
    return [unescape(u) for u in re.findall(r'href="([^"]+)"', table)]


def test_dashboard_figure_drills_down_to_the_registrations(data, client_for):
    page = client_for(data.coordinator_x).get(f"/analytics/?{X_2025}").content.decode()
    assert "1 участник из 1 организации, 1 субъект Российской Федерации" in page
    [region_link, _regs] = links(page, "participants_by_region")
    listing = client_for(data.coordinator_x).get(region_link).content.decode()
    assert "Участники: Кировская область" in listing
    assert "Иванова Мария" in listing and "Отказ" not in listing  # cancelled is no participant
    # the chart carries the same link for a click on its bar
    charts = json.loads(re.search(r'id="an-data"[^>]*>(.*?)</script>', page, re.S).group(1))
    assert charts["participants_by_region"]["datasets"][0]["urls"] == [region_link]


@pytest.mark.parametrize("role", ["viewer_x", "editor_a"])
def test_readers_other_than_coordinators_see_participants_without_names(data, client_for, role):
    client = client_for(getattr(data, role))
    page = client.get(f"/analytics/records/?{X_2025}&list=registrations").content.decode()
    assert "Кировская область" in page and "Иванова Мария" not in page


def test_another_clusters_editor_sees_nothing_of_cluster_x(data, client_for):
    client = client_for(data.editor_b)
    assert client.get(f"/analytics/?{X_2025}").status_code == 404
    assert client.get(f"/analytics/records/?{X_2025}&list=decisions").status_code == 404
    # their own dashboard opens by default and counts only cluster Y
    page = client.get("/analytics/?period=custom&from=2025-01-01&to=2025-12-31").content.decode()
    assert "Кластер Игрек" in page and "3 участника из" in page


def test_decision_drill_down_lists_the_decisions(data, client_for):
    page = client_for(data.viewer_x).get(f"/analytics/?{X_2025}").content.decode()
    on_time = [u for u in links(page, "decisions") if "on_time=1" in u]
    listing = client_for(data.viewer_x).get(on_time[0]).content.decode()
    assert "Решения, выполненные в срок" in listing and "1 запись" in listing and "выполнено" in listing


def test_bad_period_is_a_russian_message_not_a_500(data, client_for):
    response = client_for(data.coordinator_x).get("/analytics/?scope=cluster&cluster=x&from=2025-05-01&to=2025-01-01")
    assert response.status_code == 422
    assert "Конец периода раньше его начала" in response.content.decode()
    response = client_for(data.coordinator_x).get(f"/analytics/records/?{X_2025}&list=nothing")
    assert response.status_code == 422 and "Неизвестный список" in response.content.decode()


def test_xlsx_exports_are_formula_safe(world, client_for):
    event = add_event(world.cluster_x, starts_on=date(2025, 3, 3))
    Registration.objects.filter(event=event, status="confirmed").update(organization_name='=HYPERLINK("http://x")')
    client = client_for(world.coordinator_x)
    response = client.get(f"/analytics/records/?{X_2025}&list=registrations&export=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert sheet["B1"].value == "Организация" and sheet["B2"].value == '\'=HYPERLINK("http://x")'
    response = client.get(f"/analytics/?{X_2025}&export=xlsx")
    book = load_workbook(io.BytesIO(response.content))
    assert "Участники по регионам" in book.sheetnames
    assert [c.value for c in book["Участники по регионам"][2]] == ["Кировская область", 1, 1]


def test_yearly_report_docx(world, client_for):
    regions = ["43"] * 15
    event = add_event(world.cluster_x, starts_on=date(2025, 4, 4), regions=regions)
    for i, registration in enumerate(Registration.objects.filter(event=event, status="confirmed")):
        registration.organization_name = f"Организация {i % 11}"
        registration.save()
    response = client_for(world.coordinator_x).get("/analytics/report.docx?scope=cluster&cluster=x&year=2025")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    doc = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Отчёт кластера за 2025 год" in text
    assert "В мероприятиях участвовали 15 человек из 11 организаций; представлен 1 субъект Российской Федерации" in text
    assert len(doc.inline_shapes) >= 3  # charts as pictures
    assert (
        client_for(world.coordinator_x).get("/analytics/report.docx?scope=cluster&cluster=x&year=abc").status_code
        == 422
    )


DRILLS = [
    "organizations",
    "partnerships",
    "events",
    "registrations",
    "speakers",
    "decisions",
    "consultations",
    "certificates",
    "placements",
]


SNAPSHOT_HIT_QUERIES = 8  # session, user, roles, clusters of the switcher, the snapshot


@pytest.mark.parametrize("size", [1, 12])
def test_query_counts_do_not_grow_with_rows(world, client_for, django_assert_max_num_queries, size):
    network(world, size)
    client = client_for(world.coordinator_x)
    client.get("/analytics/")  # session and roles warmed
    # the first visit computes the snapshot: one or two queries per figure (certificates
    # included, training's figure adds two) and its storing
    with django_assert_max_num_queries(36):
        assert client.get(f"/analytics/?{X_2025}").status_code == 200
    # then the page and the API's JSON read the snapshot
    with django_assert_max_num_queries(SNAPSHOT_HIT_QUERIES):
        assert client.get(f"/analytics/?{X_2025}").status_code == 200
    with django_assert_max_num_queries(SNAPSHOT_HIT_QUERIES):
        assert client.get(f"/api/analytics/dashboard?{X_2025}").status_code == 200
    with django_assert_max_num_queries(8):  # training's outcomes on their own (the same selector)
        outcomes = client.get("/api/training/outcomes")
    assert outcomes.status_code == 200 and outcomes.json()["placements"] >= size
    for name in DRILLS:
        with django_assert_max_num_queries(8):
            response = client.get(f"/analytics/records/?{X_2025}&list={name}")
        assert response.status_code == 200
        assert "Записей нет" not in response.content.decode(), name


def test_training_panel_drills_down_to_the_placements_and_goes_into_xlsx_and_docx(data, client_for):
    client = client_for(data.coordinator_x)
    page = client.get(f"/analytics/?{X_2025}").content.decode()
    assert "Практика студентов" in page
    base_link, total_link, employed_link = links(page, "training")
    listing = client.get(employed_link).content.decode()
    assert "выпускники, трудоустроенные в кластере" in listing and "Студентова" in listing and "1 запись" in listing
    assert "Организация Б" in client.get(base_link).content.decode()
    # a reader who is not a coordinator sees the bases but not the students' names
    hidden = client_for(data.viewer_x).get(total_link).content.decode()
    assert "Организация Б" in hidden and "Студентова" not in hidden
    book = load_workbook(io.BytesIO(client.get(f"/analytics/?{X_2025}&export=xlsx").content))
    assert [c.value for c in book["Практика студентов"][2]] == ["Организация Б", 1, 4]
    doc = Document(io.BytesIO(client.get("/analytics/report.docx?scope=cluster&cluster=x&year=2025").content))
    assert "Практика студентов" in [p.text for p in doc.paragraphs]
    assert any(
        p.text == "Трудоустроены в кластере: 1 выпускник из 1 с известным местом работы (100 %)."
        for p in doc.paragraphs
    )


def test_dashboard_api_gives_the_pages_figures_with_links_to_the_records(data, client_for):
    client = client_for(data.coordinator_x)
    dash = client.get(f"/api/analytics/dashboard?{X_2025}").json()
    assert dash["scope"] == "Кластер Икс" and dash["starts_on"] == "2025-01-01"
    assert dash["summary"] == "1 участник из 1 организации, 1 субъект Российской Федерации; 1 мероприятие"
    figures = {f["key"]: f for f in dash["figures"]}
    [region] = figures["participants_by_region"]["rows"]
    assert region["label"] == "Кировская область" and region["cells"][0]["value"] == 1
    listing = client.get(region["cells"][0]["records_url"]).content.decode()
    assert "Участники: Кировская область" in listing
    assert figures["training"]["rows"][0]["cells"][0]["value"] == 1
    assert {c["key"]: c["previous"] for c in dash["comparison"]}["events"] == 1
    bad = client.get("/api/analytics/dashboard?scope=cluster&cluster=x&from=2025-05-01&to=2025-01-01")
    assert bad.status_code == 422 and bad.json()["message"] == "Конец периода раньше его начала."
    assert client_for(data.editor_b).get(f"/api/analytics/dashboard?{X_2025}").status_code == 404


def test_a_region_dashboards_participants_by_region_drill_down_stays_in_the_region(world, client_for):
    """The participants' region has its own drill parameter: with ``region`` the cell's filter
    replaced the scope's region, and the list showed another region's events."""
    # cluster X is in region 43; its event's participants come from regions 43 and 77
    add_event(world.cluster_x, starts_on=date(2025, 4, 4), regions=("43", "77"))
    admin = client_for(world.admin)
    page = admin.get("/analytics/?scope=region&region=43&period=custom&from=2025-01-01&to=2025-12-31")
    moscow = next(u for u in links(page.content.decode(), "participants_by_region") if "from_region=77" in u)
    assert "scope=region&region=43" in moscow
    listing = admin.get(moscow).content.decode()
    assert "Участники: Москва" in listing and "1 запись" in listing


def test_a_cells_drill_link_is_the_plainly_encoded_one():
    """``drill_url_maker`` quotes a cell's filter from words kept for the process: its links are
    those ``drill_url`` encodes in full, for awkward values too."""
    import datetime as dt

    from edcluster.analytics.drill import drill_url, drill_url_maker
    from edcluster.analytics.scope import Scope, preset_period

    scope, period = (
        Scope(kind="municipality", region="54", municipality="г. Искитим"),
        preset_period("year", dt.date(2026, 3, 1)),
    )
    make = drill_url_maker(scope, period)
    for drill in (
        {"list": "participants", "region": "54"},
        {"list": "events", "kind": "seminar", "month": "2026-03"},
        {"list": "decisions", "status": "в работе & «срочно»=да/нет?"},
        {"list": "organizations", "municipality": "Новосибирск"},  # overrides the scope's
    ):
        assert make(drill) == drill_url(scope, period, drill)
    assert make(None) is None and make({}) is None
