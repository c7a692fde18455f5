from django.urls import path

from consultations import views

app_name = "consultations"

urlpatterns = [
    path("", views.consultation_list, name="list"),
    path("<int:pk>/", views.consultation_detail, name="detail"),
    path("<int:pk>/comment/", views.comment_create, name="comment"),
    path("staff/", views.staff_list, name="staff_list"),
    path("staff/new/", views.staff_create, name="staff_create"),
    path("staff/<int:pk>/", views.staff_detail, name="staff_detail"),
    path("staff/<int:pk>/edit/", views.staff_edit, name="staff_edit"),
    path("staff/<int:pk>/extend/", views.staff_extend, name="staff_extend"),
    path("staff/<int:pk>/attachments/", views.staff_attachment_add, name="staff_attachment_add"),
    path(
        "staff/<int:pk>/attachments/<int:attachment_pk>/delete/",
        views.staff_attachment_delete,
        name="staff_attachment_delete",
    ),
    path(
        "staff/<int:pk>/comments/<int:comment_pk>/moderate/",
        views.staff_moderate,
        name="staff_moderate",
    ),
    path(
        "staff/<int:pk>/comments/<int:comment_pk>/adoption/",
        views.staff_adoption,
        name="staff_adoption",
    ),
    path("staff/<int:pk>/feedback/", views.staff_feedback, name="staff_feedback"),
    path("staff/<int:pk>/policy/", views.staff_policy_link, name="staff_policy_link"),
    path("staff/<int:pk>/export.<str:fmt>", views.staff_export, name="staff_export"),
]
