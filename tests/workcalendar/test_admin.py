"""The calendar in the admin: the system administrator edits, the audit administrator
reads, everyone else gets a 404."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.workcalendar.conftest import d
from workcalendar import services
from workcalendar.models import CalendarDay, CalendarYear, DayKind
from workcalendar.statutory import statutory_days

pytestmark = pytest.mark.django_db

YEARS = reverse("admin:workcalendar_calendaryear_changelist")
DAYS = reverse("admin:workcalendar_calendarday_changelist")
ADD_DAY = reverse("admin:workcalendar_calendarday_add")
ADD_YEAR = reverse("admin:workcalendar_calendaryear_add")


def year_url(year: int, action: str = "change") -> str:
    return reverse(
        f"admin:workcalendar_calendaryear_{action}", args=[CalendarYear.objects.get(year=year).pk]
    )


def day_url(day: str, action: str = "change") -> str:
    return reverse(
        f"admin:workcalendar_calendarday_{action}", args=[CalendarDay.objects.get(date=d(day)).pk]
    )


def inline_post(year: CalendarYear, days: list[tuple[str, str, str]], **fields) -> dict:
    existing = list(year.days.order_by("date"))
    data = {
        "source": year.source,
        "note": year.note,
        "days-TOTAL_FORMS": str(len(existing) + len(days)),
        "days-INITIAL_FORMS": str(len(existing)),
        "days-MIN_NUM_FORMS": "0",
        "days-MAX_NUM_FORMS": "1000",
        **fields,
    }
    for i, day in enumerate(existing):
        data.update(
            {
                f"days-{i}-id": day.pk,
                f"days-{i}-year": year.pk,
                f"days-{i}-kind": day.kind,
                f"days-{i}-name": day.name,
            }
        )
    for j, (date, kind, name) in enumerate(days, start=len(existing)):
        data.update(
            {
                f"days-{j}-year": year.pk,
                f"days-{j}-date": date,
                f"days-{j}-kind": kind,
                f"days-{j}-name": name,
            }
        )
    return data


# --- who sees what ----------------------------------------------------------------------


@pytest.mark.parametrize("who", ["office", "superuser_without_role"])
def test_other_staff_get_404_everywhere(client, request, who):
    client.force_login(request.getfixturevalue(who))
    for url in (
        YEARS,
        DAYS,
        ADD_DAY,
        ADD_YEAR,
        year_url(2026),
        day_url("2026-10-01"),
        year_url(2026, "history"),
    ):
        assert client.get(url).status_code == 404, url
    response = client.post(ADD_DAY, {"date": "2027-02-05", "kind": "holiday", "name": "春节"})
    assert response.status_code == 404
    assert not CalendarDay.objects.filter(date=d("2027-02-05")).exists()
    assert "工作日历" not in client.get(reverse("admin:index")).content.decode()


def test_anonymous_is_sent_to_login(client):
    response = client.get(YEARS)
    assert response.status_code == 302 and reverse("admin:login") in response["Location"]


def test_auditor_reads_but_cannot_change(client, auditor):
    client.force_login(auditor)
    assert "工作日历" in client.get(reverse("admin:index")).content.decode()
    assert client.get(YEARS).status_code == 200
    assert client.get(DAYS).status_code == 200
    page = client.get(year_url(2026))
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert client.get(year_url(2026, "history")).status_code == 200
    assert client.get(ADD_DAY).status_code == 403
    response = client.post(ADD_DAY, {"date": "2027-02-05", "kind": "holiday", "name": "春节"})
    assert response.status_code == 403
    response = client.post(day_url("2026-10-01"), {"kind": "workday", "name": "x"})
    assert response.status_code == 403
    response = client.post(
        YEARS,
        {"action": "unconfirm_years", "_selected_action": [CalendarYear.objects.get(year=2026).pk]},
    )
    assert CalendarYear.objects.get(year=2026).confirmed
    assert not CalendarDay.objects.filter(date=d("2027-02-05")).exists()


# --- the system administrator -------------------------------------------------------------


def test_year_list_shows_status_and_warns_about_next_year(client, sysadmin, time_machine):
    time_machine.move_to("2026-11-20")
    client.force_login(sysadmin)
    CalendarYear.objects.create(year=2027)
    html = client.get(YEARS).content.decode()
    assert "wc-badge wc-warn" in html and "未确认" in html and "已确认" in html
    assert "2027年的放假和调休安排尚未确认" in html
    assert "2026年的放假和调休安排尚未确认" not in html


def test_sysadmin_adds_a_day_and_the_year_is_created_unconfirmed(client, sysadmin):
    client.force_login(sysadmin)
    response = client.post(ADD_DAY, {"date": "2027-02-05", "kind": "holiday", "name": "春节"})
    assert response.status_code == 302
    day = CalendarDay.objects.get(date=d("2027-02-05"))
    assert day.year.year == 2027 and not day.year.confirmed
    assert day.history.latest().history_user == sysadmin


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"date": "2026-10-08", "kind": "holiday", "name": "国庆节"}, "2026年已确认，不能修改"),
        ({"date": "2027-03-03", "kind": "workday", "name": "春节"}, "只能是周六或周日"),
        ({"date": "2026-10-01", "kind": "holiday", "name": "国庆节"}, "已存在"),
        ({"date": "2027-13-01", "kind": "holiday", "name": "春节"}, "有效的日期"),
    ],
)
def test_day_form_errors_keep_the_input(client, sysadmin, data, message):
    client.force_login(sysadmin)
    before = CalendarDay.objects.count()
    response = client.post(ADD_DAY, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert f'value="{data["name"]}"' in html  # nothing typed is lost
    assert CalendarDay.objects.count() == before


def test_days_of_a_confirmed_year_are_read_only(client, sysadmin):
    client.force_login(sysadmin)
    assert client.post(day_url("2026-10-01"), {"kind": "workday", "name": "x"}).status_code == 403
    assert client.post(day_url("2026-10-01", "delete"), {"post": "yes"}).status_code == 403
    day = CalendarDay.objects.get(date=d("2026-10-01"))
    assert (day.kind, day.name) == (DayKind.HOLIDAY, "国庆节")


def test_years_are_never_deleted(client, sysadmin):
    client.force_login(sysadmin)
    assert client.post(year_url(2026, "delete"), {"post": "yes"}).status_code == 403
    assert CalendarYear.objects.filter(year=2026).exists()


def test_sysadmin_enters_a_year_inline_and_confirms_it(client, sysadmin):
    client.force_login(sysadmin)
    response = client.post(
        ADD_YEAR,
        {
            "year": "2027",
            "source": "",
            "note": "",
            "days-TOTAL_FORMS": "0",
            "days-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    year = CalendarYear.objects.get(year=2027)
    assert not year.confirmed

    # Confirming an empty year is refused with the missing days listed.
    client.post(YEARS, {"action": "confirm_years", "_selected_action": [year.pk]})
    html = client.get(YEARS).content.decode()
    assert "2027-02-05（春节）" in html
    year.refresh_from_db()
    assert not year.confirmed

    days = [(day.isoformat(), "holiday", name) for day, name in statutory_days(2027)]
    days.append(("2027-02-20", "workday", "春节"))
    response = client.post(
        year_url(2027), inline_post(year, days, source="国务院办公厅关于2027年部分节假日安排的通知")
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert year.days.count() == 14
    assert CalendarDay.objects.get(date=d("2027-02-20")).history.latest().history_user == sysadmin

    client.post(YEARS, {"action": "confirm_years", "_selected_action": [year.pk]})
    year.refresh_from_db()
    assert year.confirmed
    assert "2027年已确认" in client.get(YEARS).content.decode()
    # Now frozen: posting the inline again changes no day.
    client.post(year_url(2027), inline_post(year, [("2027-02-27", "workday", "春节")]))
    assert not CalendarDay.objects.filter(date=d("2027-02-27")).exists()
    assert year.days.count() == 14


def test_inline_rejects_a_day_of_another_year(client, sysadmin):
    client.force_login(sysadmin)
    year = services.calendar_year_save(year=2027, acting_user=sysadmin)
    response = client.post(year_url(2027), inline_post(year, [("2028-01-01", "holiday", "元旦")]))
    assert response.status_code == 200
    assert "不属于2027年" in response.content.decode()
    assert not CalendarDay.objects.filter(date=d("2028-01-01")).exists()


def test_unconfirm_action_unfreezes(client, sysadmin):
    client.force_login(sysadmin)
    client.post(
        YEARS,
        {"action": "unconfirm_years", "_selected_action": [CalendarYear.objects.get(year=2026).pk]},
    )
    assert not CalendarYear.objects.get(year=2026).confirmed
    response = client.post(ADD_DAY, {"date": "2026-10-08", "kind": "holiday", "name": "国庆节"})
    assert response.status_code == 302
    assert CalendarDay.objects.filter(date=d("2026-10-08")).exists()


def test_history_is_read_only_even_for_the_sysadmin(client, sysadmin):
    client.force_login(sysadmin)
    entry = CalendarDay.history.filter(date=d("2026-10-01")).latest()
    url = reverse(
        "admin:workcalendar_calendarday_simple_history", args=[entry.id, entry.history_id]
    )
    assert client.get(url).status_code == 200
    response = client.post(url, {"kind": "workday", "name": "x"})
    assert response.status_code == 403
    assert CalendarDay.objects.get(date=d("2026-10-01")).kind == DayKind.HOLIDAY
    # The same for a day of an unconfirmed year: changes go through the forms only.
    services.calendar_day_set(
        date=d("2027-02-05"), kind=DayKind.HOLIDAY, name="春节", acting_user=sysadmin
    )
    entry = CalendarDay.history.filter(date=d("2027-02-05")).latest()
    url = reverse(
        "admin:workcalendar_calendarday_simple_history", args=[entry.id, entry.history_id]
    )
    assert client.post(url, {"kind": "workday", "name": "x"}).status_code == 403


def test_list_pages_query_count_does_not_grow_with_rows(client, sysadmin):
    client.force_login(sysadmin)
    client.get(DAYS)  # warm up the session

    def count(url: str) -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    before = (count(YEARS), count(DAYS))
    for year in (2027, 2028, 2029):
        services.calendar_day_set(
            date=d(f"{year}-01-01"), kind=DayKind.HOLIDAY, name="元旦", acting_user=sysadmin
        )
    assert (count(YEARS), count(DAYS)) == before


@pytest.mark.parametrize(
    ("year", "message"), [("1980", "年度须在 1990 年至 2100 年之间"), ("2026", "已存在")]
)
def test_year_form_errors(client, sysadmin, year, message):
    client.force_login(sysadmin)
    before = CalendarYear.objects.count()
    response = client.post(
        ADD_YEAR,
        {
            "year": year,
            "source": "通知",
            "note": "",
            "days-TOTAL_FORMS": "0",
            "days-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert CalendarYear.objects.count() == before
