from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from edcluster.consultations.models import (
    Centre,
    CentreDocument,
    Consultation,
    Form,
    ParentRequest,
    ScheduleEntry,
    Specialist,
)
from edcluster.consultations.services import CENTRE_FIELDS, CONSULTATION_FIELDS, REQUEST_FIELDS, SPECIALIST_FIELDS
from edcluster.core.forms import BootstrapFormMixin


class CentreForm(BootstrapFormMixin, forms.ModelForm):
    forms = forms.MultipleChoiceField(
        label=_("Формы работы"), choices=Form.choices, widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = Centre
        fields = CENTRE_FIELDS
        widgets = {"description": forms.Textarea(attrs={"rows": 3}), "services": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organizations is not None:
            self.fields["organization"].queryset = organizations
        self.fields["forms"].widget.attrs["class"] = ""


class SpecialistForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Specialist
        fields = [f for f in SPECIALIST_FIELDS if f != "user"]


class ScheduleForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = ScheduleEntry
        fields = ["specialist", "weekday", "start", "end", "slot_minutes"]
        widgets = {"start": forms.TimeInput(attrs={"type": "time"}), "end": forms.TimeInput(attrs={"type": "time"})}

    def __init__(self, *args, centre=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["specialist"].queryset = centre.specialists.all() if centre else Specialist.objects.none()


class DocumentForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = CentreDocument
        fields = ["kind", "file", "date"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class RequestForm(BootstrapFormMixin, forms.ModelForm):
    consent = forms.BooleanField(
        label=_("Даю согласие на обработку персональных данных"),
        required=False,
        help_text=_("Отдельное согласие по 152-ФЗ; текст — ниже."),
    )

    class Meta:
        model = ParentRequest
        fields = REQUEST_FIELDS
        widgets = {"question": forms.Textarea(attrs={"rows": 3})}


class BookForm(BootstrapFormMixin, forms.Form):
    slot = forms.ChoiceField(label=_("Свободное время"))
    form = forms.ChoiceField(label=_("Форма"), choices=Form.choices)
    request = forms.ModelChoiceField(label=_("Обращение"), queryset=ParentRequest.objects.none(), required=False)
    email = forms.EmailField(label=_("E-mail родителя (если без обращения)"), required=False)

    def __init__(self, *args, slots=(), requests=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slot"].choices = [(f"{sp.pk}|{t.isoformat()}", label) for sp, t, label in slots]
        if requests is not None:
            self.fields["request"].queryset = requests


class ConsultationForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Consultation
        fields = CONSULTATION_FIELDS
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "outcome": forms.Textarea(attrs={"rows": 2}),
            "follow_up": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, centre=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["specialist"].queryset = centre.specialists.filter(is_active=True)
        self.fields["request"].queryset = centre.requests.exclude(status=ParentRequest.Status.CANCELLED)
        self.fields["request"].required = False


class SurveyForm(BootstrapFormMixin, forms.Form):
    satisfied = forms.TypedChoiceField(
        label=_("Вы довольны консультацией?"),
        choices=[("yes", _("Да")), ("no", _("Нет"))],
        widget=forms.RadioSelect,
        coerce=lambda v: v == "yes",
    )
    score = forms.TypedChoiceField(
        label=_("Оценка от 1 до 5"), choices=[(i, str(i)) for i in range(1, 6)], coerce=int, widget=forms.RadioSelect
    )
    comment = forms.CharField(label=_("Комментарий"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("satisfied", "score"):
            self.fields[name].widget.attrs["class"] = "form-check-input"


class QuestionnaireForm(BootstrapFormMixin, forms.Form):
    title = forms.CharField(label=_("Название анкеты"), max_length=300)
    questions = forms.CharField(
        label=_("Вопросы"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("По одному в строке: «Вопрос: вариант; вариант; вариант»."),
    )

    def clean_questions(self) -> list[dict]:
        out = []
        for line in self.cleaned_data["questions"].splitlines():
            if not line.strip():
                continue
            text, _sep, choices = line.partition(":")
            out.append({"text": text.strip(), "choices": [c.strip() for c in choices.split(";") if c.strip()]})
        return out
