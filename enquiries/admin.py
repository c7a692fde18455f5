"""政务咨询 in the back office: read-only records (handled on the staff pages through
enquiries.services)."""

from django.contrib import admin

from common.admin import ReadOnlyAdmin
from enquiries.models import Enquiry
from enquiries.permissions import sees_all


@admin.register(Enquiry)
class EnquiryAdmin(ReadOnlyAdmin):
    list_display = ("subject", "submitted_at", "status", "section", "is_published")
    list_filter = ("status", "is_published")
    exclude = ("client_digest",)

    def has_module_permission(self, request):
        return sees_all(request.user)

    def has_view_permission(self, request, obj=None):
        return sees_all(request.user)
