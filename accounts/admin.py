"""Accounts in the back office, managed by the system administrator (系统管理员).

三员 separation (F8): a system, security or audit administrator holds that one role
and no other; nobody but a superuser grants superuser status or single permissions;
nobody changes their own roles or activation; a non-superuser cannot change a
superuser's account."""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm

from accounts.models import User
from accounts.roles import Role
from audit.models import AuditAction
from audit.services import audit_record

ADMIN_ROLES = {str(Role.SYSTEM_ADMIN), str(Role.SECURITY_ADMIN), str(Role.AUDIT_ADMIN)}
BUSINESS_ROLES = {str(r) for r in Role} - ADMIN_ROLES
SECTION_ROLES = {str(Role.SECTION_CLERK), str(Role.SECTION_HEAD)}
ROLE_NAMES = {str(r) for r in Role}


class RoleRulesMixin:
    """Validation of the role groups chosen on a user form (Chinese messages)."""

    def clean(self):
        cleaned = super().clean()
        groups = cleaned.get("groups")
        if groups is None:
            return cleaned
        names = {g.name for g in groups}
        admin_roles = names & ADMIN_ROLES
        if len(admin_roles) > 1 or (admin_roles and names & BUSINESS_ROLES):
            self.add_error(
                "groups",
                "三员分立：系统管理员、安全管理员、审计管理员只能单独担任，不能与其他角色兼任。",
            )
        if names & SECTION_ROLES and not any(hasattr(g, "section") for g in groups):
            self.add_error(
                "groups",
                "股室信息员、股室负责人须同时加入所在股室的成员组（名称以“股室：”开头）。",
            )
        is_staff = cleaned.get("is_staff", getattr(self.instance, "is_staff", False))
        if names & ROLE_NAMES and "is_staff" in self.fields and not is_staff:
            self.add_error("is_staff", "担任角色的用户须勾选“职员状态”，才能登录管理后台。")
        return cleaned


class UserCreateForm(RoleRulesMixin, AdminUserCreationForm):
    pass


class UserEditForm(RoleRulesMixin, UserChangeForm):
    pass


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    form = UserEditForm
    add_form = UserCreateForm
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("个人信息", {"fields": ("full_name", "phone", "email")}),
        (
            "角色与股室",
            {
                "fields": ("is_active", "is_staff", "groups"),
                "description": "角色组（股室信息员、股室负责人、办公室审核员、分管领导、"
                "系统管理员、安全管理员、审计管理员）决定职责；“股室：”开头的成员组"
                "决定可以维护哪个股室负责的栏目。",
            },
        ),
        ("超级用户权限", {"fields": ("is_superuser", "user_permissions")}),
        ("登录记录", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "usable_password", "password1", "password2"),
            },
        ),
        (
            "个人信息与角色",
            {"classes": ("wide",), "fields": ("full_name", "phone", "email", "is_staff", "groups")},
        ),
    )
    list_display = (
        "username",
        "full_name",
        "role_list",
        "section_list",
        "is_active",
        "is_staff",
        "last_login",
    )
    list_filter = ("groups", "is_active", "is_staff", "is_superuser")
    search_fields = ("username", "full_name", "email", "phone")
    ordering = ("username",)
    actions = None

    def get_queryset(self, request):
        # django-guardian's internal anonymous account is not a person to manage.
        anonymous = getattr(settings, "ANONYMOUS_USER_NAME", "AnonymousUser")
        return (
            super()
            .get_queryset(request)
            .exclude(username=anonymous)
            .prefetch_related("groups__section")
        )

    @admin.display(description="角色")
    def role_list(self, obj):
        return "、".join(g.name for g in obj.groups.all() if g.name in ROLE_NAMES) or "—"

    @admin.display(description="所属股室")
    def section_list(self, obj):
        names = []
        for group in obj.groups.all():
            section = getattr(group, "section", None)
            if section is not None:
                names.append(section.name)
        return "、".join(names) or "—"

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if not request.user.is_superuser:
            fieldsets = tuple(fs for fs in fieldsets if fs[0] != "超级用户权限")
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        readonly = ["last_login", "date_joined"]
        if obj is not None and obj.pk == request.user.pk and not request.user.is_superuser:
            # Nobody widens or revokes their own access.
            readonly += ["is_active", "is_staff", "groups"]
        return readonly

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def save_related(self, request, form, formsets, change):
        user = form.instance
        before = set(user.groups.values_list("name", flat=True)) if change else set()
        super().save_related(request, form, formsets, change)
        after = set(user.groups.values_list("name", flat=True))
        if before != after:
            # F8: every change of roles and section membership is on the audit log.
            added, removed = sorted(after - before), sorted(before - after)
            audit_record(
                action=AuditAction.PERMISSION,
                actor=request.user,
                target=user,
                request=request,
                detail="；".join(
                    part
                    for part in (
                        "增加：" + "、".join(added) if added else "",
                        "移除：" + "、".join(removed) if removed else "",
                    )
                    if part
                ),
            )

    def has_delete_permission(self, request, obj=None):
        # Accounts are deactivated, not deleted: items and decisions refer to them.
        return request.user.is_superuser and super().has_delete_permission(request, obj)
