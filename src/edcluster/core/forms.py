"""Form helpers shared by every app's pages."""

from __future__ import annotations

from django import forms
from django.forms.utils import flatatt
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from edcluster.core.errors import DomainError, ValidationError


def form_errors_from(form: forms.Form, exc: DomainError) -> None:
    """Show a service's error on the form: field errors on their fields, the rest on top."""
    if isinstance(exc, ValidationError) and exc.errors:
        for field, messages in exc.errors.items():
            target = field if field in form.fields else None
            for message in messages:
                form.add_error(target, message)
    else:
        form.add_error(None, exc.message)


def form_errors_text(form: forms.Form) -> str:
    """All of a form's error messages in one line, for a page that shows them as a flash message
    (small forms posted from a detail page rather than rendered on their own)."""
    return "; ".join(message for errors in form.errors.values() for message in errors)


def remote_picker_attrs(url_name: str) -> dict[str, str]:
    """What makes a select a picker that finds its options as the user types (``web/app.js``,
    tom-select; the view at ``url_name`` answers ``{"results": [{"id", "text"}]}``). Its empty
    option («все …») stays choosable."""
    return {"data-autocomplete-url": reverse(url_name), "data-allow-empty": "1"}


def _chosen_choices(choices, value: list[str], *, multiple: bool) -> list[tuple]:
    """The options of ``choices`` a picker renders: the empty one (a single select) and the chosen
    ones. For a model field one query by key; plain choices are filtered as they are."""
    keys = [v for v in value if v not in ("", None)]
    field = getattr(choices, "field", None)  # a ModelChoiceIterator
    if field is None:
        return [(k, label) for k, label in choices if k in ("", None) or str(k) in keys]
    out: list[tuple] = [] if multiple or field.empty_label is None else [("", field.empty_label)]
    key = field.to_field_name or "pk"
    wanted = keys if key != "pk" else [k for k in keys if str(k).isdigit()]
    if wanted:
        chosen = field.queryset.filter(**{f"{key}__in": wanted})
        out += [(field.prepare_value(obj), field.label_from_instance(obj)) for obj in chosen]
    return out


class RemoteSelect(forms.Select):
    """A select whose options are found as the user types (``web/app.js``, tom-select; the view at
    ``url_name`` answers ``{"results": [{"id", "text"}]}``): only the chosen options are written,
    however many the field accepts. A select of every organisation took 20 s to render at
    100,000 organisations, one of every person would take minutes. The field still checks the
    posted key against its whole queryset."""

    def __init__(self, url_name: str, attrs: dict | None = None, *, allow_empty: bool = False) -> None:
        super().__init__(attrs)
        self.url_name = url_name
        self.allow_empty = allow_empty

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs)
        attrs["data-autocomplete-url"] = reverse(self.url_name)
        if self.allow_empty:
            attrs["data-allow-empty"] = "1"
        return attrs

    def optgroups(self, name, value, attrs=None):
        everything = self.choices
        self.choices = _chosen_choices(everything, value, multiple=self.allow_multiple_selected)
        try:
            return super().optgroups(name, value, attrs)
        finally:
            self.choices = everything


class RemoteSelectMultiple(RemoteSelect):
    allow_multiple_selected = True

    value_from_datadict = forms.SelectMultiple.value_from_datadict
    value_omitted_from_data = forms.SelectMultiple.value_omitted_from_data


PLAIN_SELECT_MAX = 50


def pick_by_typing_beyond(field: forms.ModelChoiceField, url_name: str) -> None:
    """Keep ``field`` a plain select while its queryset holds at most ``PLAIN_SELECT_MAX`` records
    (an editor's own organisations); beyond, a picker that finds them as the user types."""
    if field.queryset[: PLAIN_SELECT_MAX + 1].count() <= PLAIN_SELECT_MAX:
        return
    multiple = isinstance(field, forms.ModelMultipleChoiceField)
    widget = RemoteSelectMultiple if multiple else RemoteSelect
    field.widget = widget(url_name, attrs=field.widget.attrs, allow_empty=not multiple and not field.required)
    field.widget.choices = field.choices


class FlatSelect(forms.Select):
    """A select written in Python instead of one template per option: the region list (89
    options) with Django's widget costs 90 template renders per page (about ten times slower).
    Same HTML; plain choices only (no optgroups, no option attributes). An unselected option's
    HTML depends only on its value and label, so it is built once per process and reused."""

    def render(self, name, value, attrs=None, renderer=None):
        values = self.format_value(value)
        final_attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            final_attrs["multiple"] = True
        parts = []
        has_selected = False
        for option_value, option_label in self.choices:
            option_value = "" if option_value is None else option_value
            selected = (not has_selected or self.allow_multiple_selected) and str(option_value) in values
            has_selected |= selected
            if selected:
                parts.append(format_html('<option value="{}" selected>{}</option>', option_value, option_label))
            else:
                parts.append(_unselected_option(option_value, option_label))
        return format_html(
            '<select name="{}"{}>{}</select>',
            name,
            flatatt(final_attrs),
            mark_safe("".join(parts)),  # noqa: S308
        )


_OPTIONS: dict[tuple[str, str], str] = {}


def _unselected_option(value, label) -> str:
    """``<option value="…">…</option>``, escaped, memoised by (value, label) (both as text)."""
    key = (str(value), str(label))
    html = _OPTIONS.get(key)
    if html is None:
        if len(_OPTIONS) > 20_000:  # choices built from data (site visits): keep the memo bounded
            _OPTIONS.clear()
        html = _OPTIONS[key] = format_html('<option value="{}">{}</option>', value, label)
    return html


class SharedChoiceField(forms.ChoiceField):
    """A ``ChoiceField`` whose choices are shared by the form instances instead of deep-copied into
    each (Django copies every choice of every field for every form: 89 regions on each request of
    the public registration form). The choices are never changed in place; a form that needs other
    choices assigns a new list (``form.fields["mode"].choices = …``), which stays its own."""

    def __deepcopy__(self, memo):
        result = forms.Field.__deepcopy__(self, memo)
        result._choices = self._choices
        return result


class FlatInput:
    """An ``<input>`` written in Python, with the same HTML as Django's ``input.html`` +
    ``attrs.html`` (two template renders per field). For the public forms that take bursts (the
    event registration): mixed into the widget classes below."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]  # type: ignore[attr-defined]
        shown = format_html(' value="{}"', widget["value"]) if widget["value"] is not None else ""
        return format_html(
            '<input type="{}" name="{}"{}{}>', widget["type"], widget["name"], shown, flatatt(widget["attrs"])
        )


class FlatTextInput(FlatInput, forms.TextInput):
    pass


class FlatEmailInput(FlatInput, forms.EmailInput):
    pass


class FlatHiddenInput(FlatInput, forms.HiddenInput):
    pass


class FlatCheckboxInput(FlatInput, forms.CheckboxInput):
    pass


class BootstrapFormMixin:
    """Bootstrap classes on widgets, so templates render fields with ``{{ field }}`` alone."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select | forms.SelectMultiple):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
