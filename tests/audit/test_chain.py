"""The tamper-evident audit log: an HMAC-SM3 chain that `audit_verify` walks, and on
PostgreSQL a trigger that refuses UPDATE, DELETE and TRUNCATE except the retention
job's removal of entries the database recorded more than 183 days ago."""

import datetime
import threading

import pytest
from cryptography.hazmat.primitives import hashes, hmac
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, connections, transaction
from django.utils import timezone

from audit import chain
from audit.models import AuditAction, AuditEntry
from audit.selectors import audit_verify
from audit.services import audit_prune, audit_record
from tests.audit.helpers import backdate, without_triggers
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def record(n=3):
    return [audit_record(action=AuditAction.OTHER, detail=f"第{i}条") for i in range(n)]


def verify_command():
    from io import StringIO

    out = StringIO()
    call_command("audit_verify", stdout=out)
    return out.getvalue()


# --- the chain --------------------------------------------------------------------------


def test_each_entry_is_chained_to_the_one_before():
    entries = record(4)
    assert entries[0].prev_hash in ("", AuditEntry.objects.filter(pk__lt=entries[0].pk).last())
    for before, after in zip(entries, entries[1:], strict=False):
        assert after.prev_hash == before.entry_hash
    assert len({e.entry_hash for e in entries}) == 4
    assert all(len(e.entry_hash) == 64 for e in entries)


def test_the_hash_is_hmac_sm3_of_the_content_and_the_previous_hash(settings):
    settings.AUDIT_HMAC_KEY = "a-key-kept-apart-from-the-database"
    entry = audit_record(action=AuditAction.PUBLISH, detail="发布《就业补助资金管理办法》")
    stored = AuditEntry.objects.get(pk=entry.pk)
    mac = hmac.HMAC(b"a-key-kept-apart-from-the-database", hashes.SM3())
    mac.update(chain.Content.of(stored).serialised(stored.prev_hash))
    assert stored.entry_hash == mac.finalize().hex()


def test_audit_verify_says_ok_for_an_intact_log():
    record(5)
    assert audit_verify() == (AuditEntry.objects.count(), None)
    assert verify_command().startswith("OK")


def test_audit_verify_reports_the_first_changed_entry():
    entries = record(5)
    without_triggers(
        lambda: AuditEntry.objects.filter(pk=entries[2].pk).update(detail="改过的说明")
    )
    checked, broken = audit_verify()
    assert broken.entry_id == entries[2].pk and "内容与摘要不符" in broken.reason
    with pytest.raises(CommandError, match=f"编号 {entries[2].pk}") as exc:
        call_command("audit_verify")
    assert exc.value.returncode == 1


def test_audit_verify_reports_a_removed_entry():
    entries = record(5)
    without_triggers(lambda: AuditEntry.objects.filter(pk=entries[1].pk).delete())
    _, broken = audit_verify()
    assert broken.entry_id == entries[2].pk and "链接不符" in broken.reason


def test_audit_verify_reports_a_backdated_entry():
    entries = record(3)
    backdate(entries[1], days=400)
    _, broken = audit_verify()
    assert broken.entry_id == entries[1].pk


def test_a_forged_entry_without_the_key_breaks_the_chain(settings):
    entries = record(2)

    def forge():
        forged = AuditEntry(
            action=AuditAction.OTHER, detail="伪造", prev_hash=entries[1].entry_hash
        )
        forged.entry_hash = chain.entry_hash(
            chain.Content.of(forged), forged.prev_hash, key=b"guessed-key"
        )
        forged.save()

    without_triggers(forge)
    _, broken = audit_verify()
    assert broken is not None and broken.entry_id > entries[1].pk


def test_another_key_verifies_nothing(settings):
    record(2)
    settings.AUDIT_HMAC_KEY = "another-key"
    _, broken = audit_verify()
    assert broken is not None and broken.position == 1


def test_entries_survive_the_deletion_of_their_actor():
    user = UserFactory(username="gone", is_superuser=False)
    audit_record(action=AuditAction.LOGIN, actor=user)
    user.delete()
    entry = AuditEntry.objects.get(actor_name="gone")
    assert entry.actor_id is None
    assert audit_verify()[1] is None


# --- retention ----------------------------------------------------------------------------


