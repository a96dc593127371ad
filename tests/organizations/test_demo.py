from django.contrib.auth import get_user_model

from edcluster.core.demo_loader import load_demo
from edcluster.organizations.models import Cluster, Membership, Organization, Person, Position, RoleAssignment

MODELS = [Cluster, Organization, Membership, Person, Position, RoleAssignment, get_user_model()]


def test_demo_twice_leaves_same_counts(demo_db, db):
    first = {m.__name__: m.objects.count() for m in MODELS}
    load_demo()
    assert {m.__name__: m.objects.count() for m in MODELS} == first


def test_demo_has_the_samples_facts(demo_db, db):
    podos = Cluster.objects.get(name="Подосиновский образовательный кластер")
    assert podos.base_organization.short_name == "КОГОБУ СШ пгт Подосиновец"
    speakers = {
        (p.person.short_name, p.title, p.organization.short_name)
        for p in Position.objects.filter(organization__memberships__cluster=podos).select_related(
            "person", "organization"
        )
    }
    assert ("Пономарева\u00a0О.А.", "управляющий ДО №3349/2229", "АО «Россельхозбанк»") in speakers
    assert ("Гмызина\u00a0Т.Н.", "специалист", "МКУК ЦНК «Подосиновский Дом ремесел»") in speakers
    assert len(speakers) == 8
    start = Cluster.objects.get(name="Педагогический центр СТАРТ")
    assert start.base_organization.short_name == "ГАПОУ «Волгоградский социально-педагогический колледж»"
    zh = Organization.objects.get(short_name="МАДОУ № 24 «Журавушка»")
    assert zh.kind == "kindergarten" and zh.municipality == "Искитим"
    partners = Membership.objects.filter(cluster__base_organization=zh).exclude(organization=zh)
    assert partners.count() == 11
