from django.urls import path

from edcluster.organizations import views

app_name = "organizations"

urlpatterns = [
    path("clusters/new/", views.cluster_create, name="cluster_create"),
    path("clusters/<slug:slug>/", views.cluster_detail, name="cluster_detail"),
    path("clusters/<slug:slug>/edit/", views.cluster_edit, name="cluster_edit"),
    path("clusters/<slug:slug>/access/", views.cluster_access, name="cluster_access"),
    path("clusters/<slug:slug>/access/<int:pk>/revoke/", views.role_revoke, name="role_revoke"),
    path("clusters/<slug:slug>/members/add/", views.membership_add, name="membership_add"),
    path("clusters/<slug:slug>/members/<int:pk>/remove/", views.membership_remove, name="membership_remove"),
    path("organizations/", views.organization_list, name="organization_list"),
    path("organizations/new/", views.organization_create, name="organization_create"),
    path("organizations/autocomplete/", views.organization_autocomplete, name="organization_autocomplete"),
    path("organizations/autocomplete/clusters/", views.cluster_autocomplete, name="cluster_autocomplete"),
    path(
        "organizations/autocomplete/clusters/by-id/",
        views.cluster_autocomplete_by_id,
        name="cluster_autocomplete_by_id",
    ),
    path("people/autocomplete/", views.person_autocomplete, name="person_autocomplete"),
    path(
        "organizations/autocomplete/clusters/to-fill/",
        views.cluster_autocomplete_to_fill,
        name="cluster_autocomplete_to_fill",
    ),
    path("organizations/<int:pk>/", views.organization_detail, name="organization_detail"),
    path("organizations/<int:pk>/edit/", views.organization_edit, name="organization_edit"),
    path("organizations/<int:pk>/confirm/", views.organization_confirm, name="organization_confirm"),
    path("organizations/<int:pk>/parents/", views.parents_community, name="parents_community"),
    path("organizations/<int:org_pk>/people/new/", views.person_create, name="person_create"),
    path("people/", views.person_list, name="person_list"),
    path("people/<int:pk>/", views.person_detail, name="person_detail"),
    path("people/<int:pk>/edit/", views.person_edit, name="person_edit"),
    path("people/<int:pk>/positions/add/", views.position_add, name="position_add"),
    path("positions/<int:pk>/remove/", views.position_remove, name="position_remove"),
    path("registry/import/", views.registry_import, name="registry_import"),
    path("registry/import/template/<str:kind>/", views.registry_import_template, name="registry_import_template"),
    path("registry/import/<uuid:uuid>/", views.registry_import_review, name="registry_import_review"),
]
