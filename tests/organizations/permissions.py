from edcluster.core import tabular
from edcluster.organizations.models import Membership, Organization
from tests.permissions import (
    ADMIN,
    COORDINATORS,
    EVERYONE,
    SIGNED_IN,
    WITH_ROLE,
    X_COORDINATOR,
    X_EDITORS,
    X_READERS,
    Case,
)


def org_payload(w):
    return {"full_name": "Новая школа матрицы", "kind": "school", "municipality": "Киров", "cluster": w.cluster_x.pk}


def person_payload(w):
    return {
        "last_name": "Новикова",
        "first_name": "Нина",
        "middle_name": "Ивановна",
        "gender": "",
        "email": "",
        "phone": "",
        "position_title": "учитель",
    }


def import_job(w):
    from tests.organizations.test_import import good_rows, xlsx

    return tabular.import_validate(
        actor=w.coordinator_x,
        kind="organizations",
        filename="m.xlsx",
        data=xlsx(good_rows(1)),
        options={"cluster": w.cluster_x.pk},
    )


def a_membership(w):
    return Membership.objects.get(cluster=w.cluster_x, organization=w.org_a).pk


def viewer_role(w):
    return w.viewer_x.roles.get().pk


def a_position(w):
    return w.person_a.positions.get().pk


ORG = "organizations:"
CASES = [
    Case(ORG + "cluster_create", "GET", lambda w: "/clusters/new/", ADMIN),
    Case(ORG + "cluster_detail", "GET", lambda w: "/clusters/x/", EVERYONE),
    Case(ORG + "cluster_edit", "GET", lambda w: "/clusters/x/edit/", X_COORDINATOR),
    Case(ORG + "cluster_access", "GET", lambda w: "/clusters/x/access/", X_COORDINATOR),
    Case(
        ORG + "cluster_access",
        "POST",
        lambda w: "/clusters/x/access/",
        X_COORDINATOR,
        data=lambda w: {"email": "invited@example.test", "role": "viewer"},
    ),
    Case(ORG + "role_revoke", "POST", lambda w: f"/clusters/x/access/{viewer_role(w)}/revoke/", X_COORDINATOR),
    Case(
        ORG + "cluster_edit",
        "POST",
        lambda w: "/clusters/x/edit/",
        X_COORDINATOR,
        data=lambda w: {"name": "Кластер Икс", "slug": "x", "region": "43", "is_public": "on"},
    ),
    Case(
        ORG + "membership_add",
        "POST",
        lambda w: "/clusters/x/members/add/",
        X_COORDINATOR,
        data=lambda w: {"organization": w.org_b.pk, "role": "partner"},
    ),
    Case(ORG + "membership_remove", "POST", lambda w: f"/clusters/x/members/{a_membership(w)}/remove/", X_COORDINATOR),
    Case(ORG + "organization_list", "GET", lambda w: "/organizations/", EVERYONE),
    Case(ORG + "organization_create", "GET", lambda w: "/organizations/new/", COORDINATORS),
    Case(
        ORG + "organization_create",
        "POST",
        lambda w: "/organizations/new/",
        X_COORDINATOR,
        data=org_payload,
        unchanged=lambda w: not Organization.objects.filter(full_name="Новая школа матрицы").exists(),
    ),
    Case(ORG + "organization_autocomplete", "GET", lambda w: "/organizations/autocomplete/?q=школа", EVERYONE),
    Case(ORG + "cluster_autocomplete", "GET", lambda w: "/organizations/autocomplete/clusters/?q=кластер", EVERYONE),
    Case(
        ORG + "cluster_autocomplete_by_id", "GET", lambda w: "/organizations/autocomplete/clusters/by-id/?q=x", EVERYONE
    ),
    Case(ORG + "person_autocomplete", "GET", lambda w: "/people/autocomplete/?q=алексеева", SIGNED_IN),
    Case(
        ORG + "cluster_autocomplete_to_fill",
        "GET",
        lambda w: "/organizations/autocomplete/clusters/to-fill/?q=кластер",
        SIGNED_IN,
    ),
    Case(ORG + "organization_detail", "GET", lambda w: f"/organizations/{w.org_a.pk}/", EVERYONE),
    Case(ORG + "organization_edit", "GET", lambda w: f"/organizations/{w.org_a.pk}/edit/", X_EDITORS),
    Case(
        ORG + "organization_edit",
        "POST",
        lambda w: f"/organizations/{w.org_a.pk}/edit/",
        X_EDITORS,
        data=lambda w: {"full_name": "Школа А", "kind": "school", "municipality": "Новый город"},
    ),
    Case(ORG + "organization_confirm", "POST", lambda w: f"/organizations/{w.org_a.pk}/confirm/", COORDINATORS),
    Case(ORG + "parents_community", "POST", lambda w: f"/organizations/{w.org_a.pk}/parents/", X_EDITORS),
    Case(ORG + "person_create", "GET", lambda w: f"/organizations/{w.org_a.pk}/people/new/", X_EDITORS),
    Case(
        ORG + "person_create",
        "POST",
        lambda w: f"/organizations/{w.org_a.pk}/people/new/",
        X_EDITORS,
        data=person_payload,
    ),
    Case(ORG + "person_list", "GET", lambda w: "/people/", WITH_ROLE),
    Case(ORG + "person_detail", "GET", lambda w: f"/people/{w.person_a.pk}/", X_READERS),
    Case(ORG + "person_edit", "GET", lambda w: f"/people/{w.person_a.pk}/edit/", X_EDITORS),
    Case(
        ORG + "person_edit",
        "POST",
        lambda w: f"/people/{w.person_a.pk}/edit/",
        X_EDITORS,
        data=lambda w: {
            "last_name": "Алексеева",
            "first_name": "Анна",
            "middle_name": "Андреевна",
            "gender": "female",
            "email": "",
            "phone": "+7 900 000-00-00",
        },
    ),
    Case(ORG + "position_add", "GET", lambda w: f"/people/{w.person_a.pk}/positions/add/", X_EDITORS),
    Case(ORG + "position_remove", "POST", lambda w: f"/positions/{a_position(w)}/remove/", X_EDITORS),
    Case(ORG + "registry_import", "GET", lambda w: "/registry/import/", COORDINATORS),
    Case(ORG + "registry_import_template", "GET", lambda w: "/registry/import/template/organizations/", COORDINATORS),
    Case(
        ORG + "registry_import_review",
        "GET",
        lambda w: f"/registry/import/{import_job(w).uuid}/",
        frozenset({"coordinator_x"}),
    ),
    # API
    Case("GET /api/clusters", "GET", lambda w: "/api/clusters", EVERYONE),
    Case("GET /api/clusters/{slug}", "GET", lambda w: "/api/clusters/x", EVERYONE),
    Case(
        "POST /api/clusters",
        "POST",
        lambda w: "/api/clusters",
        ADMIN,
        json=True,
        data=lambda w: {"name": "Кластер Зет", "slug": "z"},
    ),
    Case(
        "PATCH /api/clusters/{slug}",
        "PATCH",
        lambda w: "/api/clusters/x",
        X_COORDINATOR,
        json=True,
        data=lambda w: {"municipality": "Киров"},
    ),
    Case("GET /api/organizations", "GET", lambda w: "/api/organizations", EVERYONE),
    Case("GET /api/organizations/{org_id}", "GET", lambda w: f"/api/organizations/{w.org_a.pk}", EVERYONE),
    Case(
        "POST /api/organizations",
        "POST",
        lambda w: "/api/organizations",
        X_COORDINATOR,
        json=True,
        data=lambda w: {"full_name": "Школа API", "kind": "school", "cluster": "x"},
    ),
    Case(
        "PATCH /api/organizations/{org_id}",
        "PATCH",
        lambda w: f"/api/organizations/{w.org_a.pk}",
        X_EDITORS,
        json=True,
        data=lambda w: {"phone": "+7 900 111-11-11"},
    ),
    Case("GET /api/people", "GET", lambda w: "/api/people", WITH_ROLE),
    Case("GET /api/people/{person_id}", "GET", lambda w: f"/api/people/{w.person_a.pk}", X_READERS),
    Case(
        "POST /api/people",
        "POST",
        lambda w: "/api/people",
        X_EDITORS,
        json=True,
        data=lambda w: {
            "last_name": "Апишева",
            "first_name": "Анна",
            "organization_id": w.org_a.pk,
            "position": "учитель",
        },
    ),
    Case(
        "PATCH /api/people/{person_id}",
        "PATCH",
        lambda w: f"/api/people/{w.person_a.pk}",
        X_EDITORS,
        json=True,
        data=lambda w: {"phone": "+7 900 222-22-22"},
    ),
]


# Memberships, confirmation and positions through the API: the same roles as the pages.
CASES += [
    Case(
        "PUT /api/clusters/{slug}/members/{org_id}",
        "PUT",
        lambda w: f"/api/clusters/x/members/{w.org_b.pk}",
        X_COORDINATOR,
        data=lambda w: {"role": "partner"},
        json=True,
    ),
    Case(
        "DELETE /api/clusters/{slug}/members/{org_id}",
        "DELETE",
        lambda w: f"/api/clusters/x/members/{w.org_a.pk}",
        X_COORDINATOR,
    ),
    Case(
        "POST /api/organizations/{org_id}/confirm",
        "POST",
        lambda w: f"/api/organizations/{w.org_a.pk}/confirm",
        COORDINATORS,
    ),
    Case(
        "POST /api/people/{person_id}/positions",
        "POST",
        lambda w: f"/api/people/{w.person_a.pk}/positions",
        X_EDITORS,
        data=lambda w: {"organization_id": w.org_a.pk, "title": "заместитель директора"},
        json=True,
    ),
    Case("DELETE /api/positions/{position_id}", "DELETE", lambda w: f"/api/positions/{a_position(w)}", X_EDITORS),
]
