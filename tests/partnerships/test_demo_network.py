import io

import networkx as nx
import pytest
from docx import Document

from edcluster.core.demo_loader import load_demo
from edcluster.organizations.models import Organization
from edcluster.partnerships.models import Partnership, PartnershipStatus


@pytest.fixture
def demo(demo_db, db):
    return demo_db


def test_demo_has_every_partnership_of_the_samples_and_is_idempotent(demo):
    # the training demo adds the college's practice agreements with its two kindergartens on top of these
    from edcluster.training.demo import PARTNERSHIP_TITLES

    titles = set(Partnership.objects.exclude(title__in=PARTNERSHIP_TITLES).values_list("title", flat=True))
    assert "Социально-образовательный проект «Безопасная дорога»" in titles
    assert "Агроклассы от Россельхозбанка" in titles
    assert "Библиотека и школа: есть взаимодействие — будет результат" in titles
    assert "Родители — равноправные и равноответственные партнёры детского сада" in titles
    assert len(titles) == 13
    assert set(Partnership.objects.values_list("status", flat=True)) <= {
        PartnershipStatus.ACTIVE,
        PartnershipStatus.EXPIRING,
    }
    road = Partnership.objects.get(title__contains="Безопасная дорога")
    assert {p.organization.short_name for p in road.parties.all()} == {
        "МАДОУ № 24 «Журавушка»",
        "Hyundai Motor",
        "НОЧУ ДПО «Психолого-педагогический институт воспитания»",
    }
    load_demo()
    assert Partnership.objects.exclude(title__in=PARTNERSHIP_TITLES).count() == 13
    assert Organization.objects.filter(kind="parents").count() == 1


def test_network_json_and_graphml_agree(demo, client):
    json = client.get("/network/graph.json?cluster=podosinovets").json()
    labels = {n["label"] for n in json["nodes"]}
    assert "АО «Россельхозбанк»" in labels
    assert len(json["edges"]) == 4
    graphml = client.get("/network/export.graphml?cluster=podosinovets")
    g = nx.read_graphml(io.BytesIO(graphml.content))
    assert (g.number_of_nodes(), g.number_of_edges()) == (len(json["nodes"]), len(json["edges"]))
    gexf = client.get("/network/export.gexf?cluster=podosinovets")
    g2 = nx.read_gexf(io.BytesIO(gexf.content))
    assert g2.number_of_edges() == 4
    xlsx = client.get("/network/export.xlsx?cluster=podosinovets")
    assert xlsx.status_code == 200


@pytest.mark.parametrize("cluster", ["podosinovets", "iskitim"])
def test_graphml_has_the_counts_the_page_shows(demo, client, cluster):
    import re

    page = client.get(f"/network/?cluster={cluster}").content.decode()
    shown = [int(re.search(rf'data-metric="{m}">(\d+)<', page).group(1)) for m in ("nodes", "edges")]
    g = nx.read_graphml(io.BytesIO(client.get(f"/network/export.graphml?cluster={cluster}").content))
    assert [g.number_of_nodes(), g.number_of_edges()] == shown
    assert shown[1] > 0


def test_network_page_shows_metrics(demo, client):
    page = client.get("/network/?cluster=podosinovets").content.decode()
    # the base school links the network; the education department has no partnership yet
    assert "Кто связывает сеть" in page
    assert "КОГОБУ СШ пгт Подосиновец — 4\u00a0партнёра" in page or "КОГОБУ СШ пгт Подосиновец — 4 партнёра" in page
    assert "Управление образования Подосиновского района" in page.split("Участники без партнёрств")[1]
    assert "Агрообразование" in page


def test_direction_filter_narrows_the_graph(demo, client):
    from edcluster.partnerships.models import Direction

    d = Direction.objects.get(name="Агрообразование")
    json = client.get(f"/network/graph.json?cluster=podosinovets&direction={d.pk}").json()
    assert len(json["edges"]) == 1


def test_organisation_page_groups_partners_by_direction(demo, client):
    org = Organization.objects.get(short_name="МАДОУ № 24 «Журавушка»")
    page = client.get(f"/organizations/{org.pk}/").content.decode()
    assert "Партнёры по направлениям" in page
    robotics = page.split("Робототехника и программирование")[1]
    assert "Школа № 9 г. Искитима" in robotics.split("</ul>")[0]
    # «Прежде всего нашими партнёрами являются родители»: the parents' group comes first
    partners = page.split("Партнёры по направлениям")[1]
    assert partners.index("Родители и семья") < partners.index("Робототехника и программирование")
    assert "Родители воспитанников МАДОУ № 24 «Журавушка»" in partners.split("</ul>")[0]


def test_our_partners_page_and_docx(demo, client):
    org = Organization.objects.get(short_name="МАДОУ № 24 «Журавушка»")
    page = client.get(f"/organizations/{org.pk}/partners/").content.decode()
    assert "Наши партнёры" in page and "Hyundai Motor" in page
    response = client.get(f"/organizations/{org.pk}/partners/?format=docx")
    doc = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Партнёрство МАДОУ № 24 «Журавушка»" in text
    assert "Безопасность дорожного движения" in text
    assert "Hyundai Motor — спонсор: совместный проект «Социально-образовательный проект „Безопасная дорога“»" in text


def test_partner_search_finds_robotics_with_kindergartens_in_iskitim(demo, client):
    from edcluster.partnerships.models import Direction

    d = Direction.objects.get(name="Робототехника и программирование")
    page = client.get(f"/partnerships/search/?direction={d.pk}&municipality=Искитим&organization_kind=kindergarten")
    html = page.content.decode()
    assert "Школа № 9 г. Искитима" in html
    assert "Школа № 11" not in html


def test_list_filters(demo, client):
    html = client.get("/partnerships/?organization_kind=business&municipality=Москва").content.decode()
    assert "Агроклассы от Россельхозбанка" in html
    assert "Безопасная дорога" not in html  # Hyundai has no municipality in the sample
    html = client.get("/partnerships/?kind=joint_project").content.decode()
    assert "Безопасная дорога" in html and "Библиотека и школа" not in html
    xlsx = client.get("/partnerships/?export=xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
