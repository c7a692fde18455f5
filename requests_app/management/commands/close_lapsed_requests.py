"""The daily job: close requests whose correction (Reg. 30) or fee (国办函〔2020〕109号)
deadline has passed. Run once a day after midnight (cron / systemd timer)."""

from django.core.management.base import BaseCommand

from requests_app import services


class Command(BaseCommand):
    help = "办结逾期未补正、逾期未缴费的政府信息公开申请（每日运行）。"

    def handle(self, *args, **options):
        closed = services.requests_close_lapsed()
        for req in closed:
            self.stdout.write(f"{req.tracking_number}：{req.get_outcome_display()}")
        self.stdout.write(self.style.SUCCESS(f"已办结 {len(closed)} 件逾期申请。"))
