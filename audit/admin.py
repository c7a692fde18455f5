from django.contrib import admin

from audit.models import AuditEntry
from audit.permissions import can_read_audit_log


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("at", "actor_name", "action", "target_repr", "ip_address")
    list_filter = ("action", "at")
    search_fields = ("actor_name", "target_repr", "detail", "ip_address")
    date_hierarchy = "at"

    def has_module_permission(self, request):
        return can_read_audit_log(request.user)

    def has_view_permission(self, request, obj=None):
        return can_read_audit_log(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
