"""Writing the audit log. Other apps call `audit_record` for security-relevant acts
(publication, withdrawal, overrides, exports of personal data, permission changes)."""

import datetime

from django.utils import timezone

from audit.models import AuditAction, AuditEntry

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
) -> AuditEntry:
    from common.ratelimit import client_address

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
        ip_address=ip,
    )


def audit_prune(*, keep_days: int = MIN_RETENTION_DAYS) -> int:
    """Delete entries older than `keep_days` (never fewer than 183). Returns the count."""
    if keep_days < MIN_RETENTION_DAYS:
        raise ValueError(f"审计日志至少保存 {MIN_RETENTION_DAYS} 天（6 个月）。")
    cutoff = timezone.now() - datetime.timedelta(days=keep_days)
    deleted, _ = AuditEntry.objects.filter(at__lt=cutoff).delete()
    return deleted
