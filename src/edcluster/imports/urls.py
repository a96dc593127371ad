from django.urls import path

from edcluster.imports import views

app_name = "imports"

urlpatterns = [
    path("imports/", views.batch_list, name="batch_list"),
    path("clusters/<slug:slug>/imports/new/", views.upload, name="upload"),
    path("imports/<int:pk>/", views.batch_detail, name="batch_detail"),
    path("imports/<int:pk>/progress/", views.batch_progress, name="batch_progress"),
    path("imports/files/<int:pk>/", views.file_review, name="file_review"),
    path("imports/files/<int:pk>/accept/", views.file_accept, name="file_accept"),
    path("imports/files/<int:pk>/reject/", views.file_reject, name="file_reject"),
    path("imports/files/<int:pk>/original/", views.file_original, name="file_original"),
]
