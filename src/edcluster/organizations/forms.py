from __future__ import annotations

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from edcluster.core.forms import BootstrapFormMixin, FlatSelect, pick_by_typing_beyond, remote_picker_attrs
from edcluster.organizations.models import Cluster, Membership, Organization, OrganizationKind, Person
from edcluster.organizations.regions import REGIONS
from edcluster.organizations.services import CLUSTER_FIELDS, ORGANIZATION_FIELDS, PERSON_FIELDS


def cluster_field(clusters: QuerySet[Cluster], help_text: str) -> forms.ModelChoiceField:
    """An optional cluster field among ``clusters`` (those the user may fill): a plain select up to
    ``PLAIN_SELECT_MAX`` clusters, beyond a picker of the clusters the user coordinates."""
    field = forms.ModelChoiceField(label=_("Кластер"), queryset=clusters, required=False, help_text=help_text)
    pick_by_typing_beyond(field, "organizations:cluster_autocomplete_to_fill")
    return field


class OrganizationFilterForm(BootstrapFormMixin, forms.Form):
    q = forms.CharField(
        label=_("Поиск"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("название, город, тип: «детские сады Искитима»")}),
    )
    # the choices come from ``selectors.cluster_picker``: every cluster, or (at national scale)
    # the user's own and the chosen one, the rest found by typing
    cluster = forms.ChoiceField(label=_("Кластер"), required=False, widget=FlatSelect)
    # the list's selects written in Python (core.forms.FlatSelect): 89 regions and every
    # municipality of the registry (about 200 at national scale) on each page of the list
    kind = forms.ChoiceField(
        label=_("Тип"), required=False, choices=[("", _("все типы")), *OrganizationKind.choices], widget=FlatSelect
    )
    region = forms.ChoiceField(
        label=_("Регион"), required=False, choices=[("", _("все регионы")), *REGIONS], widget=FlatSelect
    )
    municipality = forms.ChoiceField(label=_("Муниципалитет"), required=False, widget=FlatSelect)

    def __init__(self, *args, clusters=(), clusters_remote=False, municipalities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cluster"].choices = [("", _("все кластеры")), *clusters]
        if clusters_remote:
            self.fields["cluster"].widget.attrs.update(remote_picker_attrs("organizations:cluster_autocomplete"))
        self.fields["municipality"].choices = [("", _("все муниципалитеты")), *((m, m) for m in municipalities)]


class OrganizationForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Organization
        fields = ORGANIZATION_FIELDS
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "legal_form": forms.TextInput(attrs={"list": "legal-forms"}),
        }

    def __init__(self, *args, clusters=None, **kwargs):
        super().__init__(*args, **kwargs)
        # A parents' community is made from its organisation's page and stays one.
        if self.instance.pk and self.instance.kind == OrganizationKind.PARENTS:
            self.fields["kind"].disabled = True
        else:
            self.fields["kind"].choices = [c for c in self.fields["kind"].choices if c[0] != OrganizationKind.PARENTS]
        if clusters is not None:
            self.fields["cluster"] = cluster_field(clusters, _("Организация войдёт в кластер участником."))

    def validate_unique(self):
        """Uniqueness is the service's decision (with its Russian message), not the form's."""


class ClusterForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Cluster
        fields = CLUSTER_FIELDS
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def validate_unique(self):
        pass


class MembershipForm(BootstrapFormMixin, forms.Form):
    organization = forms.ModelChoiceField(
        label=_("Организация"), queryset=Organization.objects.filter(is_confirmed=True)
    )
    role = forms.ChoiceField(label=_("Роль"), choices=Membership.Role.choices, initial=Membership.Role.MEMBER)
    since = forms.DateField(label=_("С"), required=False, widget=forms.DateInput(attrs={"type": "date"}))


class PersonForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Person
        fields = PERSON_FIELDS

    def validate_unique(self):
        pass


class PersonCreateForm(PersonForm):
    position_title = forms.CharField(
        label=_("Должность"), max_length=300, widget=forms.TextInput(attrs={"placeholder": _("методист")})
    )


class PositionForm(BootstrapFormMixin, forms.Form):
    organization = forms.ModelChoiceField(label=_("Организация"), queryset=Organization.objects.none())
    title = forms.CharField(label=_("Должность"), max_length=300)
    since = forms.DateField(label=_("С"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organizations is not None:
            self.fields["organization"].queryset = organizations


class ImportUploadForm(BootstrapFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("Что загружаем"), choices=[("organizations", _("Организации")), ("people", _("Люди и должности"))]
    )
    file = forms.FileField(label=_("Файл .xlsx"))

    def __init__(self, *args, clusters: QuerySet[Cluster], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cluster"] = cluster_field(clusters, _("Новые организации войдут в этот кластер."))
        self.order_fields(["kind", "cluster", "file"])


class InviteForm(BootstrapFormMixin, forms.Form):
    email = forms.EmailField(label=_("E-mail"))
    last_name = forms.CharField(label=_("Фамилия"), max_length=150, required=False)
    first_name = forms.CharField(label=_("Имя"), max_length=150, required=False)
    role = forms.ChoiceField(
        label=_("Роль"),
        choices=[("editor", _("Редактор организации")), ("viewer", _("Наблюдатель кластера"))],
    )
    organization = forms.ModelChoiceField(
        label=_("Организация"),
        queryset=Organization.objects.none(),
        required=False,
        help_text=_("Для редактора: организация, которую он ведёт."),
    )

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organizations is not None:
            self.fields["organization"].queryset = organizations

    def clean(self):
        data = super().clean()
        if data.get("role") == "editor" and not data.get("organization"):
            self.add_error("organization", _("Выберите организацию для редактора."))
        return data
