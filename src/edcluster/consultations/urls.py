from django.urls import path

from edcluster.consultations import views

app_name = "consultations"

urlpatterns = [
    path("consultations/", views.centre_list, name="centre_list"),
    path("consultations/new/", views.centre_create, name="centre_create"),
    path("consultations/reports/", views.area_report, name="area_report"),
    path("consultations/reports/xlsx/", views.area_report, {"fmt": "xlsx"}, name="area_report_xlsx"),
    path("consultations/reports/docx/", views.area_report, {"fmt": "docx"}, name="area_report_docx"),
    path("consultations/<int:pk>/", views.centre_detail, name="centre_detail"),
    path("consultations/<int:pk>/request/", views.request_create, name="request_create"),
    path("consultations/<int:pk>/office/", views.office, name="office"),
    path("consultations/<int:pk>/manage/", views.manage, name="manage"),
    path("consultations/<int:pk>/specialists/<int:sp_pk>/", views.specialist_edit, name="specialist_edit"),
    path("consultations/<int:pk>/schedule/<int:entry_pk>/delete/", views.schedule_remove, name="schedule_remove"),
    path("consultations/<int:pk>/book/", views.appointment_book, name="appointment_book"),
    path("consultations/<int:pk>/requests/<int:req_pk>/status/", views.request_status, name="request_status"),
    path("consultations/<int:pk>/records/new/", views.consultation_create, name="consultation_create"),
    path("consultations/<int:pk>/report/", views.centre_report, name="centre_report"),
    path("consultations/<int:pk>/report/xlsx/", views.centre_report, {"fmt": "xlsx"}, name="centre_report_xlsx"),
    path("consultations/<int:pk>/report/docx/", views.centre_report, {"fmt": "docx"}, name="centre_report_docx"),
    path("consultations/appointments/cancel/<str:token>/", views.appointment_cancel, name="appointment_cancel"),
    path("consultations/survey/<str:token>/", views.survey, name="survey"),
    path("consultations/questionnaires/<int:pk>/", views.questionnaire_answer, name="questionnaire_answer"),
    path("consultations/questionnaires/<int:pk>/results/", views.questionnaire_results, name="questionnaire_results"),
]
