"""SM4-GCM (GB/T 32907 block cipher, GCM mode) for single values, and the keyed SM3
blind index (HMAC-SM3) for values the code must look up.

A stored value is text: "sm4gcm:<key id>:<base64 of 12-byte nonce + ciphertext +
16-byte tag>". The label (which table and column) is authenticated with it, so a
value copied into another column does not decrypt. Values without the prefix are
legacy plaintext and read as they are (until the migration or a rotation encrypts
them)."""

from __future__ import annotations

import base64
import os
import unicodedata

from common.crypto import keys
from common.errors import PortalError

PREFIX = "sm4gcm"
NONCE_BYTES = 12


class DecryptionError(PortalError):
    """A stored value could not be decrypted: its key is not configured, or it was
    altered."""


def encrypt(plaintext: str, *, label: str) -> str:

    key_id, key = keys.current_key()
    nonce = os.urandom(NONCE_BYTES)
    sealed = _seal(key, nonce, plaintext.encode("utf-8"), label.encode())
    return f"{PREFIX}:{key_id}:{base64.b64encode(nonce + sealed).decode('ascii')}"


def is_encrypted(stored: str) -> bool:
    return stored.startswith(PREFIX + ":")


def key_id_of(stored: str) -> str | None:
    if not is_encrypted(stored):
        return None
    return stored.split(":", 2)[1]


def decrypt(stored: str, *, label: str) -> str:
    if not is_encrypted(stored):
        return stored  # legacy plaintext
    try:
        _prefix, key_id, payload = stored.split(":", 2)
        raw = base64.b64decode(payload, validate=True)
    except ValueError as exc:
        raise DecryptionError("加密数据格式不正确。") from exc
    key = keys.key_by_id(key_id)
    if key is None:
        raise DecryptionError(f"未配置密钥 {key_id}，无法解密（请检查 FIELD_ENCRYPTION_KEY）。")
    return _open(key, raw[:NONCE_BYTES], raw[NONCE_BYTES:], label.encode()).decode("utf-8")


def blind_index(value: str, *, label: str) -> str:
    """HMAC-SM3 of the normalised value (NFKC, no spaces, upper case): equal values
    give equal indexes, nothing about the value can be read from it."""
    from cryptography.hazmat.primitives import hashes, hmac

    normal = "".join(unicodedata.normalize("NFKC", value or "").split()).upper()
    if not normal:
        return ""
    mac = hmac.HMAC(keys.index_key(), hashes.SM3())
    mac.update(label.encode() + b"\x00" + normal.encode("utf-8"))
    return mac.finalize().hex()


def _seal(key: bytes, nonce: bytes, data: bytes, aad: bytes) -> bytes:
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    encryptor = Cipher(algorithms.SM4(key), modes.GCM(nonce)).encryptor()
    encryptor.authenticate_additional_data(aad)
    return encryptor.update(data) + encryptor.finalize() + encryptor.tag


def _open(key: bytes, nonce: bytes, sealed: bytes, aad: bytes) -> bytes:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    if len(nonce) != NONCE_BYTES or len(sealed) < 16:
        raise DecryptionError("加密数据格式不正确。")
    decryptor = Cipher(algorithms.SM4(key), modes.GCM(nonce, sealed[-16:])).decryptor()
    decryptor.authenticate_additional_data(aad)
    try:
        return decryptor.update(sealed[:-16]) + decryptor.finalize()
    except InvalidTag as exc:
        raise DecryptionError("加密数据校验失败（数据被改动或标签不符）。") from exc
