"""Registry pages: thin — parse input, ask ``access``, call one service or selector, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from edcluster.core import tabular
from edcluster.core.access import require
from edcluster.core.errors import DomainError, NotFound
from edcluster.core.forms import form_errors_from
from edcluster.core.selectors import audit_entries_for
from edcluster.core.views import tabular_import_review
from edcluster.core.xlsx import xlsx_response
from edcluster.organizations import access, selectors, services
from edcluster.organizations.forms import (
    ClusterForm,
    ImportUploadForm,
    InviteForm,
    MembershipForm,
    OrganizationFilterForm,
    OrganizationForm,
    PersonCreateForm,
    PersonForm,
    PositionForm,
)
from edcluster.organizations.models import LEGAL_FORMS, Cluster, Membership, Organization, Position
from edcluster.organizations.regions import REGION_NAMES
from edcluster.organizations.services import CLUSTER_FIELDS, ORGANIZATION_FIELDS, PERSON_FIELDS
from edcluster.web.pagination import paginate
from edcluster.web.panels import panels_for

# --- clusters --------------------------------------------------------------------------------------


def cluster_detail(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = access.access_cluster(request.user, slug)
    memberships = (
        Membership.objects.filter(cluster=cluster)
        .select_related("organization")
        .order_by("role", "organization__short_name", "organization__full_name")
    )
    return render(
        request,
        "organizations/cluster_detail.html",
        {
            "cluster": cluster,
            "memberships": memberships,
            "can_edit": access.can_edit_cluster(request.user, cluster),
            "membership_form": MembershipForm() if access.can_edit_cluster(request.user, cluster) else None,
            "panels": panels_for("cluster", request, cluster),
            "history": audit_entries_for(cluster) if access.can_edit_cluster(request.user, cluster) else None,
        },
    )


@login_required
def cluster_create(request: HttpRequest) -> HttpResponse:
    require(access.can_create_cluster(request.user))
    form = ClusterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            cluster = services.cluster_create(
                actor=request.user, data={k: form.cleaned_data[k] for k in CLUSTER_FIELDS}
            )
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Кластер создан."))
            return redirect(cluster)
    return render(request, "organizations/form.html", {"form": form, "title": _("Новый кластер")})


@login_required
def cluster_edit(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = access.access_cluster(request.user, slug, edit=True)
    form = ClusterForm(request.POST or None, instance=Cluster.objects.get(pk=cluster.pk))
    if request.method == "POST" and form.is_valid():
        try:
            cluster = services.cluster_update(
                actor=request.user, cluster=cluster, data={k: form.cleaned_data[k] for k in CLUSTER_FIELDS}
            )
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Изменения сохранены."))
            return redirect(cluster)
    return render(request, "organizations/form.html", {"form": form, "title": cluster.name, "back": cluster})


@login_required
@require_POST
def membership_add(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = access.access_cluster(request.user, slug, edit=True)
    form = MembershipForm(request.POST)
    if form.is_valid():
        try:
            services.membership_set(actor=request.user, cluster=cluster, **form.cleaned_data)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Организация добавлена в кластер."))
    else:
        messages.error(request, _("Выберите организацию и роль."))
    return redirect(cluster)


@login_required
@require_POST
def membership_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    cluster = access.access_cluster(request.user, slug, edit=True)
    membership = get_object_or_404(Membership.objects.select_related("cluster"), pk=pk, cluster=cluster)
    try:
        services.membership_remove(actor=request.user, membership=membership)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Организация исключена из кластера."))
    return redirect(cluster)


# --- organisations ---------------------------------------------------------------------------------

EXPORT_HEADERS = [
    "Полное наименование",
    "Краткое наименование",
    "Правовая форма",
    "Тип",
    "Направленность",
    "Регион",
    "Муниципалитет",
    "Адрес",
    "ИНН",
    "ОГРН",
    "Телефон",
    "E-mail",
    "Сайт",
    "Кластеры",
]


# The registry's lists (organisations, people) read their matches up to this many («более 1000 …»).
REGISTRY_COUNT_CAP = 1000


def organization_list(request: HttpRequest) -> HttpResponse:
    clusters = selectors.clusters_visible(request.user)
    choices, remote = selectors.cluster_picker(clusters, user=request.user, selected=request.GET.get("cluster", ""))
    form = OrganizationFilterForm(
        request.GET or None,
        clusters=choices,
        clusters_remote=remote,
        municipalities=selectors.municipalities(region=request.GET.get("region", "")),
    )
    filters = form.cleaned_data if form.is_valid() else {}
    export = request.GET.get("export") == "xlsx"
    qs = selectors.organization_list(
        user=request.user,
        cluster=clusters.filter(slug=filters["cluster"]).first() if filters.get("cluster") else None,
        kind=filters.get("kind", ""),
        region=filters.get("region", ""),
        municipality=filters.get("municipality", ""),
        query=filters.get("q", ""),
        page_rows=not export,
    )
    if export:
        rows = (
            [
                o.full_name,
                o.short_name,
                o.legal_form,
                o.get_kind_display(),
                o.get_kindergarten_orientation_display(),
                REGION_NAMES.get(o.region, ""),
                o.municipality,
                o.address,
                o.inn,
                o.ogrn,
                o.phone,
                o.email,
                o.website,
                "; ".join(m.cluster.name for m in o.memberships.all()),
            ]
            for o in qs.iterator(chunk_size=500)
        )
        return xlsx_response("организации.xlsx", [("Организации", EXPORT_HEADERS, rows)])
    page, query_string = paginate(request, qs, cap=REGISTRY_COUNT_CAP)
    page.object_list = selectors.with_cluster_links(page.object_list)
    return render(
        request,
        "organizations/organization_list.html",
        {
            "form": form,
            "page": page,
            "query_string": query_string,
            "can_create": access.can_create_organization(request.user),
            "can_import": access.can_import_registry(request.user),
        },
    )


def organization_detail(request: HttpRequest, pk: int) -> HttpResponse:
    org = selectors.organization_detail(organization=access.access_organization(request.user, pk))
    private = access.can_see_private_organization_data(request.user, org)
    can_edit = access.can_edit_organization(request.user, org)
    return render(
        request,
        "organizations/organization_detail.html",
        {
            "org": org,
            "parents_community": Organization.objects.filter(parents_of=org).first(),
            "region_name": REGION_NAMES.get(org.region, ""),
            "positions": org.positions.all() if private else None,
            "can_edit": can_edit,
            "can_confirm": not org.is_confirmed and access.can_confirm_organization(request.user, org),
            "panels": panels_for("organization", request, org),
            "history": audit_entries_for(org) if can_edit else None,
        },
    )


def _organization_form_page(request: HttpRequest, form: OrganizationForm, title: str, back=None) -> HttpResponse:
    return render(
        request,
        "organizations/organization_form.html",
        {"form": form, "title": title, "back": back, "legal_forms": LEGAL_FORMS},
    )


@login_required
def organization_create(request: HttpRequest) -> HttpResponse:
    require(access.can_create_organization(request.user))
    form = OrganizationForm(request.POST or None, clusters=selectors.clusters_to_fill(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            org = services.organization_create(
                actor=request.user,
                data={k: form.cleaned_data[k] for k in ORGANIZATION_FIELDS},
                cluster=form.cleaned_data.get("cluster"),
            )
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Организация добавлена в реестр."))
            return redirect(org)
    return _organization_form_page(request, form, _("Новая организация"))


@login_required
def organization_edit(request: HttpRequest, pk: int) -> HttpResponse:
    org = access.access_organization(request.user, pk, edit=True)
    form = OrganizationForm(request.POST or None, instance=Organization.objects.get(pk=org.pk))
    if request.method == "POST" and form.is_valid():
        try:
            org = services.organization_update(
                actor=request.user, organization=org, data={k: form.cleaned_data[k] for k in ORGANIZATION_FIELDS}
            )
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Изменения сохранены."))
            return redirect(org)
    return _organization_form_page(request, form, org.display_name, back=org)


@login_required
@require_POST
def organization_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    org = access.access_organization(request.user, pk)
    services.organization_confirm(actor=request.user, organization=org)
    messages.success(request, _("Организация подтверждена."))
    return redirect(org)


@login_required
@require_POST
def parents_community(request: HttpRequest, pk: int) -> HttpResponse:
    """Make the organisation's parents a party that partnerships can name (created once)."""
    org = access.access_organization(request.user, pk, edit=True)
    try:
        community = services.parents_community_ensure(actor=request.user, organization=org)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(org)
    return redirect(community)


