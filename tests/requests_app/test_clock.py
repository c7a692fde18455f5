"""The reply clock on the official calendar (Reg. 30, 32, 33; 国办函〔2020〕109号)."""

import datetime

import pytest

from requests_app import clock
from requests_app.clock import Period, reply_deadline

D = datetime.date
pytestmark = pytest.mark.django_db


def test_twenty_working_days_after_receipt():
    due = reply_deadline(start=D(2026, 11, 2))
    assert due.day == D(2026, 11, 30)
    assert due.text == "收到申请 2026-11-02 + 20 个工作日 → 2026-11-30"
    assert due.confirmed


def test_third_party_consultation_is_not_counted_as_in_the_issue_example():
    due = reply_deadline(
        start=D(2026, 11, 2), pauses=[Period("征求第三方意见", D(2026, 11, 10), D(2026, 11, 20))]
    )
    assert due.day == D(2026, 12, 11)
    assert due.text == (
        "收到申请 2026-11-02 + 20 个工作日，征求第三方意见 2026-11-10 至 2026-11-20 不计入"
        " → 2026-12-11"
    )


def test_spring_festival_holidays_and_make_up_days_2026():
    # 春节 2/15-2/23 off; Saturday 2/14 and Saturday 2/28 are working days.
    due = reply_deadline(start=D(2026, 2, 9))
    # Working days after 2/9: 10,11,12,13,14(Sat make-up)=5, 24,25,26,27,28(Sat)=10,
    # 3/2..3/6=15, 3/9..3/13=20.
    assert due.day == D(2026, 3, 13)


def test_national_day_2025_with_make_up_saturday():
    # 国庆+中秋 10/1-10/8 off; Sunday 9/28 and Saturday 10/11 are working days.
    due = reply_deadline(start=D(2025, 9, 26))
    # 9/28(Sun)=1, 9/29, 9/30 =3, 10/9, 10/10, 10/11(Sat) =6, 10/13-17 =11, 10/20-24 =16,
    # 10/27-30 = 20
    assert due.day == D(2025, 10, 30)


def test_extension_adds_its_days_and_says_so():
    due = reply_deadline(start=D(2026, 11, 2), extension_days=20)
    assert due.day == D(2026, 12, 28)
    assert "+ 延期 20 个工作日" in due.text


def test_pause_after_the_deadline_changes_nothing():
    due = reply_deadline(
        start=D(2026, 11, 2), pauses=[Period("征求第三方意见", D(2026, 12, 1), D(2026, 12, 20))]
    )
    assert due.day == D(2026, 11, 30)
    assert "不计入" not in due.text


def test_open_pause_stops_the_clock_and_counts_what_is_used():
    due = reply_deadline(
        start=D(2026, 11, 2), pauses=[Period("征求其他机关意见", D(2026, 11, 10), None)]
    )
    assert due.day is None and due.stopped
    assert due.used_workdays == 5  # 11/3-11/6 and 11/9
    assert due.remaining_workdays == 15
    assert "自 2026-11-10 起暂停计时" in due.text


def test_overlapping_pauses_are_counted_once():
    one = reply_deadline(
        start=D(2026, 11, 2), pauses=[Period("征求第三方意见", D(2026, 11, 10), D(2026, 11, 20))]
    )
    two = reply_deadline(
        start=D(2026, 11, 2),
        pauses=[
            Period("征求第三方意见", D(2026, 11, 10), D(2026, 11, 16)),
            Period("征求第三方意见", D(2026, 11, 13), D(2026, 11, 20)),
        ],
    )
    assert one.day == two.day == D(2026, 12, 11)


def test_correction_window_is_seven_working_days():
    # Received Monday 2025-09-29: 9/30, then 10/1-10/8 off, 10/9, 10/10, 10/11 (Sat
    # make-up), 10/13, 10/14, 10/15 -> the 7th working day.
    window = clock.correction_window_end(D(2025, 9, 29))
    assert window.day == D(2025, 10, 15)


def test_year_without_official_data_is_flagged_unconfirmed():
    due = reply_deadline(start=D(2027, 3, 1))
    assert due.confirmed is False
    assert due.text.endswith(clock.UNCONFIRMED_NOTE)


def test_deadline_crossing_into_unconfirmed_year_is_flagged():
    due = reply_deadline(start=D(2026, 12, 15))
    assert due.day.year == 2027
    assert due.confirmed is False
