"""`python manage.py consultation_digest` — e-mail moderators the comments waiting
for moderation that arrived in the last `--hours` (default 24; run it daily)."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from consultations.services.digest import comment_digest


class Command(BaseCommand):
    help = "向审核人员发送意见征集新意见待审核的提醒邮件。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--hours", type=int, default=24, help="统计最近多少小时的新意见（默认 24）。"
        )

    def handle(self, *args, **options):
        hours = options["hours"]
        if hours < 1:
            raise CommandError("--hours 应为正整数。")
        sent = comment_digest(since=timezone.now() - datetime.timedelta(hours=hours))
        self.stdout.write(f"已发送提醒邮件 {sent} 封。")
