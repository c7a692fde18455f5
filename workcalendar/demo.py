"""Demo data of the calendar: the official years come from the migration; the demo
adds 2027 as a year whose notice is not out yet, so its dates show 未确认."""

from workcalendar.models import CalendarYear
from workcalendar.seed import SEED_FIRST_YEAR, SEED_LAST_YEAR

DEMO_UNCONFIRMED_YEAR = 2027


def load(ctx: dict) -> None:
    official = CalendarYear.objects.filter(
        year__range=(SEED_FIRST_YEAR, SEED_LAST_YEAR), confirmed=True
    ).count()
    if official != SEED_LAST_YEAR - SEED_FIRST_YEAR + 1:
        raise RuntimeError(
            f"工作日历缺少 {SEED_FIRST_YEAR}–{SEED_LAST_YEAR} 年的官方数据：请先运行 migrate。"
        )
    _, created = CalendarYear.objects.get_or_create(
        year=DEMO_UNCONFIRMED_YEAR,
        defaults={"note": "演示：等待国务院办公厅发布2027年部分节假日安排的通知。"},
    )
    if created and "stdout" in ctx:
        ctx["stdout"].write(f"工作日历：{DEMO_UNCONFIRMED_YEAR}年为未确认年度（演示）。")