def organization_autocomplete(request: HttpRequest) -> JsonResponse:
    """Organisations for a picker: ``[{id, text}]`` for the typed words (tom-select)."""
    orgs = selectors.organization_autocomplete(user=request.user, query=request.GET.get("q", "")[:100])
    return JsonResponse(
        {"results": [{"id": o.pk, "text": o.display_name, "municipality": o.municipality} for o in orgs]}
    )


@login_required
def person_autocomplete(request: HttpRequest) -> JsonResponse:
    """People the user may see, for person pickers (a signatory, a practice's authors):
    ``[{id, text}]``; nothing for a user who may not list people."""
    people = selectors.person_autocomplete(user=request.user, query=request.GET.get("q", "")[:100])
    return JsonResponse({"results": [{"id": p.pk, "text": str(p)} for p in people]})


def cluster_autocomplete(request: HttpRequest) -> JsonResponse:
    """Clusters the user may see, for the registry's cluster picker: ``[{id: slug, text}]``."""
    return cluster_autocomplete_response(request, selectors.clusters_visible(request.user))


def cluster_autocomplete_by_id(request: HttpRequest) -> JsonResponse:
    """The same for a form's cluster field keyed by id: ``[{id, text}]``."""
    return cluster_autocomplete_response(request, selectors.clusters_visible(request.user), key="pk")


