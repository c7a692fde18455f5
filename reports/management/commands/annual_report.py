"""`python manage.py annual_report 2026 --json` — the annual report's tables 二, 三 and 四
with the official labels (2021 format). A published report prints as published;
otherwise tables 三 and 四 are computed from the data now."""

import json

from django.core.management.base import BaseCommand, CommandError

from reports import printout
from reports.selectors import report_for_year, report_tables


class Command(BaseCommand):
    help = "输出政府信息公开工作年度报告的表二、表三、表四（2021 年版格式）。"

    def add_arguments(self, parser):
        parser.add_argument("year", type=int, help="年度，如 2026")
        parser.add_argument("--json", action="store_true", help="以 JSON 输出")

    def handle(self, *args, **options):
        year = options["year"]
        if not 2000 <= year <= 2100:
            raise CommandError("年度应为四位数年份，如 2026。")
        report = report_for_year(year)
        result = report_tables(report, year)
        if options["json"]:
            self.stdout.write(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
            return
        state = "已发布" if result.frozen else "按当前数据计算"
        self.stdout.write(f"{year} 年度政府信息公开工作年度报告（{state}）")
        self.stdout.write("")
        for line in printout.report_lines(result):
            self.stdout.write(line)
        problems = result.problems
        if problems:
            self.stdout.write(self.style.ERROR("\n勾稽关系不成立："))
            for problem in problems:
                self.stdout.write(f"  {problem}")
        else:
            self.stdout.write(
                self.style.SUCCESS("\n勾稽关系成立（第一项加第二项之和等于第三项加第四项之和）。")
            )
