"""Working-day arithmetic (F2): 春节 and 国庆 with their make-up days in 2025 and 2026,
unconfirmed years, and the query budget."""

import datetime

import pytest

from tests.workcalendar.conftest import d
from workcalendar.models import CalendarDay, CalendarYear, DayKind
from workcalendar.selectors import (
    CalendarDataError,
    WorkCalendar,
    WorkdayCount,
    WorkdayResult,
    add_workdays,
    is_workday,
    workdays_between,
    year_confirmed,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        # 2025 春节: off Tue 1/28 - Tue 2/4; work Sun 1/26 and Sat 2/8.
        ("2025-01-24", 1, "2025-01-26"),  # the make-up Sunday is the first working day
        ("2025-01-24", 3, "2025-02-05"),  # 1/26, 1/27, then the holiday, 2/5
        ("2025-01-27", 5, "2025-02-10"),  # 2/5, 2/6, 2/7, Sat 2/8, Mon 2/10
        # 2025 国庆+中秋: off 10/1 - 10/8; work Sun 9/28 and Sat 10/11.
        ("2025-09-26", 2, "2025-09-29"),  # Sun 9/28, Mon 9/29
        ("2025-09-30", 1, "2025-10-09"),
        ("2025-09-30", 3, "2025-10-11"),  # 10/9, 10/10, Sat 10/11
        # 2026 春节: off Sun 2/15 - Mon 2/23; work Sat 2/14 and Sat 2/28.
        ("2026-02-13", 1, "2026-02-14"),
        ("2026-02-13", 2, "2026-02-24"),
        ("2026-02-13", 20, "2026-03-19"),  # 2/14, 2/24-2/27, Sat 2/28, 3/2-3/6, 3/9-3/13, 3/16-3/19
        # 2026 中秋 9/25-9/27 and 国庆 10/1-10/7; work Sun 9/20 and Sat 10/10.
        ("2026-09-18", 1, "2026-09-20"),
        ("2026-09-30", 3, "2026-10-10"),  # 10/8, 10/9, Sat 10/10
    ],
)
def test_add_workdays_across_spring_festival_and_national_day(start, n, expected):
    assert add_workdays(d(start), n) == WorkdayResult(d(expected), True)


def test_add_20_workdays_from_2026_09_18_by_hand():
    """Fri 9/18 (not counted) -> Sun 9/20 (1, make-up), 9/21-9/24 (2-5), 中秋 9/25-9/27,
    9/28-9/30 (6-8), 国庆 10/1-10/7, 10/8-10/9 (9-10), Sat 10/10 (11, make-up),
    10/12-10/16 (12-16), 10/19-10/22 (17-20)."""
    assert add_workdays(d("2026-09-18"), 20) == WorkdayResult(d("2026-10-22"), True)


def test_add_zero_is_the_start_and_reads_nothing(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert add_workdays(d("2027-03-03"), 0) == WorkdayResult(d("2027-03-03"), True)


def test_add_refuses_negative_and_wrong_types():
    with pytest.raises(ValueError, match="负数"):
        add_workdays(d("2026-01-05"), -1)
    with pytest.raises(TypeError):
        add_workdays(
            datetime.datetime(2026, 1, 5, 9, 0), 3
        )  # a datetime's date depends on the zone
    with pytest.raises(TypeError):
        add_workdays(d("2026-01-05"), 2.5)
    with pytest.raises(TypeError):
        workdays_between(d("2026-01-05"), "2026-01-09")


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("2025-01-24", "2025-02-10", 7),  # 1/26, 1/27, 2/5, 2/6, 2/7, Sat 2/8, 2/10
        ("2025-09-26", "2025-10-12", 6),  # Sun 9/28, 9/29, 9/30, 10/9, 10/10, Sat 10/11
        ("2026-02-13", "2026-03-01", 6),  # Sat 2/14, 2/24-2/27, Sat 2/28
        ("2026-09-18", "2026-10-22", 20),
        ("2026-09-30", "2026-10-10", 3),  # 10/8, 10/9, Sat 10/10
        ("2026-09-18", "2026-09-18", 0),
        ("2026-09-18", "2026-09-17", 0),
        ("2026-01-02", "2026-01-04", 1),  # only Sun 1/4, a make-up day; start never counts
        ("2025-01-01", "2025-12-31", 248),  # 261 weekdays - 18 off + 5 make-up days
    ],
)
def test_workdays_between(start, end, expected):
    assert workdays_between(d(start), d(end)) == WorkdayCount(expected, True)


def test_between_inverts_add():
    start = d("2025-12-15")
    for n in (1, 5, 20, 40):
        result = add_workdays(start, n)
        assert workdays_between(start, result.date).days == n


@pytest.mark.parametrize(
    ("day", "working"),
    [
        ("2026-09-20", True),  # Sunday, make-up working day
        ("2026-10-10", True),  # Saturday, make-up working day
        ("2026-09-19", False),  # ordinary Saturday
        ("2026-10-05", False),  # Monday inside 国庆
        ("2026-02-23", False),  # Monday, last day of 春节
        ("2026-02-24", True),
        ("2025-01-26", True),  # Sunday, make-up working day
        ("2025-10-06", False),  # Monday, 中秋
    ],
)
def test_is_workday(day, working):
    assert is_workday(d(day)) is working


