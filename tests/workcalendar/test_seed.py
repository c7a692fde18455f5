"""The seeded official calendar 2004-2026 (migration 0002) against domain-rules.md
"Working days": every 2025 and 2026 holiday and make-up day, and nothing else."""

import datetime

import pytest

from tests.workcalendar.conftest import d
from workcalendar.models import CalendarDay, CalendarYear, DayKind
from workcalendar.seed import seed_official_calendar


def span(first: str, last: str) -> set[datetime.date]:
    start, end = d(first), d(last)
    return {start + datetime.timedelta(days=i) for i in range((end - start).days + 1)}


# 国务院办公厅 notice of 2024-11-12.
HOLIDAYS_2025 = {
    "元旦": span("2025-01-01", "2025-01-01"),
    "春节": span("2025-01-28", "2025-02-04"),
    "清明节": span("2025-04-04", "2025-04-06"),
    "劳动节": span("2025-05-01", "2025-05-05"),
    "端午节": span("2025-05-31", "2025-06-02"),
    "国庆节、中秋节": span("2025-10-01", "2025-10-08"),
}
WORKDAYS_2025 = {
    d("2025-01-26"),
    d("2025-02-08"),
    d("2025-04-27"),
    d("2025-09-28"),
    d("2025-10-11"),
}

# 国务院办公厅 notice of 2025-11-04.
HOLIDAYS_2026 = {
    "元旦": span("2026-01-01", "2026-01-03"),
    "春节": span("2026-02-15", "2026-02-23"),
    "清明节": span("2026-04-04", "2026-04-06"),
    "劳动节": span("2026-05-01", "2026-05-05"),
    "端午节": span("2026-06-19", "2026-06-21"),
    "中秋节": span("2026-09-25", "2026-09-27"),
    "国庆节": span("2026-10-01", "2026-10-07"),
}
WORKDAYS_2026 = {
    d("2026-01-04"),
    d("2026-02-14"),
    d("2026-02-28"),
    d("2026-05-09"),
    d("2026-09-20"),
    d("2026-10-10"),
}


def stored(year: int, kind: DayKind) -> set[datetime.date]:
    return set(
        CalendarDay.objects.filter(date__year=year, kind=kind).values_list("date", flat=True)
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("year", "holidays", "workdays"),
    [(2025, HOLIDAYS_2025, WORKDAYS_2025), (2026, HOLIDAYS_2026, WORKDAYS_2026)],
)
def test_official_year_matches_the_notice_exactly(year, holidays, workdays):
    expected_off = set().union(*holidays.values())
    assert stored(year, DayKind.HOLIDAY) == expected_off
    assert stored(year, DayKind.WORKDAY) == workdays
    assert CalendarYear.objects.get(year=year).confirmed


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("festival", "dates"),
    [*HOLIDAYS_2025.items(), *HOLIDAYS_2026.items()],
    ids=[f"2025-{k}" for k in HOLIDAYS_2025] + [f"2026-{k}" for k in HOLIDAYS_2026],
)
def test_each_official_holiday_is_stored_with_its_name(festival, dates):
    names = dict(CalendarDay.objects.filter(date__in=dates).values_list("date", "name"))
    assert set(names) == dates
    assert set(names.values()) <= set(festival.split("、"))


@pytest.mark.django_db
@pytest.mark.parametrize("day", sorted(WORKDAYS_2025 | WORKDAYS_2026), ids=str)
def test_each_official_make_up_day_is_a_weekend_working_day(day):
    stored_day = CalendarDay.objects.get(date=day)
    assert stored_day.kind == DayKind.WORKDAY
    assert day.weekday() >= 5


@pytest.mark.django_db
def test_seed_covers_2004_to_2026_confirmed_with_sources():
    years = CalendarYear.objects.filter(year__range=(2004, 2026))
    assert years.count() == 23
    assert all(y.confirmed and "部分节假日安排的通知" in y.source for y in years)
    assert not CalendarYear.objects.filter(year__gt=2026).exists()
    assert CalendarDay.objects.filter(date__year=2015, name__contains="70周年").exists()
    # Every day belongs to the year of its date.
    for day in CalendarDay.objects.select_related("year"):
        assert day.year.year == day.date.year


@pytest.mark.django_db
def test_seed_leaves_a_first_history_entry_for_every_row():
    assert CalendarYear.history.filter(history_type="+").count() == 23
    assert CalendarDay.history.count() == CalendarDay.objects.count()
    entry = CalendarDay.history.get(date=d("2026-02-17"))
    assert entry.history_change_reason.startswith("初始数据")


@pytest.mark.django_db
def test_seeding_again_changes_nothing():
    before = CalendarDay.objects.count()
    assert seed_official_calendar(year_model=CalendarYear, day_model=CalendarDay) == 0
    assert CalendarDay.objects.count() == before
