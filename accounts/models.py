from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone


class User(AbstractUser):
    """A member of staff (or an administrator). Applicants and commenters do not
    have accounts: they use tracking numbers and codes."""

    full_name = models.CharField("姓名", max_length=50, blank=True)
    phone = models.CharField("联系电话", max_length=30, blank=True)
    # Password policy (accounts.passwords): when the password was last set, and
    # whether its owner must choose a new one at the next login (a password set
    # by somebody else: an administrator creating or resetting the account).
    password_changed_at = models.DateTimeField("密码设置时间", null=True, blank=True)
    must_change_password = models.BooleanField("下次登录须修改密码", default=False)

    class Meta:
        verbose_name = "用户"
        verbose_name_plural = "用户"

    def __str__(self) -> str:
        return self.full_name or self.get_full_name() or self.username

    @property
    def display_name(self) -> str:
        return str(self)

    def set_password(self, raw_password) -> None:
        # The expiry clock restarts with every new password; whoever set it on
        # someone else's behalf raises `must_change_password` again afterwards
        # (accounts.services.password_set_by_other).
        super().set_password(raw_password)
        self.password_changed_at = timezone.now()
        self.must_change_password = False


class PasswordHistory(models.Model):
    """The hashes of a user's recent passwords, so that the last few are not
    reused (accounts.passwords.PASSWORD_HISTORY). Only hashes, never passwords."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="password_history",
        verbose_name="用户",
    )
    password = models.CharField("密码摘要", max_length=128)
    created_at = models.DateTimeField("设置时间", default=timezone.now)

    class Meta:
        verbose_name = "历史密码"
        verbose_name_plural = "历史密码"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.user_id} {self.created_at:%Y-%m-%d}"
