"""The daily job: e-mail the handling section 5 and 1 working days before a request's
reply deadline. Run once a day in the morning (cron / systemd timer)."""

from django.core.management.base import BaseCommand

from requests_app import services


class Command(BaseCommand):
    help = "向承办股室发送依申请公开答复期限到期提醒（到期前 5 个和 1 个工作日，每日运行）。"

    def handle(self, *args, **options):
        reminders = services.requests_remind_due()
        for r in reminders:
            self.stdout.write(
                f"{r.request.tracking_number}：{r.due_on} 到期，剩余 {r.days_left} 个工作日，"
                f"提醒 {len(r.recipients)} 人"
            )
        self.stdout.write(self.style.SUCCESS(f"已发送 {len(reminders)} 件到期提醒。"))
