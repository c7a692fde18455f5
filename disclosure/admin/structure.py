"""The back office of the catalogue's structure: the organisation, sections and the
column tree."""

from django.contrib import admin
from django.db.models import Case, Count, IntegerField, Value, When
from django.utils.html import format_html

from common.pagecache import catalogue_changed
from disclosure import permissions, services
from disclosure.admin._common import AdminCssMixin, NotFoundUnlessVisibleMixin, _copy_saved
from disclosure.forms import (
    ColumnAdminForm,
    OrganisationAdminForm,
    SectionAdminForm,
)
from disclosure.models import Column, Matter, Organisation, Section, SiteIdentity


@admin.register(Organisation)
class OrganisationAdmin(AdminCssMixin, admin.ModelAdmin):
    form = OrganisationAdminForm
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

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        catalogue_changed()  # the name and contacts show on every public page

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


@admin.register(SiteIdentity)
class SiteIdentityAdmin(AdminCssMixin, admin.ModelAdmin):
    """网站标识与声明: the 系统管理员's, saved through the service (audited)."""

    actions = None
    list_display = ("__str__", "site_id_code", "icp_number", "police_number", "updated_at")
    fieldsets = (
        (
            "网站标识（页脚和全国政府网站监测元数据）",
            {
                "fields": (
                    ("site_name", "channel_name"),
                    ("site_domain", "site_id_code"),
                    ("icp_number", "police_number"),
                    "gov_mark_url",
                )
            },
        ),
        ("网站声明", {"fields": ("statement", "privacy")}),
    )

    def has_module_permission(self, request):
        return permissions.can_configure_site(request.user)

    def has_view_permission(self, request, obj=None):
        return permissions.can_configure_site(request.user)

    def has_add_permission(self, request):
        return permissions.can_configure_site(request.user) and not SiteIdentity.objects.exists()

    def has_change_permission(self, request, obj=None):
        return permissions.can_configure_site(request.user)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        data = {name: form.cleaned_data[name] for name in services.SITE_FIELDS}
        saved = services.site_identity_update(data=data, acting_user=request.user)
        obj.pk = saved.pk


@admin.register(Matter)
class MatterAdmin(AdminCssMixin, admin.ModelAdmin):
    """标准目录事项 (人社厅函〔2019〕113号), preloaded and kept by the office."""

    actions = None
    list_display = ("level1", "level2", "domain", "time_limit", "update_months", "order")
    list_filter = ("domain",)
    search_fields = ("level1", "level2", "content")
    filter_horizontal = ("columns",)
    fieldsets = (
        (None, {"fields": ("domain", ("level1", "level2"), "order")}),
        (
            "公开要素",
            {"fields": ("content", "basis", "time_limit", "update_months", "subject", "channels")},
        ),
        (
            "公开对象、方式和层级",
            {
                "fields": (
                    ("to_public", "to_groups"),
                    ("proactive", "on_request"),
                    ("county_level", "township_level"),
                )
            },
        ),
        ("对应栏目", {"fields": ("columns",)}),
    )

    def has_module_permission(self, request):
        return permissions.can_manage_standard_directory(request.user)

    def has_view_permission(self, request, obj=None):
        return permissions.can_manage_standard_directory(request.user)

    def has_add_permission(self, request):
        return permissions.can_manage_standard_directory(request.user)

    def has_change_permission(self, request, obj=None):
        return permissions.can_manage_standard_directory(request.user)

    def has_delete_permission(self, request, obj=None):
        return permissions.can_manage_standard_directory(request.user)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        catalogue_changed()  # the public 标准目录 page shows it
