"""The office's statistics (F7): items published per month and per section, the
on-time rate against the 20-working-day rule per section, requests by outcome and
their on-time rate, open rectification tasks. Each as numbers and as a chart."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count
from django.db.models.functions import ExtractMonth
from django.utils import timezone

from disclosure.choices import Publicity
from disclosure.models import Item, Section
from reports.charts import GREEN, Bar, bar_chart, column_chart


@dataclass
class Rate:
    label: str
    on_time: int
    total: int

    @property
    def late(self) -> int:
        return self.total - self.on_time

    @property
    def percent(self) -> float | None:
        return round(100 * self.on_time / self.total, 1) if self.total else None

    @property
    def text(self) -> str:
        return "—" if self.percent is None else f"{self.percent:g}%"


@dataclass
class Statistics:
    year: int
    monthly: list[tuple[str, int]]
    by_section: list[tuple[str, int]]
    on_time: list[Rate]
    on_time_total: Rate
    outcomes: list[tuple[str, int]]
    requests_on_time: Rate
    requests_open: int
    tasks_by_section: list[dict]
    charts: dict = field(default_factory=dict)


def _year_bounds(year: int):
    start = timezone.make_aware(datetime.datetime(year, 1, 1))
    end = timezone.make_aware(datetime.datetime(year + 1, 1, 1))
    return start, end


def published_in(year: int):
    start, end = _year_bounds(year)
    return Item.objects.published().filter(published_at__gte=start, published_at__lt=end)


def monthly_counts(year: int) -> list[tuple[str, int]]:
    counts = dict.fromkeys(range(1, 13), 0)
    tz = timezone.get_current_timezone()
    rows = (
        published_in(year)
        .annotate(month=ExtractMonth("published_at", tzinfo=tz))
        .values("month")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in rows:
        counts[row["month"]] = row["n"]
    return [(f"{m}月", counts[m]) for m in range(1, 13)]


def section_counts(year: int) -> list[tuple[str, int]]:
    counts = dict(
        published_in(year)
        .order_by()
        .values("section")
        .annotate(n=Count("id"))
        .values_list("section", "n")
    )
    return [(s.name, counts.get(s.pk, 0)) for s in Section.objects.order_by("order", "id")]


def _made_deadline(item: Item) -> bool:
    """Recorded at publication by the review workflow (`published_on_time`); computed
    from the calendar for items published before that was recorded."""
    if item.published_on_time is not None:
        return item.published_on_time
    from disclosure.deadlines import item_published_late

    return not item_published_late(item)


def on_time_by_section(year: int) -> tuple[list[Rate], Rate]:
    """Reg. 26 / Art. 7(2): proactive items published within 20 working days of
    being formed or changed, per producing section."""
    rates = {s.pk: Rate(s.name, 0, 0) for s in Section.objects.order_by("order", "id")}
    total = Rate("全局", 0, 0)
    items = (
        published_in(year)
        .filter(publicity=Publicity.PROACTIVE)
        .only("section_id", "formed_on", "published_at", "published_on_time", "publicity")
    )
    for item in items:
        ok = _made_deadline(item)
        for rate in (rates[item.section_id], total):
            rate.total += 1
            rate.on_time += ok
    return list(rates.values()), total


def request_figures(
    year: int, *, today: datetime.date | None = None
) -> tuple[list[tuple[str, int]], Rate, int]:
    """Requests concluded in `year` by outcome group (table 三's （一）…（六）), how
    many were answered within their legal deadline (Reg. 33, extensions and
    pauses included), and how many are open now. The on-time rate also counts, as
    late, every open request already past its deadline (on the year's last day, or
    today for the current year): a request nobody answers is not on time."""
    from requests_app.models import DisclosureRequest
    from requests_app.outcomes import OUTCOME_GROUPS, outcome_group
    from requests_app.selectors import request_clock, with_clock_data
    from workcalendar.selectors import WorkCalendar

    closed = with_clock_data(DisclosureRequest.objects.received().closed_in(year))
    groups = {g.key: 0 for g in OUTCOME_GROUPS}
    rate = Rate("依申请公开", 0, 0)
    cal = WorkCalendar()
    for request in closed:
        groups[outcome_group(request.outcome).key] += 1
        rate.total += 1
        rate.on_time += not request_clock(request, cal=cal).closed_late
    today = today or timezone.localdate()
    as_of = min(today, datetime.date(year, 12, 31))
    still_open = with_clock_data(DisclosureRequest.objects.open().filter(received_on__lte=as_of))
    for request in still_open:
        if request_clock(request, today=as_of, cal=cal).overdue:
            rate.total += 1  # overdue and unanswered: late
    outcomes = [(g.label.split("（")[0], groups[g.key]) for g in OUTCOME_GROUPS]
    return outcomes, rate, DisclosureRequest.objects.open().count()


def dashboard(*, year: int, today: datetime.date | None = None) -> Statistics:
    from inspection.selectors import open_tasks_by_section

    today = today or timezone.localdate()
    on_time, on_time_total = on_time_by_section(year)
    outcomes, requests_on_time, requests_open = request_figures(year, today=today)
    stats = Statistics(
        year=year,
        monthly=monthly_counts(year),
        by_section=section_counts(year),
        on_time=on_time,
        on_time_total=on_time_total,
        outcomes=outcomes,
        requests_on_time=requests_on_time,
        requests_open=requests_open,
        tasks_by_section=open_tasks_by_section(today),
    )
    stats.charts = {
        "monthly": column_chart(
            [Bar(label, n) for label, n in stats.monthly], title=f"{year}年各月发布信息数"
        ),
        "by_section": bar_chart(
            [Bar(label, n) for label, n in stats.by_section], title=f"{year}年各股室发布信息数"
        ),
        "on_time": bar_chart(
            [Bar(r.label, r.percent or 0, r.text) for r in on_time if r.total],
            title=f"{year}年各股室按时公开率",
            maximum=100,
            color=GREEN,
        ),
        "outcomes": bar_chart(
            [Bar(label, n) for label, n in outcomes], title=f"{year}年依申请公开办理结果"
        ),
        "tasks": bar_chart(
            [
                Bar(row["section"], row["open"], f"{row['open']}（逾期 {row['overdue']}）")
                for row in stats.tasks_by_section
            ],
            title="各股室未办结整改任务",
        ),
    }
    return stats
