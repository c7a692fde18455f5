"""Working-day arithmetic from the shell, on the bureau's calendar:

    manage.py workdays add 2026-09-18 20     -> 2026-10-22
    manage.py workdays between 2026-09-18 2026-10-22   -> 20

The answer is the first line of stdout. When it rests on a year without a confirmed
holiday arrangement, a warning goes to stderr (the answer is still printed)."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from workcalendar.selectors import CalendarDataError, WorkCalendar, years_unconfirmed


def _parse_date(value: str | None) -> datetime.date:
    if not value:
        raise CommandError("请填写日期，格式为 YYYY-MM-DD，例如 2026-09-18。")
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(
            f"“{value}”不是有效日期，请按 YYYY-MM-DD 格式填写，例如 2026-09-18。"
        ) from None


def _parse_count(value: str | None) -> int:
    if value is None:
        raise CommandError("请填写工作日数，例如 20。")
    try:
        n = int(value)
    except ValueError:
        raise CommandError(f"“{value}”不是整数，请填写工作日数，例如 20。") from None
    if n < 0:
        raise CommandError(f"工作日数不能为负数（收到 {n}）。")
    return n


class Command(BaseCommand):
    # Pure arithmetic on the calendar tables: the project-wide checks add nothing.
    requires_system_checks: list[str] = []
    help = "按工作日历计算工作日：add 日期 天数（第 N 个工作日）；between 起 止（其间的工作日数）。"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", metavar="{add,between}")
        add = sub.add_parser("add", help="起始日之后第 N 个工作日（起始日不计）")
        # Optional for argparse so that a missing value gets a Chinese message below.
        add.add_argument("start", nargs="?", help="起始日期，YYYY-MM-DD")
        add.add_argument("n", nargs="?", help="工作日数（不小于 0）")
        between = sub.add_parser("between", help="起始日之后至截止日（含）的工作日数")
        between.add_argument("start", nargs="?", help="起始日期，YYYY-MM-DD")
        between.add_argument("end", nargs="?", help="截止日期，YYYY-MM-DD")

    def handle(self, *args, **options):
        try:
            self._handle(options)
        except CalendarDataError as exc:
            raise CommandError(str(exc)) from exc

    def _handle(self, options):
        action = options.get("action")
        calendar = WorkCalendar()
        if action == "add":
            start, n = _parse_date(options["start"]), _parse_count(options["n"])
            result = calendar.add_workdays(start, n)
            self.stdout.write(result.date.isoformat())
            first, last, confirmed = (
                start + datetime.timedelta(days=1),
                result.date,
                result.confirmed,
            )
        elif action == "between":
            start, end = _parse_date(options["start"]), _parse_date(options["end"])
            count = calendar.workdays_between(start, end)
            self.stdout.write(str(count.days))
            first, last, confirmed = start + datetime.timedelta(days=1), end, count.confirmed
        else:
            raise CommandError("请指定操作：add（加工作日）或 between（计算工作日数）。")
        if not confirmed:
            years = "、".join(f"{y}年" for y in years_unconfirmed(first.year, last.year))
            self.stderr.write(
                f"警告：计算涉及尚未确认放假安排的年度（{years}），结果按法定节假日推算，"
                "未考虑调休，仅供参考（未确认）。"
            )
