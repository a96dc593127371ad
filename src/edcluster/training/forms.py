from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from edcluster.core.forms import BootstrapFormMixin
from edcluster.organizations.models import Person
from edcluster.training.models import CRITERIA, PracticeBase, PracticePeriod, Student, StudentGroup

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
