"""Test helpers for the audit log."""

import datetime

from django.db import connection
from django.utils import timezone

from audit.models import AuditEntry


def without_triggers(sql_or_callable):
    """Run a change the audit log's PostgreSQL trigger would refuse, as a test
    setup step (what only a database superuser can do)."""
    if connection.vendor != "postgresql":
        return sql_or_callable()
    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")
    try:
        return sql_or_callable()
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET session_replication_role = origin")


def backdate(entry, *, days: int) -> None:
    """Make `entry` as old as if it had been recorded `days` ago."""
    when = timezone.now() - datetime.timedelta(days=days)
    without_triggers(
        lambda: AuditEntry.objects.filter(pk=entry.pk).update(at=when, recorded_at=when)
    )
