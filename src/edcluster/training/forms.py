from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from edcluster.core.forms import BootstrapFormMixin
from edcluster.organizations.access import visible_organizations, visible_people
from edcluster.organizations.models import Organization, Person
from edcluster.partnerships.models import Partnership
from edcluster.training.models import CRITERIA, SPECIALISATIONS, PracticeBase, PracticePeriod, Student, StudentGroup

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MARK_CHOICES = [
    ("", "—"),
    ("5", _("5 (отлично)")),
    ("4", _("4 (хорошо)")),
    ("3", _("3 (удовлетворительно)")),
    ("2", _("2 (неудовлетворительно)")),
]


class PeriodForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = PracticePeriod
        fields = ["group", "kind", "title", "starts_on", "ends_on", "tasks", "supervisor", "choice_open"]
        widgets = {"starts_on": DATE, "ends_on": DATE, "tasks": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, college=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = StudentGroup.objects.filter(college=college)
        self.fields["supervisor"].queryset = (
            Person.objects.filter(positions__organization=college, positions__until__isnull=True)
            .exclude(positions__category="student")
            .distinct()
        )


class PlacesForm(BootstrapFormMixin, forms.Form):
    base = forms.ModelChoiceField(label=_("База практики"), queryset=PracticeBase.objects.none())
    places = forms.IntegerField(label=_("Мест"), min_value=0, max_value=500)

    def __init__(self, *args, period=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["base"].queryset = PracticeBase.objects.filter(college_id=period.college_id).select_related(
            "organization"
        )


class AssignForm(BootstrapFormMixin, forms.Form):
    student = forms.ModelChoiceField(label=_("Студент"), queryset=Student.objects.none())
    base = forms.ModelChoiceField(label=_("База практики"), queryset=PracticeBase.objects.none())
    mentor = forms.ModelChoiceField(label=_("Наставник"), queryset=Person.objects.none(), required=False)

    def __init__(self, *args, period=None, **kwargs):
        # its own ids: the places form on the same page also has a «База практики» field
        kwargs.setdefault("auto_id", "id_assign_%s")
        super().__init__(*args, **kwargs)
        self.fields["student"].queryset = Student.objects.filter(group_id=period.group_id).select_related("person")
        self.fields["base"].queryset = PracticeBase.objects.filter(offers__period=period).select_related("organization")
        self.fields["mentor"].queryset = Person.objects.filter(practice_bases__offers__period=period).distinct()


class DiaryForm(BootstrapFormMixin, forms.Form):
    date = forms.DateField(label=_("Дата"), widget=DATE)
    text = forms.CharField(label=_("Что сделано"), widget=forms.Textarea(attrs={"rows": 3}))
    present = forms.BooleanField(label=_("Был(а) на базе практики"), required=False, initial=True)
    attachment = forms.FileField(label=_("Материал (конспект, фото, план)"), required=False)


class CommentForm(BootstrapFormMixin, forms.Form):
    comment = forms.CharField(
        label=_("Комментарий наставника"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    present = forms.BooleanField(label=_("Присутствовал(а)"), required=False)


class EvaluationForm(BootstrapFormMixin, forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, label in CRITERIA:
            self.fields[code] = forms.ChoiceField(label=label, choices=MARK_CHOICES)
        self.fields["characteristic"] = forms.CharField(
            label=_("Характеристика"), widget=forms.Textarea(attrs={"rows": 5})
        )


class MarkForm(BootstrapFormMixin, forms.Form):
    mark = forms.TypedChoiceField(label=_("Итоговая оценка"), choices=MARK_CHOICES[1:], coerce=int)


class FeedbackForm(BootstrapFormMixin, forms.Form):
    score = forms.TypedChoiceField(
        label=_("Удовлетворённость"), choices=[(str(i), str(i)) for i in (5, 4, 3, 2, 1)], coerce=int
    )
    comment = forms.CharField(label=_("Комментарий"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


# --- setup pages: bases, mentors, groups, students, employment -------------------------------------


class BaseForm(BootstrapFormMixin, forms.Form):
    organization = forms.ModelChoiceField(label=_("Организация — база практики"), queryset=Organization.objects.none())
    partnership = forms.ModelChoiceField(
        label=_("Договор о практической подготовке"), queryset=Partnership.objects.none()
    )
    specialisations = forms.MultipleChoiceField(
        label=_("Специальности"), choices=SPECIALISATIONS, widget=forms.CheckboxSelectMultiple, required=False
    )
    conditions = forms.CharField(label=_("Условия"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    default_places = forms.IntegerField(label=_("Мест на период по умолчанию"), min_value=0, max_value=500, initial=5)
    mentor_load = forms.IntegerField(label=_("Студентов на одного наставника"), min_value=1, max_value=50, initial=2)

    def __init__(self, *args, college=None, **kwargs):
        super().__init__(*args, **kwargs)
        partnerships = Partnership.objects.filter(parties__organization=college).distinct()
        self.fields["partnership"].queryset = partnerships
        self.fields["organization"].queryset = (
            Organization.objects.filter(parties__partnership__in=partnerships)
            .exclude(pk=college.pk)
            .distinct()
            .order_by("short_name")
        )


class MentorForm(BootstrapFormMixin, forms.Form):
    person = forms.ModelChoiceField(label=_("Наставник (сотрудник базы)"), queryset=Person.objects.none())

    def __init__(self, *args, base=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = (
            Person.objects.filter(positions__organization_id=base.organization_id, positions__until__isnull=True)
            .exclude(pk__in=base.mentors.values("pk"))
            .distinct()
        )


class GroupForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = StudentGroup
        fields = ["name", "specialisation", "year"]


class StudentForm(BootstrapFormMixin, forms.Form):
    person = forms.ModelChoiceField(label=_("Человек из реестра"), queryset=Person.objects.none(), required=False)
    last_name = forms.CharField(label=_("…или новый студент: фамилия"), max_length=100, required=False)
    first_name = forms.CharField(label=_("Имя"), max_length=100, required=False)
    middle_name = forms.CharField(label=_("Отчество"), max_length=100, required=False)

    def __init__(self, *args, user=None, group=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = (
            visible_people(user).exclude(student_records__group=group).order_by("last_name", "first_name")
        )


class EmploymentForm(BootstrapFormMixin, forms.Form):
    student = forms.ModelChoiceField(label=_("Выпускник"), queryset=Student.objects.none())
    organization = forms.ModelChoiceField(
        label=_("Организация кластера"),
        queryset=Organization.objects.none(),
        required=False,
        empty_label=_("— вне организаций кластера —"),
    )
    year = forms.IntegerField(label=_("Год трудоустройства"))

    def __init__(self, *args, user=None, college=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["student"].queryset = Student.objects.filter(group__college=college).select_related(
            "person", "group"
        )
        self.fields["organization"].queryset = visible_organizations(user).order_by("short_name")


class BaseEditForm(BootstrapFormMixin, forms.Form):
    specialisations = forms.MultipleChoiceField(
        label=_("Специальности"), choices=SPECIALISATIONS, widget=forms.CheckboxSelectMultiple, required=False
    )
    conditions = forms.CharField(label=_("Условия"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    default_places = forms.IntegerField(label=_("Мест на период по умолчанию"), min_value=0, max_value=500)
    mentor_load = forms.IntegerField(label=_("Студентов на одного наставника"), min_value=1, max_value=50)


class MentorChangeForm(BootstrapFormMixin, forms.Form):
    mentor = forms.ModelChoiceField(
        label=_("Наставник"), queryset=Person.objects.none(), required=False, empty_label=_("— без наставника —")
    )

    def __init__(self, *args, placement=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentor"].queryset = placement.base.mentors.order_by("last_name", "first_name")
