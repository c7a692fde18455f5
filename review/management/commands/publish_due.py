"""`python manage.py publish_due`: publish the items scheduled for now or earlier.

Run it every minute (cron, a systemd timer, or the `publish-due` service of
docker-compose; see docs/operations.md). Running it twice publishes nothing twice."""

from django.core.management.base import BaseCommand

from review.services import items_publish_due


class Command(BaseCommand):
    help = "发布已到定时发布时间的信息（请每分钟运行一次）。"

    def handle(self, *args, **options):
        outcomes = items_publish_due()
        for outcome in outcomes:
            for item in outcome.published:
                self.stdout.write(f"已发布：{item.index_number} {item.title}")
            if outcome.problems:
                self.stderr.write(f"未发布：{outcome.item.title}：" + "".join(outcome.problems))
        if options["verbosity"] >= 2 and not outcomes:
            self.stdout.write("没有到期的定时发布。")
