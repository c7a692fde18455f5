"""Back-office listing of guides and annual reports: read-only. The office edits them
on their own pages (reports.services), where publication is checked."""

from django.contrib import admin

from common.admin import ReadOnlyAdmin
from reports.models import AnnualReport, Guide


@admin.register(Guide)
class GuideAdmin(ReadOnlyAdmin):
    list_display = ("organisation", "updated_at", "updated_by")


@admin.register(AnnualReport)
class AnnualReportAdmin(ReadOnlyAdmin):
    list_display = ("year", "organisation", "status", "published_at")
    list_filter = ("status",)
