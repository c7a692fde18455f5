from django.conf import settings
from django.db import models
from django.utils import timezone


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
    DOWNLOAD_PERSONAL = "download_personal", "下载申请人材料"
    # 三员: accounts (系统管理员), roles and lockouts (安全管理员)
    ACCOUNT_CREATE = "account_create", "创建账户"
    ACCOUNT_CHANGE = "account_change", "修改账户"
    ACCOUNT_ACTIVATE = "account_activate", "启用账户"
    ACCOUNT_DEACTIVATE = "account_deactivate", "停用账户"
    PASSWORD_SET = "password_set", "为他人设置密码"
    PASSWORD_CHANGE = "password_change", "修改本人密码"
    UNLOCK = "unlock", "解除登录锁定"
    OTP_ENROL = "otp_enrol", "绑定动态口令"
    OTP_RESET = "otp_reset", "解除动态口令绑定"
    SENSITIVE_WORDS = "sensitive_words", "敏感词变更"
    STRUCTURE = "structure", "栏目与股室调整"
    OTHER = "other", "其他"


class AuditOutcome(models.TextChoices):
    SUCCESS = "success", "成功"
    FAILURE = "failure", "失败"


class AuditEntry(models.Model):
    """One security-relevant event (F8). Append-only: nobody edits or deletes entries
    through the application (on PostgreSQL not even with its database rights: see
    migration 0003); `prune_audit` removes only entries older than the retention
    period (at least 6 months). Each entry is chained to the one before (audit.chain)."""

    # Set by audit_record when the entry is made (it is part of the hash).
    at = models.DateTimeField("时间", default=timezone.now, db_index=True)
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
    outcome = models.CharField(
        "结果", max_length=10, choices=AuditOutcome, default=AuditOutcome.SUCCESS
    )
    ip_address = models.GenericIPAddressField("IP 地址", null=True, blank=True)
    # Tamper evidence (audit.chain): HMAC-SM3 of the content and of the previous
    # entry's hash. On PostgreSQL a trigger refuses changes and deletions, and
    # sets `recorded_at` from the database clock, which the retention job's
    # deletion is checked against (a backdated `at` makes nothing deletable).
    prev_hash = models.CharField("上一条摘要", max_length=64, blank=True, editable=False)
    entry_hash = models.CharField("摘要", max_length=64, blank=True, editable=False)
    recorded_at = models.DateTimeField("入库时间", default=timezone.now, editable=False)

    class Meta:
        verbose_name = "审计日志"
        verbose_name_plural = "审计日志"
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.get_action_display()}"
