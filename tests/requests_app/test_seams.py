"""The services' seams (the clock and mail to applicants) are one context variable:
a change holds inside its `with` block only."""

import datetime
import zoneinfo

import pytest

from requests_app import services
from requests_app.services import _common
from tests.requests_app.factories import registered

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def test_the_clock_is_replayed_only_inside_the_block():
    when = datetime.datetime(2026, 3, 2, 10, tzinfo=SHANGHAI)
    with services.seams(now=when):
        assert _common._now() == when
        assert _common._today() == datetime.date(2026, 3, 2)
    assert _common._now() != when
    assert _common.SEAMS.get() == services.Seams()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_applicants_get_no_mail_inside_a_mail_off_block_and_mail_again_after(office, mailoutbox):
    req = registered(office, datetime.date(2026, 3, 2), email="a@example.com")
    mailoutbox.clear()
    with services.seams(mail_applicants=False):
        _common._mail_applicant(req, "测试", "正文")
    assert mailoutbox == []
    _common._mail_applicant(req, "测试", "正文")
    assert [m.to for m in mailoutbox] == [["a@example.com"]]
