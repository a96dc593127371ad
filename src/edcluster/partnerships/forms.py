from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from edcluster.core.forms import BootstrapFormMixin, RemoteSelect, RemoteSelectMultiple, pick_by_typing_beyond
from edcluster.organizations.models import Cluster, Organization, OrganizationKind, Person
from edcluster.organizations.regions import REGIONS
from edcluster.partnerships.models import (
    Amendment,
    Attachment,
    Direction,
    Partnership,
    PartnershipKind,
    PartnershipStatus,
    PartyRole,
)
from edcluster.partnerships.services import PARTNERSHIP_FIELDS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PartnershipFilterForm(BootstrapFormMixin, forms.Form):
    q = forms.CharField(label=_("Поиск"), required=False)
    direction = forms.ModelChoiceField(
        label=_("Направление"), queryset=Direction.objects.all(), required=False, empty_label=_("все направления")
    )
    kind = forms.ChoiceField(label=_("Вид"), required=False, choices=[("", _("все виды")), *PartnershipKind.choices])
    status = forms.ChoiceField(
        label=_("Статус"), required=False, choices=[("", _("все статусы")), *PartnershipStatus.choices]
    )
    organization_kind = forms.ChoiceField(
        label=_("Тип организации"), required=False, choices=[("", _("все типы")), *OrganizationKind.choices]
    )
    municipality = forms.CharField(label=_("Муниципалитет"), required=False)
    expiring_soon = forms.BooleanField(label=_("истекают в ближайшие дни"), required=False)


class PartnerSearchForm(BootstrapFormMixin, forms.Form):
    direction = forms.ModelChoiceField(
        label=_("Направление"), queryset=Direction.objects.all(), required=False, empty_label=_("любое направление")
    )
    municipality = forms.CharField(label=_("Муниципалитет"), required=False)
    organization_kind = forms.ChoiceField(
        label=_("С кем"), required=False, choices=[("", _("с любыми организациями")), *OrganizationKind.choices]
    )


class NetworkFilterForm(BootstrapFormMixin, forms.Form):
    cluster = forms.ModelChoiceField(
        label=_("Кластер"), queryset=Cluster.objects.all(), required=False, to_field_name="slug", empty_label=_("—")
    )
    municipality = forms.CharField(label=_("Муниципалитет"), required=False)
    region = forms.ChoiceField(label=_("Регион"), required=False, choices=[("", _("—")), *REGIONS])
    direction = forms.ModelChoiceField(
        label=_("Направление"), queryset=Direction.objects.all(), required=False, empty_label=_("все направления")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        pick_by_typing_beyond(self.fields["cluster"], "organizations:cluster_autocomplete")  # thousands


class PartnershipForm(BootstrapFormMixin, forms.ModelForm):
    directions = forms.ModelMultipleChoiceField(
        label=_("Направления"), queryset=Direction.objects.filter(is_active=True), required=False
    )

    class Meta:
        model = Partnership
        fields = PARTNERSHIP_FIELDS
        widgets = {
            "signed_on": DATE,
            "valid_from": DATE,
            "valid_until": DATE,
            "description": forms.Textarea(attrs={"rows": 3}),
            "expected_results": forms.Textarea(attrs={"rows": 3}),
            "achieved_results": forms.Textarea(attrs={"rows": 3}),
            "linked_events": forms.Textarea(attrs={"rows": 2}),
        }


ORGANIZATION_PICKER = "organizations:organization_autocomplete"
PERSON_PICKER = "organizations:person_autocomplete"


class PartnershipCreateForm(PartnershipForm):
    own_organization = forms.ModelChoiceField(label=_("Наша организация"), queryset=Organization.objects.none())
    own_role = forms.ChoiceField(label=_("Наша роль"), choices=PartyRole.choices, initial=PartyRole.INITIATOR)
    # every confirmed organisation of the registry: found by typing (core.forms.RemoteSelect)
    partners = forms.ModelMultipleChoiceField(
        label=_("Партнёры"),
        queryset=Organization.objects.filter(is_confirmed=True),
        help_text=_(
            "Начните вводить название. Роли, подписантов и ресурсы сторон можно уточнить на странице партнёрства."
        ),
        widget=RemoteSelectMultiple(ORGANIZATION_PICKER),
    )

    def __init__(self, *args, own_organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        own = own_organizations if own_organizations is not None else Organization.objects.none()
        self.fields["own_organization"].queryset = own
        pick_by_typing_beyond(self.fields["own_organization"], ORGANIZATION_PICKER)  # an administrator's: all


class PartyForm(BootstrapFormMixin, forms.Form):
    organization = forms.ModelChoiceField(
        label=_("Организация"),
        queryset=Organization.objects.filter(is_confirmed=True),
        widget=RemoteSelect(ORGANIZATION_PICKER),
    )
    role = forms.ChoiceField(label=_("Роль"), choices=PartyRole.choices, initial=PartyRole.PARTNER)
    signatory = forms.ModelChoiceField(
        label=_("Подписант"),
        queryset=Person.objects.all(),
        required=False,
        widget=RemoteSelect(PERSON_PICKER, allow_empty=True),
    )
    resources = forms.CharField(label=_("Ресурсы стороны"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class AmendmentForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Amendment
        fields = ["number", "signed_on", "summary"]
        widgets = {"signed_on": DATE, "summary": forms.Textarea(attrs={"rows": 2})}


class AttachmentForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Attachment
        fields = ["kind", "title", "file"]


class RenewForm(BootstrapFormMixin, forms.Form):
    valid_until = forms.DateField(label=_("Новый срок — по"), required=False, widget=DATE)
    indefinite = forms.BooleanField(label=_("бессрочно"), required=False)
    number = forms.CharField(label=_("Номер нового договора"), required=False)


class DirectionForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Direction
        fields = ["name", "order", "is_active"]

    def validate_unique(self):
        """The service decides."""


class ImportForm(BootstrapFormMixin, forms.Form):
    file = forms.FileField(label=_("Файл Excel (.xlsx)"))
