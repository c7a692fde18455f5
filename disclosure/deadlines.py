"""The proactive-disclosure deadline (F2): an item must be published within 20
working days of the date it was formed or changed (seed Art. 7(2), Reg. 26).

The due date and "overdue" are always computed from `formed_on` and the working-day
calendar, never stored, so a correction of the calendar (a new State Council notice)
moves every open deadline at once. Dates that rest on a year without confirmed
calendar data carry `confirmed=False` and are shown as 未确认.

Functions take an optional `calendar` (a `workcalendar.selectors.WorkCalendar`): a
page that shows many deadlines passes one, so the calendar years are read once.
"""

import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from disclosure.choices import Publicity
from disclosure.models import Item
from workcalendar.selectors import CalendarDataError, WorkCalendar, WorkdayResult

# Art. 7(2) / Reg. 26: 20 working days from formation or change.
DEADLINE_WORKDAYS = 20
# Staff are warned this many working days ahead (F2: "items due soon").
DUE_SOON_WORKDAYS = 5


def _today(today: datetime.date | None) -> datetime.date:
    return today or timezone.localdate()


def deadline_applies(item: Item) -> bool:
    """The deadline binds proactive information that is not yet published. An item
    whose publicity is not decided yet is treated as proactive: the clock runs from
    formation whether or not the drafter has filled the attribute in."""
    return item.publicity in ("", Publicity.PROACTIVE)


def item_due_date(item: Item, *, calendar: WorkCalendar | None = None) -> WorkdayResult:
    """`formed_on` + 20 working days, with `confirmed` False when the calendar of a
    year involved is not confirmed."""
    return (calendar or WorkCalendar()).add_workdays(item.formed_on, DEADLINE_WORKDAYS)


def item_is_overdue(
    item: Item, *, today: datetime.date | None = None, calendar: WorkCalendar | None = None
) -> bool:
    """Not published and today is past the due date."""
    if item.published_at is not None or not deadline_applies(item):
        return False
    return _today(today) > item_due_date(item, calendar=calendar).date


def item_is_due_soon(
    item: Item, *, today: datetime.date | None = None, calendar: WorkCalendar | None = None
) -> bool:
    """Not published, not overdue, and due within the next 5 working days."""
    if item.published_at is not None or not deadline_applies(item):
        return False
    calendar = calendar or WorkCalendar()
    today = _today(today)
    due = item_due_date(item, calendar=calendar).date
    return today <= due <= calendar.add_workdays(today, DUE_SOON_WORKDAYS).date


def item_published_late(item: Item, *, calendar: WorkCalendar | None = None) -> bool | None:
    """True when a proactive item was published after its due date; None when the
    rule does not apply (not published, or not 主动公开)."""
    if item.published_at is None or item.publicity != Publicity.PROACTIVE:
        return None
    published_on = timezone.localtime(item.published_at).date()
    return published_on > item_due_date(item, calendar=calendar).date


# --- querysets --------------------------------------------------------------------------


def latest_formed_on_due_by(
    day: datetime.date, *, calendar: WorkCalendar | None = None
) -> datetime.date:
    """The latest formation date whose due date is on or before `day`.

    The due date grows with the formation date, so "due on or before `day`" is
    `formed_on <= latest_formed_on_due_by(day)`: one date comparison in SQL. If `w`
    is the 20th working day counting back from `day` (inclusive), an item formed on
    `w - 1` is due on the last working day up to `day`, and one formed on `w` is due
    after `day`."""
    calendar = calendar or WorkCalendar()
    count = 0
    current = day
    for _step in range(3660):  # ten years: far beyond any real run of days off
        if calendar.is_workday(current):
            count += 1
            if count == DEADLINE_WORKDAYS:
                return current - datetime.timedelta(days=1)
        current -= datetime.timedelta(days=1)
    raise CalendarDataError("工作日历数据异常：长期没有工作日，请系统管理员检查。")


def pending_items(queryset: QuerySet[Item] | None = None) -> QuerySet[Item]:
    """Items the deadline still binds: not published, 主动公开 or not yet decided."""
    queryset = Item.objects.all() if queryset is None else queryset
    return queryset.filter(
        Q(publicity="") | Q(publicity=Publicity.PROACTIVE), published_at__isnull=True
    )


def overdue_items(
    queryset: QuerySet[Item] | None = None, *, today: datetime.date | None = None
) -> QuerySet[Item]:
    """Pending items whose due date is before today."""
    yesterday = _today(today) - datetime.timedelta(days=1)
    return pending_items(queryset).filter(formed_on__lte=latest_formed_on_due_by(yesterday))


def due_soon_items(
    queryset: QuerySet[Item] | None = None, *, today: datetime.date | None = None
) -> QuerySet[Item]:
    """Pending items due today or within the next 5 working days (not overdue)."""
    calendar = WorkCalendar()
    today = _today(today)
    horizon = calendar.add_workdays(today, DUE_SOON_WORKDAYS).date
    yesterday = today - datetime.timedelta(days=1)
    return pending_items(queryset).filter(
        formed_on__gt=latest_formed_on_due_by(yesterday, calendar=calendar),
        formed_on__lte=latest_formed_on_due_by(horizon, calendar=calendar),
    )
