"""Writes of the accounts app: the password history and the forced change."""

from __future__ import annotations

from accounts.models import PasswordHistory, User


def password_history_record(*, user: User, keep: int) -> None:
    """Remember the hash of the password `user` has just been given, keeping the
    `keep` most recent."""
    PasswordHistory.objects.create(user=user, password=user.password)
    stale = PasswordHistory.objects.filter(user=user).values_list("pk", flat=True)[keep:]
    PasswordHistory.objects.filter(pk__in=list(stale)).delete()
