from __future__ import annotations

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from edcluster.core.forms import (
    BootstrapFormMixin,
    FlatCheckboxInput,
    FlatEmailInput,
    FlatHiddenInput,
    FlatSelect,
    FlatTextInput,
    SharedChoiceField,
)
from edcluster.events.models import (
    Event,
    ItemFormat,
    Mode,
    ParticipantRole,
    Question,
    QuestionKind,
    RegistrationStatus,
    SiteVisit,
)
from edcluster.events.services import EVENT_FIELDS
from edcluster.organizations.models import Organization, OrganizationKind
from edcluster.organizations.regions import REGIONS


class LinesField(forms.CharField):
    """A list of strings edited as one line per item."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        return [line.strip() for line in (value or "").splitlines() if line.strip()]


class EventForm(BootstrapFormMixin, forms.ModelForm):
    tasks = LinesField(label=_("Задачи (по одной в строке)"), required=False)
    audience = LinesField(label=_("Целевая аудитория (по одной категории в строке)"), required=False)

    class Meta:
        model = Event
        fields = EVENT_FIELDS
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "registration_opens_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "registration_deadline": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "theme": forms.Textarea(attrs={"rows": 2}),
            "goal": forms.Textarea(attrs={"rows": 3}),
            "online_instructions": forms.Textarea(attrs={"rows": 2}),
        }

    def clean_reminder_days(self):
        value = self.cleaned_data.get("reminder_days")
        return 2 if value is None else value


class RegistrationForm(BootstrapFormMixin, forms.Form):
    last_name = forms.CharField(label=_("Фамилия"), max_length=100, widget=FlatTextInput)
    first_name = forms.CharField(label=_("Имя"), max_length=100, widget=FlatTextInput)
    middle_name = forms.CharField(label=_("Отчество"), max_length=100, required=False, widget=FlatTextInput)
    organization = forms.CharField(
        label=_("Организация"),
        max_length=500,
        help_text=_("Начните вводить название; если организации нет в реестре, введите её полностью."),
        widget=FlatSelect(
            attrs={
                "data-autocomplete-url": reverse_lazy("organizations:organization_autocomplete"),
                "data-allow-create": "1",
            }
        ),
    )
    position = forms.CharField(label=_("Должность"), max_length=300, widget=FlatTextInput)
    region = SharedChoiceField(label=_("Регион"), choices=[("", "—"), *REGIONS], widget=FlatSelect)
    email = forms.EmailField(label=_("E-mail"), widget=FlatEmailInput)
    phone = forms.CharField(label=_("Телефон"), max_length=50, required=False, widget=FlatTextInput)
    mode = SharedChoiceField(label=_("Форма участия"), choices=Mode.choices, widget=FlatSelect)
    role = SharedChoiceField(
        label=_("Роль"), choices=ParticipantRole.choices, initial=ParticipantRole.LISTENER, widget=FlatSelect
    )
    talk_title = forms.CharField(label=_("Тема доклада"), max_length=500, required=False, widget=FlatTextInput)
    site_visit = forms.ModelChoiceField(
        label=_("Площадка для посещения"), queryset=SiteVisit.objects.none(), required=False
    )
    consent = forms.BooleanField(
        label=_("Я даю согласие на обработку персональных данных"), required=False, widget=FlatCheckboxInput
    )
    consent_version = forms.IntegerField(widget=FlatHiddenInput, required=False)

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        # ``has_site_visits`` / ``has_questions``: annotated by ``selectors.events_for_registration``
        has_visits = getattr(event, "has_site_visits", None)
        if has_visits if has_visits is not None else event.site_visits.exists():
            self.fields["site_visit"].queryset = event.site_visits.all()
        else:
            del self.fields["site_visit"]
        modes = [
            (v, label) for v, label in Mode.choices if (event.has_online if v == Mode.ONLINE else event.has_in_person)
        ]
        self.fields["mode"].choices = modes if len(modes) == 1 else [("", "—"), *modes]
        value = self.data.get("organization") if self.is_bound else None
        if value:
            self.fields["organization"].widget.choices = [(value, self._org_label(value))]
        # The event's own questions, after the standard fields and before the consent.
        self.questions = list(event.questions.all()) if getattr(event, "has_questions", True) else []
        consent_fields = {k: self.fields.pop(k) for k in ("consent", "consent_version")}
        for q in self.questions:
            self.fields[q.field_name] = self._question_field(q)
        self.fields.update(consent_fields)
        self._bootstrap_questions()

    @staticmethod
    def _question_field(q: Question) -> forms.Field:
        # Required-ness is checked by the service, which names the question in its message.
        if q.kind == QuestionKind.CHOICE:
            return forms.ChoiceField(label=q.text, choices=[("", "—"), *((c, c) for c in q.choices)], required=False)
        if q.kind == QuestionKind.YES_NO:
            return forms.ChoiceField(
                label=q.text, choices=[("", "—"), ("да", _("да")), ("нет", _("нет"))], required=False
            )
        return forms.CharField(label=q.text, max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def _bootstrap_questions(self) -> None:
        for q in self.questions:
            widget = self.fields[q.field_name].widget
            widget.attrs.setdefault("class", "form-select" if isinstance(widget, forms.Select) else "form-control")

    @staticmethod
    def _org_label(value: str) -> str:
        if value.isdigit():
            org = Organization.objects.filter(pk=int(value), is_confirmed=True).first()
            if org is not None:
                return org.display_name
        return value

    def service_data(self) -> dict:
        question_fields = {q.field_name for q in self.questions}
        data = {
            k: v
            for k, v in self.cleaned_data.items()
            if k not in ("consent", "consent_version", "organization") and k not in question_fields
        }
        data["answers"] = {str(q.pk): self.cleaned_data.get(q.field_name, "") for q in self.questions}
        value = self.cleaned_data["organization"].strip()
        org = Organization.objects.filter(pk=int(value), is_confirmed=True).first() if value.isdigit() else None
        data["organization"] = org
        data["organization_name"] = org.display_name if org else value
        return data


class RegistrationFilterForm(BootstrapFormMixin, forms.Form):
    mode = forms.ChoiceField(label=_("Форма"), choices=[("", _("любая")), *Mode.choices], required=False)
    status = forms.ChoiceField(
        label=_("Статус"), choices=[("", _("любой")), *RegistrationStatus.choices], required=False
    )
    organization_kind = forms.ChoiceField(
        label=_("Тип организации"), choices=[("", _("любой")), *OrganizationKind.choices], required=False
    )
    region = forms.ChoiceField(label=_("Регион"), choices=[("", _("любой")), *REGIONS], required=False)
    q = forms.CharField(label=_("Поиск"), required=False)


# --- programme --------------------------------------------------------------------------------------

TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class DayForm(BootstrapFormMixin, forms.Form):
    date = forms.DateField(label=_("Дата"), widget=forms.DateInput(attrs={"type": "date"}))
    starts_at = forms.TimeField(label=_("Начало"), required=False, widget=TIME)
    ends_at = forms.TimeField(label=_("Окончание"), required=False, widget=TIME)


class SectionForm(BootstrapFormMixin, forms.Form):
    title = forms.CharField(label=_("Название секции"), max_length=500)


class SpeakerLinesField(LinesField):
    """Speakers one per line: «ФИО; должность; организация» (the last two may be omitted)."""

    def to_python(self, value):
        speakers = []
        for line in super().to_python(value):
            parts = [p.strip() for p in line.split(";")]
            if len(parts) > 3 or not parts[0]:
                raise forms.ValidationError(
                    _("Строка «%(line)s»: укажите «ФИО; должность; организация»."), params={"line": line}
                )
            parts += [""] * (3 - len(parts))
            speakers.append({"name": parts[0], "position": parts[1], "organization_name": parts[2]})
        return speakers


class ItemForm(BootstrapFormMixin, forms.Form):
    day = forms.ModelChoiceField(label=_("День"), queryset=None)
    starts_at = forms.TimeField(label=_("Начало"), required=False, widget=TIME)
    ends_at = forms.TimeField(label=_("Окончание"), required=False, widget=TIME)
    title = forms.CharField(label=_("Название"), max_length=500)
    format = forms.ChoiceField(label=_("Формат"), choices=ItemFormat.choices, initial=ItemFormat.REPORT)
    section = forms.ModelChoiceField(label=_("Секция"), queryset=None, required=False)
    speakers = SpeakerLinesField(
        label=_("Выступающие (по одному в строке: ФИО; должность; организация)"), required=False
    )

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["day"].queryset = event.days.all()
        self.fields["section"].queryset = event.sections.all()


class SiteVisitForm(BootstrapFormMixin, forms.Form):
    title = forms.CharField(label=_("Площадка"), max_length=500)
    capacity = forms.IntegerField(label=_("Мест"), required=False, min_value=1)


class QuestionForm(BootstrapFormMixin, forms.Form):
    text = forms.CharField(label=_("Вопрос"), max_length=500)
    kind = forms.ChoiceField(label=_("Вид ответа"), choices=QuestionKind.choices, initial=QuestionKind.TEXT)
    choices = LinesField(label=_("Варианты ответа (для выбора из списка, по одному в строке)"), required=False)
    required = forms.BooleanField(label=_("Обязательный"), required=False)
