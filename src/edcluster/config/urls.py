"""URL configuration. Each app's ``urls.py`` owns its own paths (and its own prefixes), so a new
app adds one line here and never touches another app's routes."""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from edcluster.api.views_api import api
from edcluster.core.auth_forms import OutboxPasswordResetForm
from edcluster.core.auth_views import LoginView

urlpatterns = [
    path("", include("edcluster.web.urls")),
    path("", include("edcluster.core.urls")),
    path("", include("edcluster.organizations.urls")),
    path("", include("edcluster.partnerships.urls")),
    path("", include("edcluster.events.urls")),
    path("", include("edcluster.meetings.urls")),
    path("", include("edcluster.certificates.urls")),
    path("", include("edcluster.consultations.urls")),
    path("", include("edcluster.practices.urls")),
    path("", include("edcluster.training.urls")),
    path("", include("edcluster.documents.urls")),
    path("", include("edcluster.imports.urls")),
    path("", include("edcluster.analytics.urls")),
    path("", include("edcluster.search.urls")),
    path("", include("edcluster.api.urls")),
    path("api/", api.urls),
    path("accounts/login/", LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password_reset/",
        auth_views.PasswordResetView.as_view(form_class=OutboxPasswordResetForm),
        name="password_reset",
    ),
    path("accounts/password_reset/done/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "accounts/reset/<uidb64>/<token>/", auth_views.PasswordResetConfirmView.as_view(), name="password_reset_confirm"
    ),
    path("accounts/reset/done/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler404 = "edcluster.web.views.not_found"
