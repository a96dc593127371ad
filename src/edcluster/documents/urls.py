from django.urls import path

from edcluster.documents import views

app_name = "documents"

urlpatterns = [
    path("documents/new/<str:kind>/<int:pk>/", views.generate, name="generate"),
    path("documents/<int:pk>/", views.document_detail, name="document_detail"),
    path("documents/<int:pk>/download/<str:fmt>/", views.download, name="download"),
    path("documents/<int:pk>/pdf/", views.request_pdf, name="request_pdf"),
    path("clusters/<slug:slug>/templates/", views.templates, name="templates"),
    path("clusters/<slug:slug>/templates/<str:kind>/", views.template_upload, name="template_upload"),
    path("clusters/<slug:slug>/templates/<str:kind>/download/", views.template_download, name="template_download"),
    path("clusters/<slug:slug>/templates/<str:kind>/reset/", views.template_reset, name="template_reset"),
]
