from django.urls import path

from enquiries import views

app_name = "enquiries"

urlpatterns = [
    path("", views.answers, name="answers"),
    path("ask/", views.ask, name="ask"),
    path("ask/thanks/", views.thanks, name="thanks"),
    path("staff/", views.staff_list, name="staff_list"),
    path("staff/<int:pk>/", views.staff_detail, name="staff_detail"),
    path("staff/<int:pk>/route/", views.staff_route, name="staff_route"),
    path("staff/<int:pk>/answer/", views.staff_answer, name="staff_answer"),
    path("staff/<int:pk>/publish/", views.staff_publish, name="staff_publish"),
]
