"""List pages and API list endpoints: the number of queries does not grow with the number of rows.

Rows are added with the synthetic data generator (organisations, people, events and the
registrations of one large event) and every list is read before and after as the administrator.
"""

import pytest

from edcluster.events.models import Event, Registration
from edcluster.search.gendata import generate

LISTS = [
    "/organizations/",
    "/people/",
    "/clusters/{cluster}/events/",
    "/events/{event}/registrations/",
    "/search/?q=детские+сады",
    "/api/organizations",
    "/api/people",
    "/api/clusters",
    "/api/events",
    "/api/events?cluster={cluster}",
    "/api/events/{event}/registrations",
    "/api/search?q=детские+сады",
]


@pytest.fixture
def grown(world):
    """``grow(k)`` adds k organisations, 2k people, k events of every cluster and 5k registrations
    of the large event; returns the URL values."""
    generate(orgs=3, people=3, events=2, registrations=3, large_event_share=1.0)
    event = Event.objects.filter(cluster__slug__startswith="gen-").order_by("-pk").first()

    def grow(k: int) -> dict:
        generate(orgs=k, people=2 * k, registrations=5 * k, large_event_share=1.0, seed=k)
        Event.objects.bulk_create(
            [Event(cluster=event.cluster, kind="seminar", title=f"Семинар {i}", status="published",
                   starts_on=event.starts_on) for i in range(k)]
        )  # fmt: skip
        Registration.objects.exclude(event=event).update(event=event)  # all of them: one large event
        return {"event": event.pk, "cluster": event.cluster.slug}

    return grow


@pytest.mark.parametrize("url", LISTS)
def test_query_count_does_not_grow_with_rows(grown, world, client_for, url, django_assert_max_num_queries):
    client = client_for(world.admin)
    values = grown(2)
    with django_assert_max_num_queries(40) as small:
        assert client.get(url.format(**values)).status_code == 200
    grown(25)
    assert Registration.objects.filter(event_id=values["event"]).count() > 100
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url.format(**values))
        assert response.status_code == 200
