"""manage.py restore FILE --yes — check a backup completely (key, tag, checksums),
then replace the database with it and write its files under MEDIA_ROOT; the row
counts are compared with the backup's manifest. Stop the web service first."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = "从备份文件恢复数据库和上传的文件（会覆盖当前数据库，须先停止网站服务）。"

    def add_arguments(self, parser):
        parser.add_argument("file", help="备份文件（portal-*.backup）")
        parser.add_argument("--yes", action="store_true", help="确认覆盖当前数据库")

    def handle(self, *args, file: str, yes: bool, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"找不到备份文件：{file}")
        if not yes:
            raise CommandError("恢复会覆盖当前数据库和同名文件。确认后加 --yes 重新运行。")
        try:
            report = restore_backup(path)
        except BackupError as exc:
            raise CommandError(
                f"{exc}（未做任何改动）" if "校验" in str(exc) else str(exc)
            ) from exc
        rows = sum(report.tables.values())
        self.stdout.write(f"已恢复：{len(report.tables)} 张表共 {rows} 行，{report.files} 个文件。")
        if not report.ok:
            for table, (expected, now) in sorted(report.mismatched.items()):
                self.stderr.write(f"行数不符：{table} 备份 {expected}，现在 {now}")
            raise CommandError("恢复后的行数与备份清单不符，请检查。")
        self.stdout.write("行数与备份清单一致。")
