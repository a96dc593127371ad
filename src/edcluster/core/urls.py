from django.urls import path

from edcluster.core import views

app_name = "core"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("outbox/", views.outbox_list, name="outbox"),
    path("outbox/<int:pk>/", views.outbox_detail, name="outbox_detail"),
    path("outbox/attachment/<int:pk>/", views.outbox_attachment, name="outbox_attachment"),
    path("consent/<str:token>/", views.consent_withdraw, name="consent_withdraw"),
    path("privacy/", views.privacy_admin, name="privacy_admin"),
    path("privacy/my/", views.privacy_request, name="privacy_request"),
    path("privacy/my/<str:token>/", views.privacy_subject, name="privacy_subject"),
]
