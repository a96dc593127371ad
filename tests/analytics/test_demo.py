"""Acceptance: the demo dashboard shows the internship's participants by region and the
council's decisions by status, and both drill down to the records."""

import re
from html import unescape

from edcluster.core.demo_loader import load_demo
from edcluster.core.models import User
from edcluster.events.models import Event, Registration


def table_links(html: str, figure: str) -> dict[str, list[str]]:
    table = re.search(rf'data-figure="{figure}".*?</table>', html, re.S).group(0)
    out = {}
    for row in re.findall(r"<tr><td>(.*?)</td>(.*?)</tr>", table, re.S):
        out[unescape(row[0])] = [unescape(u) for u in re.findall(r'href="([^"]+)"', row[1])]
    return out


def test_demo_dashboards_drill_down_to_internship_participants_and_council_decisions(demo_db, db, client):
    load_demo()  # idempotent: still fifty participants
    internship = Event.objects.get(starts_on="2023-04-10")
    assert internship.registrations.filter(status="confirmed").count() == 50
    assert internship.status == "held"
    client.force_login(User.objects.get(username="admin"))

    page = client.get("/analytics/?scope=cluster&cluster=kaliningrad&period=all").content.decode()
    assert "50 участников из 36 организаций, 36 субъектов Российской Федерации; 1 мероприятие" in page
    regions = table_links(page, "participants_by_region")
    assert len(regions) == 36 and "Калининградская область" in regions
    listing = client.get(regions["Калининградская область"][0]).content.decode()
    assert "Участники: Калининградская область" in listing
    assert (
        listing.count("Участник стажировки №")
        == Registration.objects.filter(event=internship, region="39").count()
        == 2
    )

    page = client.get("/analytics/?scope=cluster&cluster=podosinovets&period=all").content.decode()
    statuses = table_links(page, "decisions")
    assert "запланировано" in statuses or "просрочено" in statuses
    status, [url] = next((label, urls) for label, urls in statuses.items() if label != "из них выполнено в срок")
    listing = client.get(url).content.decode()
    assert f"Решения: {status}" in listing
    assert "Методического поезда" in listing or "Педагогам активизировать работу" in listing


def test_coordinator_opens_their_cluster_by_default_without_people_of_other_clusters(demo_db, db, client):
    client.force_login(User.objects.get(username="coordinator"))
    page = client.get("/analytics/?period=all").content.decode()
    assert "Подосиновский" in page
    assert client.get("/analytics/?scope=cluster&cluster=kaliningrad&period=all").status_code == 404
