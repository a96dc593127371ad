"""``web.pagination``: a capped list's page is one query over the first rows found, sorted by the
database (``window_rows``); a queryset that query cannot express reads its rows by key, in the
order ``sorted_keys`` gives in Python from one read of the keys and sort columns."""

from __future__ import annotations

from django.urls import reverse

from edcluster.organizations.models import Organization
from edcluster.organizations.selectors import person_list
from edcluster.web.pagination import found_rows, sorted_keys
from tests.factories import OrganizationFactory, PersonFactory


def test_sorted_keys_sorts_as_the_database_does(db):
    names = [("Школа", "Б"), ("Музей", "А"), ("Школа", "В"), ("Ёлочка", "Г"), ("школа", "А"), ("Школа", "В")]
    for short, full in names:
        OrganizationFactory(short_name=short, full_name=full)
    qs = Organization.objects.all()
    for order in (["short_name", "full_name", "pk"], ["short_name", "-full_name", "-pk"], ["-short_name", "pk"]):
        rows = found_rows(qs, order, 100)
        assert sorted_keys(rows, order) == list(qs.order_by(*order).values_list("pk", flat=True)), order
    # only the rows found: the first three, in the database's order
    first = found_rows(qs, ["full_name", "pk"], 3)
    assert len(first) == 3
    assert sorted_keys(first, ["full_name", "pk"]) == list(
        qs.filter(pk__in=[r[0] for r in first]).order_by("full_name", "pk").values_list("pk", flat=True)
    )


def test_the_people_list_beyond_the_cap_shows_the_first_found_by_name(world, client_for, monkeypatch):
    from edcluster.organizations import views

    monkeypatch.setattr(views, "REGISTRY_COUNT_CAP", 5)
    monkeypatch.setattr("django.conf.settings.EDCLUSTER_PAGE_SIZE", 3)
    for n, last in enumerate(["Яковлева", "Борисова", "Антонова", "Воронова", "Гусева", "Аксёнова", "Абрамова"]):
        PersonFactory(last_name=last, first_name="Зоя", middle_name=f"{n}", organization=world.org_a)
    client = client_for(world.admin)
    url = reverse("organizations:person_list")
    page = client.get(url, {"q": "зоя"}).content.decode()
    assert "Найдено: более 5 человек — показаны первые 5 найденных, по алфавиту" in page
    # the first five found (in the database's own order: usually as created, on PostgreSQL where
    # the rows lie in the table), by name, three a page; the other two are not shown
    first = sorted(_first_found_names(person_list(user=world.admin, query="зоя"), "last_name", 5))
    second = client.get(url, {"q": "зоя", "page": 2}).content.decode()
    assert [_shown(page, first), _shown(second, first)] == [first[:3], first[3:]]
    others = {"Яковлева", "Борисова", "Антонова", "Воронова", "Гусева", "Аксёнова", "Абрамова"} - set(first)
    assert not [name for name in others if name in page + second]


def _first_found_names(qs, field, n):
    """The first ``n`` rows ``qs`` finds in the database's own order (no ORDER BY): the same
    search as the page's, as another condition may be read through an index, in its order."""
    return list(qs.order_by().values_list(field, flat=True)[:n])


def _shown(page, names):
    """``names`` in the order the page shows them."""
    return sorted((name for name in names if name in page), key=page.index)


def test_first_found_orders_only_the_first_found(db, monkeypatch):
    from edcluster.web import pagination

    for short in ("Школа Я", "Школа Б", "Школа В", "Школа А"):
        OrganizationFactory(short_name=short)
    qs = Organization.objects.filter(short_name__startswith="Школа").order_by("short_name", "pk")
    assert [o.short_name for o in pagination.first_found(qs, 2)] == ["Школа А", "Школа Б"]
    monkeypatch.setattr(pagination, "FIRST_FOUND", 3)  # one of the four is not read
    first = sorted(_first_found_names(qs, "short_name", 3))
    assert [o.short_name for o in pagination.first_found(qs, 2)] == first[:2]


