from django.contrib import admin
from django.urls import include, path

from accounts.forms import LoginForm
from inspection import public_views as inspection_public
from portal import accessibility, views

admin.site.site_header = "政府信息公开平台 · 管理后台"
admin.site.site_title = "政府信息公开平台"
admin.site.index_title = "后台管理"
# Lists of items are wide (status, deadline, flags): give them the whole width.
admin.site.enable_nav_sidebar = False
# Over-long usernames are refused by the form, before the lockout records see them.
admin.site.login_form = LoginForm

urlpatterns = [
    path("", views.home, name="home"),
    path("sitemap/", views.site_map, name="site_map"),
    path("contact/", views.contact, name="contact"),
    path("statement/", views.statement, name="statement"),
    path("accessibility/", accessibility.statement, name="accessibility"),
    path("elder-mode/", accessibility.elder_mode, name="elder_mode"),
    path("correction/", inspection_public.correction, name="correction"),
    path("correction/thanks/", inspection_public.correction_thanks, name="correction_thanks"),
    path("admin/", admin.site.urls),
    path("staff/", views.staff_start, name="staff_start"),
    path("accounts/", include("accounts.urls")),
    path("review/", include("review.urls")),
    path("requests/", include("requests_app.urls")),
    path("consultations/", include("consultations.urls")),
    path("enquiries/", include("enquiries.urls")),
    path("inspection/", include("inspection.urls")),
    path("reports/", include("reports.urls")),
    # The catalogue last: it owns the remaining public paths (columns, items, API, feeds).
    path("", include("disclosure.urls")),
]

handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"
handler403 = "portal.views.permission_denied"
handler400 = "portal.views.bad_request"
