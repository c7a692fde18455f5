from django.core.management.base import BaseCommand, CommandError

from audit.services import MIN_RETENTION_DAYS, audit_prune


class Command(BaseCommand):
    help = "删除超过保存期限的审计日志（保存期限不少于 6 个月）。"

    def add_arguments(self, parser):
        parser.add_argument("--keep-days", type=int, default=MIN_RETENTION_DAYS)

    def handle(self, *args, keep_days, **options):
        try:
            deleted = audit_prune(keep_days=keep_days)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"已删除 {deleted} 条审计日志。")