def test_a_capped_page_of_the_registry_is_one_query(db, django_assert_num_queries):
    """The search runs once: the page's rows, sorted by the database, and the count come together."""
    from edcluster.web.pagination import CappedPaginator

    for short in ("Школа Г", "Школа А", "Школа В", "Школа Б", "Музей"):
        OrganizationFactory(short_name=short)
    qs = Organization.objects.filter(short_name__startswith="Школа").only("id", "short_name", "full_name")
    paginator = CappedPaginator(qs.order_by("short_name", "full_name", "pk"), 2, 100)
    with django_assert_num_queries(1):
        page = paginator.get_page(None)
        assert [o.short_name for o in page] == ["Школа А", "Школа Б"]
        assert (paginator.count, paginator.num_pages, paginator.capped) == (4, 2, False)
    second = CappedPaginator(paginator.object_list, 2, 100).get_page("2")
    assert [o.short_name for o in second] == ["Школа В", "Школа Г"]


def test_a_capped_page_past_the_last_is_the_last_and_nothing_found_is_an_empty_first_page(db):
    from edcluster.web.pagination import CappedPaginator

    for short in ("Школа Б", "Школа А", "Школа В"):
        OrganizationFactory(short_name=short)
    qs = Organization.objects.filter(short_name__startswith="Школа").order_by("short_name", "pk")
    for asked in ("9", "0", "-1", "два", None, 2.0):
        page = CappedPaginator(qs, 2, 100).get_page(asked)
        expected = (1, ["Школа А", "Школа Б"]) if asked in ("два", None) else (2, ["Школа В"])
        assert (page.number, [o.short_name for o in page]) == expected, asked
    empty = CappedPaginator(qs.filter(short_name="Нет такой"), 2, 100)
    page = empty.get_page(1)
    assert (page.number, list(page), empty.count, empty.capped) == (1, [], 0, False)
    # a condition the ORM knows to find nothing, without asking the database
    assert list(CappedPaginator(qs.filter(pk__in=[]), 2, 100).get_page(1)) == []


def test_a_capped_page_beyond_the_cap_sorts_only_the_first_found(db):
    """Three of five found (in the database's own order), sorted; the other two are not read,
    and the count says «more than 3»."""
    from edcluster.web.pagination import CappedPaginator

    for short in ("Школа Д", "Школа Б", "Школа Г", "Школа В", "Школа А"):
        OrganizationFactory(short_name=short)
    qs = Organization.objects.filter(short_name__startswith="Школа").order_by("short_name", "pk")
    first = sorted(_first_found_names(qs, "short_name", 3))
    paginator = CappedPaginator(qs, 2, 3)
    assert [o.short_name for o in paginator.get_page(1)] == first[:2]
    assert [o.short_name for o in paginator.get_page(2)] == first[2:]
    assert (paginator.count, paginator.capped) == (3, True)


def test_a_capped_page_sorts_empty_values_as_postgresql_does_and_reads_joins_by_key(db):
    """Empty (NULL) values last ascending and first descending on either database; a queryset
    with joined columns is read in two queries, its page in the database's order."""
    from edcluster.organizations.models import Membership
    from edcluster.web.pagination import CappedPaginator, window_order_sql
    from tests.factories import ClusterFactory

    cluster = ClusterFactory()
    dates = ["2024-03-01", None, "2023-01-10", "2025-06-30"]
    for day in dates:
        Membership.objects.create(cluster=cluster, organization=OrganizationFactory(), since=day)
    qs = Membership.objects.filter(cluster=cluster)
    ascending = [str(m.since) for m in CappedPaginator(qs.order_by("since", "pk"), 10, 100).get_page(1)]
    assert ascending == ["2023-01-10", "2024-03-01", "2025-06-30", "None"]
    descending = qs.order_by("-since", "pk")
    assert [str(m.since) for m in CappedPaginator(descending, 10, 100).get_page(1)] == [
        "None", "2025-06-30", "2024-03-01", "2023-01-10"
    ]  # fmt: skip
    joined = descending.select_related("organization")
    assert window_order_sql(joined, ["-since", "pk"]) is None
    assert [m.organization.pk for m in CappedPaginator(joined, 10, 100).get_page(1)] == [
        m.organization_id for m in joined
    ]
