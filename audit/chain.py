"""The audit log's hash chain (tamper evidence, 等保2.0 三级 安全审计).

Each entry carries `entry_hash` = HMAC-SM3(key, its content + the previous
entry's hash), and `prev_hash`, the previous entry's hash. Changing, removing or
inserting an entry anywhere breaks the chain from that point; without the key
nobody can forge a consistent chain. `python manage.py audit_verify` walks it.

The key is AUDIT_HMAC_KEY when set (recommended in production: keep it apart
from the database, and it survives a SECRET_KEY rotation), otherwise derived from
SECRET_KEY. SM3 is the Chinese national hash (GB/T 32905), from `cryptography`."""

from __future__ import annotations

import datetime
import ipaddress
import json
from dataclasses import dataclass

from cryptography.hazmat.primitives import hashes, hmac
from django.conf import settings

GENESIS = ""


def _hmac_sm3(key: bytes, data: bytes) -> str:
    mac = hmac.HMAC(key, hashes.SM3())
    mac.update(data)
    return mac.finalize().hex()


def chain_key() -> bytes:
    configured = getattr(settings, "AUDIT_HMAC_KEY", "")
    if configured:
        return configured.encode("utf-8")
    return bytes.fromhex(_hmac_sm3(settings.SECRET_KEY.encode("utf-8"), b"portal.audit.chain.v1"))


def canonical_ip(value) -> str:
    if not value:
        return ""
    try:
        return ipaddress.ip_address(str(value).split("/")[0]).compressed
    except ValueError:
        return str(value)


def canonical_time(value: datetime.datetime) -> str:
    return value.astimezone(datetime.UTC).isoformat(timespec="microseconds")


@dataclass(frozen=True)
class Content:
    """What the hash covers: everything an entry says (the actor's id is left
    out: it becomes empty when an account is deleted; the name stays)."""

    at: datetime.datetime
    actor_name: str
    action: str
    target_type: str
    target_id: str
    target_repr: str
    detail: str
    outcome: str
    ip_address: str | None

    @classmethod
    def of(cls, entry) -> Content:
        return cls(
            at=entry.at,
            actor_name=entry.actor_name,
            action=str(entry.action),
            target_type=entry.target_type,
            target_id=entry.target_id,
            target_repr=entry.target_repr,
            detail=entry.detail,
            outcome=str(entry.outcome),
            ip_address=entry.ip_address,
        )

    def serialised(self, prev_hash: str) -> bytes:
        return json.dumps(
            [
                "v1",
                canonical_time(self.at),
                self.actor_name,
                self.action,
                self.target_type,
                self.target_id,
                self.target_repr,
                self.detail,
                self.outcome,
                canonical_ip(self.ip_address),
                prev_hash,
            ],
            ensure_ascii=False,
            separators=(",", ":"),
        ).encode("utf-8")


def entry_hash(content: Content, prev_hash: str, *, key: bytes | None = None) -> str:
    return _hmac_sm3(key or chain_key(), content.serialised(prev_hash))


@dataclass(frozen=True)
class Break:
    """The first place the chain does not hold."""

    entry_id: int
    position: int
    reason: str


def verify(entries, *, key: bytes | None = None) -> tuple[int, Break | None]:
    """Walk `entries` (oldest first). Returns how many were checked and the first
    break, if any. The oldest entry's `prev_hash` is taken as given: entries before
    it were removed by the retention job."""
    key = key or chain_key()
    previous: str | None = None
    checked = 0
    for position, entry in enumerate(entries, start=1):
        checked = position
        if previous is not None and entry.prev_hash != previous:
            return checked, Break(
                entry.pk, position, "与上一条记录的链接不符（记录被删除、插入或调换）"
            )
        if entry.entry_hash != entry_hash(Content.of(entry), entry.prev_hash, key=key):
            return checked, Break(entry.pk, position, "内容与摘要不符（记录被修改）")
        previous = entry.entry_hash
    return checked, None
