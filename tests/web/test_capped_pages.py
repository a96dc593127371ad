"""``web.pagination``: capped lists read their rows by key, in the list's order, which
``sorted_keys`` orders in Python from the one read of the keys and sort columns."""

from __future__ import annotations

from django.urls import reverse

from edcluster.organizations.models import Organization
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
    # the first five created, by name: Антонова, Борисова, Воронова | Гусева, Яковлева
    assert page.index("Антонова") < page.index("Борисова") < page.index("Воронова")
    assert "Гусева" not in page and "Аксёнова" not in page
    second = client.get(url, {"q": "зоя", "page": 2}).content.decode()
    assert second.index("Гусева") < second.index("Яковлева")
    assert "Абрамова" not in second and "Аксёнова" not in second


def test_first_found_orders_only_the_first_found(db, monkeypatch):
    from edcluster.web import pagination

    for short in ("Школа Я", "Школа Б", "Школа В", "Школа А"):
        OrganizationFactory(short_name=short)
    qs = Organization.objects.filter(short_name__startswith="Школа").order_by("short_name", "pk")
    assert [o.short_name for o in pagination.first_found(qs, 2)] == ["Школа А", "Школа Б"]
    monkeypatch.setattr(pagination, "FIRST_FOUND", 3)  # «Школа А», created last, is not read
    assert [o.short_name for o in pagination.first_found(qs, 2)] == ["Школа Б", "Школа В"]
