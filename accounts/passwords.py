"""The password policy (等保2.0 三级, F8): complexity, no username inside, not a
common password, expiry after 90 days, the last 5 not reused, and a forced change
when somebody other than the owner set it.

The validators are Django password validators (settings.AUTH_PASSWORD_VALIDATORS),
so every path that sets a password (the admin's forms, the change-password page,
`manage.py changepassword`, the demo loader) applies the same rules, with Chinese
messages."""

from __future__ import annotations

import datetime

from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.utils import timezone

# Expiry: a password older than this must be changed at the next request.
PASSWORD_MAX_AGE_DAYS = 90
# A new password may not be any of the user's last this many passwords.
PASSWORD_HISTORY = 5
# At least this many of the four character classes.
MIN_CHARACTER_CLASSES = 3


def character_classes(password: str) -> int:
    """How many of: upper-case letters, lower-case letters, digits, other
    characters (punctuation, symbols, CJK, spaces) the password contains."""
    classes = [
        any(c.isascii() and c.isupper() for c in password),
        any(c.isascii() and c.islower() for c in password),
        any(c.isdigit() for c in password),
        any(not (c.isascii() and c.isalnum()) for c in password),
    ]
    return sum(classes)


class CharacterClassesValidator:
    """At least three of four character classes."""

    def __init__(self, min_classes: int = MIN_CHARACTER_CLASSES):
        self.min_classes = min_classes

    def validate(self, password: str, user=None) -> None:
        if character_classes(password) < self.min_classes:
            raise ValidationError(
                f"密码须至少包含大写字母、小写字母、数字、特殊字符四类中的 {self.min_classes} 类。",
                code="password_too_simple",
            )

    def get_help_text(self) -> str:
        return f"密码须至少包含大写字母、小写字母、数字、特殊字符四类中的 {self.min_classes} 类。"


class UsernameNotContainedValidator:
    """The username may not appear in the password, in any letter case
    (`rsgl123456` for user `rsgl`)."""

    def validate(self, password: str, user=None) -> None:
        username = (getattr(user, "username", "") or "").strip().lower()
        if username and username in password.lower():
            raise ValidationError("密码中不能包含用户名。", code="password_contains_username")

    def get_help_text(self) -> str:
        return "密码中不能包含用户名。"


class PasswordHistoryValidator:
    """Not the current password nor one of the last `PASSWORD_HISTORY` (the
    history is recorded by `password_changed`, which Django calls after a new
    password has been saved)."""

    def __init__(self, history: int = PASSWORD_HISTORY):
        self.history = history

    def validate(self, password: str, user=None) -> None:
        if user is None or not getattr(user, "pk", None):
            return
        from accounts.selectors import recent_password_hashes

        for encoded in recent_password_hashes(user, limit=self.history):
            if encoded and check_password(password, encoded):
                raise ValidationError(
                    f"新密码不能与最近 {self.history} 次使用过的密码相同。",
                    code="password_reused",
                )

    def password_changed(self, password: str, user=None) -> None:
        if user is None or not getattr(user, "pk", None):
            return
        from accounts.services import password_history_record

        password_history_record(user=user, keep=self.history)

    def get_help_text(self) -> str:
        return f"不能与最近 {self.history} 次使用过的密码相同。"


def password_expires_at(user) -> datetime.datetime | None:
    """When the user's password expires (from when it was set, or from when the
    account was created if the portal never saw it set)."""
    start = getattr(user, "password_changed_at", None) or getattr(user, "date_joined", None)
    if start is None:
        return None
    return start + datetime.timedelta(days=PASSWORD_MAX_AGE_DAYS)


def password_expired(user, *, now: datetime.datetime | None = None) -> bool:
    expires = password_expires_at(user)
    return expires is not None and (now or timezone.now()) >= expires


def password_change_reason(user) -> str:
    """Why `user` must change their password before anything else, or ""."""
    if not getattr(user, "is_authenticated", False) or not user.has_usable_password():
        return ""
    if user.must_change_password:
        return "您的密码由他人设置（新建账户或管理员重置），请先修改为只有您本人知道的新密码。"
    if password_expired(user):
        return f"您的密码已超过 {PASSWORD_MAX_AGE_DAYS} 天未修改，请先修改密码。"
    return ""
