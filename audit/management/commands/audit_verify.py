from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from audit.models import AuditEntry
from audit.selectors import audit_verify


class Command(BaseCommand):
    help = "校验审计日志的 HMAC-SM3 链：报告第一处断点（退出码 1），或确认完整。"

    def handle(self, *args, **options):
        checked, broken = audit_verify()
        if broken is None:
            self.stdout.write(f"OK：审计日志链完整，共校验 {checked} 条记录。")
            return
        entry = AuditEntry.objects.filter(pk=broken.entry_id).first()
        when = timezone.localtime(entry.at).strftime("%Y-%m-%d %H:%M:%S") if entry else "未知"
        raise CommandError(
            f"审计日志链在第 {broken.position} 条记录处断开（编号 {broken.entry_id}，"
            f"时间 {when}）：{broken.reason}。此前 {broken.position - 1} 条记录完整。",
            returncode=1,
        )
