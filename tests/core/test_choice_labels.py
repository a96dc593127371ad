"""``get_FOO_display()`` of edcluster's models (``core.models.ChoiceLabelsModel``) answers what
Django's own does, for every choice of every choice field, and for a value not among them."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import models
from django.utils.translation import override

from edcluster.core.models import ChoiceLabelsModel

FIELDS = [
    (model, field)
    for model in apps.get_models()
    if issubclass(model, ChoiceLabelsModel)
    for field in model._meta.concrete_fields
    if field.choices
]


def _django_display(obj: models.Model, field: models.Field):
    return models.Model._get_FIELD_display(obj, field)


def test_the_hot_list_models_have_it():
    names = {m._meta.label for m, _f in FIELDS}
    assert {"organizations.Organization", "events.Event", "events.Registration", "partnerships.Partnership"} <= names
    assert len(FIELDS) > 40


@pytest.mark.parametrize(("model", "field"), FIELDS, ids=[f"{m._meta.label}.{f.name}" for m, f in FIELDS])
def test_every_choice_reads_as_djangos_label(model, field):
    obj = model()
    display = getattr(obj, f"get_{field.name}_display")
    for value, label in field.flatchoices:
        setattr(obj, field.attname, value)
        assert display() == _django_display(obj, field) == str(label)
    setattr(obj, field.attname, "нет-такого")
    assert display() == "нет-такого" == _django_display(obj, field)


def test_labels_follow_the_active_language():
    from edcluster.organizations.models import Organization

    org = Organization(kind="kindergarten")
    assert org.get_kind_display() == "Детский сад"
    with override("en"):
        assert org.get_kind_display() == _django_display(org, Organization._meta.get_field("kind"))
