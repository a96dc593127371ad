"""Forms of the certificate pages; they only parse input — the services validate and write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from edcluster.certificates.models import DEFAULT_PATTERN, KindCode, NameCase, Rule
from edcluster.certificates.pdf import DEFAULT_LAYOUT
from edcluster.core.forms import BootstrapFormMixin

BLOCK_LABELS = {
    "title": _("Заголовок"),
    "lead": _("Строка перед именем"),
    "name": _("Имя"),
    "wording": _("Текст"),
    "number": _("Номер и дата"),
    "signer": _("Подписант"),
    "qr": _("QR-код"),
    "logo": _("Логотип"),
    "signature": _("Подпись"),
}


class KindForm(BootstrapFormMixin, forms.Form):
    code = forms.ChoiceField(label=_("Вид"), choices=KindCode.choices)
    rule = forms.ChoiceField(label=_("Кому выдаётся"), choices=Rule.choices)
    title = forms.CharField(label=_("Заголовок"), max_length=200)
    lead = forms.CharField(label=_("Перед именем"), max_length=200, required=False)
    name_case = forms.ChoiceField(label=_("Падеж имени"), choices=NameCase.choices)
    wording = forms.CharField(
        label=_("Текст"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Подстановки: {event} — название в кавычках, {date} — даты, {talk} — тема доклада."),
    )


class DesignForm(BootstrapFormMixin, forms.Form):
    signer = forms.CharField(label=_("Подписант (должность, ФИО)"), max_length=300, required=False)
    background = forms.FileField(label=_("Фон (PNG, JPEG или PDF)"), required=False)
    logo = forms.FileField(label=_("Логотип (PNG или JPEG)"), required=False)
    signature = forms.FileField(label=_("Подпись (PNG или JPEG)"), required=False)
    clear_background = forms.BooleanField(label=_("убрать фон"), required=False)

    def __init__(self, *args, layout=None, **kwargs):
        super().__init__(*args, **kwargs)
        layout = layout or DEFAULT_LAYOUT
        for block, values in DEFAULT_LAYOUT.items():
            for key in values:
                unit = _("пт") if key == "size" and block not in ("qr", "logo", "signature") else _("мм")
                self.fields[f"{block}__{key}"] = forms.FloatField(
                    label=f"{BLOCK_LABELS[block]}: {key} ({unit})",
                    initial=(layout.get(block) or {}).get(key, values[key]),
                    widget=forms.NumberInput(attrs={"class": "form-control form-control-sm", "step": "0.5"}),
                )
        self.blocks = [(BLOCK_LABELS[b], [self[f"{b}__{k}"] for k in v]) for b, v in DEFAULT_LAYOUT.items()]

    def layout(self) -> dict:
        return {b: {k: self.cleaned_data.get(f"{b}__{k}") for k in v} for b, v in DEFAULT_LAYOUT.items()}


class SeriesForm(BootstrapFormMixin, forms.Form):
    code = forms.CharField(label=_("Код кластера в номере"), max_length=30)
    pattern = forms.CharField(label=_("Шаблон номера"), max_length=100, initial=DEFAULT_PATTERN)


class RevokeForm(BootstrapFormMixin, forms.Form):
    reason = forms.CharField(label=_("Причина аннулирования"), max_length=500)
