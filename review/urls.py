from django.urls import path

from review import views

app_name = "review"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("items/<int:pk>/", views.item_review, name="item"),
    path("items/<int:pk>/reveal/", views.item_reveal, name="reveal"),
    path("items/<int:pk>/<slug:action>/", views.item_action, name="action"),
]
