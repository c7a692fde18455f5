"""The back office of the catalogue (Django admin, in Chinese).

Every save goes through `disclosure.services`; who sees and changes what is decided in
`disclosure.permissions`. An object the user may not see is a 404 on every admin URL
(change, delete, history), exactly like one that does not exist. There is no publish
action here: publication is decided by the review workflow (review app)."""

import datetime

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Case, Count, IntegerField, QuerySet, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import filesizeformat
from django.urls import NoReverseMatch, path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import ModelChange
from simple_history.template_utils import HistoricalRecordContextHelper

from accounts.roles import has_role
from disclosure import deadlines, permissions, services
from disclosure.forms import (
    AttachmentInlineForm,
    ColumnAdminForm,
    ItemAdminForm,
    SectionAdminForm,
    attachment_link,
)
from disclosure.models import Attachment, Column, Item, Organisation, Section
from disclosure.sanitize import clean_html
from portal.exports import file_response
from workcalendar.selectors import WorkCalendar
from workcalendar.templatetags.workdays import workday_date


def _copy_saved(target, saved) -> None:
    """Make the admin's in-memory instance the one a service saved (the admin keeps
    using it for inlines, messages and the redirect)."""
    for field in type(saved)._meta.concrete_fields:
        setattr(target, field.attname, getattr(saved, field.attname))
    target._state.adding = False
    target._state.db = saved._state.db


def _with_calendar(method, calendar):
    """`method(obj)` for a list column, computing with the page's shared calendar."""

    def column(obj):
        return method(obj, calendar=calendar)

    column.short_description = method.short_description
    if hasattr(method, "admin_order_field"):
        column.admin_order_field = method.admin_order_field
    column.__name__ = method.__name__
    return column


# Bookkeeping fields left out of the change history's "修改内容".
HISTORY_NOISE = {"id", "created_at", "updated_at"}


class ItemHistoryHelper(HistoricalRecordContextHelper):
    """Change history values as staff read them: choice labels, （空） for nothing."""

    def prepare_delta_change_value(self, change, value):
        field = self.model._meta.get_field(change.field)
        if value is None or value == "":
            return "（空）"
        if field.choices:
            return dict(field.flatchoices).get(value, value)
        if isinstance(value, bool):
            return "是" if value else "否"
        if isinstance(value, datetime.datetime):
            return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
        return super().prepare_delta_change_value(change, value)


def _review_url(item: Item) -> str | None:
    """The item's page in the review workflow (F3), once that app provides it."""
    try:
        return reverse("review:item", args=[item.pk])
    except NoReverseMatch:
        return None


def _item_changes(*, old, new) -> list[ModelChange]:
    """The fields that differ between two historical records of an item."""
    changes = []
    for field in Item._meta.concrete_fields:
        if field.name in HISTORY_NOISE:
            continue
        before, after = getattr(old, field.attname), getattr(new, field.attname)
        if before == after:
            continue
        if field.is_relation:
            before = getattr(old, field.name) if before is not None else None
            after = getattr(new, field.name) if after is not None else None
        changes.append(ModelChange(field.name, before, after))
    return changes


class NotFoundUnlessVisibleMixin:
    """A 404 for what the user may not see, on change, delete and history URLs
    (Django's default would redirect with a message that the object is missing)."""

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404("not found")
        return obj


class AdminCssMixin:
    class Media:
        css = {"all": ["disclosure/admin.css"]}


# --- items -----------------------------------------------------------------------------


class DeadlineFilter(admin.SimpleListFilter):
    """Art. 7(2): 20 working days from formation. Computed from the calendar."""

    title = "公开期限"
    parameter_name = "deadline"

    def lookups(self, request, model_admin):
        return [("overdue", "已逾期"), ("due_soon", "5 个工作日内到期")]

    def queryset(self, request, queryset):
        if self.value() == "overdue":
            return deadlines.overdue_items(queryset)
        if self.value() == "due_soon":
            return deadlines.due_soon_items(queryset)
        return queryset


