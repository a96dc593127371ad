from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from edcluster.core.forms import BootstrapFormMixin
from edcluster.meetings.models import Body, BodyMember, Decision, Meeting, SectionResult
from edcluster.meetings.services import BODY_FIELDS, DECISION_FIELDS, MEETING_FIELDS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class BodyForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Body
        fields = BODY_FIELDS


class MemberForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = BodyMember
        fields = ["person", "organization", "role", "since", "until"]
        widgets = {"since": DATE, "until": DATE}


class MeetingForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Meeting
        fields = MEETING_FIELDS
        widgets = {
            "date": DATE,
            "time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "organizers": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, body=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["number"].required = False
        self.fields["number"].help_text = _("Если пусто — следующий номер этого года.")
        if body is not None:
            from edcluster.organizations.models import Person

            people = Person.objects.filter(pk__in=body.members.values("person_id"))
            self.fields["chair"].queryset = people
            self.fields["secretary"].queryset = people


class AgendaItemForm(BootstrapFormMixin, forms.Form):
    title = forms.CharField(label=_("Вопрос"), max_length=500)
    heard = forms.CharField(label=_("Слушали (кратко)"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    speaker = forms.ModelChoiceField(label=_("Докладчик из состава"), queryset=None, required=False)
    speaker_name = forms.CharField(label=_("или ФИО докладчика"), max_length=300, required=False)
    speaker_position = forms.CharField(label=_("Должность докладчика"), max_length=300, required=False)
    speaker_organization = forms.CharField(label=_("Организация докладчика"), max_length=500, required=False)
    statements = forms.CharField(
        label=_("Выступили"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("По строке на выступление: «Фамилия И.О.: что сказал(а)»."),
    )

    def __init__(self, *args, meeting=None, **kwargs):
        super().__init__(*args, **kwargs)
        from edcluster.organizations.models import Person

        self.fields["speaker"].queryset = (
            Person.objects.filter(pk__in=meeting.body.members.values("person_id")) if meeting else Person.objects.none()
        )

    def speakers(self) -> list[dict]:
        d = self.cleaned_data
        if d.get("speaker") is None and not d.get("speaker_name"):
            return []
        row = {"person": d.get("speaker"), "name": d.get("speaker_name", "")}
        if d.get("speaker_position"):
            row["position"] = d["speaker_position"]
        if d.get("speaker_organization"):
            row["organization"] = d["speaker_organization"]
        return [row]

    def statement_rows(self) -> list[dict]:
        rows = []
        for line in (self.cleaned_data.get("statements") or "").splitlines():
            if line.strip():
                name, _sep, text = line.partition(":")
                rows.append({"name": name.strip(), "text": text.strip()})
        return rows


class DecisionForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Decision
        fields = [f for f in DECISION_FIELDS if f != "order"]  # the number is given by the service
        widgets = {"due_date": DATE, "text": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, meeting=None, **kwargs):
        super().__init__(*args, **kwargs)
        if meeting is not None:
            self.fields["item"].queryset = meeting.items.all()
            self.fields["item"].required = False
            self.fields["item"].empty_label = _("— по заседанию в целом —")
        else:
            self.fields.pop("item")
        for name in ("addressee_organization", "addressee_person", "responsible"):
            self.fields[name].widget.attrs["data-plain-select"] = "1"


class ProgressForm(BootstrapFormMixin, forms.Form):
    status = forms.ChoiceField(label=_("Состояние"), choices=Decision.Status.choices)
    progress = forms.IntegerField(label=_("Выполнено, %"), min_value=0, max_value=100)


class EvidenceForm(BootstrapFormMixin, forms.Form):
    from edcluster.meetings.models import Evidence as _E

    kind = forms.ChoiceField(label=_("Вид"), choices=_E.Kind.choices)
    title = forms.CharField(label=_("Название"), max_length=500)
    object_id = forms.IntegerField(label=_("Номер записи"), required=False, min_value=1)
    url = forms.CharField(label=_("Адрес"), max_length=500, required=False)
    mark_done = forms.BooleanField(label=_("Решение выполнено"), required=False)


class DecisionFilterForm(forms.Form):
    addressee = forms.CharField(label=_("Адресат"), required=False)
    status = forms.ChoiceField(
        label=_("Состояние"), required=False, choices=[("", _("любое")), *Decision.Status.choices]
    )
    overdue = forms.BooleanField(label=_("Просроченные"), required=False)
    this_month = forms.BooleanField(label=_("Срок в этом месяце"), required=False)


class AgendaItemEditForm(BootstrapFormMixin, forms.Form):
    """Edit an item: its number, wording, speakers (one per line) and "выступили"."""

    order = forms.IntegerField(label=_("Номер вопроса"), min_value=1)
    title = forms.CharField(label=_("Вопрос"), max_length=500)
    heard = forms.CharField(label=_("Слушали (кратко)"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    speakers = forms.CharField(
        label=_("Докладчики"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("По строке на докладчика: «ФИО; должность; организация»."),
    )
    statements = forms.CharField(
        label=_("Выступили"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("По строке на выступление: «Фамилия И.О.: что сказал(а)»."),
    )

    @classmethod
    def for_item(cls, item, data=None) -> AgendaItemEditForm:
        initial = {
            "order": item.order,
            "title": item.title,
            "heard": item.heard,
            "speakers": "\n".join(
                "; ".join(p for p in (s.name, s.position, s.organization) if p) for s in item.speakers.all()
            ),
            "statements": "\n".join(f"{st.name}: {st.text}" for st in item.statements.all()),
        }
        return cls(data, initial=initial)

    def speaker_rows(self, item) -> list[dict]:
        """Rows for the service; a speaker whose name is unchanged keeps the person link."""
        known = {s.name: s.person for s in item.speakers.all()}
        rows = []
        for line in (self.cleaned_data.get("speakers") or "").splitlines():
            if not line.strip():
                continue
            name, position, organization = ([p.strip() for p in line.split(";", 2)] + ["", ""])[:3]
            rows.append({"person": known.get(name), "name": name, "position": position, "organization": organization})
        return rows

    def statement_rows(self) -> list[dict]:
        return AgendaItemForm.statement_rows(self)  # type: ignore[arg-type]


class SectionResultForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = SectionResult
        fields = ["participants_unit", "participants_place", "summary", "outputs"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 4}), "outputs": forms.Textarea(attrs={"rows": 3})}


class RecommendationForm(DecisionForm):
    """A section's recommendation: a decision without a meeting (so without an agenda item),
    with its steps, one per line, that become milestones."""

    steps = forms.CharField(
        label=_("Шаги"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("По строке на шаг; они станут этапами выполнения."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, meeting=None, **kwargs)
        self.fields["text"].label = _("Рекомендация")

    def step_lines(self) -> list[str]:
        return [line.strip(" -–•\t") for line in (self.cleaned_data.get("steps") or "").splitlines() if line.strip()]

    def decision_data(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "steps"}


class FollowUpEventForm(BootstrapFormMixin, forms.Form):
    from edcluster.events.models import EventKind as _K

    title = forms.CharField(label=_("Название"), max_length=500, required=False)
    kind = forms.ChoiceField(label=_("Вид"), choices=_K.choices, initial=_K.METHODICAL_TRAIN)
    starts_on = forms.DateField(label=_("Дата"), required=False, widget=DATE)
