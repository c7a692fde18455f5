"""Login events into the audit log. Signals are used only to observe, never to change
core state (style.md)."""

from django.contrib import messages
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.utils import timezone

from audit import selectors
from audit.models import AuditAction, AuditOutcome
from audit.services import audit_record


@receiver(user_logged_in, dispatch_uid="audit_login")
def _logged_in(sender, request, user, **kwargs):
    previous = selectors.last_login(user)
    audit_record(action=AuditAction.LOGIN, actor=user, request=request)
    if request is not None and hasattr(request, "_messages"):
        messages.info(request, last_login_message(user, previous))


def last_login_message(user, previous) -> str:
    """What the user is told after logging in: when and from where they last
    logged in, and how many failed attempts there have been since (so that a
    login that was not theirs is noticed)."""
    if previous is None:
        return "欢迎首次登录。"
    at = timezone.localtime(previous.at).strftime("%Y-%m-%d %H:%M")
    text = f"上次登录时间：{at}，登录地址：{previous.ip_address or '未知'}。"
    failed = selectors.failed_logins_since(user.get_username(), previous.at)
    if failed:
        text += f"此后有 {failed} 次失败的登录尝试，如非本人操作，请联系安全管理员。"
    return text


@receiver(user_logged_out, dispatch_uid="audit_logout")
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        audit_record(action=AuditAction.LOGOUT, actor=user, request=request)


@receiver(user_login_failed, dispatch_uid="audit_login_failed")
def _login_failed(sender, credentials, request=None, **kwargs):
    audit_record(
        action=AuditAction.LOGIN_FAILED,
        actor_name=str(credentials.get("username", ""))[:150],
        request=request,
        outcome=AuditOutcome.FAILURE,
    )
