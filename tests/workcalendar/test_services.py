"""Calendar writes: only the system administrator, a confirmed year is frozen, a year
is confirmed only with its source and every statutory holiday, and every change
is in the history."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from accounts.roles import Role
from tests.factories import staff
from tests.workcalendar.conftest import d
from workcalendar import services
from workcalendar.models import CalendarDay, CalendarYear, DayKind
from workcalendar.selectors import add_workdays, year_confirmed
from workcalendar.statutory import estimated_holidays, statutory_days

pytestmark = pytest.mark.django_db

NOTICE_2027 = "国务院办公厅关于2027年部分节假日安排的通知"


def enter_statutory_days(year: int, user) -> None:
    for day, name in statutory_days(year):
        services.calendar_day_set(date=day, kind=DayKind.HOLIDAY, name=name, acting_user=user)


@pytest.mark.parametrize("role", [r for r in Role if r != Role.SYSTEM_ADMIN], ids=lambda r: r.name)
def test_only_the_system_administrator_writes(role):
    user = staff(role)
    calls = [
        lambda: services.calendar_year_save(year=2027, source=NOTICE_2027, acting_user=user),
        lambda: services.calendar_year_confirm(year=2027, source=NOTICE_2027, acting_user=user),
        lambda: services.calendar_year_unconfirm(year=2026, acting_user=user),
        lambda: services.calendar_day_set(
            date=d("2027-02-05"), kind=DayKind.HOLIDAY, name="春节", acting_user=user
        ),
        lambda: services.calendar_day_delete(date=d("2026-10-01"), acting_user=user),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied):
            call()
    assert not CalendarYear.objects.filter(year=2027).exists()
    assert year_confirmed(2026)


def test_anonymous_and_superuser_without_role_cannot_write(superuser_without_role):
    for user in (AnonymousUser(), superuser_without_role, None):
        with pytest.raises(PermissionDenied):
            services.calendar_day_set(
                date=d("2027-02-05"), kind=DayKind.HOLIDAY, name="春节", acting_user=user
            )


def test_entering_and_confirming_a_new_year(sysadmin):
    enter_statutory_days(2027, sysadmin)
    services.calendar_day_set(
        date=d("2027-02-20"), kind=DayKind.WORKDAY, name="春节", acting_user=sysadmin
    )
    year = CalendarYear.objects.get(year=2027)
    assert not year.confirmed  # entering days does not confirm
    assert not add_workdays(d("2027-02-18"), 2).confirmed

    services.calendar_year_confirm(year=2027, source=NOTICE_2027, acting_user=sysadmin)
    year.refresh_from_db()
    assert year.confirmed and year.source == NOTICE_2027
    # Now only the stored days count: 2/9 (补假 by rule, not entered) is a working day.
    result = add_workdays(d("2027-02-08"), 1)
    assert result.date == d("2027-02-09") and result.confirmed
    assert d("2027-02-09") in estimated_holidays(2027)
    # Sat 2/20 was entered as a make-up day.
    assert add_workdays(d("2027-02-19"), 1).date == d("2027-02-20")


def test_confirm_refuses_without_source(sysadmin):
    enter_statutory_days(2027, sysadmin)
    with pytest.raises(services.CalendarError, match="依据"):
        services.calendar_year_confirm(year=2027, acting_user=sysadmin)
    with pytest.raises(services.CalendarError, match="依据"):
        services.calendar_year_confirm(year=2027, source="  ", acting_user=sysadmin)
    assert not year_confirmed(2027)


def test_confirm_refuses_an_empty_or_incomplete_year(sysadmin):
    with pytest.raises(services.CalendarError, match="尚未录入以下法定节假日") as exc:
        services.calendar_year_confirm(year=2027, source=NOTICE_2027, acting_user=sysadmin)
    assert "2027-02-05（春节）" in str(exc.value)
    assert not year_confirmed(2027)

    enter_statutory_days(2027, sysadmin)
    services.calendar_day_delete(date=d("2027-09-15"), acting_user=sysadmin)
    with pytest.raises(services.CalendarError, match=r"2027-09-15（中秋节）"):
        services.calendar_year_confirm(year=2027, source=NOTICE_2027, acting_user=sysadmin)
    assert not year_confirmed(2027)


def test_confirm_beyond_the_lunar_table_checks_fixed_dates(sysadmin):
    with pytest.raises(services.CalendarError) as exc:
        services.calendar_year_confirm(year=2041, source="通知", acting_user=sysadmin)
    assert "2041-01-01（元旦）" in str(exc.value) and "2041-10-03（国庆节）" in str(exc.value)


def test_confirming_twice_and_unconfirming_an_unconfirmed_year_are_refused(sysadmin):
    with pytest.raises(services.CalendarError, match="已经确认"):
        services.calendar_year_confirm(year=2026, acting_user=sysadmin)
    with pytest.raises(services.CalendarError, match="尚未确认"):
        services.calendar_year_unconfirm(year=2027, acting_user=sysadmin)


def test_a_confirmed_year_is_frozen_until_unconfirmed(sysadmin):
    with pytest.raises(services.CalendarError, match="已确认，不能修改"):
        services.calendar_day_set(
            date=d("2026-10-08"), kind=DayKind.HOLIDAY, name="国庆节", acting_user=sysadmin
        )
    with pytest.raises(services.CalendarError, match="已确认，不能修改"):
        services.calendar_day_delete(date=d("2026-10-01"), acting_user=sysadmin)
    assert not CalendarDay.objects.filter(date=d("2026-10-08")).exists()

    services.calendar_year_unconfirm(year=2026, reason="通知更正", acting_user=sysadmin)
    assert not add_workdays(d("2026-10-07"), 1).confirmed
    services.calendar_day_set(
        date=d("2026-10-08"), kind=DayKind.HOLIDAY, name="国庆节", acting_user=sysadmin
    )
    services.calendar_year_confirm(year=2026, acting_user=sysadmin)  # source kept
    assert add_workdays(d("2026-10-07"), 1) == add_workdays(d("2026-10-08"), 1)
    assert add_workdays(d("2026-10-07"), 1).confirmed


@pytest.mark.parametrize(
    ("day", "kind", "name", "message"),
    [
        ("2027-03-03", DayKind.WORKDAY, "春节", "只能是周六或周日"),  # a Wednesday
        ("2027-03-06", DayKind.HOLIDAY, "  ", "请填写节日名称"),
        ("2027-03-06", "sick", "春节", "类型"),
        ("1980-01-01", DayKind.HOLIDAY, "元旦", "年度须在"),
    ],
)
def test_day_set_refuses_bad_days(sysadmin, day, kind, name, message):
    with pytest.raises(services.CalendarError, match=message):
        services.calendar_day_set(date=d(day), kind=kind, name=name, acting_user=sysadmin)
    assert not CalendarDay.objects.filter(date=d(day)).exists()


def test_day_set_replaces_and_delete_removes(sysadmin):
    first = services.calendar_day_set(
        date=d("2027-02-20"), kind=DayKind.WORKDAY, name="春节", acting_user=sysadmin
    )
    again = services.calendar_day_set(
        date=d("2027-02-20"), kind=DayKind.HOLIDAY, name=" 春节 ", acting_user=sysadmin
    )
    assert again.pk == first.pk and again.kind == DayKind.HOLIDAY and again.name == "春节"
    assert again.year.year == 2027
    services.calendar_day_delete(date=d("2027-02-20"), acting_user=sysadmin)
    assert not CalendarDay.objects.filter(date=d("2027-02-20")).exists()
    with pytest.raises(services.CalendarError, match="没有录入"):
        services.calendar_day_delete(date=d("2027-02-20"), acting_user=sysadmin)


def test_history_records_who_and_why(sysadmin):
    services.calendar_day_set(
        date=d("2027-02-05"), kind=DayKind.HOLIDAY, name="春节", acting_user=sysadmin
    )
    services.calendar_day_delete(date=d("2027-02-05"), acting_user=sysadmin)
    entries = list(CalendarDay.history.filter(date=d("2027-02-05")).order_by("history_id"))
    assert [e.history_type for e in entries] == ["+", "-"]
    assert all(e.history_user == sysadmin for e in entries)
    assert [e.history_change_reason for e in entries] == ["录入日期", "删除日期"]

    services.calendar_year_unconfirm(year=2026, reason="通知更正", acting_user=sysadmin)
    latest = CalendarYear.history.filter(year=2026).latest("history_id")
    assert latest.history_user == sysadmin and not latest.confirmed
    assert latest.history_change_reason == "撤销确认：通知更正"


def test_year_save_updates_text_but_never_confirmation(sysadmin):
    year = services.calendar_year_save(
        year=2027, source=NOTICE_2027, note="待发布", acting_user=sysadmin
    )
    assert (year.source, year.note, year.confirmed) == (NOTICE_2027, "待发布", False)
    with pytest.raises(services.CalendarError, match="依据不能为空"):
        services.calendar_year_save(year=2026, source="", acting_user=sysadmin)
    with pytest.raises(services.CalendarError, match="年度须在"):
        services.calendar_year_save(year=2200, acting_user=sysadmin)
