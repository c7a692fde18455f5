"""Back office of the review app: the sensitive-word list, maintained by the 安全管理员
(三员 separation), and read-only views of the decision records."""

from django.contrib import admin

from audit.models import AuditAction
from audit.services import audit_record
from common.admin import ReadOnlyAdmin
from review.models import ChangeNote, Decision, SensitiveWord, SignOff
from review.permissions import can_manage_sensitive_words


@admin.register(SensitiveWord)
class SensitiveWordAdmin(admin.ModelAdmin):
    list_display = ("word", "note", "is_active", "created_by", "created_at")
    list_filter = ("is_active",)
    search_fields = ("word", "note")

    def has_module_permission(self, request):
        return can_manage_sensitive_words(request.user)

    def has_view_permission(self, request, obj=None):
        return can_manage_sensitive_words(request.user)

    def has_add_permission(self, request):
        return can_manage_sensitive_words(request.user)

    def has_change_permission(self, request, obj=None):
        return can_manage_sensitive_words(request.user)

    def has_delete_permission(self, request, obj=None):
        return can_manage_sensitive_words(request.user)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
        # F8: changes of the sensitive-word list are audited.
        if change:
            detail = f"修改敏感词“{obj.word}”：" + "、".join(
                str(form.fields[name].label) for name in form.changed_data
            )
        else:
            detail = f"新增敏感词“{obj.word}”"
        audit_record(
            action=AuditAction.SENSITIVE_WORDS,
            actor=request.user,
            target=obj,
            request=request,
            detail=detail,
        )

    def delete_model(self, request, obj):
        self._audit_deletion(request, [obj])
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        self._audit_deletion(request, list(queryset))
        super().delete_queryset(request, queryset)

    def _audit_deletion(self, request, words):
        for word in words:
            audit_record(
                action=AuditAction.SENSITIVE_WORDS,
                actor=request.user,
                target=word,
                request=request,
                detail=f"删除敏感词“{word.word}”",
            )


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    list_display = ("item", "stage", "action", "actor", "created_at", "revision")
    list_filter = ("action", "stage")
    search_fields = ("item__title", "opinion")
    list_select_related = ("item", "actor")


@admin.register(SignOff)
class SignOffAdmin(ReadOnlyAdmin):
    list_display = ("item", "signer", "signer_title", "signed_on", "recorded_by", "recorded_at")
    list_select_related = ("item", "recorded_by")


@admin.register(ChangeNote)
class ChangeNoteAdmin(ReadOnlyAdmin):
    list_display = ("item", "substantive", "note", "changed_fields", "recorded_by", "changed_at")
    list_filter = ("substantive",)
    list_select_related = ("item", "recorded_by")
