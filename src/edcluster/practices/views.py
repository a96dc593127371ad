"""Pages of the library of practices: thin — parse input, ask ``access``, call one service or
selector, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from edcluster.core.access import require
from edcluster.core.errors import DomainError, NotFound
from edcluster.core.forms import form_errors_from
from edcluster.events import access as event_access
from edcluster.events.models import Speaker
from edcluster.organizations.access import roles_of
from edcluster.organizations.models import Organization
from edcluster.practices import access, digest, selectors, services
from edcluster.practices.forms import AdoptionForm, MaterialForm, PracticeFilterForm, PracticeForm
from edcluster.practices.models import Adoption
from edcluster.practices.services import ADOPTION_FIELDS, PRACTICE_FIELDS
from edcluster.web.pagination import paginate

INLINE_TYPES = {"application/pdf", "image/png", "image/jpeg", "image/gif"}


def practice_list(request: HttpRequest) -> HttpResponse:
    form = PracticeFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    qs = selectors.practice_list(
        request.user,
        q=filters.get("q", ""),
        direction=filters.get("direction"),
        audience=filters.get("audience", ""),
        work_form=filters.get("work_form", ""),
        organization_kind=filters.get("organization_kind", ""),
        municipality=filters.get("municipality", ""),
        status=filters.get("status", ""),
    )
    page, query_string = paginate(request, qs)
    return render(
        request,
        "practices/practice_list.html",
        {
            "form": form,
            "page": page,
            "query_string": query_string,
            "can_create": access.can_create_practice(request.user),
        },
    )


def practice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    p = access.access_practice(request.user, pk)
    can_edit = access.can_edit_practice(request.user, p)
    adoptions = list(selectors.adoptions_of(p))
    editable_adoptions = {a.pk for a in adoptions if access.can_edit_adoption(request.user, a)}
    return render(
        request,
        "practices/practice_detail.html",
        {
            "p": p,
            "can_edit": can_edit,
            "materials": access.visible_materials(request.user, p),
            "material_form": MaterialForm() if can_edit else None,
            "adoptions": adoptions,
            "editable_adoptions": editable_adoptions,
            "can_adopt": access.can_adopt(request.user, p),
            "chart": _chart(p) if adoptions else None,
            "similar": selectors.similar_practices(request.user, p),
        },
    )


def _chart(p: Any) -> dict[str, Any] | None:
    """The chart's data, or nothing when no adopter entered a figure (no invented zeros)."""
    chart = selectors.adoption_chart(p)
    return chart if chart["participants"] or chart["indicators"] else None


def _own_organizations(user: Any) -> Any:
    r = roles_of(user)
    return Organization.objects.all() if r.is_admin else Organization.objects.filter(pk__in=r.editable_orgs)


def _practice_data(form: PracticeForm) -> dict[str, Any]:
    cd = form.cleaned_data
    data = {k: cd[k] for k in PRACTICE_FIELDS if k != "audience"}
    data["audience"] = services.audience_value(cd["audience_codes"])
    return data


@login_required
def practice_create(request: HttpRequest) -> HttpResponse:
    require(access.can_create_practice(request.user))
    initial = None
    if request.method == "GET" and request.GET.get("speaker", "").isdigit():
        # "Оформить как практику" next to a speaker on an event page (only events the user may see)
        speaker = get_object_or_404(
            Speaker.objects.select_related("item__day__event", "person"),
            pk=request.GET["speaker"],
            item__day__event__in=event_access.visible_events(request.user),
        )
        initial = selectors.practice_initial_from_speaker(speaker)
    form = PracticeForm(request.POST or None, organizations=_own_organizations(request.user), initial=initial)
    if request.method == "POST" and form.is_valid():
        cd = form.cleaned_data
        require(access.can_author_for(request.user, {o.pk for o in cd["organizations"]}, cd["cluster"].pk))
        try:
            p = services.practice_create(
                actor=request.user, data=_practice_data(form), organizations=cd["organizations"], authors=cd["authors"]
            )
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Практика добавлена в библиотеку."))
            return redirect(p)
    return render(request, "practices/form.html", {"form": form, "title": _("Новая практика")})


