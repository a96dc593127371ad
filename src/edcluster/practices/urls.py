from django.urls import path

from edcluster.practices import views

app_name = "practices"

urlpatterns = [
    path("practices/", views.practice_list, name="list"),
    path("practices/new/", views.practice_create, name="create"),
    path("practices/<int:pk>/", views.practice_detail, name="detail"),
    path("practices/<int:pk>/edit/", views.practice_edit, name="edit"),
    path("practices/<int:pk>/materials/add/", views.material_add, name="material_add"),
    path("practices/<int:pk>/adopt/", views.adoption_create, name="adopt"),
    path("practices/materials/<int:pk>/", views.material_file, name="material_file"),
    path("practices/materials/<int:pk>/preview/", views.material_preview, name="material_preview"),
    path("events/<int:pk>/materials/add/", views.event_material_add, name="event_material_add"),
    path("practices/materials/<int:pk>/delete/", views.material_delete, name="material_delete"),
    path("practices/digest/optout/<str:token>/", views.digest_optout, name="digest_optout"),
    path("practices/adoptions/<int:pk>/edit/", views.adoption_edit, name="adoption_edit"),
]