class AttachmentInline(AdminCssMixin, admin.TabularInline):
    model = Attachment
    form = AttachmentInlineForm
    extra = 1
    fields = ("title", "file", "order", "size_display", "content_type")
    readonly_fields = ("size_display", "content_type")
    verbose_name = "附件"
    verbose_name_plural = "附件（PDF、Word、Excel、图片等，按内容检查类型和大小）"

    @admin.display(description="大小")
    def size_display(self, obj):
        return filesizeformat(obj.size) if obj and obj.pk else "—"

    @admin.display(description="文件")
    def file_link(self, obj):
        return attachment_link(obj) if obj and obj.pk else "—"

    def get_fields(self, request, obj=None):
        if obj is not None and not self._editable(request, obj):
            # Read-only: a download link, never the storage path (MEDIA_URL is not served).
            return ("title", "file_link", "order", "size_display", "content_type")
        return self.fields

    def get_readonly_fields(self, request, obj=None):
        return (*self.readonly_fields, "file_link")

    def _editable(self, request, obj) -> bool:
        return obj is not None and permissions.can_change_item(request.user, obj)

    def has_view_permission(self, request, obj=None):
        return obj is None or permissions.can_view_item(request.user, obj)

    def has_add_permission(self, request, obj=None):
        # obj is None on the add page: the new item is a draft of the user's own.
        if obj is None:
            return permissions.can_add_item(request.user)
        return self._editable(request, obj)

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return permissions.can_add_item(request.user)
        return self._editable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)


@admin.register(Item)
class ItemAdmin(AdminCssMixin, NotFoundUnlessVisibleMixin, SimpleHistoryAdmin):
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
                    "document_number",
                    ("written_on", "formed_on"),
                    ("topic", "content_category"),
                    "validity",
                    "keywords",
                    "summary",
                    "body",
                )
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

    # --- columns of the list ---

    @admin.display(description="状态", ordering="status")
    def status_badge(self, obj):
        if obj is None or obj.pk is None:
            return "草稿（保存后生成）"
        return format_html(
            '<span class="gk-badge gk-status--{}">{}</span>', obj.status, obj.get_status_display()
        )

    @admin.display(description="公开期限", ordering="formed_on")
    def due_date(self, obj, calendar: WorkCalendar | None = None):
        if obj is None or obj.formed_on is None or not deadlines.deadline_applies(obj):
            return "—"
        # The shared filter marks dates resting on an unconfirmed year with 未确认 (F2).
        return workday_date(deadlines.item_due_date(obj, calendar=calendar))

    @admin.display(description="期限情况")
    def deadline_flag(self, obj, calendar: WorkCalendar | None = None):
        if obj is None or obj.formed_on is None:
            return "—"
        calendar = calendar or WorkCalendar()
        late = deadlines.item_published_late(obj, calendar=calendar)
        if late is not None:
            label, css = ("逾期发布", "late") if late else ("按时发布", "ok")
        elif deadlines.item_is_overdue(obj, calendar=calendar):
            label, css = "已逾期", "overdue"
        elif deadlines.item_is_due_soon(obj, calendar=calendar):
            label, css = "即将到期", "soon"
        else:
            return "—"
        return format_html('<span class="gk-badge gk-badge--{}">{}</span>', css, label)

    @admin.display(description="公开期限", ordering="formed_on")
    def deadline(self, obj, calendar: WorkCalendar | None = None):
        """The list's deadline cell: the due date, 未确认 if it rests on an unconfirmed
        year, and the overdue / due-soon / on-time flag."""
        calendar = calendar or WorkCalendar()
        due = self.due_date(obj, calendar=calendar)
        flag = self.deadline_flag(obj, calendar=calendar)
        if flag == "—":
            return due
        return format_html("{} {}", due, flag)

    # Plain text, not links: most roles may not open sections or accounts.
    @admin.display(description="产生股室")
    def producing_section(self, obj):
        return obj.section.name if obj and obj.section_id else "（保存后按栏目的责任股室确定）"

    @admin.display(description="起草人")
    def drafter(self, obj):
        return str(obj.created_by) if obj and obj.created_by_id else "—"

    @admin.display(description="栏目 / 产生股室", ordering="column__name")
    def column_name(self, obj):
        return format_html(
            '<span title="{}">{}</span><br><span class="gk-quiet">{}</span>',
            str(obj.column),
            obj.column.name,
            obj.section.name,
        )

    @admin.display(description="形成/变更日期", ordering="formed_on")
    def formed(self, obj):
        return obj.formed_on.isoformat() if obj.formed_on else "—"

    @admin.display(description="发布日期", ordering="published_at")
    def published_on(self, obj):
        if obj.published_at is None:
            return "—"
        return timezone.localtime(obj.published_at).date().isoformat()

    def get_list_display(self, request):
        # One calendar for the whole page: the calendar years are read once, not per row.
        calendar = WorkCalendar()
        columns = []
        for name in super().get_list_display(request):
            if name == "deadline":
                columns.append(_with_calendar(self.deadline, calendar))
            else:
                columns.append(name)
        return columns

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

    # --- attachments for staff: downloaded through the admin, with the item's rules ---

    def get_urls(self):
        custom = [
            path(
                "<path:object_id>/attachments/<int:attachment_pk>/",
                self.admin_site.admin_view(self.attachment_view),
                name="disclosure_item_attachment",
            )
        ]
        return custom + super().get_urls()

    def attachment_view(self, request, object_id, attachment_pk):
        """Download an attachment of an item the user may see (404 otherwise)."""
        item = self.get_object(request, object_id)
        if not self.has_view_or_change_permission(request, item):
            raise Http404("not found")
        attachment = get_object_or_404(Attachment, item=item, pk=attachment_pk)
        ext = attachment.file.name.rsplit(".", 1)[-1] if "." in attachment.file.name else "bin"
        # A draft's attachment must not stay in shared caches: private.
        return file_response(
            attachment.file.open("rb"),
            filename=f"{attachment.title}.{ext}",
            content_type=attachment.content_type,
            private=True,
        )

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

    # History: visible only for items the user may see; old versions are shown,
    # never restored (a revert would bypass the services and the review workflow).

    def history_view(self, request, object_id, extra_context=None):
        self.get_object(request, object_id)  # 404 unless visible
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self.get_object(request, object_id)  # 404 unless visible
        if request.method != "GET":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def revert_disabled(self, request, obj=None):
        return True

    def get_historical_record_context_helper(self, request, historical_record):
        return ItemHistoryHelper(self.model, historical_record)

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        # simple_history diffs only editable fields; the status, 索引号 and publication
        # date are not editable, and they are what a reader of the history looks for.
        previous = None
        for current in historical_records:
            if previous is not None:
                helper = self.get_historical_record_context_helper(request, previous)
                previous.history_delta_changes = [
                    {"field": c.field, "old": c.old, "new": c.new}
                    for c in (
                        helper.format_delta_change(change)
                        for change in _item_changes(old=current, new=previous)
                    )
                ]
            previous = current

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

    def save_formset(self, request, form, formset, change):
        if formset.model is not Attachment:
            return super().save_formset(request, form, formset, change)
        item = form.instance
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for row in formset.forms:
            instance = row.instance
            if instance.pk and formset.can_delete and formset._should_delete_form(row):
                services.attachment_delete(attachment=instance, acting_user=request.user)
                formset.deleted_objects.append(instance)
            elif instance.pk is None and row.has_changed() and row.cleaned_data.get("file"):
                formset.new_objects.append(
                    services.attachment_add(
                        item=item,
                        file=row.cleaned_data["file"],
                        title=row.cleaned_data.get("title", ""),
                        order=row.cleaned_data.get("order") or 0,
                        acting_user=request.user,
                    )
                )
            elif instance.pk and row.has_changed():
                services.attachment_update(
                    attachment=instance,
                    title=row.cleaned_data["title"],
                    order=row.cleaned_data.get("order") or 0,
                    acting_user=request.user,
                )
                formset.changed_objects.append((instance, row.changed_data))

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


