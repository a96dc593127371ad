from django.urls import path

from edcluster.partnerships import views

app_name = "partnerships"

urlpatterns = [
    path("partnerships/", views.partnership_list, name="list"),
    path("partnerships/new/", views.partnership_create, name="create"),
    path("partnerships/search/", views.partner_search, name="search"),
    path("partnerships/import/", views.partnership_import, name="import"),
    path("partnerships/import/<uuid:uuid>/", views.partnership_import_review, name="import_review"),
    path("partnerships/directions/", views.direction_list, name="directions"),
    path("partnerships/directions/<int:pk>/", views.direction_edit, name="direction_edit"),
    path("partnerships/<int:pk>/", views.partnership_detail, name="detail"),
    path("partnerships/<int:pk>/edit/", views.partnership_edit, name="edit"),
    path("partnerships/<int:pk>/activate/", views.partnership_activate, name="activate"),
    path("partnerships/<int:pk>/terminate/", views.partnership_terminate, name="terminate"),
    path("partnerships/<int:pk>/renew/", views.partnership_renew, name="renew"),
    path("partnerships/<int:pk>/links/", views.partnership_links, name="links"),
    path("partnerships/<int:pk>/parties/add/", views.party_add, name="party_add"),
    path("partnerships/parties/<int:pk>/remove/", views.party_remove, name="party_remove"),
    path("partnerships/<int:pk>/amendments/add/", views.amendment_add, name="amendment_add"),
    path("partnerships/<int:pk>/attachments/add/", views.attachment_add, name="attachment_add"),
    path("organizations/<int:pk>/partners/", views.our_partners, name="our_partners"),
    path("network/", views.network, name="network"),
    path("network/graph.json", views.network_json, name="network_json"),
    path("network/export.<str:fmt>", views.network_export, name="network_export"),
]
