"""The daily job: produce the case file (归档包) of every closed request that has none
(closing produces it at once; this catches any that failed)."""

from django.core.management.base import BaseCommand

from requests_app import services


class Command(BaseCommand):
    help = "为已办结但尚未归档的政府信息公开申请生成归档包（每日运行）。"

    def handle(self, *args, **options):
        made = services.requests_archive_closed()
        for case in made:
            self.stdout.write(f"{case.request.tracking_number}：{case.sha256[:16]}…")
        self.stdout.write(self.style.SUCCESS(f"已归档 {len(made)} 件。"))
