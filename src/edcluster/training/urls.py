from django.urls import path

from edcluster.training import views

app_name = "training"

urlpatterns = [
    path("training/", views.index, name="index"),
    path("training/colleges/<int:college_id>/periods/new/", views.period_create, name="period_create"),
    path("training/periods/<int:pk>/", views.period_detail, name="period_detail"),
    path("training/periods/<int:pk>/places/", views.places_set, name="places_set"),
    path("training/periods/<int:pk>/assign/", views.assign, name="assign"),
    path("training/periods/<int:pk>/choose/<int:base_id>/", views.choose, name="choose"),
    path("training/placements/<int:pk>/", views.placement_detail, name="placement_detail"),
    path("training/placements/<int:pk>/cancel/", views.placement_cancel, name="placement_cancel"),
    path("training/placements/<int:pk>/diary/", views.diary_add, name="diary_add"),
    path("training/placements/<int:pk>/evaluation/", views.evaluate, name="evaluate"),
    path("training/placements/<int:pk>/final-mark/", views.final_mark, name="final_mark"),
    path("training/placements/<int:pk>/feedback/<str:kind>/", views.feedback, name="feedback"),
    path("training/diary/<int:pk>/file/", views.diary_file, name="diary_file"),
    path("training/diary/<int:pk>/comment/", views.diary_comment, name="diary_comment"),
    path("training/bases/", views.by_base, name="by_base"),
    path("training/bases/<int:pk>/", views.base_detail, name="base_detail"),
    path("training/outcomes/", views.outcomes, name="outcomes"),
    path("training/colleges/<int:college_id>/bases/new/", views.base_create, name="base_create"),
    path("training/bases/<int:pk>/mentors/new/", views.mentor_add, name="mentor_add"),
    path("training/bases/<int:pk>/mentors/<int:person_id>/remove/", views.mentor_remove, name="mentor_remove"),
    path("training/colleges/<int:college_id>/groups/new/", views.group_create, name="group_create"),
    path("training/groups/<int:pk>/", views.group_detail, name="group_detail"),
    path("training/colleges/<int:college_id>/employment/", views.employment, name="employment"),
    path("training/bases/<int:pk>/edit/", views.base_edit, name="base_edit"),
    path("training/bases/<int:pk>/delete/", views.base_delete, name="base_delete"),
    path("training/students/<int:pk>/remove/", views.student_remove, name="student_remove"),
    path("training/placements/<int:pk>/mentor/", views.placement_mentor, name="placement_mentor"),
    path("training/places/<int:pk>/students.xlsx", views.base_list_xlsx, name="base_list_xlsx"),
]
