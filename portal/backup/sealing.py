"""The backup file's encryption: SM4-GCM over the whole archive, streamed in chunks.

Layout: b"PORTAL-BACKUP-1\\n", one JSON header line (cipher, key id, nonce, time),
the ciphertext, the 16-byte GCM tag. The header is authenticated with the data, so
nothing in the file can be changed without the tag failing. Decryption writes to a
temporary file and hands it over only once the tag has been checked.

The key: BACKUP_ENCRYPTION_KEY ("<id>:<32 hex digits>[,<id>:<older key>]", the
first encrypts, any decrypts by its id), kept apart from the backups and from the
database; demo and test mode derive one from SECRET_KEY."""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from common.crypto.keys import development_allowed, parse_keyring
from common.errors import PortalError

MAGIC = b"PORTAL-BACKUP-1\n"
CHUNK = 1024 * 1024
TAG_BYTES = 16


class BackupError(PortalError):
    """A backup could not be made, read or restored; the message says why."""


def backup_keyring() -> tuple[tuple[str, bytes], ...]:
    spec = getattr(settings, "BACKUP_ENCRYPTION_KEY", "") or ""
    if spec:
        return parse_keyring(spec)
    if not development_allowed():
        raise ImproperlyConfigured(
            "BACKUP_ENCRYPTION_KEY must be set when DEBUG is off (docs/operations.md)."
        )
    from cryptography.hazmat.primitives import hashes

    digest = hashes.Hash(hashes.SM3())
    digest.update(b"portal backup key (development only)|" + settings.SECRET_KEY.encode())
    return (("dev", digest.finalize()[:16]),)


def seal(source: Path, target: Path, *, created: str) -> str:
    """Encrypt `source` into `target`; the key id used."""
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    key_id, key = backup_keyring()[0]
    nonce = os.urandom(12)
    header = (
        json.dumps(
            {
                "cipher": "SM4-GCM",
                "key_id": key_id,
                "nonce": base64.b64encode(nonce).decode(),
                "created": created,
            },
            sort_keys=True,
        ).encode()
        + b"\n"
    )
    encryptor = Cipher(algorithms.SM4(key), modes.GCM(nonce)).encryptor()
    encryptor.authenticate_additional_data(MAGIC + header)
    with source.open("rb") as src, target.open("wb") as out:
        out.write(MAGIC + header)
        while chunk := src.read(CHUNK):
            out.write(encryptor.update(chunk))
        out.write(encryptor.finalize())
        out.write(encryptor.tag)
    return key_id


def read_header(path: Path) -> tuple[dict, int]:
    """The header of a backup file and the offset where its ciphertext starts."""
    with path.open("rb") as fh:
        if fh.read(len(MAGIC)) != MAGIC:
            raise BackupError(f"{path.name} 不是本系统的备份文件。")
        line = fh.readline(4096)
    try:
        header = json.loads(line)
    except ValueError as exc:
        raise BackupError(f"{path.name} 的文件头已损坏。") from exc
    if header.get("cipher") != "SM4-GCM":
        raise BackupError(f"{path.name} 使用了不支持的加密方式。")
    return header, len(MAGIC) + len(line)


def unseal(path: Path, target: Path) -> dict:
    """Decrypt backup `path` into `target` after checking the tag; its header.
    BackupError if the key is missing, the file altered or truncated."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    header, start = read_header(path)
    key = dict(backup_keyring()).get(header.get("key_id", ""))
    if key is None:
        raise BackupError(
            f"未配置备份密钥 {header.get('key_id')}，无法解密（请检查 BACKUP_ENCRYPTION_KEY）。"
        )
    size = path.stat().st_size
    end = size - TAG_BYTES
    if end < start:
        raise BackupError(f"{path.name} 不完整（文件被截断）。")
    with path.open("rb") as fh:
        fh.seek(end)
        tag = fh.read(TAG_BYTES)
        fh.seek(0)
        prefix = fh.read(start)
        nonce = base64.b64decode(header["nonce"])
        decryptor = Cipher(algorithms.SM4(key), modes.GCM(nonce, tag)).decryptor()
        decryptor.authenticate_additional_data(prefix)
        left = end - start
        with target.open("wb") as out:
            while left > 0:
                chunk = fh.read(min(CHUNK, left))
                if not chunk:
                    break
                left -= len(chunk)
                out.write(decryptor.update(chunk))
            try:
                out.write(decryptor.finalize())
            except InvalidTag as exc:
                out.close()
                target.unlink(missing_ok=True)
                raise BackupError(
                    f"{path.name} 校验失败：文件被改动、损坏，或密钥不是制作备份时的密钥。"
                ) from exc
    return header