def test_year_without_notice_is_computed_by_rule_and_flagged():
    # 2027 has no data: 元旦 Fri 1/1 and 春节 2/5-2/8 (+补假 2/9, 2/10) are off.
    assert not year_confirmed(2027)
    assert add_workdays(d("2027-02-01"), 5) == WorkdayResult(d("2027-02-12"), False)
    # 2/1-2/4, then 2/11 and 2/12.
    assert workdays_between(d("2027-01-31"), d("2027-02-14")) == WorkdayCount(6, False)
    assert is_workday(d("2027-02-09")) is False


def test_flag_propagates_when_crossing_from_2026_into_2027():
    # Wed 12/30: Thu 12/31 (1), 元旦 Fri 1/1 by rule, weekend, Mon 1/4 (2), Tue 1/5 (3).
    assert add_workdays(d("2026-12-30"), 3) == WorkdayResult(d("2027-01-05"), False)
    assert add_workdays(d("2026-12-28"), 3) == WorkdayResult(d("2026-12-31"), True)
    assert workdays_between(d("2026-12-28"), d("2027-01-04")) == WorkdayCount(4, False)
    assert workdays_between(d("2026-12-28"), d("2026-12-31")) == WorkdayCount(3, True)
    # Ending on 12/31 does not touch 2027; starting on 12/31 and ending in 2027 does.
    assert workdays_between(d("2026-12-31"), d("2027-01-01")) == WorkdayCount(0, False)


def test_year_left_unconfirmed_keeps_its_days_but_is_flagged():
    CalendarYear.objects.filter(year=2026).update(confirmed=False)
    assert not year_confirmed(2026)
    assert add_workdays(d("2026-09-18"), 20) == WorkdayResult(d("2026-10-22"), False)
    assert workdays_between(d("2026-09-18"), d("2026-10-22")) == WorkdayCount(20, False)
    # 2025 is untouched by that computation and stays confirmed.
    assert add_workdays(d("2025-09-26"), 2).confirmed


def test_unconfirmed_year_uses_stored_days_and_the_rule_for_the_rest():
    year = CalendarYear.objects.create(year=2027)
    CalendarDay.objects.create(year=year, date=d("2027-02-11"), kind=DayKind.HOLIDAY, name="春节")
    CalendarDay.objects.create(year=year, date=d("2027-02-20"), kind=DayKind.WORKDAY, name="春节")
    assert is_workday(d("2027-02-11")) is False  # entered
    assert is_workday(d("2027-02-20")) is True  # entered make-up Saturday
    assert is_workday(d("2027-02-09")) is False  # not entered: 补假 by rule
    assert is_workday(d("2027-10-01")) is False  # not entered: 国庆 by rule
    assert add_workdays(d("2027-02-10"), 1) == WorkdayResult(d("2027-02-12"), False)


def test_confirmed_year_ignores_the_rule():
    year = CalendarYear.objects.create(year=2027, confirmed=True, source="测试")
    CalendarDay.objects.create(year=year, date=d("2027-01-01"), kind=DayKind.HOLIDAY, name="元旦")
    # Confirmed with only 元旦: 2/9 (a 补假 by rule) is an ordinary Tuesday.
    assert is_workday(d("2027-02-09")) is True
    assert add_workdays(d("2027-02-01"), 5) == WorkdayResult(d("2027-02-08"), True)


def test_year_before_the_data_counts_weekends_only_and_is_flagged():
    assert add_workdays(d("2003-09-30"), 1) == WorkdayResult(d("2003-10-01"), False)


def test_edits_are_seen_by_the_next_call():
    assert add_workdays(d("2026-09-18"), 1).date == d("2026-09-20")
    CalendarDay.objects.filter(date=d("2026-09-20")).delete()
    assert add_workdays(d("2026-09-18"), 1).date == d("2026-09-21")


def test_a_year_without_working_days_is_reported_not_looped_forever():
    year = CalendarYear.objects.create(year=2027, confirmed=True, source="测试")
    start = d("2027-01-01")
    CalendarDay.objects.bulk_create(
        CalendarDay(year=year, date=start + datetime.timedelta(days=i), kind="holiday", name="错")
        for i in range(365)
    )
    with pytest.raises(CalendarDataError, match="连续一年以上没有工作日"):
        add_workdays(d("2026-12-31"), 1)


def test_query_budget(django_assert_num_queries):
    with django_assert_num_queries(1):
        add_workdays(d("2026-09-18"), 20)
    with django_assert_num_queries(1):
        add_workdays(d("2026-12-20"), 20)  # 2026 and 2027 in the same query
    with django_assert_num_queries(1):
        add_workdays(d("2026-01-05"), 200)  # well into 2027
    with django_assert_num_queries(1):
        workdays_between(d("2024-06-01"), d("2026-06-01"))
    with django_assert_num_queries(1):
        is_workday(d("2026-10-10"))
    with django_assert_num_queries(1):
        year_confirmed(2026)


def test_one_calendar_for_a_whole_page(django_assert_num_queries):
    calendar = WorkCalendar()
    with django_assert_num_queries(1):
        dues = [
            calendar.add_workdays(d("2026-01-05") + datetime.timedelta(days=i), 20)
            for i in range(60)
        ]
        assert calendar.workdays_between(d("2026-01-05"), dues[-1].date).days > 20
        assert calendar.is_workday(d("2026-02-14"))
    assert all(due.confirmed for due in dues)
