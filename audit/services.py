"""Writing the audit log. Other apps call `audit_record` for security-relevant acts
(publication, withdrawal, overrides, exports of personal data, permission changes)."""

import datetime
from contextvars import ContextVar

from django.utils import timezone

from audit.models import AuditAction, AuditEntry, AuditOutcome

# The request being answered, set by `audit.middleware.AuditRequestMiddleware`, so
# that entries written by services (publication, decisions, reassignments) carry
# the client's address even though services do not take the request.
current_request: ContextVar = ContextVar("audit_current_request", default=None)

# F8: the audit log is kept at least 6 months.
MIN_RETENTION_DAYS = 183


def audit_record(
    *,
    action: AuditAction,
    actor=None,
    target=None,
    detail: str = "",
    request=None,
    actor_name: str = "",
    outcome: AuditOutcome = AuditOutcome.SUCCESS,
) -> AuditEntry:
    """Append one entry: time, actor, client address, action, object, outcome.

    Without `request`, the request being answered (if any) gives the address."""
    from common.ratelimit import client_address

    if request is None:
        request = current_request.get()
    ip = client_address(request) if request is not None else None
    if ip == "unknown":
        ip = None
    return AuditEntry.objects.create(
        action=action,
        actor=actor if getattr(actor, "pk", None) else None,
        actor_name=actor_name or (actor.get_username() if getattr(actor, "pk", None) else ""),
        target_type=target._meta.label if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_repr=str(target)[:300] if target is not None else "",
        detail=detail,
        outcome=outcome,
        ip_address=ip,
    )


def audit_prune(*, keep_days: int = MIN_RETENTION_DAYS) -> int:
    """Delete entries older than `keep_days` (never fewer than 183). Returns the count."""
    if keep_days < MIN_RETENTION_DAYS:
        raise ValueError(f"审计日志至少保存 {MIN_RETENTION_DAYS} 天（6 个月）。")
    cutoff = timezone.now() - datetime.timedelta(days=keep_days)
    deleted, _ = AuditEntry.objects.filter(at__lt=cutoff).delete()
    return deleted
