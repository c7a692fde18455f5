from django.conf import settings
from django.db import models


class AuditAction(models.TextChoices):
    LOGIN = "login", "登录"
    LOGIN_FAILED = "login_failed", "登录失败"
    LOGOUT = "logout", "退出"
    PUBLISH = "publish", "发布"
    WITHDRAW = "withdraw", "撤回"
    DECIDE = "decide", "审核决定"
    OVERRIDE = "override", "越过安全检查发布"
    PERMISSION = "permission", "权限变更"
    EXPORT = "export", "导出数据"
    VIEW_PERSONAL = "view_personal", "查看个人信息"
    OTHER = "other", "其他"


class AuditEntry(models.Model):
    """One security-relevant event (F8). Append-only: nobody edits or deletes entries
    through the application; `prune_audit` removes only entries older than the
    retention period (at least 6 months)."""

    at = models.DateTimeField("时间", auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="操作人",
    )
    actor_name = models.CharField("操作人（记录时）", max_length=150, blank=True)
    action = models.CharField("操作", max_length=20, choices=AuditAction)
    target_type = models.CharField("对象类型", max_length=100, blank=True)
    target_id = models.CharField("对象编号", max_length=64, blank=True)
    target_repr = models.CharField("对象", max_length=300, blank=True)
    detail = models.TextField("说明", blank=True)
    ip_address = models.GenericIPAddressField("IP 地址", null=True, blank=True)

    class Meta:
        verbose_name = "审计日志"
        verbose_name_plural = "审计日志"
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.get_action_display()}"
