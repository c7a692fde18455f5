from django.urls import path

from requests_app import views

app_name = "requests_app"

urlpatterns = [
    # Public
    path("", views.apply, name="apply"),
    path("submitted/", views.submitted, name="submitted"),
    path("track/", views.track, name="track"),
    path("track/<str:number>/", views.track_detail, name="track_detail"),
    path("track/<str:number>/notice/", views.track_notice, name="track_notice"),
    path("track/<str:number>/correction/", views.track_correction, name="track_correction"),
    path("track/<str:number>/notice.pdf", views.track_notice_pdf, name="track_notice_pdf"),
    path("track/<str:number>/files/<int:file_id>/", views.track_file, name="track_file"),
    # Staff
    path("staff/", views.staff_list, name="staff_list"),
    path("staff/dashboard/", views.dashboard, name="dashboard"),
    path("staff/register/", views.register, name="register"),
    path("staff/complaints/", views.complaints, name="complaints"),
    path("staff/complaints/<int:pk>/answer/", views.complaint_answer, name="complaint_answer"),
    path("staff/remedies/", views.remedies, name="remedies"),
    path("staff/remedies/<int:pk>/conclude/", views.remedy_conclude, name="remedy_conclude"),
    path("staff/<int:pk>/", views.staff_detail, name="staff_detail"),
    path("staff/<int:pk>/act/<str:action>/", views.staff_action, name="staff_action"),
    path("staff/<int:pk>/notice/", views.staff_notice, name="staff_notice"),
    path("staff/<int:pk>/notice.pdf", views.staff_notice_pdf, name="staff_notice_pdf"),
    path(
        "staff/<int:pk>/deliveries/<int:delivery_id>/receipt/",
        views.delivery_receipt,
        name="delivery_receipt",
    ),
    path("staff/notice-settings/", views.notice_settings, name="notice_settings"),
    path("staff/proactive/", views.proactive, name="proactive"),
    path("staff/archive/", views.archive_export, name="archive_export"),
    path("staff/<int:pk>/case-file/", views.case_file, name="case_file"),
    path("staff/proactive/propose/", views.proactive_propose, name="proactive_propose"),
    path("staff/proactive/<int:pk>/resolve/", views.proactive_resolve, name="proactive_resolve"),
    path("staff/<int:pk>/files/<int:file_id>/", views.staff_file, name="staff_file"),
    path("staff/<int:pk>/remedies/", views.remedy_create, name="remedy_create"),
]