def test_prune_removes_only_what_the_database_recorded_long_ago():
    old, recent = record(2)
    backdate(old, days=200)
    # A recent entry with a backdated date (its `at`) is not old enough to remove.
    without_triggers(
        lambda: AuditEntry.objects.filter(pk=recent.pk).update(
            at=timezone.now() - datetime.timedelta(days=400)
        )
    )
    assert audit_prune() == 1
    assert list(AuditEntry.objects.values_list("pk", flat=True)) == [recent.pk]


# --- PostgreSQL: the trigger ----------------------------------------------------------------


def refused(sql_or_callable):
    with pytest.raises(DatabaseError) as exc, transaction.atomic():
        if callable(sql_or_callable):
            sql_or_callable()
        else:
            with connection.cursor() as cursor:
                cursor.execute(sql_or_callable)
    return str(exc.value)


@pytest.mark.postgres
def test_an_orm_update_is_refused():
    entry = record(1)[0]
    message = refused(lambda: AuditEntry.objects.filter(pk=entry.pk).update(detail="改过的说明"))
    assert "不可修改" in message
    refused(lambda: AuditEntry.objects.filter(pk=entry.pk).update(at=timezone.now()))
    assert AuditEntry.objects.get(pk=entry.pk).detail == "第0条"


@pytest.mark.postgres
def test_a_raw_delete_and_an_orm_delete_are_refused():
    entry = record(1)[0]
    assert "不可删除" in refused(f"DELETE FROM audit_auditentry WHERE id = {entry.pk}")  # noqa: S608
    refused(lambda: AuditEntry.objects.all().delete())
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


@pytest.mark.postgres
def test_truncate_is_refused():
    record(1)
    with connection.cursor() as cursor:
        # Run the deferred foreign-key checks of the insert now, so that
        # TRUNCATE reaches the trigger.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET portal.audit_allow_truncate = off")
    try:
        assert "不可清空" in refused("TRUNCATE audit_auditentry")
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET portal.audit_allow_truncate = on")
    assert AuditEntry.objects.exists()


@pytest.mark.postgres
def test_the_prune_path_cannot_remove_a_backdated_entry():
    """An entry dated 400 days ago (however that came about) that the database
    recorded today is not removable, not even through the retention job's path."""
    entry = record(1)[0]
    without_triggers(
        lambda: AuditEntry.objects.filter(pk=entry.pk).update(
            at=timezone.now() - datetime.timedelta(days=400)
        )
    )

    def delete_as_the_prune_job():
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('portal.audit_prune', 'on', true)")
            cursor.execute("DELETE FROM audit_auditentry WHERE id = %s", [entry.pk])

    assert "不可删除" in refused(delete_as_the_prune_job)
    assert audit_prune() == 0
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


@pytest.mark.postgres
def test_the_database_dates_each_entry_itself():
    entry = audit_record(action=AuditAction.OTHER)
    # Whatever the application sent, recorded_at is the database's clock.
    recorded = AuditEntry.objects.get(pk=entry.pk).recorded_at
    assert abs((recorded - timezone.now()).total_seconds()) < 60
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO audit_auditentry (at, actor_name, action, target_type, target_id,"
            " target_repr, detail, outcome, prev_hash, entry_hash, recorded_at)"
            " VALUES (now(), '', 'other', '', '', '', 'x', 'success', '', '',"
            " now() - interval '400 days') RETURNING recorded_at"
        )
        assert cursor.fetchone()[0] > timezone.now() - datetime.timedelta(minutes=1)


@pytest.mark.postgres
def test_the_retention_job_removes_old_entries_through_its_own_path():
    old, recent = record(2)
    backdate(old, days=200)
    assert audit_prune() == 1
    assert list(AuditEntry.objects.values_list("pk", flat=True)) == [recent.pk]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_appends_keep_one_chain():
    writers, per_writer = 8, 5
    barrier = threading.Barrier(writers)
    errors = []

    def write(n):
        try:
            barrier.wait()
            for i in range(per_writer):
                audit_record(action=AuditAction.OTHER, detail=f"线程{n}-{i}")
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    entries = list(AuditEntry.objects.order_by("id"))
    assert len(entries) >= writers * per_writer
    assert len({e.prev_hash for e in entries}) == len(entries)  # no fork
    assert audit_verify() == (len(entries), None)
