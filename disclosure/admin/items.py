"""The back office of the items (Django admin, in Chinese)."""

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from simple_history.admin import SimpleHistoryAdmin

from accounts.roles import has_role
from common.sanitize import clean_html
from disclosure import permissions, services
from disclosure.admin._common import AdminCssMixin, NotFoundUnlessVisibleMixin, _copy_saved
from disclosure.admin.attachments import AttachmentInline, ItemAttachmentsMixin
from disclosure.admin.history import ItemHistoryMixin
from disclosure.admin.item_list import DeadlineFilter, ItemListColumnsMixin
from disclosure.forms import ItemAdminForm
from disclosure.models import Item


def _review_url(item: Item) -> str | None:
    """The item's page in the review workflow (F3), once that app provides it."""
    try:
        return reverse("review:item", args=[item.pk])
    except NoReverseMatch:
        return None


@admin.register(Item)
class ItemAdmin(
    ItemHistoryMixin,
    ItemAttachmentsMixin,
    ItemListColumnsMixin,
    AdminCssMixin,
    NotFoundUnlessVisibleMixin,
    SimpleHistoryAdmin,
):
    form = ItemAdminForm
    inlines = [AttachmentInline]
    actions = None  # no bulk changes: every change goes through a service, one by one
    object_history_list_template = "admin/disclosure/item/object_history_list.html"
    list_display = (
        "title",
        "status_badge",
        "column_name",
        "formed",
        "deadline",
        "published_on",
    )
    list_display_links = ("title",)
    list_filter = (
        DeadlineFilter,
        "status",
        "publicity",
        ("section", admin.RelatedOnlyFieldListFilter),
        ("column", admin.RelatedOnlyFieldListFilter),
        "topic",
        "validity",
    )
    list_select_related = ("column", "column__parent", "section")
    search_fields = ("title", "document_number", "index_number", "keywords")
    search_help_text = "按标题、文号、索引号或关键词搜索"
    list_per_page = 50
    # What staff touched last comes first (the model's order is the public one).
    ordering = ("-updated_at", "-id")
    readonly_fields = (
        "status_badge",
        "review_link",
        "index_number",
        "published_at",
        "producing_section",
        "due_date",
        "deadline_flag",
        "drafter",
        "created_at",
        "updated_at",
        "is_signed_document",
        "needs_interpretation",
        "interprets",
        "responds_to",
        "signatory",
        "scheduled_at",
        "withdrawn_at",
        "withdrawal_reason",
        "replaced_by",
    )
    fieldsets = (
        (
            "基本信息",
            {
                "fields": (
                    "column",
                    "title",
                    ("document_type", "document_number"),
                    "joint_issuers",
                    ("written_on", "formed_on"),
                    ("topic", "content_category"),
                    "matter",
                    "validity",
                    "keywords",
                    "summary",
                    "body",
                )
            },
        ),
        (
            "行政规范性文件",
            {
                "fields": (
                    ("is_normative", "normative_code"),
                    ("effective_on", "valid_until", "repealed_on"),
                    "no_consultation_reason",
                ),
                "description": "本局制发的行政规范性文件须填写文号、统一编号、施行日期和内容概述；"
                "有效期届满自动显示为“已失效”，到期前局办公室在巡查中收到提醒。",
            },
        ),
        (
            "公开属性（第七条第一项）",
            {
                "fields": ("publicity", "non_disclosure_reason", "publicity_note"),
                "description": "依申请公开、不予公开须选择第六条规定的理由并写明具体说明。",
            },
        ),
        (
            "状态与期限",
            {
                "fields": (
                    ("status_badge", "review_link"),
                    ("due_date", "deadline_flag"),
                    "index_number",
                    "published_at",
                    "producing_section",
                    ("drafter", "created_at", "updated_at"),
                ),
                "description": "状态、索引号和发布日期由审核发布流程记录，不能手工修改。",
            },
        ),
        (
            "审核发布流程",
            {
                "classes": ("collapse",),
                "fields": (
                    "is_signed_document",
                    "needs_interpretation",
                    "interprets",
                    "responds_to",
                    "signatory",
                    "scheduled_at",
                    "withdrawn_at",
                    "withdrawal_reason",
                    "replaced_by",
                ),
            },
        ),
    )

    # --- read-only view: rendered body, plain column ---

    @admin.display(description="正文")
    def body_html(self, obj):
        # Sanitised on every save; cleaned again here so the page never trusts storage.
        return mark_safe(clean_html(obj.body)) if obj and obj.body else "—"  # noqa: S308

    @admin.display(description="栏目")
    def column_path(self, obj):
        return str(obj.column) if obj and obj.column_id else "—"

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or self.has_change_permission(request, obj):
            return fieldsets
        swap = {"body": "body_html", "column": "column_path"}
        return tuple(
            (name, {**opts, "fields": tuple(swap.get(f, f) for f in opts["fields"])})
            for name, opts in fieldsets
        )

    def get_readonly_fields(self, request, obj=None):
        return (*self.readonly_fields, "body_html", "column_path")

    # --- visibility: a 404 for items of other sections ---

    def get_queryset(self, request) -> QuerySet[Item]:
        return permissions.items_visible_to(request.user).select_related(
            "column", "column__parent", "section", "created_by"
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "column":
            # Section staff choose only among their section's columns.
            kwargs["queryset"] = permissions.columns_for_drafting(request.user).select_related(
                "parent"
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def has_view_permission(self, request, obj=None):
        if not super().has_view_permission(request, obj):
            return False
        if obj is None:
            return has_role(request.user, *permissions.SEES_ALL_ITEMS, *permissions.SECTION_STAFF)
        return permissions.can_view_item(request.user, obj)

    def has_add_permission(self, request):
        return super().has_add_permission(request) and permissions.can_add_item(request.user)

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        if obj is None:
            return has_role(request.user, *permissions.DRAFTERS)
        return permissions.can_change_item(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        if not super().has_delete_permission(request, obj):
            return False
        if obj is None:
            return has_role(request.user, *permissions.DRAFTERS)
        return permissions.can_delete_item(request.user, obj)

    # --- writes through the services ---

    def save_model(self, request, obj, form, change):
        data = {name: form.cleaned_data[name] for name in services.ITEM_FIELDS}
        if change:
            changed = {name: data[name] for name in form.changed_data if name in data}
            saved = services.item_update(item=obj, acting_user=request.user, **changed)
        else:
            column = data.pop("column")
            saved = services.item_create(acting_user=request.user, column=column, **data)
        _copy_saved(obj, saved)

    def delete_model(self, request, obj):
        services.item_delete(item=obj, acting_user=request.user)

    def response_add(self, request, obj, post_url_continue=None):
        url = _review_url(obj)
        if url:
            messages.info(
                request, format_html('草稿已保存。<a href="{}">到审核工作台提交审核</a>。', url)
            )
        else:
            messages.info(request, "草稿已保存。提交审核请到审核工作台。")
        return super().response_add(request, obj, post_url_continue)

    @admin.display(description="审核与发布")
    def review_link(self, obj):
        url = _review_url(obj) if obj and obj.pk else None
        if not url:
            return "—"
        return format_html('<a href="{}">在审核工作台提交审核、查看审核记录</a>', url)