@login_required
def practice_edit(request: HttpRequest, pk: int) -> HttpResponse:
    p = access.access_practice(request.user, pk, edit=True)
    orgs = _own_organizations(request.user) | Organization.objects.filter(pk__in=[o.pk for o in p.organizations.all()])
    form = PracticeForm(request.POST or None, instance=type(p).objects.get(pk=p.pk), organizations=orgs.distinct())
    if request.method == "POST" and form.is_valid():
        cd = form.cleaned_data
        try:
            services.practice_update(
                actor=request.user,
                practice=p,
                data=_practice_data(form),
                organizations=cd["organizations"],
                authors=cd["authors"],
            )
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Изменения сохранены."))
            return redirect(p)
    return render(request, "practices/form.html", {"form": form, "title": p.title, "back": p})


@login_required
@require_POST
def material_add(request: HttpRequest, pk: int) -> HttpResponse:
    p = access.access_practice(request.user, pk, edit=True)
    form = MaterialForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Укажите название материала и выберите файл или ссылку на видео."))
        return redirect(p)
    cd = form.cleaned_data
    upload = cd.pop("file", None)
    data = {k: v for k, v in cd.items() if v not in (None, "")}
    try:
        services.material_add(
            actor=request.user,
            practice=p,
            data=data,
            upload=(upload.name, upload.read()) if upload else None,
        )
    except DomainError as exc:
        errors = getattr(exc, "errors", {}) or {}
        messages.error(request, "; ".join(m for ms in errors.values() for m in ms) or exc.message)
    else:
        messages.success(request, _("Материал добавлен."))
    return redirect(p)


def material_file(request: HttpRequest, pk: int) -> HttpResponse:
    m = access.access_material(request.user, pk)
    if not m.file:
        raise NotFound()
    inline = m.content_type in INLINE_TYPES
    return FileResponse(
        m.file.open("rb"),
        content_type=m.content_type or "application/octet-stream",
        as_attachment=not inline,
        filename=m.file.name.rsplit("/", 1)[-1],
    )


@login_required
@require_POST
def material_delete(request: HttpRequest, pk: int) -> HttpResponse:
    m = access.access_material(request.user, pk, edit=True)
    practice = m.practice
    services.material_delete(actor=request.user, material=m)
    messages.success(request, _("Материал удалён."))
    return redirect(practice)


@login_required
def adoption_create(request: HttpRequest, pk: int) -> HttpResponse:
    p = access.access_practice(request.user, pk)
    require(access.can_adopt(request.user, p))
    r = roles_of(request.user)
    orgs = (
        Organization.objects.exclude(pk__in=[o.pk for o in p.organizations.all()])
        if r.is_admin
        else Organization.objects.filter(pk__in=access.adopting_orgs(request.user, p))
    )
    form = AdoptionForm(request.POST or None, organizations=orgs, indicators=p.indicator_list)
    if request.method == "POST" and form.is_valid():
        cd = form.cleaned_data
        try:
            services.adoption_create(
                actor=request.user,
                practice=p,
                organization=cd["organization"],
                data={k: cd[k] for k in ADOPTION_FIELDS},
                indicators=form.indicator_rows(),
            )
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Внедрение отмечено."))
            return redirect(p)
    return render(request, "practices/form.html", {"form": form, "title": _("Отметить внедрение"), "back": p})


@login_required
def adoption_edit(request: HttpRequest, pk: int) -> HttpResponse:
    a = access.access_adoption(request.user, pk, edit=True)
    p = a.practice
    values = {v.name: (v.before, v.after) for v in a.values.all()}
    names = list(dict.fromkeys([*p.indicator_list, *values]))
    form = AdoptionForm(request.POST or None, instance=Adoption.objects.get(pk=a.pk), indicators=names, values=values)
    if request.method == "POST" and form.is_valid():
        try:
            services.adoption_update(
                actor=request.user,
                adoption=a,
                data={k: form.cleaned_data[k] for k in ADOPTION_FIELDS},
                indicators=form.indicator_rows(),
            )
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Изменения сохранены."))
            return redirect(p)
    title = _("Внедрение: %(org)s") % {"org": a.organization.display_name}
    return render(request, "practices/form.html", {"form": form, "title": title, "back": p})


def digest_optout(request: HttpRequest, token: str) -> HttpResponse:
    """One-click opt-out from the monthly digest: the signed link is the credential."""
    user = digest.user_for_token(token)
    if user is None:
        raise NotFound()
    if request.method == "POST":
        services.digest_opt_out(user=user)
        return render(request, "practices/digest_optout.html", {"done": True})
    return render(request, "practices/digest_optout.html", {"done": False})
