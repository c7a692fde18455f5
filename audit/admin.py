"""The audit log in the back office: the audit administrator (审计管理员) reads,
filters and exports it; nobody adds, changes or deletes entries."""

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest
from django.urls import path
from django.utils import timezone

from audit.models import AuditAction, AuditEntry
from audit.permissions import can_read_audit_log
from audit.services import audit_record
from common.exports import CSV_CONTENT_TYPE, csv_stream, download_response

EXPORT_HEADER = ["时间", "操作人", "IP 地址", "操作", "对象类型", "对象", "说明", "结果"]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("at", "actor_name", "action", "target_repr", "outcome", "ip_address")
    list_filter = ("action", "outcome", "at")
    search_fields = ("actor_name", "target_repr", "detail", "ip_address")
    date_hierarchy = "at"
    change_list_template = "audit/change_list.html"
    actions = None

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

    def get_urls(self):
        export = self.admin_site.admin_view(self.export_view)
        return [path("export/", export, name="audit_auditentry_export"), *super().get_urls()]

    def export_view(self, request):
        """The entries the list shows (its filters and search), as CSV. The export
        is itself an entry."""
        if not can_read_audit_log(request.user):
            raise PermissionDenied
        try:
            entries = self.get_changelist_instance(request).get_queryset(request)
        except IncorrectLookupParameters:
            return HttpResponseBadRequest("筛选条件有误，请返回审计日志列表重新选择。")
        count = entries.count()
        export = audit_record(
            action=AuditAction.EXPORT,
            actor=request.user,
            request=request,
            detail=f"导出审计日志 {count} 条",
        )
        rows = (
            [
                timezone.localtime(e.at).strftime("%Y-%m-%d %H:%M:%S"),
                e.actor_name,
                e.ip_address or "",
                e.get_action_display(),
                e.target_type,
                e.target_repr,
                e.detail,
                e.get_outcome_display(),
            ]
            for e in entries.exclude(pk=export.pk).iterator()
        )
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        return download_response(
            csv_stream(EXPORT_HEADER, rows),
            filename=f"审计日志-{stamp}.csv",
            content_type=CSV_CONTENT_TYPE,
            private=True,
        )