@login_required
def cluster_autocomplete_to_fill(request: HttpRequest) -> JsonResponse:
    """Clusters the user may add organisations to, for the creation and import forms' picker:
    ``[{id: pk, text}]``."""
    return cluster_autocomplete_response(request, selectors.clusters_to_fill(request.user), key="pk")


def cluster_autocomplete_response(request: HttpRequest, clusters: QuerySet[Cluster], key: str = "slug") -> JsonResponse:
    """The clusters among ``clusters`` named by the typed words, as a picker reads them."""
    found = selectors.cluster_autocomplete(clusters, request.GET.get("q", "")[:100], key=key)
    return JsonResponse({"results": [{"id": slug, "text": name} for slug, name in found]})


# --- people ----------------------------------------------------------------------------------------


@login_required
def person_list(request: HttpRequest) -> HttpResponse:
    require(access.can_list_people(request.user), _("Список людей доступен участникам кластеров."))
    query = request.GET.get("q", "").strip()
    qs = selectors.person_list(user=request.user, query=query)
    if request.GET.get("export") == "xlsx":
        rows = (
            [
                p.last_name,
                p.first_name,
                p.middle_name,
                p.email,
                p.phone,
                "; ".join(f"{pos.title}, {pos.organization}" for pos in p.positions.all()),
            ]
            for p in qs.iterator(chunk_size=500)
        )
        return xlsx_response(
            "люди.xlsx", [("Люди", ["Фамилия", "Имя", "Отчество", "E-mail", "Телефон", "Должности"], rows)]
        )
    page, query_string = paginate(request, qs, cap=REGISTRY_COUNT_CAP)
    return render(request, "organizations/person_list.html", {"page": page, "q": query, "query_string": query_string})


@login_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = selectors.person_detail(person=access.access_person(request.user, pk))
    can_edit = access.can_edit_person(request.user, person)
    return render(
        request,
        "organizations/person_detail.html",
        {
            "person": person,
            "can_edit": can_edit,
            "panels": panels_for("person", request, person),
            "history": audit_entries_for(person) if can_edit else None,
        },
    )


@login_required
def person_create(request: HttpRequest, org_pk: int) -> HttpResponse:
    org = access.access_organization(request.user, org_pk, edit=True)
    form = PersonCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.person_create(
                actor=request.user,
                data={k: form.cleaned_data[k] for k in PERSON_FIELDS},
                organization=org,
                position_title=form.cleaned_data["position_title"],
            )
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Человек добавлен."))
            return redirect(person)
    return render(
        request,
        "organizations/form.html",
        {"form": form, "title": _("Новый сотрудник: %(org)s") % {"org": org.display_name}, "back": org},
    )


