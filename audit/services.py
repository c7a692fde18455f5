"""Writing the audit log. Other apps call `audit_record` for security-relevant acts
(publication, withdrawal, overrides, exports of personal data, permission changes).

Entries form a hash chain (audit.chain); appends take the chain head's lock so
that concurrent writers on PostgreSQL never fork it."""

import datetime
from contextvars import ContextVar

from django.db import connection, transaction
from django.utils import timezone

from audit import chain
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
    from common.ratelimit import client_ip

    if request is None:
        request = current_request.get()
    has_actor = getattr(actor, "pk", None) is not None
    entry = AuditEntry(
        at=timezone.now(),
        action=action,
        actor=actor if has_actor else None,
        actor_name=(actor_name or (actor.get_username() if has_actor else ""))[:150],
        target_type=target._meta.label if target is not None else "",
        target_id=str(target.pk)[:64] if target is not None else "",
        target_repr=str(target)[:300] if target is not None else "",
        detail=detail,
        outcome=outcome,
        ip_address=client_ip(request) if request is not None else None,
    )
    with transaction.atomic():
        _lock_chain_head()
        entry.prev_hash = (
            AuditEntry.objects.order_by("-id").values_list("entry_hash", flat=True).first()
            or chain.GENESIS
        )
        entry.entry_hash = chain.entry_hash(chain.Content.of(entry), entry.prev_hash)
        entry.save(force_insert=True)
    return entry


# Any fixed number: the key of the advisory lock that serialises appends.
CHAIN_LOCK_KEY = 0x6175646974  # "audit"


def _lock_chain_head() -> None:
    """Serialise appends until the transaction ends, so that each entry is
    chained to the one committed before it. SQLite has one writer at a time."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK_KEY])


def audit_prune(*, keep_days: int = MIN_RETENTION_DAYS) -> int:
    """Delete entries older than `keep_days` (never fewer than 183). Returns the count."""
    if keep_days < MIN_RETENTION_DAYS:
        raise ValueError(f"审计日志至少保存 {MIN_RETENTION_DAYS} 天（6 个月）。")
    cutoff = timezone.now() - datetime.timedelta(days=keep_days)
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # The retention job's own path: the trigger lets this transaction
            # delete entries the database itself recorded more than 183 days ago.
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config('portal.audit_prune', 'on', true)")
        deleted, _ = AuditEntry.objects.filter(at__lt=cutoff, recorded_at__lt=cutoff).delete()
    return deleted
