"""Working-day arithmetic on the official calendar (F2). Every deadline of the portal
counts working days through this module (seed Art. 7(2), Reg. 26/30/32/33/34).

A date is a working day when it is a make-up working day (调休上班), or a Monday to
Friday that is not a holiday. A year whose arrangement is confirmed uses only the
stored days. A year without a confirmed arrangement uses the stored days where there
are any and the statutory holidays by rule (`workcalendar.statutory`) for the other
dates, and every result touching it carries `confirmed=False` (shown as 未确认).

Each call reads the years it needs in one query (years joined with their days) and
keeps nothing between calls, so an edit is seen at once by every process. A page that computes
many dates should create one `WorkCalendar()` and call its methods: the years are
then read once for the whole page.
"""

import datetime
import logging
from dataclasses import dataclass

from common.errors import PortalError
from workcalendar.models import CalendarDay, CalendarYear, DayKind
from workcalendar.statutory import estimate_available, estimated_holidays

logger = logging.getLogger(__name__)

ONE_DAY = datetime.timedelta(days=1)
# More non-working days in a row than this means the stored data is broken.
MAX_CONSECUTIVE_DAYS_OFF = 366


@dataclass(frozen=True)
class WorkdayResult:
    date: datetime.date
    confirmed: bool  # False if any year the computation touched lacks confirmed data


@dataclass(frozen=True)
class WorkdayCount:
    days: int
    confirmed: bool


class CalendarDataError(PortalError):
    """The stored calendar makes the computation impossible (e.g. a whole year of
    holidays). The message is shown to the user."""


@dataclass(frozen=True)
class _Year:
    year: int
    confirmed: bool
    days_off: frozenset[datetime.date]
    workdays: frozenset[datetime.date]  # make-up working days (weekends)

    def is_workday(self, d: datetime.date) -> bool:
        if d in self.workdays:
            return True
        if d in self.days_off:
            return False
        return d.weekday() < 5


def _check_date(value, name: str = "date") -> datetime.date:
    # A datetime is a date too, but its date depends on the time zone: refuse it.
    if isinstance(value, datetime.datetime) or not isinstance(value, datetime.date):
        raise TypeError(
            f"{name} must be a datetime.date (use timezone.localdate()), got {type(value).__name__}"
        )
    return value


