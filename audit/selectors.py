"""Reads of the audit log."""

from __future__ import annotations

from audit import chain
from audit.models import AuditAction, AuditEntry


def audit_verify() -> tuple[int, chain.Break | None]:
    """Check the whole chain, oldest first: (entries checked, first break or None)."""
    return chain.verify(AuditEntry.objects.order_by("id").iterator(chunk_size=2000))


def last_login(user) -> AuditEntry | None:
    """The user's most recent recorded login."""
    return (
        AuditEntry.objects.filter(action=AuditAction.LOGIN, actor=user)
        .order_by("-at", "-id")
        .first()
    )


def failed_logins_since(username: str, since) -> int:
    """Failed logins under `username` since `since` (None: ever)."""
    entries = AuditEntry.objects.filter(action=AuditAction.LOGIN_FAILED, actor_name=username)
    if since is not None:
        entries = entries.filter(at__gt=since)
    return entries.count()
