from django.urls import path

from edcluster.meetings import views

app_name = "meetings"

urlpatterns = [
    path("clusters/<slug:slug>/bodies/", views.body_list, name="body_list"),
    path("clusters/<slug:slug>/bodies/new/", views.body_create, name="body_create"),
    path("clusters/<slug:slug>/decisions/", views.cluster_decisions, name="cluster_decisions"),
    path("bodies/<int:pk>/", views.body_detail, name="body_detail"),
    path("bodies/<int:pk>/decisions/", views.body_decisions, name="body_decisions"),
    path("bodies/<int:pk>/members/add/", views.member_add, name="member_add"),
    path("bodies/members/<int:pk>/remove/", views.member_remove, name="member_remove"),
    path("bodies/<int:pk>/meetings/new/", views.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/attendance/", views.attendance, name="attendance"),
    path("meetings/<int:pk>/attendance/from-event/", views.attendance_from_event, name="attendance_from_event"),
    path("meetings/<int:pk>/guests/add/", views.guest_add, name="guest_add"),
    path("meetings/<int:pk>/items/add/", views.item_add, name="item_add"),
    path("agenda-items/<int:pk>/edit/", views.item_edit, name="item_edit"),
    path("agenda-items/<int:pk>/delete/", views.item_delete, name="item_delete"),
    path("agenda-items/<int:pk>/attachments/add/", views.attachment_add, name="attachment_add"),
    path("agenda-attachments/<int:pk>/", views.attachment_download, name="attachment_download"),
    path("agenda-attachments/<int:pk>/delete/", views.attachment_delete, name="attachment_delete"),
    path("meetings/<int:pk>/decisions/add/", views.decision_add, name="decision_add"),
    path("meetings/<int:pk>/protocol/<str:action>/", views.protocol_action, name="protocol_action"),
    path("meetings/<int:pk>/amendments/add/", views.amendment_add, name="amendment_add"),
    path("decisions/<int:pk>/", views.decision_detail, name="decision_detail"),
    path("decisions/<int:pk>/edit/", views.decision_edit, name="decision_edit"),
    path("decisions/<int:pk>/delete/", views.decision_delete, name="decision_delete"),
    path("decisions/<int:pk>/progress/", views.decision_progress, name="decision_progress"),
    path("decisions/<int:pk>/evidence/add/", views.evidence_add, name="evidence_add"),
    path("decisions/<int:pk>/event/", views.decision_event_create, name="decision_event_create"),
    path("decisions/<int:pk>/milestones/add/", views.milestone_add, name="milestone_add"),
    path("sections/<int:pk>/results/", views.section_results, name="section_results"),
    path(
        "sections/<int:pk>/results/recommendations/add/",
        views.section_recommendation_add,
        name="section_recommendation_add",
    ),
]