@login_required
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = access.access_person(request.user, pk, edit=True)
    form = PersonForm(request.POST or None, instance=selectors.person_detail(person=person))
    if request.method == "POST" and form.is_valid():
        try:
            person = services.person_update(
                actor=request.user, person=person, data={k: form.cleaned_data[k] for k in PERSON_FIELDS}
            )
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Изменения сохранены."))
            return redirect(person)
    return render(request, "organizations/form.html", {"form": form, "title": person.full_name, "back": person})


@login_required
def position_add(request: HttpRequest, pk: int) -> HttpResponse:
    person = access.access_person(request.user, pk, edit=True)
    form = PositionForm(request.POST or None, organizations=access.editable_organizations(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            services.position_add(actor=request.user, person=person, **form.cleaned_data)
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Должность добавлена."))
            return redirect(person)
    return render(
        request,
        "organizations/form.html",
        {"form": form, "title": _("Должность: %(name)s") % {"name": person.full_name}, "back": person},
    )


@login_required
@require_POST
def position_remove(request: HttpRequest, pk: int) -> HttpResponse:
    position = get_object_or_404(Position.objects.select_related("person", "organization"), pk=pk)
    person = access.access_person(request.user, position.person_id)
    services.position_remove(actor=request.user, position=position)
    messages.success(request, _("Должность удалена."))
    return redirect(person)


# --- XLSX import -----------------------------------------------------------------------------------


@login_required
def registry_import(request: HttpRequest) -> HttpResponse:
    require(access.can_import_registry(request.user))
    form = ImportUploadForm(
        request.POST or None, request.FILES or None, clusters=selectors.clusters_to_fill(request.user)
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        cluster = form.cleaned_data.get("cluster")
        try:
            job = tabular.import_validate(
                actor=request.user,
                kind=form.cleaned_data["kind"],
                filename=upload.name,
                data=upload.read(),
                options={"cluster": cluster.pk if cluster else None},
            )
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            return redirect("organizations:registry_import_review", uuid=job.uuid)
    return render(
        request,
        "organizations/import_upload.html",
        {"form": form, "importers": [tabular.REGISTRY["organizations"], tabular.REGISTRY["people"]]},
    )


@login_required
def registry_import_review(request: HttpRequest, uuid: str) -> HttpResponse:
    return tabular_import_review(
        request, uuid, kinds=("organizations", "people"), upload_url=reverse("organizations:registry_import")
    )


@login_required
def registry_import_template(request: HttpRequest, kind: str) -> HttpResponse:
    require(access.can_import_registry(request.user))
    importer = tabular.REGISTRY.get(kind)
    if importer is None or kind not in ("organizations", "people"):
        raise NotFound()
    headers = [c.label + ("*" if c.required else "") for c in importer.columns]
    return xlsx_response(
        f"шаблон-{kind}.xlsx", [(str(importer.title), headers, [[c.example for c in importer.columns]])]
    )


# --- access to a cluster ---------------------------------------------------------------------------


@login_required
def cluster_access(request: HttpRequest, slug: str) -> HttpResponse:
    """Who has which role in the cluster; the coordinator invites editors and viewers."""
    cluster = access.access_cluster(request.user, slug, edit=True)
    orgs = Organization.objects.filter(memberships__cluster=cluster).order_by("short_name", "full_name")
    form = InviteForm(request.POST or None, organizations=orgs)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.user_invite(
                actor=request.user,
                email=data["email"],
                role=data["role"],
                cluster=cluster if data["role"] == "viewer" else None,
                organization=data["organization"] if data["role"] == "editor" else None,
                first_name=data["first_name"],
                last_name=data["last_name"],
            )
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Доступ предоставлен."))
            return redirect("organizations:cluster_access", slug=cluster.slug)
    assignments = selectors.cluster_role_assignments(cluster=cluster)
    return render(
        request, "organizations/cluster_access.html", {"cluster": cluster, "form": form, "assignments": assignments}
    )


@login_required
@require_POST
def role_revoke(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    cluster = access.access_cluster(request.user, slug, edit=True)
    assignment = selectors.cluster_role_assignments(cluster=cluster).filter(pk=pk).first()
    if assignment is None:
        raise NotFound()
    services.role_revoke(actor=request.user, assignment=assignment)
    messages.success(request, _("Доступ отозван."))
    return redirect("organizations:cluster_access", slug=cluster.slug)
