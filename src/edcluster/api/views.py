"""The profile page where a user creates and revokes their API tokens."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from edcluster.api import services
from edcluster.api.models import ApiToken
from edcluster.core.errors import DomainError
from edcluster.core.forms import BootstrapFormMixin, form_errors_from


class TokenForm(BootstrapFormMixin, forms.Form):
    name = forms.CharField(label=gettext_lazy("Название"), max_length=100)
    scope = forms.ChoiceField(label=gettext_lazy("Права"), choices=ApiToken.Scope.choices)


@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        try:
            _token, new_key = services.token_create(actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            form = TokenForm()
    return render(
        request,
        "api/tokens.html",
        {
            "form": form,
            "new_key": new_key,
            "tokens": ApiToken.objects.filter(user=request.user, revoked_at__isnull=True),
        },
    )


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    services.token_revoke(actor=request.user, token_id=pk)
    messages.success(request, _("Токен отозван."))
    return redirect("api:tokens")
