"""Partnership pages: thin — parse input, ask ``access``, call one service or selector, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from edcluster.core import tabular
from edcluster.core.access import require
from edcluster.core.errors import DomainError, NotFound, ValidationError
from edcluster.core.forms import form_errors_from
from edcluster.core.selectors import audit_entries_for
from edcluster.core.views import tabular_import_review
from edcluster.core.xlsx import xlsx_response
from edcluster.events.models import Event
from edcluster.meetings.models import Decision
from edcluster.organizations.access import access_organization, editable_organizations
from edcluster.organizations.models import Organization, OrganizationKind
from edcluster.partnerships import access, docx, graph, selectors, services
from edcluster.partnerships.forms import (
    AmendmentForm,
    AttachmentForm,
    DirectionForm,
    ImportForm,
    NetworkFilterForm,
    PartnerSearchForm,
    PartnershipCreateForm,
    PartnershipFilterForm,
    PartnershipForm,
    PartyForm,
    RenewForm,
)
from edcluster.partnerships.models import Direction, Party, PartyRole
from edcluster.partnerships.services import PARTNERSHIP_FIELDS
from edcluster.web.pagination import paginate
from edcluster.web.panels import Panel

EXPORT_HEADERS = [
    "Номер",
    "Название",
    "Вид",
    "Статус",
    "Дата подписания",
    "Действует с",
    "Действует по",
    "Стороны",
    "Направления",
]


def _export_rows(qs: Any) -> list[list[Any]]:
    return [
        [
            p.number,
            p.title,
            p.get_kind_display(),
            p.get_status_display(),
            p.signed_on,
            p.valid_from,
            "бессрочно" if p.indefinite else p.valid_until,
            "; ".join(f"{x.organization.display_name} ({x.get_role_display()})" for x in p.parties.all()),
            "; ".join(d.name for d in p.directions.all()),
        ]
        for p in qs
    ]


def partnership_list(request: HttpRequest) -> HttpResponse:
    form = PartnershipFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    qs = selectors.partnership_list(
        request.user,
        q=filters.get("q", ""),
        direction=filters.get("direction"),
        kind=filters.get("kind", ""),
        status=filters.get("status", ""),
        organization_kind=filters.get("organization_kind", ""),
        municipality=filters.get("municipality", ""),
        expiring_soon=filters.get("expiring_soon", False),
    )
    if request.GET.get("export") == "xlsx":
        return xlsx_response("партнёрства.xlsx", [("Партнёрства", EXPORT_HEADERS, _export_rows(qs))])
    page, query_string = paginate(request, qs)
    return render(
        request,
        "partnerships/partnership_list.html",
        {
            "form": form,
            "page": page,
            "query_string": query_string,
            "can_create": access.can_create_partnership(request.user),
            "can_manage_directions": access.can_manage_directions(request.user),
        },
    )


def partnership_detail(request: HttpRequest, pk: int) -> HttpResponse:
    p = access.access_partnership(request.user, pk)
    can_edit = access.can_edit_partnership(request.user, p)
    return render(
        request,
        "partnerships/partnership_detail.html",
        {
            "p": p,
            "parties": p.parties.select_related("organization", "signatory"),
            "can_edit": can_edit,
            "party_form": PartyForm() if can_edit else None,
            "amendment_form": AmendmentForm() if can_edit else None,
            "attachment_form": AttachmentForm() if can_edit else None,
            "renew_form": RenewForm() if can_edit else None,
            "renewal": getattr(p, "renewal", None) if hasattr(p, "renewal") else None,
            "history": audit_entries_for(p) if can_edit else None,
            "links": selectors.partnership_links(request.user, p),
            "link_candidates": selectors.link_candidates(request.user, p) if can_edit else None,
        },
    )


@login_required
@require_POST
def partnership_links(request: HttpRequest, pk: int) -> HttpResponse:
    """Link or unlink an event or a decision (``kind`` = event | decision, ``target`` = its id)."""
    p = access.access_partnership(request.user, pk)
    require(access.can_edit_partnership(request.user, p))
    kind, raw = request.POST.get("kind", ""), request.POST.get("target", "")
    model = {"event": Event, "decision": Decision}.get(kind)
    target = model.objects.filter(pk=int(raw)).first() if model is not None and raw.isdigit() else None
    try:
        if target is None:
            raise ValidationError(_("Выберите мероприятие или решение."))
        services.partnership_link(
            actor=request.user, partnership=p, unlink=request.POST.get("action") == "remove", **{kind: target}
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Связи партнёрства обновлены."))
    return redirect(p)


@login_required
def partnership_create(request: HttpRequest) -> HttpResponse:
    require(access.can_create_partnership(request.user))
    own = editable_organizations(request.user)
    form = PartnershipCreateForm(request.POST or None, own_organizations=own)
    if request.method == "POST" and form.is_valid():
        cd = form.cleaned_data
        parties = [{"organization": cd["own_organization"], "role": cd["own_role"]}]
        parties += [
            {"organization": o, "role": PartyRole.PARTNER} for o in cd["partners"] if o.pk != cd["own_organization"].pk
        ]
        try:
            p = services.partnership_create(
                actor=request.user,
                data={k: cd[k] for k in PARTNERSHIP_FIELDS},
                parties=parties,
                directions=cd["directions"],
            )
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Партнёрство создано (черновик)."))
            return redirect(p)
    return render(request, "partnerships/form.html", {"form": form, "title": _("Новое партнёрство")})


@login_required
def partnership_edit(request: HttpRequest, pk: int) -> HttpResponse:
    p = access.access_partnership(request.user, pk, edit=True)
    form = PartnershipForm(
        request.POST or None, instance=type(p).objects.get(pk=p.pk), initial={"directions": p.directions.all()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.partnership_update(
                actor=request.user,
                partnership=p,
                data={k: form.cleaned_data[k] for k in PARTNERSHIP_FIELDS},
                directions=form.cleaned_data["directions"],
            )
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Изменения сохранены."))
            return redirect(p)
    return render(request, "partnerships/form.html", {"form": form, "title": p.title, "back": p})


def _action(request: HttpRequest, pk: int, fn: Any, ok: str, **kwargs: Any) -> HttpResponse:
    p = access.access_partnership(request.user, pk, edit=True)
    try:
        result = fn(actor=request.user, partnership=p, **kwargs)
    except DomainError as exc:
        messages.error(
            request,
            exc.message if not getattr(exc, "errors", None) else "; ".join(m for ms in exc.errors.values() for m in ms),
        )
        return redirect(p)
    messages.success(request, ok)
    return redirect(result if hasattr(result, "get_absolute_url") else p)


@login_required
@require_POST
def partnership_activate(request: HttpRequest, pk: int) -> HttpResponse:
    return _action(request, pk, services.partnership_activate, _("Партнёрство введено в действие."))


@login_required
@require_POST
def partnership_terminate(request: HttpRequest, pk: int) -> HttpResponse:
    return _action(request, pk, services.partnership_terminate, _("Партнёрство расторгнуто."))


@login_required
@require_POST
def partnership_renew(request: HttpRequest, pk: int) -> HttpResponse:
    form = RenewForm(request.POST)
    if not form.is_valid():
        access.access_partnership(request.user, pk, edit=True)
        messages.error(request, _("Проверьте дату нового срока."))
        return redirect("partnerships:detail", pk)
    return _action(
        request, pk, services.partnership_renew, _("Создана новая редакция партнёрства."), **form.cleaned_data
    )


@login_required
@require_POST
def party_add(request: HttpRequest, pk: int) -> HttpResponse:
    form = PartyForm(request.POST)
    if not form.is_valid():
        access.access_partnership(request.user, pk, edit=True)
        messages.error(request, _("Выберите организацию и роль."))
        return redirect("partnerships:detail", pk)
    return _action(request, pk, services.party_add, _("Сторона добавлена."), data=form.cleaned_data)


@login_required
@require_POST
def party_remove(request: HttpRequest, pk: int) -> HttpResponse:
    party = get_object_or_404(Party.objects.select_related("partnership", "organization"), pk=pk)
    p = access.access_partnership(request.user, party.partnership_id, edit=True)
    try:
        services.party_remove(actor=request.user, party=party)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Сторона удалена."))
    return redirect(p)


@login_required
@require_POST
def amendment_add(request: HttpRequest, pk: int) -> HttpResponse:
    form = AmendmentForm(request.POST)
    if not form.is_valid():
        access.access_partnership(request.user, pk, edit=True)
        messages.error(request, _("Опишите изменения."))
        return redirect("partnerships:detail", pk)
    return _action(
        request, pk, services.amendment_add, _("Дополнительное соглашение добавлено."), data=form.cleaned_data
    )


@login_required
@require_POST
def attachment_add(request: HttpRequest, pk: int) -> HttpResponse:
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        access.access_partnership(request.user, pk, edit=True)
        messages.error(request, _("Укажите название и выберите файл."))
        return redirect("partnerships:detail", pk)
    return _action(request, pk, services.attachment_add, _("Файл добавлен."), data=form.cleaned_data)


# --- directions ------------------------------------------------------------------------------------


@login_required
def direction_list(request: HttpRequest) -> HttpResponse:
    require(access.can_manage_directions(request.user))
    form = DirectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.direction_create(actor=request.user, data=form.cleaned_data)
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Направление добавлено."))
            return redirect("partnerships:directions")
    return render(request, "partnerships/direction_list.html", {"form": form, "directions": Direction.objects.all()})


@login_required
def direction_edit(request: HttpRequest, pk: int) -> HttpResponse:
    require(access.can_manage_directions(request.user))
    direction = get_object_or_404(Direction, pk=pk)
    form = DirectionForm(request.POST or None, instance=Direction.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.direction_update(actor=request.user, direction=direction, data=form.cleaned_data)
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Изменения сохранены."))
            return redirect("partnerships:directions")
    return render(request, "partnerships/form.html", {"form": form, "title": direction.name})


# --- an organisation's partners --------------------------------------------------------------------


def organization_partners_panel(request: HttpRequest, org: Organization) -> Panel | None:
    groups = selectors.partners_by_direction(request.user, org)
    return Panel(
        title=_("Партнёры по направлениям"),
        template="partnerships/_partners_panel.html",
        context={"groups": groups, "org": org},
    )


def our_partners(request: HttpRequest, pk: int) -> HttpResponse:
    org = access_organization(request.user, pk)
    groups = selectors.partners_by_direction(request.user, org)
    if request.GET.get("format") == "docx":
        data = docx.our_partners_docx(org, groups)
        response = HttpResponse(
            data, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        )
        response["Content-Disposition"] = "attachment; filename*=UTF-8''nashi-partnery.docx"
        return response
    return render(request, "partnerships/our_partners.html", {"org": org, "groups": groups})


def partner_search(request: HttpRequest) -> HttpResponse:
    form = PartnerSearchForm(request.GET or None)
    results = None
    if form.is_valid() and any(form.cleaned_data.values()):
        results = selectors.partner_search(request.user, **form.cleaned_data)
    return render(request, "partnerships/partner_search.html", {"form": form, "results": results})


# --- the network -----------------------------------------------------------------------------------


def _scope(request: HttpRequest) -> tuple[NetworkFilterForm, graph.Scope]:
    form = NetworkFilterForm(request.GET or None)
    cd = form.cleaned_data if form.is_valid() else {}
    scope = graph.Scope(
        cluster=cd.get("cluster"),
        municipality=cd.get("municipality", ""),
        region=cd.get("region", ""),
        direction=cd.get("direction"),
    )
    require(access.can_view_network(request.user, scope.cluster))
    return form, scope


# The page draws at most this much; larger scopes show metrics and exports and ask for a filter.
DRAW_MAX_NODES = 1500
DRAW_MAX_EDGES = 5000


def network(request: HttpRequest) -> HttpResponse:
    form, scope = _scope(request)
    chosen = bool(scope.cluster or scope.municipality or scope.region)
    ng = graph.network_graph(scope) if chosen else None
    too_big = ng is not None and (len(ng.nodes) > DRAW_MAX_NODES or len(ng.edges) > DRAW_MAX_EDGES)
    return render(
        request,
        "partnerships/network.html",
        {
            "form": form,
            "chosen": chosen,
            "draw": chosen and not too_big,
            "metrics": graph.graph_metrics(ng) if ng is not None else None,
            "query": request.GET.urlencode(),
            "kind_colours": [
                (label, graph.KIND_COLOURS.get(value, "#999999")) for value, label in OrganizationKind.choices
            ],
        },
    )


def network_json(request: HttpRequest) -> JsonResponse:
    _form, scope = _scope(request)
    return JsonResponse(graph.graph_json(graph.network_graph(scope)))


def network_export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in {"graphml", "gexf", "xlsx"}:
        raise NotFound()
    _form, scope = _scope(request)
    ng = graph.network_graph(scope)
    if fmt == "graphml":
        response = HttpResponse(graph.graphml_bytes(ng), content_type="application/graphml+xml")
    elif fmt == "gexf":
        response = HttpResponse(graph.gexf_bytes(ng), content_type="application/gexf+xml")
    else:
        return xlsx_response(
            "связи.xlsx",
            [
                (
                    "Связи",
                    ["Организация", "Тип", "Партнёр", "Тип партнёра", "Партнёрств", "Направления"],
                    graph.edge_rows(ng),
                )
            ],
        )
    response["Content-Disposition"] = f'attachment; filename="network.{fmt}"'
    return response


# --- XLSX import -----------------------------------------------------------------------------------


@login_required
def partnership_import(request: HttpRequest) -> HttpResponse:
    require(access.can_import_partnerships(request.user))
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            job = tabular.import_validate(
                actor=request.user, kind="partnerships", filename=upload.name, data=upload.read()
            )
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            return redirect("partnerships:import_review", uuid=job.uuid)
    return render(
        request, "partnerships/import_upload.html", {"form": form, "importer": tabular.REGISTRY["partnerships"]}
    )


@login_required
def partnership_import_review(request: HttpRequest, uuid: str) -> HttpResponse:
    return tabular_import_review(request, uuid, kinds=("partnerships",), upload_url=reverse("partnerships:import"))
