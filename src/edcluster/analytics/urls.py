from django.urls import path

from edcluster.analytics import views

app_name = "analytics"

urlpatterns = [
    path("analytics/", views.dashboard, name="dashboard"),
    path("analytics/clusters/", views.clusters, name="clusters"),
    path("analytics/refresh/", views.refresh, name="refresh"),
    path("analytics/records/", views.drill, name="drill"),
    path("analytics/report.docx", views.report, name="report"),
]
