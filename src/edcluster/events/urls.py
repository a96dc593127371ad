from django.urls import path

from edcluster.events import views

app_name = "events"

urlpatterns = [
    path("clusters/<slug:slug>/events/", views.cluster_events, name="cluster_events"),
    path("clusters/<slug:slug>/events.ics", views.cluster_feed, name="cluster_feed"),
    path("clusters/<slug:slug>/events/new/", views.event_create, name="event_create"),
    path("events/<int:pk>/", views.event_detail, name="event_detail"),
    path("events/<int:pk>/event.ics", views.event_ics_view, name="event_ics"),
    path("events/<int:pk>/register/", views.register, name="register"),
    path("events/<int:pk>/edit/", views.event_edit, name="event_edit"),
    path("events/<int:pk>/programme/", views.programme, name="programme"),
    path("events/<int:pk>/programme/<str:kind>/<int:item_pk>/delete/", views.programme_remove, name="programme_remove"),
    path("events/<int:pk>/status/", views.event_status, name="event_status"),
    path("events/<int:pk>/registrations/", views.registrations, name="registrations"),
    path("events/<int:pk>/registrations/<int:registration_id>/moderate/", views.moderate, name="moderate"),
    path("events/<int:pk>/check-in/", views.check_in, name="check_in"),
    path("events/<int:pk>/no-shows/", views.no_shows, name="no_shows"),
    path("events/registration/<uuid:secret>/", views.registration_status, name="registration_status"),
    path("events/registration/<uuid:secret>/offer/", views.registration_offer, name="registration_offer"),
    path("events/registration/<uuid:secret>/cancel/", views.registration_cancel, name="registration_cancel"),
]
