#!/bin/sh
# Nightly backup (deploy/systemd/portal-backup.timer, docker compose's scheduler):
# the database and the uploaded files together in one SM4-GCM encrypted file with a
# manifest of checksums and row counts — `manage.py backup` (docs/operations.md,
# "Backups", also for the restore).
#   BACKUP_DIR        where the copies go (default /var/backups/portal); copy them
#                     off the machine too (the county's backup system)
#   BACKUP_KEEP_DAYS  copies older than this are deleted (default 14)
#   PORTAL_PYTHON     the portal's Python (default: .venv/bin/python, else python3)
# Reads DATABASE_URL, MEDIA_ROOT and BACKUP_ENCRYPTION_KEY from the portal's
# environment file, like the web service.
set -eu
cd "$(dirname "$0")/.."
python=${PORTAL_PYTHON:-.venv/bin/python}
[ -x "$python" ] || python=python3
dir=${BACKUP_DIR:-/var/backups/portal}
umask 077
mkdir -p "$dir"
exec "$python" manage.py backup --output "$dir" --keep-days "${BACKUP_KEEP_DAYS:-14}"
