"""Backups: the database and the uploaded files in one SM4-GCM encrypted file with a
manifest of checksums and row counts (`core`), the encryption (`sealing`), the
database dump and restore (`database`). Commands: `backup`, `restore`; steps in
docs/operations.md."""

from portal.backup.core import RestoreReport, create_backup, prune, restore_backup, verify
from portal.backup.sealing import BackupError, backup_keyring, read_header

__all__ = [
    "BackupError",
    "RestoreReport",
    "backup_keyring",
    "create_backup",
    "prune",
    "read_header",
    "restore_backup",
    "verify",
]
