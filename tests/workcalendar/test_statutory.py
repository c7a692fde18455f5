"""The statutory holidays by rule (《全国年节及纪念日放假办法》, 2024 revision), used for
years without a confirmed notice."""

import datetime

import pytest

from tests.workcalendar.conftest import d
from workcalendar.seed import official_days
from workcalendar.statutory import (
    LAST_ESTIMATE_YEAR,
    MOVABLE_DATES,
    estimate_available,
    estimated_holidays,
    statutory_days,
)


@pytest.mark.parametrize("year", [2025, 2026])
def test_the_rule_is_within_the_official_arrangement(year):
    """Whatever the notice adds, it never works on a statutory day nor its 补假: the
    estimate for 2025 and 2026 is a subset of the days off they actually had."""
    official_off = {day for day, kind, _ in official_days(year) if kind == "holiday"}
    assert set(estimated_holidays(year)) <= official_off


@pytest.mark.parametrize("year", sorted(MOVABLE_DATES))
def test_thirteen_statutory_days_every_year(year):
    days = statutory_days(year)
    assert len(days) == 13  # Art. 2: 1 + 4 + 1 + 2 + 1 + 1 + 3
    names = [name for _, name in days]
    assert names.count("春节") == 4 and names.count("劳动节") == 2 and names.count("国庆节") == 3


def test_2026_dates_from_the_lunar_table():
    days = dict(statutory_days(2026))
    # 除夕 2026-02-16, 正月初一至初三 2026-02-17..19; 清明 4/5; 端午 6/19; 中秋 9/25.
    assert [k for k, v in days.items() if v == "春节"] == [
        d("2026-02-16"),
        d("2026-02-17"),
        d("2026-02-18"),
        d("2026-02-19"),
    ]
    assert days[d("2026-04-05")] == "清明节"
    assert days[d("2026-06-19")] == "端午节"
    assert days[d("2026-09-25")] == "中秋节"


def test_2027_estimate_moves_weekend_festival_days_to_weekdays():
    off = estimated_holidays(2027)
    # 春节: 除夕 Fri 2/5, 初一 Sat 2/6, 初二 Sun 2/7, 初三 Mon 2/8 -> 补假 Tue 2/9, Wed 2/10.
    for day in ("2027-02-05", "2027-02-06", "2027-02-07", "2027-02-08"):
        assert off[d(day)] == "春节"
    assert off[d("2027-02-09")] == "春节（补假）"
    assert off[d("2027-02-10")] == "春节（补假）"
    # 元旦 Fri; 清明 Mon 4/5; 劳动节 Sat 5/1 + Sun 5/2 -> Mon 5/3, Tue 5/4.
    assert d("2027-01-01") in off and d("2027-04-05") in off
    assert off[d("2027-05-03")] == off[d("2027-05-04")] == "劳动节（补假）"
    # 国庆 Fri 10/1, Sat 10/2, Sun 10/3 -> Mon 10/4, Tue 10/5; 端午 Wed 6/9; 中秋 Wed 9/15.
    assert off[d("2027-10-04")] == off[d("2027-10-05")] == "国庆节（补假）"
    assert d("2027-06-09") in off and d("2027-09-15") in off
    # No make-up working days and nothing else.
    assert len(off) == 13 + 6


def test_two_festivals_on_one_day_give_an_extra_day_off():
    # 2031: 中秋 falls on 10/1 (Wednesday), the first day of 国庆.
    off = estimated_holidays(2031)
    assert set(off[d("2031-10-01")].split("、")) == {"国庆节", "中秋节"}
    assert off[d("2031-10-06")].endswith("（补假）")  # 10/2 Thu, 10/3 Fri, 10/4-5 weekend
    assert d("2031-10-03") in off


def test_no_estimate_outside_the_table():
    assert estimate_available(2040) and not estimate_available(LAST_ESTIMATE_YEAR + 1)
    assert estimated_holidays(LAST_ESTIMATE_YEAR + 1) == {}
    assert estimated_holidays(2024) == {}  # older rules: the official data is stored


def test_table_dates_are_well_formed():
    for year, dates in MOVABLE_DATES.items():
        eve, qingming, duanwu, zhongqiu = (datetime.date.fromisoformat(s) for s in dates)
        assert {eve.year, qingming.year, duanwu.year, zhongqiu.year} == {year}
        assert qingming.month == 4 and qingming.day in (4, 5, 6)
        assert eve < qingming < duanwu < zhongqiu
