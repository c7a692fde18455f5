"""Reads of the accounts app."""

from __future__ import annotations

from accounts.models import PasswordHistory, User


def recent_password_hashes(user: User, *, limit: int) -> list[str]:
    """The hashes of the current password and the `limit - 1` before it (the
    current one comes first; it is not in the history when set outside the
    portal's forms)."""
    hashes = [user.password] if user.password else []
    previous = PasswordHistory.objects.filter(user=user).values_list("password", flat=True)
    for encoded in previous[:limit]:
        if encoded not in hashes:
            hashes.append(encoded)
    return hashes[:limit]
