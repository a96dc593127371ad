from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from edcluster.core.forms import BootstrapFormMixin


class TemplateUploadForm(BootstrapFormMixin, forms.Form):
    file = forms.FileField(label=_("Шаблон .docx"))
