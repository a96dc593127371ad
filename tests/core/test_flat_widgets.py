"""The widgets written in Python (``core.forms.Flat*``) give the same HTML as Django's
template-rendered widgets they replace on the registration form, escaping included (compared as
parsed HTML, as ``assertHTMLEqual`` does: attribute order and whitespace between tags aside)."""

from __future__ import annotations

import pytest
from django import forms
from django.test.html import parse_html

from edcluster.core.forms import (
    FlatCheckboxInput,
    FlatEmailInput,
    FlatHiddenInput,
    FlatSelect,
    FlatTextInput,
    SharedChoiceField,
)

ATTRS = {"class": "form-control", "maxlength": "100", "required": True, "id": "id_x", "data-x": 'a"b<c'}
CHOICES = [("", "—"), ("online", "Онлайн"), ("o&n", "«Очно» <b>")]


@pytest.mark.parametrize(
    ("django_widget", "flat_widget", "value"),
    [
        (forms.TextInput(attrs=ATTRS), FlatTextInput(attrs=ATTRS), 'Щербакова "<script>"&'),
        (forms.TextInput(attrs=ATTRS), FlatTextInput(attrs=ATTRS), None),
        (forms.TextInput(), FlatTextInput(), ""),
        (forms.EmailInput(attrs=ATTRS), FlatEmailInput(attrs=ATTRS), "a@b.ru"),
        (forms.HiddenInput(), FlatHiddenInput(), 3),
        (
            forms.CheckboxInput(attrs={"class": "form-check-input"}),
            FlatCheckboxInput(attrs={"class": "form-check-input"}),
            True,
        ),
        (forms.CheckboxInput(), FlatCheckboxInput(), False),
        (forms.CheckboxInput(), FlatCheckboxInput(), "on"),
        (forms.Select(attrs=ATTRS, choices=CHOICES), FlatSelect(attrs=ATTRS, choices=CHOICES), "o&n"),
        (forms.Select(choices=CHOICES), FlatSelect(choices=CHOICES), None),
    ],
)
def test_flat_widget_renders_what_django_renders(django_widget, flat_widget, value):
    expected = django_widget.render("field", value, attrs={"id": "id_field"})
    flat = flat_widget.render("field", value, attrs={"id": "id_field"})
    assert parse_html(flat) == parse_html(expected), (flat, expected)


def test_flat_select_memo_keeps_each_render_right():
    """Unselected options come from a per-process memo: a second render, with another choice
    selected, still gives exactly Django's HTML."""
    for value in ("o&n", "online", "o&n", None):
        expected = forms.Select(choices=CHOICES).render("field", value)
        assert parse_html(FlatSelect(choices=CHOICES).render("field", value)) == parse_html(expected), value


def test_shared_choices_are_not_copied_and_a_form_replacing_them_keeps_its_own():
    class PickForm(forms.Form):
        mode = SharedChoiceField(choices=CHOICES, widget=FlatSelect)

    first, second = PickForm(), PickForm()
    assert first.fields["mode"].choices is second.fields["mode"].choices  # shared, not deep-copied
    first.fields["mode"].choices = [("online", "Онлайн")]  # as the registration form does per event
    assert [v for v, _label in second.fields["mode"].choices] == ["", "online", "o&n"]
    assert "o&amp;n" in str(second["mode"]) and "o&amp;n" not in str(first["mode"])
    bound = PickForm({"mode": "o&n"})
    assert bound.is_valid() and bound.cleaned_data["mode"] == "o&n"
    assert not PickForm({"mode": "nope"}).is_valid()
