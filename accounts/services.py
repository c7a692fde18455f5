"""Writes of the accounts app: the password history, the forced change after a
password set by somebody else, and the audit entries of account management."""

from __future__ import annotations

from collections.abc import Iterable

from accounts.models import PasswordHistory, User
from audit.models import AuditAction
from audit.services import audit_record

# The labels of the account fields that appear in "修改账户" entries.
FIELD_LABELS = {
    "username": "用户名",
    "full_name": "姓名",
    "phone": "联系电话",
    "email": "电子邮箱",
    "is_staff": "职员状态",
    "is_superuser": "超级用户",
    "user_permissions": "单项权限",
}


def password_history_record(*, user: User, keep: int) -> None:
    """Remember the hash of the password `user` has just been given, keeping the
    `keep` most recent. When the user changed it themselves in a request (the
    change-password page), that is audited here; a password set for somebody
    else is audited by `password_set_recorded`."""
    from audit.services import current_request

    PasswordHistory.objects.create(user=user, password=user.password)
    stale = PasswordHistory.objects.filter(user=user).values_list("pk", flat=True)[keep:]
    PasswordHistory.objects.filter(pk__in=list(stale)).delete()
    request = current_request.get()
    acting = getattr(request, "user", None)
    if acting is not None and getattr(acting, "pk", None) == user.pk:
        audit_record(action=AuditAction.PASSWORD_CHANGE, actor=user, target=user, request=request)


def password_set_recorded(*, user: User, acting_user: User, request=None) -> None:
    """After a password was set through the back office: by somebody else, the
    owner must change it at the next login and the act is audited (the owner's
    own change is audited by `password_history_record`)."""
    if acting_user.pk == user.pk:
        return  # their own change: audited with the password history
    User.objects.filter(pk=user.pk).update(must_change_password=True)
    user.must_change_password = True
    usable = user.has_usable_password()
    audit_record(
        action=AuditAction.PASSWORD_SET,
        actor=acting_user,
        target=user,
        request=request,
        detail=(
            f"为账户 {user.get_username()} 设置了新密码，本人下次登录时须修改。"
            if usable
            else f"停用了账户 {user.get_username()} 的密码登录。"
        ),
    )


def account_created(*, user: User, acting_user: User, request=None) -> None:
    """A new account made in the back office: its first password was chosen by
    the administrator, so the owner changes it at the first login."""
    if user.has_usable_password():
        User.objects.filter(pk=user.pk).update(must_change_password=True)
        user.must_change_password = True
    audit_record(
        action=AuditAction.ACCOUNT_CREATE,
        actor=acting_user,
        target=user,
        request=request,
        detail=f"创建账户 {user.get_username()}（职员状态：{'是' if user.is_staff else '否'}）",
    )


def account_changed(
    *,
    user: User,
    acting_user: User,
    changed: Iterable[str],
    was_active: bool,
    request=None,
) -> None:
    """Audit an edit of an account's details and a change of its activation."""
    labels = [FIELD_LABELS[name] for name in changed if name in FIELD_LABELS]
    if labels:
        audit_record(
            action=AuditAction.ACCOUNT_CHANGE,
            actor=acting_user,
            target=user,
            request=request,
            detail="修改：" + "、".join(labels),
        )
    if user.is_active != was_active:
        audit_record(
            action=AuditAction.ACCOUNT_ACTIVATE
            if user.is_active
            else AuditAction.ACCOUNT_DEACTIVATE,
            actor=acting_user,
            target=user,
            request=request,
        )


def account_roles_changed(
    *, user: User, acting_user: User, before: set[str], after: set[str], request=None
) -> None:
    """F8: every change of roles and section membership is on the audit log."""
    if before == after:
        return
    added, removed = sorted(after - before), sorted(before - after)
    parts = []
    if added:
        parts.append("增加：" + "、".join(added))
    if removed:
        parts.append("移除：" + "、".join(removed))
    audit_record(
        action=AuditAction.PERMISSION,
        actor=acting_user,
        target=user,
        request=request,
        detail="；".join(parts),
    )


def lockout_removed(*, attempts: Iterable, acting_user: User, request=None) -> None:
    """A login lockout lifted (django-axes' attempt records deleted)."""
    for attempt in attempts:
        audit_record(
            action=AuditAction.UNLOCK,
            actor=acting_user,
            target=attempt,
            request=request,
            detail=f"解除锁定：用户名 {attempt.username or '（空）'}，"
            f"地址 {attempt.ip_address or '未知'}，失败 {attempt.failures_since_start} 次",
        )


# --- the second factor (accounts.otp) ----------------------------------------------------

RECOVERY_CODES = 10
TOTP_NAME = "身份验证器"
RECOVERY_NAME = "恢复码"


def totp_enrolment_device(*, user: User):
    """The unconfirmed TOTP device `user` is enrolling (made on first call)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)
    return device


def totp_confirm(*, user: User, device, token: str, request=None) -> list[str] | None:
    """Confirm the enrolment with a first code from the app: the device replaces
    any earlier one, fresh recovery codes replace the old ones (returned to be
    shown once). None when the code is wrong."""
    from django.db import transaction
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
    from django_otp.plugins.otp_totp.models import TOTPDevice

    if device.user_id != user.pk or device.confirmed or not device.verify_token(token):
        return None
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        StaticDevice.objects.filter(user=user).delete()
        recovery = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
        StaticToken.objects.bulk_create(StaticToken(device=recovery, token=c) for c in codes)
        audit_record(
            action=AuditAction.OTP_ENROL,
            actor=user,
            target=user,
            request=request,
            detail=f"绑定身份验证器，生成 {RECOVERY_CODES} 个恢复码",
        )
    return codes


def otp_devices_removed(*, devices, acting_user: User, request=None) -> None:
    """The security administrator removed a user's device (a lost phone): the
    user enrols again at the next login."""
    for device in devices:
        audit_record(
            action=AuditAction.OTP_RESET,
            actor=acting_user,
            target=device.user,
            request=request,
            detail=f"解除{device.name or '动态口令设备'}",
        )
