from django.urls import path

from edcluster.certificates import views

app_name = "certificates"

urlpatterns = [
    path("events/<int:pk>/certificates/", views.event_certificates, name="event"),
    path("events/<int:pk>/certificates/kinds/default/", views.kinds_default, name="kinds_default"),
    path("events/<int:pk>/certificates/kinds/new/", views.kind_edit, name="kind_new"),
    path("events/<int:pk>/certificates/kinds/<int:kind_id>/", views.kind_edit, name="kind_edit"),
    path("events/<int:pk>/certificates/kinds/<int:kind_id>/marks/", views.kind_marks, name="kind_marks"),
    path("events/<int:pk>/certificates/kinds/<int:kind_id>/preview.pdf", views.kind_preview, name="kind_preview"),
    path("events/<int:pk>/certificates/design/", views.design, name="design"),
    path("events/<int:pk>/certificates/issue/", views.issue, name="issue"),
    path("events/<int:pk>/certificates/progress/", views.progress, name="progress"),
    path("events/<int:pk>/certificates.pdf", views.download, {"fmt": "pdf"}, name="download_pdf"),
    path("events/<int:pk>/certificates.zip", views.download, {"fmt": "zip"}, name="download_zip"),
    path("certificates/<int:certificate_id>/revoke/", views.revoke, name="revoke"),
    path("clusters/<slug:slug>/certificates/numbering/", views.series, name="series"),
    path("verify/<str:code>/", views.verify, name="verify"),
    path("verify/<str:code>/certificate.pdf", views.verify_pdf, name="verify_pdf"),
    path("my-certificates/<str:token>/", views.my_certificates, name="my"),
]
