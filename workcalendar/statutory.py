"""The statutory holidays by rule, for years whose State Council notice is not (yet)
in the calendar. Everything computed from here is an estimate: the notice adds
调休 (weekend make-up days and bridge days) that no rule predicts, so callers must
mark results that rest on it as 未确认.

The rule is 《全国年节及纪念日放假办法》 as revised by State Council Decree No. 795
(2024-11-10), in force from 2025-01-01:
- Art. 2: 元旦 1 day (1/1); 春节 4 days (农历除夕, 正月初一至初三); 清明节 1 day (the
  清明 solar term); 劳动节 2 days (5/1, 5/2); 端午节 1 day (农历五月初五);
  中秋节 1 day (农历八月十五); 国庆节 3 days (10/1-10/3).
- Art. 6: a nationwide holiday that falls on a Saturday or Sunday is made up on a
  working day (补假). The notice says which; we take the next weekday that is not
  already a holiday, which is what the notices have done for single-day festivals.
"""

import datetime
from functools import lru_cache

# Lunar and solar-term dates of the movable festivals: (除夕, 清明, 端午, 中秋).
# Source: the Purple Mountain Observatory lunar calendar as implemented by two
# independent libraries, lunardate 0.3.0 (table-based) and lunar-python 1.4.8
# (寿星天文历 algorithm), which agree on every date below; 清明 also agrees with the
# solar-term formula of chinesecalendar 1.11.0. 2025 and 2026 are checked against
# the official notices in tests/workcalendar/test_statutory.py.
# Beyond the last year there is no estimate (see `estimate_available`): extend the
# table, or enter that year's notice in the calendar.
MOVABLE_DATES: dict[int, tuple[str, str, str, str]] = {
    2025: ("2025-01-28", "2025-04-04", "2025-05-31", "2025-10-06"),
    2026: ("2026-02-16", "2026-04-05", "2026-06-19", "2026-09-25"),
    2027: ("2027-02-05", "2027-04-05", "2027-06-09", "2027-09-15"),
    2028: ("2028-01-25", "2028-04-04", "2028-05-28", "2028-10-03"),
    2029: ("2029-02-12", "2029-04-04", "2029-06-16", "2029-09-22"),
    2030: ("2030-02-02", "2030-04-05", "2030-06-05", "2030-09-12"),
    2031: ("2031-01-22", "2031-04-05", "2031-06-24", "2031-10-01"),
    2032: ("2032-02-10", "2032-04-04", "2032-06-12", "2032-09-19"),
    2033: ("2033-01-30", "2033-04-04", "2033-06-01", "2033-09-08"),
    2034: ("2034-02-18", "2034-04-05", "2034-06-20", "2034-09-27"),
    2035: ("2035-02-07", "2035-04-05", "2035-06-10", "2035-09-16"),
    2036: ("2036-01-27", "2036-04-04", "2036-05-30", "2036-10-04"),
    2037: ("2037-02-14", "2037-04-04", "2037-06-18", "2037-09-24"),
    2038: ("2038-02-03", "2038-04-05", "2038-06-07", "2038-09-13"),
    2039: ("2039-01-23", "2039-04-05", "2039-05-27", "2039-10-02"),
    2040: ("2040-02-11", "2040-04-04", "2040-06-14", "2040-09-20"),
}
# The 2024 rule applies from 2025; earlier years followed older rules and are in
# the calendar from the official notices.
FIRST_RULE_YEAR = min(MOVABLE_DATES)
LAST_ESTIMATE_YEAR = max(MOVABLE_DATES)


def estimate_available(year: int) -> bool:
    return year in MOVABLE_DATES


def statutory_days(year: int) -> list[tuple[datetime.date, str]]:
    """The statutory holiday dates of `year` (Art. 2), before any 补假, in date order.
    A date appears twice when two festivals fall on it (e.g. 中秋 on 10/1).
    Raises KeyError for a year outside the table."""
    eve, qingming, duanwu, zhongqiu = (datetime.date.fromisoformat(s) for s in MOVABLE_DATES[year])
    days = [(datetime.date(year, 1, 1), "元旦")]
    days += [(eve + datetime.timedelta(days=i), "春节") for i in range(4)]
    days += [
        (qingming, "清明节"),
        (datetime.date(year, 5, 1), "劳动节"),
        (datetime.date(year, 5, 2), "劳动节"),
        (duanwu, "端午节"),
        (zhongqiu, "中秋节"),
    ]
    days += [(datetime.date(year, 10, d), "国庆节") for d in (1, 2, 3)]
    return sorted(days, key=lambda pair: pair[0])


@lru_cache(maxsize=64)
def estimated_holidays(year: int) -> dict[datetime.date, str]:
    """The days off of `year` by rule: the statutory days plus one 补假 weekday for
    each statutory day that falls on a weekend or on another festival (Art. 6).
    Empty for a year outside the table. Pure and deterministic, so caching it in
    the process is safe."""
    if not estimate_available(year):
        return {}
    base = statutory_days(year)
    off: dict[datetime.date, str] = {}
    owed: list[tuple[datetime.date, str]] = []
    for d, name in base:
        if d in off:
            off[d] = f"{off[d]}、{name}"
            owed.append((d, name))
        else:
            off[d] = name
            if d.weekday() >= 5:
                owed.append((d, name))
    for d, name in owed:
        substitute = d + datetime.timedelta(days=1)
        while substitute.weekday() >= 5 or substitute in off:
            substitute += datetime.timedelta(days=1)
        off[substitute] = f"{name}（补假）"
    return off
