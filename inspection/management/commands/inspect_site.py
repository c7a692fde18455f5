"""`python manage.py inspect_site` — the scheduled site inspection (巡查, seed Art. 4;
run daily from cron / a systemd timer / the docker-compose `inspect-site` service,
see docs/operations.md)."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from inspection.models import FindingKind, RunTrigger
from inspection.services import InspectionError, inspection_run


class Command(BaseCommand):
    help = (
        "巡查网站：栏目更新、空白栏目、超期未公开、附件、个人信息与敏感词、意见征集反馈、首页更新。"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--date",
            help="按该日期（YYYY-MM-DD）巡查，默认今天；不能晚于今天。指定日期的巡查记为手动巡查。",
        )
        parser.add_argument(
            "--manual",
            action="store_true",
            help="记为手动巡查（由人执行而非定时任务执行时使用）。",
        )

    def handle(self, *args, **options):
        as_of = None
        if options["date"]:
            try:
                as_of = datetime.date.fromisoformat(options["date"])
            except ValueError as exc:
                raise CommandError("日期格式应为 YYYY-MM-DD。") from exc
        # Only the scheduled job (cron, timer, compose service) runs without options; a
        # back-dated or hand-started run is labelled 手动巡查, never 定时巡查.
        manual = options["manual"] or as_of is not None
        try:
            run = inspection_run(
                as_of=as_of, trigger=RunTrigger.MANUAL if manual else RunTrigger.SCHEDULED
            )
        except InspectionError as exc:
            raise CommandError(str(exc)) from exc
        summary = run.summary
        self.stdout.write(
            f"巡查报告 #{run.pk}（{run.get_trigger_display()}，{run.as_of:%Y-%m-%d}）：检查栏目 {summary['columns_checked']} 个，"
            f"发现问题 {summary['total']} 个。"
        )
        for kind in FindingKind:
            count = summary["counts"].get(kind.value)
            if count:
                self.stdout.write(f"  {kind.label}：{count}")
        for verdict in summary["verdicts"]:
            mark = "不合格" if verdict["failed"] else "合格"
            self.stdout.write(f"  [{mark}] {verdict['label']}：{verdict['value']}")
        self.stdout.write(f"报告：{reverse('inspection:run_detail', args=[run.pk])}")
