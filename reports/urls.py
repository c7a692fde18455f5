from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("guide/", views.guide, name="guide"),
    path("guide/edit/", views.guide_edit, name="guide_edit"),
    path("catalogue.csv", views.catalogue_csv, name="catalogue_csv"),
    path("catalogue.xlsx", views.catalogue_xlsx, name="catalogue_xlsx"),
    path("annual/", views.annual_list, name="annual_list"),
    path("annual/manage/", views.annual_manage, name="annual_manage"),
    path("annual/<int:year>/", views.annual_detail, name="annual_detail"),
    path("annual/<int:year>/print/", views.annual_print, name="annual_print"),
    path("annual/<int:year>.xlsx", views.annual_xlsx, name="annual_xlsx"),
    path("annual/<int:year>/edit/", views.annual_edit, name="annual_edit"),
    path("annual/<int:year>/suggest/", views.annual_suggest, name="annual_suggest"),
    path("annual/<int:year>/publish/", views.annual_publish, name="annual_publish"),
    path("statistics/", views.statistics_view, name="statistics"),
]
