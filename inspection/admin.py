"""Back-office views of inspection records: read-only. Every change goes through the
office's pages (inspection.services), so the workflow and its log stay whole."""

from django.contrib import admin

from common.admin import ReadOnlyAdmin
from inspection.models import Evaluation, Finding, InspectionRun, RectificationTask, TaskEvent


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
