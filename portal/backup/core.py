"""Making and restoring a backup: the database and the uploaded files together, with
a manifest of SHA-256 checksums and row counts, in one encrypted file.

Inside (a tar, then sealed with SM4-GCM, `sealing`):
  database/db.dump or database/db.sqlite3
  media/<path under MEDIA_ROOT>...
  manifest.json  {"format", "created", "engine", "database": {path, sha256, size},
                  "files": [{path, sha256, size}], "tables": {table: rows}}

A restore checks everything before it changes anything: the tag (nothing altered,
the right key), then every checksum; only then the database is replaced, the files
written, and the row counts compared with the manifest."""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import os
import shutil
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.utils import timezone

from portal.backup import database
from portal.backup.sealing import BackupError, backup_keyring, seal, unseal

SUFFIX = ".backup"


@dataclass
class RestoreReport:
    tables: dict[str, int] = field(default_factory=dict)
    files: int = 0
    mismatched: dict[str, tuple[int, int]] = field(default_factory=dict)  # table: (manifest, now)

    @property
    def ok(self) -> bool:
        return not self.mismatched


class _Hashing(io.RawIOBase):
    """A file read through once: what tar stores is what the digest covers."""

    def __init__(self, fh) -> None:
        self.fh, self.digest = fh, hashlib.sha256()

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        data = self.fh.read(size)
        self.digest.update(data)
        return data


def _add(tar: tarfile.TarFile, source: Path, name: str) -> dict:
    info = tarfile.TarInfo(name)
    with source.open("rb") as fh:
        info.size = os.fstat(fh.fileno()).st_size
        info.mtime = int(source.stat().st_mtime)
        info.mode = 0o640
        reader = _Hashing(fh)
        tar.addfile(info, reader)
    return {"path": name, "sha256": reader.digest.hexdigest(), "size": info.size}


def create_backup(output: Path, *, alias: str = "default", media_root: Path | None = None) -> Path:
    """Write an encrypted backup file into `output`; its path."""
    media_root = Path(media_root or settings.MEDIA_ROOT)
    backup_keyring()  # no key, no backup: refused before anything is written
    output.mkdir(parents=True, exist_ok=True)
    now = timezone.now()
    stamp = timezone.localtime(now).strftime("%Y%m%d-%H%M%S")
    target = output / f"portal-{stamp}{SUFFIX}"
    with tempfile.TemporaryDirectory(dir=output, prefix=".making-") as tmp:
        work = Path(tmp)
        db_name, counts = database.dump(alias, work)
        archive = work / "backup.tar"
        with tarfile.open(archive, "w") as tar:
            db_entry = _add(tar, work / db_name, f"database/{db_name}")
            files = []
            if media_root.is_dir():
                for path in sorted(p for p in media_root.rglob("*") if p.is_file()):
                    rel = path.relative_to(media_root).as_posix()
                    files.append(_add(tar, path, f"media/{rel}"))
            manifest = {
                "format": 1,
                "created": now.isoformat(),
                "engine": database.engine(alias),
                "database": db_entry,
                "files": files,
                "tables": counts,
            }
            data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size, info.mtime, info.mode = len(data), int(now.timestamp()), 0o640
            tar.addfile(info, io.BytesIO(data))
        partial = target.with_suffix(SUFFIX + ".partial")
        partial.touch(mode=0o600)  # readable by the backup operator only
        seal(archive, partial, created=now.isoformat())
        partial.rename(target)
    digest = _sha256(target)
    target.with_name(target.name + ".sha256").write_text(f"{digest}  {target.name}\n")
    return target


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def _safe_name(name: str) -> bool:
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts and name == path.as_posix()


def verify(tar: tarfile.TarFile) -> dict:
    """The manifest, after checking every member against it (BackupError otherwise)."""
    members = {m.name: m for m in tar.getmembers()}
    for member in members.values():
        if not member.isfile() or not _safe_name(member.name):
            raise BackupError(f"备份中有不允许的条目：{member.name}")
    if "manifest.json" not in members:
        raise BackupError("备份中没有清单（manifest.json）。")
    manifest = json.loads(tar.extractfile(members["manifest.json"]).read())  # type: ignore[union-attr]
    for entry in [manifest["database"], *manifest["files"]]:
        member = members.get(entry["path"])
        if member is None:
            raise BackupError(f"备份缺少文件：{entry['path']}")
        digest = hashlib.sha256()
        fh = tar.extractfile(member)
        while chunk := fh.read(1024 * 1024):  # type: ignore[union-attr]
            digest.update(chunk)
        if digest.hexdigest() != entry["sha256"] or member.size != entry["size"]:
            raise BackupError(f"校验和不符：{entry['path']}")
    return manifest


def restore_backup(
    path: Path, *, alias: str = "default", media_root: Path | None = None
) -> RestoreReport:
    """Check `path` completely, then replace the database and write the files."""
    media_root = Path(media_root or settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix="portal-restore-") as tmp:
        work = Path(tmp)
        archive = work / "backup.tar"
        unseal(path, archive)
        with tarfile.open(archive, "r") as tar:
            manifest = verify(tar)
            if manifest["engine"] != database.engine(alias):
                raise BackupError(
                    f"备份来自 {manifest['engine']} 数据库，不能恢复到 {database.engine(alias)}。"
                )
            db_path = work / "db"
            with db_path.open("wb") as out:
                shutil.copyfileobj(tar.extractfile(manifest["database"]["path"]), out)  # type: ignore[misc]
            database.restore(alias, db_path)
            for entry in manifest["files"]:
                rel = entry["path"].removeprefix("media/")
                destination = media_root / rel
                destination.parent.mkdir(parents=True, exist_ok=True)
                partial = destination.with_name(destination.name + ".restoring")
                with partial.open("wb") as out:
                    shutil.copyfileobj(tar.extractfile(entry["path"]), out)  # type: ignore[misc]
                os.replace(partial, destination)
    _catalogue_changed()
    now = database.table_counts(alias)
    expected = manifest["tables"]
    mismatched = {t: (n, now.get(t, -1)) for t, n in expected.items() if now.get(t, -1) != n}
    return RestoreReport(tables=now, files=len(manifest["files"]), mismatched=mismatched)


def _catalogue_changed() -> None:
    from common.pagecache import catalogue_changed

    catalogue_changed()  # copies of pages made before the restore are dead


def prune(output: Path, *, keep_days: int, today: datetime.date | None = None) -> list[Path]:
    """Remove backups in `output` older than `keep_days` days (by their stamp)."""
    today = today or timezone.localdate()
    removed = []
    for path in sorted(output.glob(f"portal-*{SUFFIX}")):
        try:
            made = datetime.datetime.strptime(path.name[7:15], "%Y%m%d").date()
        except ValueError:
            continue
        if (today - made).days > keep_days:
            path.unlink()
            path.with_name(path.name + ".sha256").unlink(missing_ok=True)
            removed.append(path)
    return removed
