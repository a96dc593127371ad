from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from edcluster.core.forms import BootstrapFormMixin, RemoteSelectMultiple, pick_by_typing_beyond
from edcluster.meetings.models import Decision
from edcluster.organizations.models import Organization, OrganizationKind, Person
from edcluster.partnerships.models import Direction
from edcluster.practices.models import Adoption, Audience, Material, Practice, PracticeStatus, WorkForm
from edcluster.practices.services import ADOPTION_FIELDS, PRACTICE_FIELDS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT = forms.Textarea(attrs={"rows": 3})
LONG_TEXT_FIELDS = (
    "goal",
    "content",
    "stages",
    "resources",
    "transfer_conditions",
    "results",
    "evidence",
    "indicators",
)


class PracticeFilterForm(BootstrapFormMixin, forms.Form):
    q = forms.CharField(label=_("Поиск"), required=False)
    direction = forms.ModelChoiceField(
        label=_("Направление"), queryset=Direction.objects.all(), required=False, empty_label=_("все направления")
    )
    audience = forms.ChoiceField(
        label=_("Аудитория"), required=False, choices=[("", _("любая аудитория")), *Audience.choices]
    )
    work_form = forms.ChoiceField(
        label=_("Форма работы"), required=False, choices=[("", _("все формы")), *WorkForm.choices]
    )
    organization_kind = forms.ChoiceField(
        label=_("Тип организации"), required=False, choices=[("", _("все типы")), *OrganizationKind.choices]
    )
    municipality = forms.CharField(label=_("Муниципалитет"), required=False)
    status = forms.ChoiceField(
        label=_("Статус"), required=False, choices=[("", _("все статусы")), *PracticeStatus.choices]
    )


class PracticeForm(BootstrapFormMixin, forms.ModelForm):
    audience_codes = forms.MultipleChoiceField(
        label=_("Аудитория"), choices=Audience.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    # a select of every organisation or person of the registry does not render at national scale:
    # the authors are found by typing, the organisations beyond an editor's few (core.forms)
    organizations = forms.ModelMultipleChoiceField(label=_("Организации-авторы"), queryset=Organization.objects.all())
    authors = forms.ModelMultipleChoiceField(
        label=_("Авторы"),
        queryset=Person.objects.all(),
        required=False,
        widget=RemoteSelectMultiple("organizations:person_autocomplete"),
    )

    class Meta:
        model = Practice
        fields = [f for f in PRACTICE_FIELDS if f != "audience"]
        widgets = dict.fromkeys(LONG_TEXT_FIELDS, TEXT)

    def __init__(self, *args, organizations=None, decisions=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organizations is not None:
            self.fields["organizations"].queryset = organizations
        pick_by_typing_beyond(self.fields["organizations"], "organizations:organization_autocomplete")
        pick_by_typing_beyond(self.fields["cluster"], "organizations:cluster_autocomplete_by_id")
        # The council's recommendation is the coordinators' to set (``decisions`` is None for others).
        if decisions is None:
            for name in ("recommendation", "recommended_by"):
                self.fields[name].disabled = True
                self.fields[name].help_text = _("заполняет координатор кластера по решению совета")
            # Only the practice's own decision is shown, never the other decisions of the councils.
            self.fields["recommended_by"].queryset = Decision.objects.filter(
                pk=self.instance.recommended_by_id
            ).select_related("item")
        else:
            self.fields["recommended_by"].queryset = decisions
        self.fields["direction"].queryset = Direction.objects.filter(is_active=True)
        self.fields["audience_codes"].widget.attrs["class"] = "form-check-input"
        self.order_fields(["title", "cluster", "organizations", "authors", "direction", "audience_codes"])
        if self.instance.pk:
            self.initial.setdefault("audience_codes", self.instance.audience_list)
            self.initial.setdefault("organizations", list(self.instance.organizations.all()))
            self.initial.setdefault("authors", list(self.instance.authors.all()))


class MaterialForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Material
        fields = ["title", "kind", "file", "video_url", "author_name", "sharing", "version"]
        labels = {"author_name": _("Автор (ФИО)"), "sharing": _("Кому доступен")}


class EventMaterialForm(MaterialForm):
    """A material of an event; a speaker attaches it to their report, which is required for those
    who are not the event's organisers."""

    class Meta(MaterialForm.Meta):
        fields = ["programme_item", *MaterialForm.Meta.fields]
        labels = {**MaterialForm.Meta.labels, "programme_item": _("Доклад")}

    def __init__(self, *args, items=(), item_required: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["programme_item"]
        field.queryset = field.queryset.model.objects.filter(pk__in=[i.pk for i in items]).prefetch_related("speakers")
        field.required = item_required
        field.label_from_instance = lambda item: "; ".join([item.title, *[s.name for s in item.speakers.all()]])  # type: ignore[method-assign]
        field.empty_label = _("материал мероприятия в целом")


class AdoptionForm(BootstrapFormMixin, forms.ModelForm):
    organization = forms.ModelChoiceField(label=_("Организация"), queryset=Organization.objects.none())

    class Meta:
        model = Adoption
        fields = ADOPTION_FIELDS
        widgets = {"adopted_on": DATE, "adaptation": TEXT, "own_results": TEXT}

    def __init__(self, *args, organizations=None, indicators=(), values=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organizations is None:
            del self.fields["organization"]
        else:
            self.fields["organization"].queryset = organizations
        self.indicator_names = list(indicators)
        values = values or {}
        for i, name in enumerate(self.indicator_names):
            before, after = values.get(name, (None, None))
            self.fields[f"ind_{i}_before"] = forms.DecimalField(
                label=_("«%(name)s» — до") % {"name": name},
                required=False,
                initial=before,
                max_digits=12,
                decimal_places=2,
            )
            self.fields[f"ind_{i}_after"] = forms.DecimalField(
                label=_("«%(name)s» — после") % {"name": name},
                required=False,
                initial=after,
                max_digits=12,
                decimal_places=2,
            )
            for key in (f"ind_{i}_before", f"ind_{i}_after"):
                self.fields[key].widget.attrs["class"] = "form-control"

    def indicator_rows(self) -> list[dict]:
        rows = []
        for i, name in enumerate(self.indicator_names):
            before, after = self.cleaned_data.get(f"ind_{i}_before"), self.cleaned_data.get(f"ind_{i}_after")
            if before is None and after is None:
                continue
            rows.append({"name": name, "before": before, "after": after})
        return rows
