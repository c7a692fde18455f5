"""Back-office views of inspection records: read-only. Every change goes through the
office's pages (inspection.services), so the workflow and its log stay whole."""

from django import forms
from django.contrib import admin
from django.http import Http404

from common.admin import ReadOnlyAdmin
from inspection import services
from inspection.models import (
    CorrectionReport,
    Evaluation,
    Finding,
    InspectionRun,
    RectificationTask,
    TaskEvent,
)
from inspection.permissions import can_handle_corrections


class FindingInline(admin.TabularInline):
    model = Finding
    fields = ("kind", "section", "subject", "message")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(InspectionRun)
class InspectionRunAdmin(ReadOnlyAdmin):
    list_display = ("as_of", "trigger", "started_by", "finished_at")
    list_filter = ("trigger",)
    inlines = [FindingInline]


@admin.register(Evaluation)
class EvaluationAdmin(ReadOnlyAdmin):
    list_display = ("title", "kind", "evaluator", "held_on", "score")
    list_filter = ("kind",)
    inlines = [FindingInline]


@admin.register(Finding)
class FindingAdmin(ReadOnlyAdmin):
    list_display = ("kind", "subject", "section", "run", "evaluation")
    list_filter = ("kind", "section")
    search_fields = ("subject", "message")


class TaskEventInline(admin.TabularInline):
    model = TaskEvent
    fields = ("at", "action", "actor", "note", "status_after")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(RectificationTask)
class RectificationTaskAdmin(ReadOnlyAdmin):
    list_display = ("pk", "title", "section", "status", "due_on")
    list_filter = ("status", "section")
    search_fields = ("title",)
    inlines = [TaskEventInline]


class CorrectionHandleForm(forms.ModelForm):
    class Meta:
        model = CorrectionReport
        fields = ["reply"]

    def clean_reply(self):
        reply = (self.cleaned_data.get("reply") or "").strip()
        if not reply:
            raise forms.ValidationError("请填写处理情况。")
        return reply


@admin.register(CorrectionReport)
class CorrectionReportAdmin(admin.ModelAdmin):
    """Visitors' 纠错 reports: the office reads them and records how each was handled
    (inspection.services.correction_handle); nobody else sees them (404)."""

    form = CorrectionHandleForm
    actions = None
    list_display = ("submitted_at", "kind", "short_description", "page_url", "status")
    list_filter = ("status", "kind")
    search_fields = ("description", "page_url")
    fields = (
        "kind",
        "page_url",
        "description",
        "name",
        "contact",
        "submitted_at",
        "status",
        "handled_at",
        "reply",
    )
    readonly_fields = (
        "kind",
        "page_url",
        "description",
        "name",
        "contact",
        "submitted_at",
        "status",
        "handled_at",
    )

    @admin.display(description="问题描述")
    def short_description(self, obj):
        return obj.description[:40]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return queryset if can_handle_corrections(request.user) else queryset.none()

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404("not found")
        return obj

    def has_module_permission(self, request):
        return can_handle_corrections(request.user)

    def has_view_permission(self, request, obj=None):
        return can_handle_corrections(request.user)

    def has_change_permission(self, request, obj=None):
        return can_handle_corrections(request.user)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        saved = services.correction_handle(
            report=obj, reply=form.cleaned_data.get("reply", ""), acting_user=request.user
        )
        obj.status, obj.handled_at = saved.status, saved.handled_at
