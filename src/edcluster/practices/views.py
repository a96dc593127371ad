"""Pages of the library of practices: thin — parse input, ask ``access``, call one service or
selector, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from edcluster.core.access import require
from edcluster.core.errors import DomainError, NotFound
from edcluster.core.forms import form_errors_from, form_errors_text
from edcluster.events import access as event_access
from edcluster.events.models import ProgrammeItem, Speaker
from edcluster.organizations.access import editable_organizations, roles_of
from edcluster.organizations.models import Organization
from edcluster.practices import access, digest, selectors, services
from edcluster.practices.forms import AdoptionForm, EventMaterialForm, MaterialForm, PracticeFilterForm, PracticeForm
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
    materials = access.visible_materials(request.user, p)
    editable_adoptions = {a.pk for a in adoptions if access.can_edit_adoption(request.user, a)}
    return render(
        request,
        "practices/practice_detail.html",
        {
            "p": p,
            "decision": _visible_decision(request.user, p),
            "can_edit": can_edit,
            "materials": materials,
            "deletable": {m.pk for m in materials} if can_edit else set(),
            "material_form": MaterialForm() if can_edit else None,
            "material_action": reverse("practices:material_add", args=[p.pk]),
            "spread": selectors.adopters_by_place(adoptions),
            "adoptions": adoptions,
            "editable_adoptions": editable_adoptions,
            "can_adopt": access.can_adopt(request.user, p),
            "chart": _chart(p) if adoptions else None,
            "similar": selectors.similar_practices(request.user, p),
        },
    )


def _visible_decision(user: Any, p: Any) -> Any:
    """The council's decision recommending the practice, only for those who may see the decision."""
    from edcluster.meetings.access import can_view_decision

    decision = p.recommended_by if p.recommended_by_id else None
    return decision if decision is not None and can_view_decision(user, decision) else None


def _chart(p: Any) -> dict[str, Any] | None:
    """The chart's data, or nothing when no adopter entered a figure (no invented zeros)."""
    chart = selectors.adoption_chart(p)
    return chart if chart["participants"] or chart["indicators"] else None


def _own_organizations(user: Any) -> Any:
    """A parents' community is not offered as a practice's author (its host is)."""
    return editable_organizations(user, communities=False)


def _decisions(user: Any) -> Any:
    """Decisions a coordinator may cite when recommending a practice (None: may not recommend)."""
    from edcluster.meetings.access import visible_decisions
    from edcluster.meetings.models import Decision

    r = roles_of(user)
    if not (r.is_admin or r.coordinator_clusters):
        return None
    qs = visible_decisions(user, Decision.objects.select_related("item", "cluster"))
    return qs if r.is_admin else qs.filter(cluster_id__in=r.coordinator_clusters)


def _practice_data(form: PracticeForm) -> dict[str, Any]:
    cd = form.cleaned_data
    data = {k: cd[k] for k in PRACTICE_FIELDS if k != "audience"}
    data["audience"] = services.audience_value(cd["audience_codes"])
    return data