# --- structure: organisation, sections, columns ---------------------------------------------


@admin.register(Organisation)
class OrganisationAdmin(AdminCssMixin, admin.ModelAdmin):
    actions = None
    list_display = ("name", "code", "phone", "email")
    fieldsets = (
        (None, {"fields": ("name", "code")}),
        (
            "政府信息公开指南中的联系方式（条例第十二条）",
            {
                "fields": (
                    "disclosure_office",
                    "address",
                    "postcode",
                    "office_hours",
                    "phone",
                    "fax",
                    "email",
                )
            },
        ),
    )

    def get_readonly_fields(self, request, obj=None):
        # The code is the 前段码 of every 索引号 already issued: fixed once set.
        return ("code",) if obj is not None and obj.pk else ()

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and permissions.can_view_structure(
            request.user
        )

    def has_add_permission(self, request):
        # One bureau per portal.
        return (
            super().has_add_permission(request)
            and permissions.can_manage_sections(request.user)
            and not Organisation.objects.exists()
        )

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and permissions.can_change_organisation(
            request.user
        )

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Section)
class SectionAdmin(AdminCssMixin, NotFoundUnlessVisibleMixin, admin.ModelAdmin):
    form = SectionAdminForm
    actions = None
    list_display = ("name", "is_office", "column_count", "member_list", "order")
    list_editable = ()
    ordering = ("order", "id")
    readonly_fields = ("group", "member_list")

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("group")
            .prefetch_related("group__user_set")
            .annotate(n_columns=Count("columns", distinct=True))
        )

    def get_fields(self, request, obj=None):
        if obj is None:
            return ("organisation", "name", "is_office", "order")
        return ("organisation", "name", "is_office", "order", "group", "member_list")

    def get_readonly_fields(self, request, obj=None):
        return ("organisation", "group", "member_list") if obj else ()

    @admin.display(description="负责栏目数", ordering="n_columns")
    def column_count(self, obj):
        return getattr(obj, "n_columns", None) if obj else None

    @admin.display(description="成员")
    def member_list(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        names = [str(u) for u in obj.group.user_set.all()]
        return "、".join(names) or "（暂无成员，请在“用户”中把人员加入本股室的成员组）"

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and permissions.can_view_structure(
            request.user
        )

    def has_add_permission(self, request):
        return super().has_add_permission(request) and permissions.can_manage_sections(request.user)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and permissions.can_manage_sections(
            request.user
        )

    def has_delete_permission(self, request, obj=None):
        # Sections are referenced by items and columns (PROTECT); rename instead.
        return False

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if change:
            saved = services.section_update(
                section=obj,
                acting_user=request.user,
                name=data["name"],
                is_office=data["is_office"],
                order=data["order"],
            )
        else:
            saved = services.section_create(
                organisation=data["organisation"],
                name=data["name"],
                is_office=data["is_office"],
                order=data["order"],
                acting_user=request.user,
            )
        _copy_saved(obj, saved)


def _tree_order(columns: list[tuple[int, int | None, int]]) -> list[tuple[int, int]]:
    """(id, depth) of each column in depth-first order from (id, parent_id, order)."""
    children: dict[int | None, list[tuple[int, int]]] = {}
    for pk, parent_id, order in columns:
        children.setdefault(parent_id, []).append((order, pk))
    result: list[tuple[int, int]] = []
    known = {pk for pk, _p, _o in columns}
    roots = [key for key in children if key is None or key not in known]

    def walk(parent_id, depth):
        for _order, pk in sorted(children.get(parent_id, [])):
            result.append((pk, depth))
            walk(pk, depth + 1)

    for root in roots:
        walk(root, 0)
    return result


@admin.register(Column)
class ColumnAdmin(AdminCssMixin, NotFoundUnlessVisibleMixin, admin.ModelAdmin):
    form = ColumnAdminForm
    actions = None
    list_display = (
        "tree_name",
        "slug",
        "kind",
        "content_category",
        "responsible_section",
        "item_count",
        "order",
    )
    list_filter = ("kind", "responsible_section", "content_category")
    search_fields = ("name", "slug")
    list_per_page = 200

    def get_queryset(self, request):
        queryset = super().get_queryset(request).select_related("responsible_section", "parent")
        order = _tree_order(list(Column.objects.values_list("id", "parent_id", "order")))
        if not order:
            return queryset
        return queryset.annotate(
            tree_pos=Case(
                *[When(pk=pk, then=Value(i)) for i, (pk, _d) in enumerate(order)],
                output_field=IntegerField(),
            ),
            tree_depth=Case(
                *[When(pk=pk, then=Value(d)) for pk, d in order],
                default=Value(0),
                output_field=IntegerField(),
            ),
            n_items=Count("items", distinct=True),
        ).order_by("tree_pos")

    @admin.display(description="栏目名称", ordering="tree_pos")
    def tree_name(self, obj):
        depth = getattr(obj, "tree_depth", 0) or 0
        if not depth:
            return obj.name
        return format_html('<span class="gk-tree gk-tree--{}">└ {}</span>', min(depth, 4), obj.name)

    @admin.display(description="信息数", ordering="n_items")
    def item_count(self, obj):
        return getattr(obj, "n_items", None)

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and not permissions.can_assign_column(request.user):
            return ("responsible_section",)
        return ()

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and permissions.can_view_structure(
            request.user
        )

    def has_add_permission(self, request):
        return super().has_add_permission(request) and permissions.can_create_column(request.user)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and permissions.can_change_column(
            request.user
        )

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and permissions.can_delete_column(
            request.user, obj
        )

    def save_model(self, request, obj, form, change):
        data = {name: form.cleaned_data[name] for name in form.fields if name in form.cleaned_data}
        if change:
            changed = {name: data[name] for name in form.changed_data if name in data}
            saved = services.column_update(column=obj, acting_user=request.user, **changed)
        else:
            section = data.pop("responsible_section")
            saved = services.column_create(
                acting_user=request.user, responsible_section=section, **data
            )
        _copy_saved(obj, saved)
