"""The widgets written in Python (``core.forms.Flat*``) give the same HTML as Django's
template-rendered widgets they replace on the registration form, escaping included (compared as
parsed HTML, as ``assertHTMLEqual`` does: attribute order and whitespace between tags aside)."""

from __future__ import annotations

import pytest
from django import forms
from django.test.html import parse_html

from edcluster.core.forms import FlatCheckboxInput, FlatEmailInput, FlatHiddenInput, FlatSelect, FlatTextInput

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
