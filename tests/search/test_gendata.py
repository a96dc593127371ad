"""``edcluster gen-data``: the numbers asked for, real places, Russian names in the right gender."""

from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count

from edcluster.core import ru
from edcluster.events.models import Event, Registration
from edcluster.organizations.models import Organization, Person
from edcluster.organizations.regions import REGIONS
from edcluster.search import selectors


@pytest.fixture
def generated(db):
    call_command("gen-data", orgs=300, people=200, events=20, registrations=500, stdout=StringIO())


def test_rows_as_asked(generated):
    assert Organization.objects.count() == 300
    assert Person.objects.count() == 200
    assert Event.objects.count() == 20
    assert Registration.objects.count() == 500
    assert Registration.objects.values("code").distinct().count() == 500
    # each person holds a post in a generated organisation
    assert Person.objects.filter(positions__isnull=True).count() == 0


def test_real_regions_and_kinds_in_realistic_shares(generated):
    codes = dict(REGIONS)
    assert all(o.region in codes and o.municipality for o in Organization.objects.all())
    kinds = Counter(Organization.objects.values_list("kind", flat=True))
    assert kinds["kindergarten"] > kinds["college"] and kinds["school"] > kinds["library"]
    assert kinds["kindergarten"] + kinds["school"] > 150  # about three quarters of 300


def test_names_agree_in_gender(generated):
    for person in Person.objects.all():
        gender = ru.guess_gender(person.last_name, person.first_name, person.middle_name)
        assert gender is not None and gender.value == person.gender, person.full_name


def test_generated_records_are_found_by_search(generated):
    found = selectors.global_search(user=None, query="детские сады")
    orgs = next(g for g in found if g.kind == "organizations")
    assert orgs.hits and all("ДОУ" in h.title for h in orgs.hits)


def test_clusters_are_networks_of_one_region_that_fill_up_then_a_new_one_opens(db, monkeypatch):
    from edcluster.organizations.models import Cluster
    from edcluster.search import gendata

    monkeypatch.setattr(gendata, "CLUSTER_ORGS", 3)
    gendata.generate(orgs=200)
    gendata.generate(orgs=100, seed=2)  # a second run fills the clusters the first left open
    clusters = Cluster.objects.filter(slug__startswith="gen-").annotate(n=Count("memberships"))
    assert max(c.n for c in clusters) == 3
    assert all(m.organization.region == m.cluster.region for c in clusters for m in c.memberships.all())
    per_region = Counter(Organization.objects.values_list("region", flat=True))
    for region, orgs in per_region.items():
        in_region = [c for c in clusters if c.region == region]
        assert len(in_region) == -(-orgs // 3), region  # only the latest one is not full
        assert sorted(c.slug for c in in_region) == sorted(f"gen-{region}-{n}" for n in range(1, len(in_region) + 1))
    assert Organization.objects.filter(memberships__isnull=True).count() == 0


def test_negative_numbers_are_refused(db, capsys):
    with pytest.raises(SystemExit):
        call_command("gen-data", orgs=-1)
    assert "неотрицательное" in capsys.readouterr().err
    assert not Organization.objects.exists()
