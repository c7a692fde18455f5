"""manage.py backup [--output DIR] [--keep-days N] — the database and the uploaded
files in one encrypted file (BACKUP_ENCRYPTION_KEY), with a manifest of SHA-256
checksums and row counts; older backups in DIR removed after N days."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.backup import BackupError, create_backup, prune


class Command(BaseCommand):
    help = "备份数据库和上传的文件（加密，附校验清单）。"

    def add_arguments(self, parser):
        parser.add_argument("--output", default=str(settings.BACKUP_DIR), help="备份目录")
        parser.add_argument(
            "--keep-days", type=int, default=None, help="删除目录中早于 N 天的备份（不填则不删除）"
        )

    def handle(self, *args, output: str, keep_days: int | None, **options):
        folder = Path(output)
        try:
            path = create_backup(folder)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        size = path.stat().st_size
        self.stdout.write(f"已生成备份：{path}（{size / 1024 / 1024:.1f} MB）")
        self.stdout.write(f"校验和：{path.name}.sha256（复制到异地后用 sha256sum -c 核对）")
        if keep_days is not None:
            for old in prune(folder, keep_days=keep_days):
                self.stdout.write(f"已删除过期备份：{old.name}")
