"""The legal clock of a request, in working days on the bureau's calendar
(workcalendar). Every date comes with the sentence that says how it was computed,
e.g. "收到申请 2026-11-02 + 20 个工作日，征求第三方意见 2026-11-10 至 2026-11-20 不计入
→ 2026-12-11". A date computed through a year without a confirmed official holiday
notice carries `confirmed=False` and is shown as 未确认.

Pass one `WorkCalendar` (`cal`) to compute many dates on a page: the calendar years are
then read once. Counting convention: "N working days after D" is the N-th working day after D
(`add_workdays`); a pause from A to B takes the working days A..B, both included,
out of the count.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from workcalendar.selectors import WorkCalendar

REPLY_WORKDAYS = 20  # Reg. 33(2): 自收到申请之日起20个工作日内予以答复
EXTENSION_MAX_WORKDAYS = 20  # Reg. 33(2): 延长的期限最长不得超过20个工作日
CORRECTION_WINDOW_WORKDAYS = 7  # Reg. 30: 自收到申请之日起7个工作日内一次性告知
CORRECTION_DEFAULT_WORKDAYS = 10  # the time given to the applicant (Reg. 30: 合理的补正期限)
THIRD_PARTY_WORKDAYS = 15  # Reg. 32: 第三方应当自收到征求意见书之日起15个工作日内提出意见
OTHER_AGENCY_WORKDAYS = 15  # Reg. 34: 被征求意见机关应当自收到征求意见书之日起15个工作日内提出意见
FEE_PAYMENT_WORKDAYS = 20  # 国办函〔2020〕109号: 收到收费通知次日起20个工作日内缴纳
# Not a statutory limit: the bureau answers complaints within 15 working days.
COMPLAINT_REPLY_WORKDAYS = 15
DUE_SOON_WORKDAYS = 5  # the dashboard's "due soon"

UNCONFIRMED_NOTE = "（未确认：涉及尚未发布官方节假日安排的年份）"


def fmt(day: datetime.date) -> str:
    return day.isoformat()


@dataclass(frozen=True)
class Period:
    """A span not counted: working days start..end (both included); end None = running."""

    label: str
    start: datetime.date
    end: datetime.date | None = None


@dataclass(frozen=True)
class ComputedDate:
    """A deadline and how it came about. `day` is None when the clock is stopped
    (waiting for a correction, a fee, or an open consultation)."""

    day: datetime.date | None
    explanation: str
    confirmed: bool = True
    stopped: bool = False
    used_workdays: int | None = None  # while stopped: working days already used
    remaining_workdays: int | None = None

    @property
    def text(self) -> str:
        return self.explanation + ("" if self.confirmed else UNCONFIRMED_NOTE)


@dataclass
class _Acc:
    confirmed: bool = True
    parts: list[str] = field(default_factory=list)


def simple_deadline(
    start: datetime.date, days: int, start_label: str, cal: WorkCalendar | None = None
) -> ComputedDate:
    """`start` + `days` working days, e.g. a correction or third-party deadline."""
    result = (cal or WorkCalendar()).add_workdays(start, days)
    return ComputedDate(
        day=result.date,
        confirmed=result.confirmed,
        explanation=f"{start_label} {fmt(start)} + {days} 个工作日 → {fmt(result.date)}",
    )


def _merge(periods: Iterable[Period]) -> list[Period]:
    """Sort and merge overlapping pauses (an open one swallows all after it)."""
    merged: list[Period] = []
    for p in sorted(periods, key=lambda p: p.start):
        if merged:
            last = merged[-1]
            if last.end is None:
                break
            if p.start <= last.end + datetime.timedelta(days=1):
                end = None if p.end is None else max(last.end, p.end)
                label = last.label if p.label == last.label else f"{last.label}、{p.label}"
                merged[-1] = Period(label, last.start, end)
                continue
        merged.append(p)
    return merged


def reply_deadline(
    *,
    start: datetime.date,
    start_label: str = "收到申请",
    extension_days: int = 0,
    pauses: Iterable[Period] = (),
    cal: WorkCalendar | None = None,
) -> ComputedDate:
    """The reply deadline (Reg. 33): `start` + 20 working days (+ the approved
    extension), not counting the working days of `pauses` (third parties, other
    agencies, the fee period)."""
    cal = cal or WorkCalendar()
    total = REPLY_WORKDAYS + extension_days
    acc = _Acc()
    head = f"{start_label} {fmt(start)} + {REPLY_WORKDAYS} 个工作日"
    if extension_days:
        head += f" + 延期 {extension_days} 个工作日"
    acc.parts.append(head)

    remaining = total
    cursor = start  # working days after `cursor` are still to be counted
    for pause in _merge(pauses):
        if pause.end is not None and pause.end <= cursor:
            continue
        pause_start = max(pause.start, cursor + datetime.timedelta(days=1))
        before = pause_start - datetime.timedelta(days=1)
        if before > cursor:
            available = cal.workdays_between(cursor, before)
            acc.confirmed &= available.confirmed
            if available.days >= remaining:
                break  # the deadline falls before this pause: it changes nothing
            remaining -= available.days
        if pause.end is None:
            acc.parts.append(f"{pause.label}自 {fmt(pause.start)} 起暂停计时")
            used = total - remaining
            return ComputedDate(
                day=None,
                confirmed=acc.confirmed,
                stopped=True,
                used_workdays=used,
                remaining_workdays=remaining,
                explanation="，".join(acc.parts)
                + f"（已用 {used} 个工作日，剩余 {remaining} 个工作日）",
            )
        acc.parts.append(f"{pause.label} {fmt(pause.start)} 至 {fmt(pause.end)} 不计入")
        cursor = pause.end
    result = cal.add_workdays(cursor, remaining)
    acc.confirmed &= result.confirmed
    return ComputedDate(
        day=result.date,
        confirmed=acc.confirmed,
        explanation="，".join(acc.parts) + f" → {fmt(result.date)}",
    )


def correction_window_end(
    received_on: datetime.date, cal: WorkCalendar | None = None
) -> ComputedDate:
    """Reg. 30: the last day on which a correction may be requested."""
    return simple_deadline(received_on, CORRECTION_WINDOW_WORKDAYS, "收到申请", cal)


def workdays_left(today: datetime.date, due: datetime.date, cal: WorkCalendar | None = None) -> int:
    """Working days from tomorrow to `due` (0 when due today or past)."""
    if due <= today:
        return 0
    return (cal or WorkCalendar()).workdays_between(today, due).days


REVIEW_DAYS = 60  # 行政复议法 Art. 20: 自知道之日起六十日内提出行政复议申请
LITIGATION_MONTHS = 6  # 行政诉讼法 Art. 46: 自知道或者应当知道作出行政行为之日起六个月内


def _add_months(day: datetime.date, months: int) -> datetime.date:
    """The corresponding day `months` later; the month's last day when it has none."""
    import calendar

    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _last_day(nominal: datetime.date, head: str, cal: WorkCalendar) -> ComputedDate:
    """A period ending on `nominal`, moved to the next working day when it falls on a
    rest day or holiday (民法典 Art. 203: 以法定休假日结束的次日为期间的最后一日)."""
    day = nominal
    confirmed = cal.year_confirmed(day.year)
    while not cal.is_workday(day):
        day += datetime.timedelta(days=1)
        confirmed &= cal.year_confirmed(day.year)
    moved = "" if day == nominal else f"（{fmt(nominal)} 为休息日，顺延）"
    return ComputedDate(day=day, confirmed=confirmed, explanation=f"{head} → {fmt(day)}{moved}")


def remedy_deadlines(
    received_on: datetime.date, cal: WorkCalendar | None = None
) -> tuple[ComputedDate, ComputedDate]:
    """The last days to apply for 行政复议 (60 days) and to sue (6 months) after the
    applicant received the reply: the day of receipt is not counted."""
    cal = cal or WorkCalendar()
    review = _last_day(
        received_on + datetime.timedelta(days=REVIEW_DAYS),
        f"收到答复告知书 {fmt(received_on)} + {REVIEW_DAYS} 日",
        cal,
    )
    litigation = _last_day(
        _add_months(received_on, LITIGATION_MONTHS),
        f"收到答复告知书 {fmt(received_on)} + {LITIGATION_MONTHS} 个月",
        cal,
    )
    return review, litigation
