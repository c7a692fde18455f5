"""The official holiday arrangements 2004-2026 (chinesecalendar 1.11.0), confirmed."""

from django.db import migrations


def seed(apps, schema_editor):
    from workcalendar.seed import seed_official_calendar

    seed_official_calendar(
        year_model=apps.get_model("workcalendar", "CalendarYear"),
        day_model=apps.get_model("workcalendar", "CalendarDay"),
        year_history_model=apps.get_model("workcalendar", "HistoricalCalendarYear"),
        day_history_model=apps.get_model("workcalendar", "HistoricalCalendarDay"),
    )


class Migration(migrations.Migration):
    dependencies = [("workcalendar", "0001_initial")]
    # Reversing leaves the rows: 0001's reversal drops the tables, and seeding again
    # skips the years already present.
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
