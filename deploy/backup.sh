#!/bin/sh
# Nightly backup (deploy/systemd/portal-backup.timer): the database and the uploaded
# files together, so that a restore brings back attachments that match the rows.
#   BACKUP_DIR        where the copies go (default /var/backups/portal); copy them
#                     off the machine too (the county's backup system)
#   BACKUP_KEEP_DAYS  copies older than this are deleted (default 14)
# Reads DATABASE_URL and MEDIA_ROOT from the portal's environment file. With media
# on object storage (S3_BUCKET set) the bucket's own versioning keeps the files.
set -eu
dir=${BACKUP_DIR:-/var/backups/portal}
keep=${BACKUP_KEEP_DAYS:-14}
stamp=$(date -u +%Y%m%dT%H%M%SZ)
umask 077
mkdir -p "$dir"

case "${DATABASE_URL:-}" in
  postgres://* | postgresql://*)
    pg_dump --format=custom --no-owner --file "$dir/db-$stamp.dump.part" "$DATABASE_URL"
    mv "$dir/db-$stamp.dump.part" "$dir/db-$stamp.dump"
    ;;
  *)
    echo "backup: DATABASE_URL is not a PostgreSQL address; nothing was backed up" >&2
    exit 1
    ;;
esac

if [ -z "${S3_BUCKET:-}" ]; then
  media=${MEDIA_ROOT:-/srv/portal/var/media}
  if [ -d "$media" ]; then
    tar -C "$media" -czf "$dir/media-$stamp.tar.gz.part" .
    mv "$dir/media-$stamp.tar.gz.part" "$dir/media-$stamp.tar.gz"
  fi
fi

find "$dir" -maxdepth 1 -type f \( -name 'db-*.dump' -o -name 'media-*.tar.gz' \) \
  -mtime +"$keep" -delete
echo "backup: $dir/db-$stamp.dump"
