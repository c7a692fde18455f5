"""Backups (`manage.py backup` / `restore`, `make backup` / `make restore`): the
database and the uploaded files in one SM4-GCM encrypted file with a manifest of
SHA-256 checksums and row counts. A restore checks everything before it changes
anything, then the row counts and the files' checksums match what was backed up.
The round trip runs on PostgreSQL (pg_dump/pg_restore) and on SQLite."""

import hashlib
import io
import json
import tarfile
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import override_settings

from disclosure.models import Item
from portal.backup import BackupError, create_backup, prune, restore_backup, verify
from portal.backup import database as backup_database
from portal.backup.sealing import seal, unseal
from requests_app import services as request_services
from requests_app.models import DisclosureRequest, RequestFile
from tests.disclosure.factories import AttachmentFactory
from tests.factories import ItemFactory
from tests.requests_app.factories import applicant_data

ROUND_TRIP = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def media_checksums(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def bureau_with_files():
    items = [ItemFactory(published=True, title=f"关于第{n}批补贴的通知") for n in range(3)]
    AttachmentFactory(item=items[0])
    AttachmentFactory(item=items[1])
    req = request_services.request_submit(
        data=applicant_data(),
        files=[SimpleUploadedFile("材料.txt", "申请材料".encode(), "text/plain")],
    ).request
    return items, req


def round_trip(settings, tmp_path):
    items, req = bureau_with_files()
    media = Path(settings.MEDIA_ROOT)
    counts_before = backup_database.table_counts()
    files_before = media_checksums(media)
    assert len(files_before) == 3 and counts_before["requests_app_disclosurerequest"] == 1

    path = create_backup(tmp_path / "backups")
    assert path.stat().st_mode & 0o077 == 0
    raw = path.read_bytes()
    for clear in (b"13812341234", "关于第".encode(), "申请材料".encode()):
        assert clear not in raw  # encrypted as a whole

    # Disaster: rows deleted and added, a file lost and another altered.
    Item.objects.filter(pk=items[2].pk).delete()
    DisclosureRequest.objects.all().delete()
    ItemFactory(published=True, title="恢复后不应存在")
    lost, altered = sorted(files_before)[:2]
    (media / lost).unlink()
    (media / altered).write_bytes(b"changed")

    report = restore_backup(path)
    assert report.ok and report.files == 3
    counts_after = backup_database.table_counts()
    assert counts_after == counts_before
    assert media_checksums(media) == files_before
    restored = DisclosureRequest.objects.get(pk=req.pk)
    assert restored.phone == "13812341234"  # still decrypts with the field key
    assert not Item.objects.filter(title="恢复后不应存在").exists()
    assert RequestFile.objects.filter(request=restored).count() == 1
    return counts_before


@pytest.mark.postgres
@ROUND_TRIP
def test_round_trip_on_postgresql(settings, tmp_path):
    counts = round_trip(settings, tmp_path)
    assert counts["disclosure_item"] >= 3


@ROUND_TRIP
def test_round_trip_on_sqlite(settings, tmp_path):
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("the SQLite path")
    round_trip(settings, tmp_path)


# --- refusals: nothing changes ------------------------------------------------------------


@pytest.fixture
def backup_file(transactional_db, tmp_path):
    ItemFactory(published=True)
    AttachmentFactory()
    return create_backup(tmp_path / "backups")


@ROUND_TRIP
def test_an_altered_backup_is_refused_before_anything_changes(backup_file, tmp_path):
    data = bytearray(backup_file.read_bytes())
    data[len(data) // 2] ^= 0x01
    altered = tmp_path / "altered.backup"
    altered.write_bytes(bytes(data))
    before = Item.objects.count()
    with pytest.raises(BackupError, match="校验失败"):
        restore_backup(altered)
    truncated = tmp_path / "truncated.backup"
    truncated.write_bytes(bytes(data[:100]))
    with pytest.raises(BackupError, match="校验失败|不完整|损坏"):
        restore_backup(truncated)
    assert Item.objects.count() == before


@ROUND_TRIP
def test_a_backup_needs_its_key(backup_file):
    with (
        override_settings(BACKUP_ENCRYPTION_KEY="k9:" + "22" * 16),
        pytest.raises(BackupError, match="未配置备份密钥 dev"),
    ):
        restore_backup(backup_file)
    with (
        override_settings(BACKUP_ENCRYPTION_KEY="dev:" + "22" * 16),
        pytest.raises(BackupError, match="密钥不是制作备份时的密钥"),
    ):
        restore_backup(backup_file)


def test_production_refuses_to_back_up_without_a_key(db, tmp_path):
    with (
        override_settings(DEBUG=False, TESTING=False, DEMO_MODE=False, BACKUP_ENCRYPTION_KEY=""),
        pytest.raises(ImproperlyConfigured, match="BACKUP_ENCRYPTION_KEY"),
    ):
        create_backup(tmp_path)


def _resealed(backup_file: Path, tmp_path: Path, change) -> Path:
    """The backup's tar changed by `change(members)` and sealed again with the key:
    only the checksums can catch it."""
    plain = tmp_path / "plain.tar"
    unseal(backup_file, plain)
    members = {}
    with tarfile.open(plain) as tar:
        for m in tar.getmembers():
            members[m.name] = tar.extractfile(m).read()
    change(members)
    rebuilt = tmp_path / "rebuilt.tar"
    with tarfile.open(rebuilt, "w") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    target = tmp_path / "resealed.backup"
    seal(rebuilt, target, created="x")
    return target


@ROUND_TRIP
def test_a_file_that_does_not_match_the_manifest_is_refused(backup_file, tmp_path):
    def swap(members):
        name = next(n for n in members if n.startswith("media/"))
        members[name] = b"not the file"

    with pytest.raises(BackupError, match="校验和不符"):
        restore_backup(_resealed(backup_file, tmp_path, swap))


@ROUND_TRIP
def test_a_path_outside_the_media_folder_is_refused(backup_file, tmp_path):
    def escape(members):
        members["media/../../etc/cron.d/x"] = b"* * * * * root true"
        manifest = json.loads(members["manifest.json"])
        manifest["files"].append({"path": "media/../../etc/cron.d/x", "sha256": "", "size": 0})
        members["manifest.json"] = json.dumps(manifest).encode()

    with pytest.raises(BackupError, match="不允许的条目"):
        restore_backup(_resealed(backup_file, tmp_path, escape))


@ROUND_TRIP
def test_verify_reads_the_manifest(backup_file, tmp_path):
    plain = tmp_path / "plain.tar"
    unseal(backup_file, plain)
    with tarfile.open(plain) as tar:
        manifest = verify(tar)
    assert manifest["format"] == 1 and manifest["tables"]["disclosure_item"] >= 1
    assert len(manifest["files"]) == 1 and len(manifest["files"][0]["sha256"]) == 64


# --- the commands ---------------------------------------------------------------------------


@ROUND_TRIP
def test_the_commands_and_retention(backup_file, tmp_path, capsys):
    folder = backup_file.parent
    old = folder / "portal-20200101-020000.backup"
    old.write_bytes(b"old")
    call_command("backup", "--output", str(folder), "--keep-days", "30")
    out = capsys.readouterr().out
    assert "已生成备份" in out and "已删除过期备份：portal-20200101-020000.backup" in out
    assert not old.exists() and len(list(folder.glob("portal-*.backup"))) >= 1
    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", str(backup_file))
    assert prune(folder, keep_days=30) == []
