"""Personal data at rest: SM4-GCM field encryption with keys from the environment
(`keys`, `cipher`), an encrypted model field (`fields`), keyed SM3 blind indexes for
look-ups (`cipher.blind_index`)."""

from common.crypto.cipher import (
    DecryptionError,
    blind_index,
    decrypt,
    encrypt,
    is_encrypted,
    key_id_of,
)
from common.crypto.keys import current_key, keyring, parse_keyring

__all__ = [
    "DecryptionError",
    "blind_index",
    "current_key",
    "decrypt",
    "encrypt",
    "is_encrypted",
    "key_id_of",
    "keyring",
    "parse_keyring",
]
