"""The 20-working-day deadline of proactive information (seed Art. 7(2), Reg. 26),
on the official calendar with its make-up working days, and the overdue / due-soon
selectors the back office lists and filters by."""

import datetime
import zoneinfo

import pytest

from disclosure import deadlines
from disclosure.choices import Publicity
from disclosure.models import Item
from tests.factories import ItemFactory
from workcalendar.selectors import add_workdays

pytestmark = pytest.mark.django_db

D = datetime.date
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def item_formed(day: datetime.date, **kwargs) -> Item:
    return ItemFactory(formed_on=day, **kwargs)


def test_due_date_across_spring_festival_2026_counts_the_make_up_saturdays():
    # 春节 2026-02-15..23 off; Saturdays 02-14 and 02-28 are working days.
    due = deadlines.item_due_date(item_formed(D(2026, 2, 10)))
    assert due.date == D(2026, 3, 16)
    assert due.confirmed


def test_due_date_across_national_day_2025():
    # 国庆+中秋 2025-10-01..08 off; Sunday 09-28 and Saturday 10-11 are working days.
    due = deadlines.item_due_date(item_formed(D(2025, 9, 26)))
    assert due.date == D(2025, 10, 30)
    assert due.confirmed


def test_due_date_reaching_an_unconfirmed_year_is_flagged():
    due = deadlines.item_due_date(item_formed(D(2026, 12, 21)))
    assert due.date.year == 2027
    assert due.confirmed is False


def test_due_date_is_twenty_working_days_after_formation_not_counting_that_day():
    # 2026-03-02 is a Monday: 20 working days later is Monday 2026-03-30.
    assert deadlines.item_due_date(item_formed(D(2026, 3, 2))).date == D(2026, 3, 30)


def test_overdue_is_strictly_after_the_due_date():
    item = item_formed(D(2026, 3, 2))  # due 2026-03-30
    assert not deadlines.item_is_overdue(item, today=D(2026, 3, 30))
    assert deadlines.item_is_overdue(item, today=D(2026, 3, 31))
    assert set(deadlines.overdue_items(today=D(2026, 3, 30))) == set()
    assert set(deadlines.overdue_items(today=D(2026, 3, 31))) == {item}


def test_due_soon_covers_today_to_five_working_days_ahead():
    item = item_formed(D(2026, 3, 2))  # due Monday 2026-03-30
    # 5 working days after Monday 03-23 is Monday 03-30.
    assert deadlines.item_is_due_soon(item, today=D(2026, 3, 23))
    assert not deadlines.item_is_due_soon(item, today=D(2026, 3, 20))
    assert deadlines.item_is_due_soon(item, today=D(2026, 3, 30))
    assert not deadlines.item_is_due_soon(item, today=D(2026, 3, 31))  # overdue now
    assert set(deadlines.due_soon_items(today=D(2026, 3, 23))) == {item}
    assert set(deadlines.due_soon_items(today=D(2026, 3, 20))) == set()


@pytest.mark.parametrize("today", [D(2026, 10, 12), D(2026, 2, 27), D(2025, 10, 9)])
def test_selectors_agree_with_the_per_item_rule_around_holidays(today):
    # One item formed on each of the 60 days before `today` (holidays included).
    items = [item_formed(today - datetime.timedelta(days=n)) for n in range(60)]
    overdue = {i.pk for i in items if deadlines.item_is_overdue(i, today=today)}
    soon = {i.pk for i in items if deadlines.item_is_due_soon(i, today=today)}
    assert overdue and soon  # the window really spans both
    assert set(deadlines.overdue_items(today=today).values_list("pk", flat=True)) == overdue
    assert set(deadlines.due_soon_items(today=today).values_list("pk", flat=True)) == soon
    assert not overdue & soon


@pytest.mark.parametrize("day", [D(2026, 2, 24), D(2026, 10, 12), D(2025, 10, 8), D(2026, 3, 1)])
def test_latest_formed_on_due_by_is_the_exact_boundary(day):
    latest = deadlines.latest_formed_on_due_by(day)
    assert add_workdays(latest, 20).date <= day
    assert add_workdays(latest + datetime.timedelta(days=1), 20).date > day


def test_published_and_not_proactive_items_are_never_overdue():
    long_ago = D(2025, 3, 3)
    published = ItemFactory(published=True, formed_on=long_ago)
    on_request = item_formed(long_ago, on_request=True)
    not_disclosed = item_formed(long_ago, not_disclosed=True)
    undecided = item_formed(long_ago, publicity="")
    proactive = item_formed(long_ago)
    today = D(2026, 6, 1)
    assert set(deadlines.overdue_items(today=today)) == {undecided, proactive}
    for item in (published, on_request, not_disclosed):
        assert not deadlines.item_is_overdue(item, today=today)
    assert deadlines.item_is_overdue(undecided, today=today)


def test_selectors_filter_a_given_queryset():
    mine = item_formed(D(2025, 3, 3), title="本股逾期")
    item_formed(D(2025, 3, 3), title="他股逾期")
    queryset = Item.objects.filter(title="本股逾期")
    assert list(deadlines.overdue_items(queryset, today=D(2026, 6, 1))) == [mine]


def test_published_late_compares_the_local_publication_date_with_the_due_date():
    item = ItemFactory(formed_on=D(2026, 3, 2), publicity=Publicity.PROACTIVE)  # due 03-30
    # 2026-03-30 23:30 Shanghai is still on time, even though UTC says 15:30.
    item.published_at = datetime.datetime(2026, 3, 30, 23, 30, tzinfo=SHANGHAI)
    assert deadlines.item_published_late(item) is False
    item.published_at = datetime.datetime(2026, 3, 31, 0, 30, tzinfo=SHANGHAI)
    assert deadlines.item_published_late(item) is True
    item.publicity = Publicity.ON_REQUEST
    assert deadlines.item_published_late(item) is None
    item.published_at = None
    item.publicity = Publicity.PROACTIVE
    assert deadlines.item_published_late(item) is None


def test_overdue_is_computed_not_stored():
    item = item_formed(D(2025, 3, 3))
    assert deadlines.item_is_overdue(item, today=D(2026, 6, 1))
    assert not deadlines.item_is_overdue(item, today=D(2025, 3, 4))
    assert not any(f.name in ("overdue", "is_overdue") for f in Item._meta.get_fields())
