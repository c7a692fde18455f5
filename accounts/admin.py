"""Accounts in the back office (三员分立, F8 and 等保2.0 三级).

The system administrator (系统管理员) creates accounts, edits their details,
(de)activates them and resets passwords, but assigns no role: the role and
section groups are the security administrator's (安全管理员), who edits nothing
else of an account and lifts login lockouts (accounts.permissions). A system,
security or audit administrator holds that one role and no other; nobody but a
superuser grants superuser status or single permissions; nobody changes their
own roles or activation; a non-superuser cannot change a superuser's account.

Every act is audited (accounts.services): creation, edits, (de)activation, role
changes, a password set for somebody else (who must then change it at the next
login) and the removal of a lockout."""

from axes.admin import AccessAttemptAdmin as AxesAccessAttemptAdmin
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.core.exceptions import PermissionDenied
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import permissions, services
from accounts.models import User
from accounts.roles import Role

# The fields of an account (not of its access): the system administrator's.
ACCOUNT_FIELDS = ("username", "full_name", "phone", "email", "is_active", "is_staff")

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
        (
            "登录记录",
            {
                "fields": (
                    "last_login",
                    "date_joined",
                    "password_changed_at",
                    "must_change_password",
                )
            },
        ),
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
            # No roles here: the security administrator gives them afterwards.
            "个人信息",
            {"classes": ("wide",), "fields": ("full_name", "phone", "email", "is_staff")},
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
        readonly = ["last_login", "date_joined", "password_changed_at", "must_change_password"]
        user = request.user
        if not permissions.can_manage_accounts(user):
            readonly += ACCOUNT_FIELDS
        if not permissions.can_assign_roles(user):
            # 三员: the system administrator gives no role, not even to a new account.
            readonly.append("groups")
        if obj is not None and obj.pk == user.pk and not user.is_superuser:
            # Nobody widens or revokes their own access.
            readonly += ["is_active", "is_staff", "groups"]
        return list(dict.fromkeys(readonly))

    def has_add_permission(self, request):
        return permissions.can_manage_accounts(request.user) and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        was_active = (
            User.objects.filter(pk=obj.pk).values_list("is_active", flat=True).first()
            if change
            else obj.is_active
        )
        super().save_model(request, obj, form, change)
        if change:
            services.account_changed(
                user=obj,
                acting_user=request.user,
                changed=[name for name in form.changed_data if name != "groups"],
                was_active=bool(was_active),
                request=request,
            )
        else:
            services.account_created(user=obj, acting_user=request.user, request=request)

    def save_related(self, request, form, formsets, change):
        user = form.instance
        before = set(user.groups.values_list("name", flat=True)) if change else set()
        super().save_related(request, form, formsets, change)
        services.account_roles_changed(
            user=user,
            acting_user=request.user,
            before=before,
            after=set(user.groups.values_list("name", flat=True)),
            request=request,
        )

    def user_change_password(self, request, id, form_url=""):
        target = self.get_object(request, unquote(id))
        if target is not None and not permissions.can_set_password(request.user, target):
            raise PermissionDenied
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302 and target is not None:
            target.refresh_from_db()
            services.password_set_recorded(user=target, acting_user=request.user, request=request)
        return response

    def has_delete_permission(self, request, obj=None):
        # Accounts are deactivated, not deleted: items and decisions refer to them.
        return request.user.is_superuser and super().has_delete_permission(request, obj)


admin.site.unregister(AccessAttempt)


@admin.register(AccessAttempt)
class AccessAttemptAdmin(AxesAccessAttemptAdmin):
    """Login lockouts: the security administrator lifts them by deleting the
    attempt record; each removal is audited."""

    def has_delete_permission(self, request, obj=None):
        return permissions.can_unlock_accounts(request.user) and super().has_delete_permission(
            request, obj
        )

    def delete_model(self, request, obj):
        services.lockout_removed(attempts=[obj], acting_user=request.user, request=request)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        services.lockout_removed(attempts=list(queryset), acting_user=request.user, request=request)
        super().delete_queryset(request, queryset)


# --- second-factor devices: the security administrator removes a lost one ---------------

for _model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)


class DeviceInUseFilter(admin.SimpleListFilter):
    title = "是否已启用"
    parameter_name = "confirmed"

    def lookups(self, request, model_admin):
        return (("1", "已启用"), ("0", "未启用"))

    def queryset(self, request, queryset):
        if self.value() in ("0", "1"):
            return queryset.filter(confirmed=self.value() == "1")
        return queryset


class DeviceAdmin(admin.ModelAdmin):
    """A user's second-factor devices, without their keys (nobody can copy a
    device from here). The security administrator removes a lost one, audited;
    the user then enrols again at the next login."""

    # django-otp's fields carry English labels and help texts: shown under Chinese ones.
    list_display = ("owner", "device_name", "in_use")
    list_filter = (DeviceInUseFilter,)
    search_fields = ("user__username", "user__full_name")
    fields = ("owner", "device_name", "in_use")
    readonly_fields = ("owner", "device_name", "in_use")
    list_select_related = ("user",)

    @admin.display(description="用户", ordering="user__username")
    def owner(self, obj):
        return obj.user

    @admin.display(description="设备名称", ordering="name")
    def device_name(self, obj):
        return obj.name

    @admin.display(description="已启用", boolean=True, ordering="confirmed")
    def in_use(self, obj):
        return obj.confirmed

    def has_module_permission(self, request):
        return permissions.can_unlock_accounts(request.user)

    def has_view_permission(self, request, obj=None):
        return permissions.can_unlock_accounts(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return permissions.can_unlock_accounts(request.user)

    def delete_model(self, request, obj):
        services.otp_devices_removed(devices=[obj], acting_user=request.user, request=request)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        devices = list(queryset.select_related("user"))
        services.otp_devices_removed(devices=devices, acting_user=request.user, request=request)
        super().delete_queryset(request, queryset)


admin.site.register(TOTPDevice, DeviceAdmin)
admin.site.register(StaticDevice, DeviceAdmin)
