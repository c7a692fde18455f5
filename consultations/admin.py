"""Read-only admin views of consultations: every change goes through the staff
pages and `consultations.services`, so the rules (window, moderation record,
release blockers) hold on every path."""

from django.contrib import admin

from common.admin import ReadOnlyAdmin
from consultations import permissions
from consultations.models import Comment, Consultation, Moderation


class ConsultationRecordAdmin(ReadOnlyAdmin):
    def has_module_permission(self, request):
        return permissions.can_use_staff_pages(request.user)

    def has_view_permission(self, request, obj=None):
        if obj is None:
            return permissions.can_use_staff_pages(request.user)
        return permissions.can_view_consultation(request.user, self.consultation_of(obj))

    @admin.display(description="署名")
    def author(self, obj) -> str:
        return obj.display_name

    def consultation_of(self, obj) -> Consultation:
        return obj


@admin.register(Consultation)
class ConsultationAdmin(ConsultationRecordAdmin):
    list_display = ["item", "opens_at", "closes_at", "is_internal", "feedback_item"]
    list_filter = ["is_internal"]
    search_fields = ["item__title"]
    list_select_related = ["item", "feedback_item"]

    def get_queryset(self, request):
        return permissions.consultations_visible_to(request.user)


class ModerationInline(admin.TabularInline):
    model = Moderation
    extra = 0
    can_delete = False
    readonly_fields = ["action", "from_status", "to_status", "reason", "moderator", "at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Comment)
class CommentAdmin(ConsultationRecordAdmin):
    list_display = ["id", "consultation", "author", "status", "adoption", "submitted_at"]
    list_filter = ["status", "adoption"]
    # The contact is personal data: not listed, not searchable here.
    exclude = ["contact", "body_digest", "client_digest"]
    inlines = [ModerationInline]

    def get_queryset(self, request):
        return Comment.objects.filter(
            consultation__in=permissions.consultations_visible_to(request.user)
        ).select_related("consultation__item")

    @admin.display(description="署名")
    def author(self, obj) -> str:
        return obj.display_name

    def consultation_of(self, obj) -> Consultation:
        return obj.consultation