@login_required
def practice_create(request: HttpRequest) -> HttpResponse:
    require(access.can_create_practice(request.user))
    initial = None
    item = None
    carried: list[Any] = []
    # "Оформить доклад как практику" next to a speaker or a report on an event page (only events
    # the user may see); the form posts back to the same address, so the report's materials are
    # carried over.
    visible = event_access.visible_events(request.user)
    if request.GET.get("speaker", "").isdigit():
        speaker = get_object_or_404(
            Speaker.objects.select_related("item__day__event", "person"),
            pk=request.GET["speaker"],
            item__day__event__in=visible,
        )
        item = speaker.item
        initial = selectors.practice_initial_from_speaker(speaker)
    elif request.GET.get("item", "").isdigit():
        item = get_object_or_404(
            ProgrammeItem.objects.select_related("day__event"), pk=request.GET["item"], day__event__in=visible
        )
        initial = selectors.practice_initial_from_item(item)
    if item is not None:
        carried = [m for m in item.materials.all() if access.can_view_material(request.user, m)]
    form = PracticeForm(
        request.POST or None,
        organizations=_own_organizations(request.user),
        decisions=_decisions(request.user),
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        cd = form.cleaned_data
        require(access.can_author_for(request.user, {o.pk for o in cd["organizations"]}, cd["cluster"].pk))
        try:
            p = services.practice_create(
                actor=request.user,
                data=_practice_data(form),
                organizations=cd["organizations"],
                authors=cd["authors"],
                carry_over=carried,
                presented_at=item.day.event if item is not None else None,
            )
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Практика добавлена в библиотеку."))
            return redirect(p)
    return render(request, "practices/form.html", {"form": form, "title": _("Новая практика"), "carried": carried})


@login_required
def practice_edit(request: HttpRequest, pk: int) -> HttpResponse:
    p = access.access_practice(request.user, pk, edit=True)
    orgs = _own_organizations(request.user) | Organization.objects.filter(pk__in=[o.pk for o in p.organizations.all()])
    form = PracticeForm(
        request.POST or None,
        instance=type(p).objects.get(pk=p.pk),
        organizations=orgs.distinct(),
        decisions=_decisions(request.user),
    )
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


def _material_upload(request: HttpRequest, form: MaterialForm, save: Any) -> None:
    """Validate the material form, call ``save(data, upload)`` and flash the result in Russian."""
    if not form.is_valid():
        messages.error(
            request,
            form_errors_text(form) or _("Укажите название материала и выберите файл или ссылку на видео."),
        )
        return
    cd = dict(form.cleaned_data)
    upload = cd.pop("file", None)
    data = {k: v for k, v in cd.items() if v not in (None, "")}
    try:
        save(data, (upload.name, upload.read()) if upload else None)
    except DomainError as exc:
        errors = getattr(exc, "errors", {}) or {}
        messages.error(request, "; ".join(m for ms in errors.values() for m in ms) or exc.message)
    else:
        messages.success(request, _("Материал добавлен."))


@login_required
@require_POST
def material_add(request: HttpRequest, pk: int) -> HttpResponse:
    p = access.access_practice(request.user, pk, edit=True)
    _material_upload(
        request,
        MaterialForm(request.POST, request.FILES),
        lambda data, upload: services.material_add(actor=request.user, practice=p, data=data, upload=upload),
    )
    return redirect(p)


@login_required
@require_POST
def event_material_add(request: HttpRequest, pk: int) -> HttpResponse:
    """A material of an event: its organisers attach anything, a speaker's organisation attaches
    materials to its own report."""
    event = event_access.access_event(request.user, pk)
    require(access.can_add_event_material(request.user, event))
    items = access.speaker_items(request.user, event)
    manager = event_access.can_manage_event(request.user, event)
    form = EventMaterialForm(request.POST, request.FILES, items=items, item_required=not manager)

    def save(data: dict[str, Any], upload: Any) -> Any:
        item = data.pop("programme_item", None)
        return services.event_material_add(
            actor=request.user, event=event, data=data, upload=upload, programme_item=item
        )

    _material_upload(request, form, save)
    return redirect(event.get_absolute_url() + "#materials")


def _serve(f: Any, content_type: str, *, inline: bool) -> FileResponse:
    response = FileResponse(
        f.open("rb"),
        content_type=content_type or "application/octet-stream",
        as_attachment=not inline,
        filename=f.name.rsplit("/", 1)[-1],
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def material_file(request: HttpRequest, pk: int) -> HttpResponse:
    m = access.access_material(request.user, pk)
    if not m.file:
        raise NotFound()
    return _serve(m.file, m.content_type, inline=m.content_type in INLINE_TYPES)


def material_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The cached PNG preview (first page of a PDF, a thumbnail of an image)."""
    m = access.access_material(request.user, pk)
    if not m.preview:
        raise NotFound()
    return _serve(m.preview, "image/png", inline=True)


@login_required
@require_POST
def material_delete(request: HttpRequest, pk: int) -> HttpResponse:
    m = access.access_material(request.user, pk, edit=True)
    back = m.practice.get_absolute_url() if m.practice_id else m.event.get_absolute_url() + "#materials"
    services.material_delete(actor=request.user, material=m)
    messages.success(request, _("Материал удалён."))
    return redirect(back)


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