class WorkCalendar:
    """A read-only view of the calendar for one computation or one page. It reads
    each year at most once; create a new one for each request."""

    def __init__(self) -> None:
        self._years: dict[int, _Year] = {}

    def _load(self, first: int, last: int) -> None:
        missing = [y for y in range(first, last + 1) if y not in self._years]
        if not missing:
            return
        lo, hi = min(missing), max(missing)
        confirmed: set[int] = set()
        stored: dict[int, dict[datetime.date, str]] = {y: {} for y in range(lo, hi + 1)}
        # One query: the years LEFT JOIN their days (a year without days gives one
        # row with NULL date). Days are attached to the year of their date
        # (CalendarDay.clean), so the year's rows are all its days.
        rows = CalendarYear.objects.filter(year__range=(lo, hi)).values_list(
            "year", "confirmed", "days__date", "days__kind"
        )
        for year, is_confirmed, d, kind in rows:
            if is_confirmed:
                confirmed.add(year)
            if d is not None:
                stored[year][d] = kind
        for y in range(lo, hi + 1):
            if y not in self._years:
                self._years[y] = self._build(y, y in confirmed, stored[y])

    @staticmethod
    def _build(year: int, confirmed: bool, stored: dict[datetime.date, str]) -> _Year:
        off = {d for d, kind in stored.items() if kind == DayKind.HOLIDAY}
        on = {d for d, kind in stored.items() if kind == DayKind.WORKDAY}
        if not confirmed:
            if not estimate_available(year) and not stored:
                logger.warning(
                    "workcalendar: no data and no statutory estimate for %s; weekends only", year
                )
            # Stored days win; the statutory estimate fills the other dates.
            off |= {d for d in estimated_holidays(year) if d not in stored}
        return _Year(year, confirmed, frozenset(off), frozenset(on))

    def _year(self, year: int) -> _Year:
        if year not in self._years:
            self._load(year, year)
        return self._years[year]

    # The public interface, mirrored by the module functions below.

    def is_workday(self, d: datetime.date) -> bool:
        _check_date(d)
        return self._year(d.year).is_workday(d)

    def year_confirmed(self, year: int) -> bool:
        return self._year(year).confirmed

    def add_workdays(self, start: datetime.date, n: int) -> WorkdayResult:
        """The n-th working day after `start` (start itself never counts); n=0 gives
        `start`. Reg. 33: "20 working days of receipt" is add_workdays(receipt, 20)."""
        _check_date(start, "start")
        if isinstance(n, bool) or not isinstance(n, int):
            raise TypeError(f"n must be an int, got {type(n).__name__}")
        if n < 0:
            raise ValueError("工作日数不能为负数。")
        if n == 0:
            return WorkdayResult(start, True)
        # Read every year the answer is likely to reach in one go: n working days
        # never take more than about 1.4 n days plus the longest holiday.
        likely_end = start + datetime.timedelta(days=n * 2 + 31)
        self._load(start.year, likely_end.year)
        d = start
        confirmed = True
        counted = 0
        days_off_in_a_row = 0
        while counted < n:
            d += ONE_DAY
            year = self._year(d.year)
            confirmed = confirmed and year.confirmed
            if year.is_workday(d):
                counted += 1
                days_off_in_a_row = 0
            else:
                days_off_in_a_row += 1
                if days_off_in_a_row > MAX_CONSECUTIVE_DAYS_OFF:
                    raise CalendarDataError(
                        f"工作日历数据异常：{d.year}年前后连续一年以上没有工作日，请系统管理员检查。"
                    )
        return WorkdayResult(d, confirmed)

    def workdays_between(self, start: datetime.date, end: datetime.date) -> WorkdayCount:
        """The number of working days after `start` up to and including `end`
        (0 when end <= start)."""
        _check_date(start, "start")
        _check_date(end, "end")
        if end <= start:
            return WorkdayCount(0, True)
        first = start + ONE_DAY
        self._load(first.year, end.year)
        count = 0
        d = first
        while d <= end:
            count += self._years[d.year].is_workday(d)
            d += ONE_DAY
        confirmed = all(self._years[y].confirmed for y in range(first.year, end.year + 1))
        return WorkdayCount(count, confirmed)


def is_workday(d: datetime.date) -> bool:
    return WorkCalendar().is_workday(d)


def add_workdays(start: datetime.date, n: int) -> WorkdayResult:
    # the n-th working day after `start` (start itself never counts); n=0 -> start; n<0 -> ValueError
    return WorkCalendar().add_workdays(start, n)


def workdays_between(start: datetime.date, end: datetime.date) -> WorkdayCount:
    # number of working days after `start` up to and including `end` (0 if end <= start)
    return WorkCalendar().workdays_between(start, end)


def year_confirmed(year: int) -> bool:
    """True when `year`'s holiday arrangement has been entered and confirmed."""
    return CalendarYear.objects.filter(year=year, confirmed=True).exists()


def years_unconfirmed(first: int, last: int) -> list[int]:
    """The years from `first` to `last` (inclusive) without a confirmed arrangement."""
    confirmed = set(
        CalendarYear.objects.filter(year__range=(first, last), confirmed=True).values_list(
            "year", flat=True
        )
    )
    return [y for y in range(first, last + 1) if y not in confirmed]


def missing_statutory_days(year: int) -> list[tuple[datetime.date, str]]:
    """Statutory holidays (by the current rule) of `year` that are not stored as
    holidays: a year with any of these cannot be confirmed. Empty for years before
    the current rule; for years beyond the lunar table only the fixed-date holidays
    are checked."""
    from workcalendar.statutory import FIRST_RULE_YEAR, statutory_days

    if year < FIRST_RULE_YEAR:
        return []
    if estimate_available(year):
        expected = statutory_days(year)
    else:
        expected = [(datetime.date(year, 1, 1), "元旦")]
        expected += [(datetime.date(year, 5, d), "劳动节") for d in (1, 2)]
        expected += [(datetime.date(year, 10, d), "国庆节") for d in (1, 2, 3)]
    holidays = set(
        CalendarDay.objects.filter(date__year=year, kind=DayKind.HOLIDAY).values_list(
            "date", flat=True
        )
    )
    missing: dict[datetime.date, str] = {}
    for d, name in expected:
        if d not in holidays:
            missing[d] = f"{missing[d]}、{name}" if d in missing else name
    return sorted(missing.items())
