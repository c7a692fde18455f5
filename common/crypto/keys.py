"""The field keys: SM4 keys (16 bytes) named by a key id, from the environment.

FIELD_ENCRYPTION_KEY = "<id>:<key>[,<id>:<key>...]", each key 32 hex digits or
base64 of 16 bytes. The first is the current key (new values are encrypted with
it); the others only decrypt values written before a rotation. The keys are never
stored in the database: each value carries the id of its key.

Without the variable, demo and test mode derive a development key from SECRET_KEY
(id "dev"); production refuses to start (portal/settings.py)."""

from __future__ import annotations

import base64
import binascii
import functools
import re

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

KEY_BYTES = 16
DEV_KEY_ID = "dev"
_KEY_ID = re.compile(r"^[A-Za-z0-9_-]{1,16}$")


@functools.lru_cache(maxsize=8)
def parse_keyring(spec: str) -> tuple[tuple[str, bytes], ...]:
    """[(key id, key)], current first; ImproperlyConfigured with what is wrong."""
    ring: list[tuple[str, bytes]] = []
    for part in (p.strip() for p in spec.split(",")):
        if not part:
            continue
        key_id, sep, encoded = part.partition(":")
        if not sep or not _KEY_ID.match(key_id):
            raise ImproperlyConfigured(
                "FIELD_ENCRYPTION_KEY: each entry is <id>:<key>, the id of letters, digits, - or _."
            )
        key = _decode(encoded.strip())
        if len(key) != KEY_BYTES:
            raise ImproperlyConfigured(
                f"FIELD_ENCRYPTION_KEY: key {key_id!r} must be 16 bytes (32 hex digits or base64)."
            )
        if any(existing == key_id for existing, _ in ring):
            raise ImproperlyConfigured(f"FIELD_ENCRYPTION_KEY: key id {key_id!r} twice.")
        ring.append((key_id, key))
    if not ring:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEY names no key.")
    return tuple(ring)


def _decode(text: str) -> bytes:
    if re.fullmatch(r"[0-9a-fA-F]{32}", text):
        return bytes.fromhex(text)
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return b""


def development_key() -> bytes:
    from cryptography.hazmat.primitives import hashes

    digest = hashes.Hash(hashes.SM3())
    digest.update(b"portal field key (development only)|" + settings.SECRET_KEY.encode())
    return digest.finalize()[:KEY_BYTES]


def development_allowed() -> bool:
    return bool(
        settings.DEBUG
        or getattr(settings, "DEMO_MODE", False)
        or getattr(settings, "TESTING", False)
    )


def keyring() -> tuple[tuple[str, bytes], ...]:
    spec = getattr(settings, "FIELD_ENCRYPTION_KEY", "") or ""
    if spec:
        return parse_keyring(spec)
    if not development_allowed():
        raise ImproperlyConfigured(
            "FIELD_ENCRYPTION_KEY must be set when DEBUG is off (docs/operations.md)."
        )
    return ((DEV_KEY_ID, development_key()),)


def current_key() -> tuple[str, bytes]:
    return keyring()[0]


def key_by_id(key_id: str) -> bytes | None:
    return dict(keyring()).get(key_id)


def index_key() -> bytes:
    """The key of the blind indexes, derived from the current field key (the
    rotation recomputes every index)."""
    from cryptography.hazmat.primitives import hashes, hmac

    mac = hmac.HMAC(current_key()[1], hashes.SM3())
    mac.update(b"portal blind index v1")
    return mac.finalize()
