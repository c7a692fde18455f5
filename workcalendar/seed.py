"""The official arrangements 2004-2026, from the `chinesecalendar` package (its data
is transcribed from the State Council's yearly notices). Called by the data
migration `0002_seed_official_calendar` with the migration's historical models, so
it must not import the app's models."""

import datetime

from chinese_calendar.constants import Holiday, holidays, workdays

SEED_FIRST_YEAR = 2004
SEED_LAST_YEAR = 2026
SEED_REASON = "初始数据：chinesecalendar 1.11.0（据国务院办公厅历年节假日安排通知）"

# The names used in the notices; chinesecalendar keys its data by English names.
NAMES = {
    Holiday.new_years_day.value: "元旦",
    Holiday.spring_festival.value: "春节",
    Holiday.tomb_sweeping_day.value: "清明节",
    Holiday.labour_day.value: "劳动节",
    Holiday.dragon_boat_festival.value: "端午节",
    Holiday.national_day.value: "国庆节",
    Holiday.mid_autumn_festival.value: "中秋节",
    Holiday.anti_fascist_70th_day.value: "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}

# Publication dates given in domain-rules.md ("Working days").
NOTICE_DATES = {2025: "2024年11月12日", 2026: "2025年11月4日"}


def _name(english: str) -> str:
    if english in NAMES:
        return NAMES[english]
    return next((h.chinese for h in Holiday if h.value == english), english)


def official_days(year: int) -> list[tuple[datetime.date, str, str]]:
    """(date, kind, name) for every exception of `year` in chinesecalendar, kinds
    being DayKind values."""
    rows = [(d, "holiday", _name(n)) for d, n in holidays.items() if d.year == year]
    rows += [(d, "workday", _name(n)) for d, n in workdays.items() if d.year == year]
    return sorted(rows)


def year_source(year: int) -> str:
    title = f"国务院办公厅关于{year}年部分节假日安排的通知"
    if year in NOTICE_DATES:
        return f"{title}（{NOTICE_DATES[year]}发布）"
    return title


def seed_official_calendar(
    *, year_model, day_model, year_history_model=None, day_history_model=None
) -> int:
    """Create the confirmed years 2004-2026 and their days; a year already present
    is left alone, so running it twice changes nothing. With the historical models
    given, each created row also gets its first history entry. Returns the number
    of years created."""
    now = datetime.datetime.now(datetime.UTC)
    existing = set(year_model.objects.values_list("year", flat=True))
    created_years = []
    created_days = []
    for year in range(SEED_FIRST_YEAR, SEED_LAST_YEAR + 1):
        if year in existing:
            continue
        y = year_model.objects.create(
            year=year, confirmed=True, source=year_source(year), note=SEED_REASON
        )
        created_years.append(y)
        created_days += day_model.objects.bulk_create(
            day_model(year=y, date=d, kind=kind, name=name) for d, kind, name in official_days(year)
        )
    if year_history_model is not None:
        _record_history(year_history_model, year_model, created_years, now)
    if day_history_model is not None:
        # bulk_create may not return primary keys on every backend: read them back.
        saved = day_model.objects.filter(year__in=created_years)
        _record_history(day_history_model, day_model, saved, now)
    return len(created_years)


def _record_history(history_model, model, objects, when) -> None:
    fields = [f.attname for f in model._meta.concrete_fields]
    history_model.objects.bulk_create(
        history_model(
            **{name: getattr(obj, name) for name in fields},
            history_date=when,
            history_type="+",
            history_change_reason=SEED_REASON,
        )
        for obj in objects
    )
