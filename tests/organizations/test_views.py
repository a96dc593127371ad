import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from edcluster.organizations.models import Organization
from tests.factories import OrganizationFactory


def test_list_is_public_and_filters(world, client):
    OrganizationFactory(
        full_name="Детский сад «Ромашка»",
        kind="kindergarten",
        kindergarten_orientation="combined",
        municipality="Город А",
    )
    response = client.get(reverse("organizations:organization_list"), {"kind": "kindergarten"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Детский сад «Ромашка»" in body
    assert "<td>Детский сад, комбинированного вида</td>" in body
    assert "Организация А" not in body
    assert "Найдено: 1 организация" in body


def test_a_search_matching_more_than_the_cap_says_more_than_and_pages_on(world, client, monkeypatch):
    from edcluster.organizations import views

    monkeypatch.setattr(views, "REGISTRY_COUNT_CAP", 10)
    monkeypatch.setattr("django.conf.settings.EDCLUSTER_PAGE_SIZE", 4)
    for n in range(12):
        OrganizationFactory(full_name=f"Школа-интернат {n:02d}", short_name=f"Интернат {n:02d}", kind="school")
    url = reverse("organizations:organization_list")
    page = client.get(url, {"q": "интернат"}).content.decode()
    assert (
        "Найдено: более 10 организаций — показаны первые 10 найденных, по алфавиту; "
        "уточните запрос, чтобы увидеть все" in page
    )
    # the pages hold the first 10 found, in the database's own order (on PostgreSQL where the rows
    # lie in the table, which need not be the order of creation), by name, 4 a page; the other
    # two are not read, and there are three pages, not four
    from edcluster.organizations.selectors import organization_list

    found = organization_list(user=None, query="интернат").order_by()
    first = sorted(found.values_list("short_name", flat=True)[:10])
    pages = [
        re.findall(r"Интернат \d\d", client.get(url, {"q": "интернат", "page": n}).content.decode()) for n in (1, 2, 3)
    ]
    assert pages == [first[:4], first[4:8], first[8:]]
    last = client.get(url, {"q": "интернат", "page": 3}).content.decode()
    assert "page=4" not in last
    assert re.findall(r"Интернат \d\d", client.get(url, {"q": "интернат", "page": 4}).content.decode()) == first[8:]
    # under the cap the exact number, in the right form
    page = client.get(url, {"q": "интернат 03"}).content.decode()
    assert "Найдено: 1 организация" in page


def test_a_registry_row_links_each_of_its_clusters_by_name(world, client):
    from edcluster.organizations.models import Membership

    world.cluster_y.short_name = "Игрек"
    world.cluster_y.save()
    Membership.objects.create(cluster=world.cluster_y, organization=world.org_a)
    page = client.get(reverse("organizations:organization_list")).content.decode()
    row = re.search(r"<tr>\s*<td><a [^>]*>Организация А</a>.*?</tr>", page, re.S).group(0)
    # both clusters, by name (the short one where there is one), each a link to its page
    assert re.findall(r'<a href="([^"]+)">([^<]+)</a>', row)[1:] == [
        ("/clusters/y/", "Игрек"),
        ("/clusters/x/", "Кластер Икс"),
    ]
    row_b = re.search(r"<tr>\s*<td><a [^>]*>Организация Б</a>.*?</tr>", page, re.S).group(0)
    assert re.findall(r'<a href="([^"]+)">([^<]+)</a>', row_b)[1:] == [("/clusters/y/", "Игрек")]


def test_a_registry_row_escapes_its_values_and_marks_an_unconfirmed_organisation(world, client_for):
    client = client_for(world.admin)
    org = OrganizationFactory(
        full_name="Школа <b>«Мир» & Co</b>", short_name="", municipality="Село <i>", kind="school", is_confirmed=False
    )
    page = client.get(reverse("organizations:organization_list"), {"kind": "school"}).content.decode()
    row = re.search(rf'<tr><td><a href="/organizations/{org.pk}/">.*?</tr>', page, re.S).group(0)
    assert row == (
        f'<tr><td><a href="/organizations/{org.pk}/">Школа &lt;b&gt;«Мир» &amp; Co&lt;/b&gt;</a>'
        ' <span class="badge text-bg-warning">ждёт подтверждения</span></td><td>Школа</td>'
        "<td>Село &lt;i&gt;</td><td></td></tr>"
    )
    assert "<b>" not in page and "Ничего не найдено" not in page
    nothing = client.get(reverse("organizations:organization_list"), {"q": "несуществующее"}).content.decode()
    assert "Ничего не найдено. Измените условия поиска." in nothing and "Найдено: 0 организаций" in nothing


def test_the_cluster_filter_lists_the_clusters_members(world, client):
    page = client.get(reverse("organizations:organization_list"), {"cluster": "x"}).content.decode()
    assert page.count('">Организация А</a>') == 1 and "Найдено: 1 организация" in page
    assert "Организация Б" not in page


def test_list_query_count_does_not_grow_with_rows(world, client, django_assert_max_num_queries):
    url = reverse("organizations:organization_list")
    with django_assert_max_num_queries(8) as small:
        client.get(url)
    for n in range(30):
        OrganizationFactory(full_name=f"Школа {n}")
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url)


def test_people_list_query_count_does_not_grow(world, client_for, django_assert_max_num_queries):
    from tests.factories import PersonFactory

    c = client_for(world.coordinator_x)
    url = reverse("organizations:person_list")
    with django_assert_max_num_queries(12) as small:
        c.get(url)
    for _ in range(20):
        PersonFactory(organization=world.org_a)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert c.get(url).status_code == 200


def test_export_is_xlsx_with_the_filtered_rows(world, client):
    Organization.objects.filter(pk=world.org_a.pk).update(full_name='=HYPERLINK("http://evil")')
    response = client.get(reverse("organizations:organization_list"), {"export": "xlsx", "cluster": "x"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0] == "Полное наименование"
    assert len(rows) == 2
    assert rows[1][0] == '\'=HYPERLINK("http://evil")'


def test_detail_shows_people_only_to_those_who_may(world, client_for):
    url = reverse("organizations:organization_detail", args=[world.org_a.pk])
    assert world.person_a.email not in client_for(None).get(url).content.decode()
    assert world.person_a.email not in client_for(world.editor_b).get(url).content.decode()
    assert world.person_a.email in client_for(world.viewer_x).get(url).content.decode()
    assert "История изменений" in client_for(world.editor_a).get(url).content.decode()
    assert "История изменений" not in client_for(world.viewer_x).get(url).content.decode()


def test_create_form_shows_russian_errors_and_writes_nothing(world, client_for):
    c = client_for(world.coordinator_x)
    response = c.post(
        reverse("organizations:organization_create"),
        {"full_name": "Новая школа", "kind": "school", "inn": "1234567890", "cluster": world.cluster_x.pk},
    )
    assert response.status_code == 200
    assert "не проходит проверку контрольной суммы" in response.content.decode()
    assert not Organization.objects.filter(full_name="Новая школа").exists()


def test_create_then_edit_records_history(world, client_for):
    c = client_for(world.coordinator_x)
    response = c.post(
        reverse("organizations:organization_create"),
        {"full_name": "Новая школа", "kind": "school", "municipality": "Киров", "cluster": world.cluster_x.pk},
    )
    org = Organization.objects.get(full_name="Новая школа")
    assert response.status_code == 302 and response.url == org.get_absolute_url()
    c.post(
        reverse("organizations:organization_edit", args=[org.pk]),
        {"full_name": "Новая школа", "kind": "school", "municipality": "Слободской"},
    )
    page = c.get(org.get_absolute_url()).content.decode()
    assert "Киров → Слободской" in page
    assert "муниципалитет" in page


def test_editor_of_b_gets_403_for_edit_form_and_post_of_a(world, client_for):
    c = client_for(world.editor_b)
    url = reverse("organizations:organization_edit", args=[world.org_a.pk])
    assert c.get(url).status_code == 403
    response = c.post(url, {"full_name": "Захвачено", "kind": "school"})
    assert response.status_code == 403
    assert "Недостаточно прав" in response.content.decode()
    world.org_a.refresh_from_db()
    assert world.org_a.full_name == "Школа А"


def test_unknown_organization_is_404_in_russian(db, client):
    response = client.get("/organizations/999999/")
    assert response.status_code == 404
    assert "Запись не найдена" in response.content.decode()


def test_anonymous_is_sent_to_login_for_people(db, client):
    response = client.get(reverse("organizations:person_list"))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_person_create_from_organization_page(world, client_for):
    c = client_for(world.editor_a)
    response = c.post(
        reverse("organizations:person_create", args=[world.org_a.pk]),
        {
            "last_name": "Мохина",
            "first_name": "Елена",
            "middle_name": "Дмитриевна",
            "gender": "",
            "email": "mokhina@example.test",
            "phone": "",
            "position_title": "заместитель директора по ВР",
        },
    )
    assert response.status_code == 302
    page = c.get(response.url).content.decode()
    assert "Мохина Елена Дмитриевна" in page and "женский" in page


@pytest.mark.parametrize("url_name", ["organizations:organization_create", "organizations:registry_import"])
def test_editor_cannot_open_coordinator_pages(world, client_for, url_name):
    assert client_for(world.editor_a).get(reverse(url_name)).status_code == 403


def test_autocomplete_finds_by_word_forms(world, client):
    OrganizationFactory(full_name="Детский сад «Журавушка»", kind="kindergarten")
    data = client.get(reverse("organizations:organization_autocomplete"), {"q": "журавушки"}).json()
    assert [r["text"] for r in data["results"]] == ["Детский сад «Журавушка»"]
