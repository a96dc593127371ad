"""factory_boy factories. Records are created directly here (test set-up), never in tests'
assertions; behaviour under test always goes through the services."""

from __future__ import annotations

import factory
from django.contrib.auth import get_user_model

from edcluster.core.search import build_search_text
from edcluster.organizations.models import Cluster, Organization, OrganizationKind, Person, Position


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.test")
    password = factory.django.Password("pass-12345")


class ClusterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cluster

    name = factory.Sequence(lambda n: f"Кластер {n}")
    slug = factory.Sequence(lambda n: f"cluster-{n}")
    region = "43"


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    full_name = factory.Sequence(lambda n: f"Средняя школа № {n}")
    short_name = factory.LazyAttribute(lambda o: o.full_name)
    kind = OrganizationKind.SCHOOL
    region = "43"
    municipality = "Киров"
    search_text = factory.LazyAttribute(lambda o: build_search_text(o.full_name, o.short_name, o.municipality))


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person
        skip_postgeneration_save = True

    last_name = factory.Sequence(lambda n: f"Иванова{n}")
    first_name = "Мария"
    middle_name = "Петровна"
    gender = "female"
    email = factory.Sequence(lambda n: f"person{n}@example.test")
    search_text = factory.LazyAttribute(lambda p: build_search_text(p.last_name, p.first_name, p.middle_name))

    @factory.post_generation
    def organization(self, create, extracted, **kwargs):
        if create and extracted is not None:
            Position.objects.create(person=self, organization=extracted, title=kwargs.get("title", "учитель"))
