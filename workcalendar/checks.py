"""Warn operators before the statutory estimate runs out (workcalendar.statutory)."""

from django.core import checks
from django.utils import timezone

from workcalendar.statutory import LAST_ESTIMATE_YEAR


@checks.register()
def estimate_table_horizon(app_configs, **kwargs):
    next_year = timezone.localdate().year + 1
    if next_year <= LAST_ESTIMATE_YEAR:
        return []
    return [
        checks.Warning(
            f"工作日历的法定节假日推算表只到 {LAST_ESTIMATE_YEAR} 年：{next_year} 年未录入官方安排前只按周末计算。",
            hint="在 workcalendar/statutory.py 的 MOVABLE_DATES 中补充农历日期，或及时录入并确认当年安排。",
            id="workcalendar.W001",
        )
    ]
