"""Services that move a request's deadline: correction (Reg. 30), third parties (Reg. 32-34), extension (Reg. 33(2)), fees (Reg. 42)."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail

from requests_app import selectors, services
from requests_app.models import (
    ExtensionStatus,
    PauseKind,
    RequestEvent,
    Status,
)
from requests_app.outcomes import Outcome
from requests_app.services import RequestError
from tests.requests_app.factories import (
    D,
    assigned,
    at,
    draft_args,
    refresh,
    registered,
)
from tests.requests_app.services_helpers import RECEIVED, due

pytestmark = pytest.mark.django_db


# -- Correction (Reg. 30) ----------------------------------------------------------------


def test_correction_within_seven_working_days_stops_and_restarts_the_clock(office, section, clerk):
    req = assigned(office, section, RECEIVED)
    with at(D(2026, 3, 11)):  # the 7th working day after 3/2
        corr = services.request_correction_ask(
            request=req, items="请写明所需信息的年份", days=10, acting_user=clerk
        )
    assert corr.due_on == D(2026, 3, 25)
    req = refresh(req)
    assert req.status == Status.AWAITING_CORRECTION
    assert selectors.reply_deadline_of(req) is None
    with at(D(2026, 3, 20)):
        services.request_correction_receive(
            request=req, received_on=D(2026, 3, 20), acting_user=clerk
        )
    req = refresh(req)
    assert req.status == Status.ASSIGNED  # back to its section
    reply = selectors.reply_deadline_of(req)
    # Reg. 30: 20 working days from the corrected request (3/20), not from 3/2.
    assert reply.day == D(2026, 4, 20)  # 清明 4/4-4/6 falls inside: 3/23..4/3 = 10, 4/7..4/20 = 20
    assert reply.text.startswith("收到补正申请 2026-03-20 + 20 个工作日")
    # The receipt date itself never changes (annual report).
    assert req.received_on == RECEIVED


def test_correction_after_seven_working_days_is_refused(office, section, clerk):
    req = assigned(office, section, RECEIVED)
    with at(D(2026, 3, 12)), pytest.raises(RequestError, match="7 个工作日内"):
        services.request_correction_ask(request=req, items="补充说明", acting_user=clerk)


def test_correction_is_asked_only_once(office, section, clerk):
    req = assigned(office, section, RECEIVED)
    with at(D(2026, 3, 3)):
        services.request_correction_ask(request=req, items="补充说明", acting_user=clerk)
        services.request_correction_receive(
            request=req, received_on=D(2026, 3, 3), acting_user=clerk
        )
        with pytest.raises(RequestError, match="一次性告知"):
            services.request_correction_ask(request=req, items="再补充", acting_user=clerk)


def test_late_correction_needs_a_reason(office, section, clerk):
    req = assigned(office, section, RECEIVED)
    with at(D(2026, 3, 3)):
        corr = services.request_correction_ask(request=req, items="补充", days=5, acting_user=clerk)
    late = corr.due_on + datetime.timedelta(days=1)
    with at(late):
        with pytest.raises(RequestError, match="正当理由"):
            services.request_correction_receive(request=req, received_on=late, acting_user=clerk)
        services.request_correction_receive(
            request=req, received_on=late, note="邮路延误，有邮戳为证", acting_user=clerk
        )
    assert refresh(req).status == Status.ASSIGNED


def test_no_correction_in_time_closes_as_abandoned(office, section, clerk):
    req = assigned(office, section, RECEIVED)
    with at(D(2026, 3, 3)):
        corr = services.request_correction_ask(request=req, items="补充", days=5, acting_user=clerk)
    with at(corr.due_on), pytest.raises(RequestError, match="尚未届满"):
        services.request_correction_lapse(request=req, acting_user=clerk)
    with at(corr.due_on + datetime.timedelta(days=1)):
        closed = services.requests_close_lapsed()
    assert [r.pk for r in closed] == [req.pk]
    req = refresh(req)
    assert req.status == Status.CLOSED
    assert req.outcome == Outcome.OTHER_NO_CORRECTION
    assert req.closed_on == corr.due_on + datetime.timedelta(days=1)


# -- Third parties and other agencies (Reg. 32-34) -----------------------------------------


def test_third_party_time_is_not_counted(office, section, clerk):
    req = assigned(office, section, D(2026, 11, 2))
    with at(D(2026, 11, 10)):
        pause = services.request_pause_start(
            request=req,
            kind=PauseKind.THIRD_PARTY,
            party="某某公司",
            started_on=D(2026, 11, 10),
            acting_user=clerk,
        )
    # Reg. 32: the third party has 15 working days.
    assert pause.reply_due_on == D(2026, 12, 1)
    reply = selectors.reply_deadline_of(refresh(req))
    assert reply.day is None and reply.stopped
    with at(D(2026, 11, 20)):
        services.request_pause_end(request=req, ended_on=D(2026, 11, 20), acting_user=clerk)
    reply = selectors.reply_deadline_of(refresh(req))
    assert reply.day == D(2026, 12, 11)
    assert reply.text == (
        "收到申请 2026-11-02 + 20 个工作日，征求第三方意见 2026-11-10 至 2026-11-20 不计入"
        " → 2026-12-11"
    )


def test_one_consultation_at_a_time_and_no_answer_while_consulting(office, section, clerk):
    req = assigned(office, section, RECEIVED)
    with at(D(2026, 3, 4)):
        services.request_pause_start(
            request=req,
            kind=PauseKind.OTHER_AGENCY,
            party="县医保局",
            started_on=D(2026, 3, 4),
            acting_user=clerk,
        )
        with pytest.raises(RequestError, match="尚未结束"):
            services.request_pause_start(
                request=req,
                kind=PauseKind.THIRD_PARTY,
                party="某公司",
                started_on=D(2026, 3, 4),
                acting_user=clerk,
            )
        with pytest.raises(RequestError, match="征求意见尚未结束"):
            services.request_draft_submit(
                request=req, **draft_args(Outcome.DISCLOSED), text="答复", acting_user=clerk
            )


def test_pause_cannot_start_after_the_deadline(office, section, clerk):
    req = assigned(office, section, RECEIVED)
    with at(D(2026, 3, 31)), pytest.raises(RequestError, match="已于 2026-03-30 届满"):
        services.request_pause_start(
            request=req,
            kind=PauseKind.THIRD_PARTY,
            party="某公司",
            started_on=D(2026, 3, 31),
            acting_user=clerk,
        )


# -- Extension (Reg. 33(2)) -------------------------------------------------------------


def test_extension_approved_by_office_head_adds_days_and_tells_applicant(
    office, office_head, section, clerk, django_capture_on_commit_callbacks
):
    req = assigned(office, section, RECEIVED)
    mail.outbox.clear()
    with at(D(2026, 3, 20)):
        services.request_extension_apply(request=req, days=15, reason="信息量大", acting_user=clerk)
        assert due(req) == D(2026, 3, 30)  # pending: not yet extended
        with django_capture_on_commit_callbacks(execute=True):
            ext = services.request_extension_decide(
                request=req, approve=True, acting_user=office_head
            )
    assert ext.status == ExtensionStatus.APPROVED
    assert due(req) == D(2026, 4, 21)  # 3/30 + 15 working days, 清明 4/4-4/6 off
    public = RequestEvent.objects.filter(request=req, action="decide_extension").get().public_text
    assert "延长 15 个工作日" in public
    assert len(mail.outbox) == 1 and "延长 15 个工作日" in mail.outbox[0].body


@pytest.mark.parametrize("days", [0, 21, 40])
def test_extension_longer_than_20_working_days_is_refused(office, section, clerk, days):
    req = assigned(office, section, RECEIVED)
    with at(D(2026, 3, 3)), pytest.raises(RequestError, match="20 个工作日"):
        services.request_extension_apply(request=req, days=days, reason="理由", acting_user=clerk)


def test_extension_needs_the_head_of_the_office(
    office, office_head, section, clerk, section_head, leader
):
    req = assigned(office, section, RECEIVED)
    with at(D(2026, 3, 3)):
        services.request_extension_apply(request=req, days=10, reason="理由", acting_user=clerk)
        for user in (clerk, section_head, leader, office):
            with pytest.raises(RequestError, match="负责人"):
                services.request_extension_decide(request=req, approve=True, acting_user=user)
        services.request_extension_decide(request=req, approve=True, acting_user=office_head)


def test_only_one_extension(office, office_head, section, clerk):
    req = assigned(office, section, RECEIVED)
    with at(D(2026, 3, 3)):
        services.request_extension_apply(request=req, days=5, reason="理由", acting_user=clerk)
        services.request_extension_decide(request=req, approve=True, acting_user=office_head)
        with pytest.raises(RequestError, match="只能延长一次"):
            services.request_extension_apply(request=req, days=5, reason="再延", acting_user=clerk)


def test_refused_extension_may_be_asked_again(office, office_head, section, clerk):
    req = assigned(office, section, RECEIVED)
    with at(D(2026, 3, 3)):
        services.request_extension_apply(request=req, days=5, reason="理由", acting_user=clerk)
        services.request_extension_decide(request=req, approve=False, acting_user=office_head)
        assert due(req) == D(2026, 3, 30)
        ext = services.request_extension_apply(
            request=req, days=10, reason="补充理由", acting_user=clerk
        )
    assert ext.status == ExtensionStatus.PENDING and ext.days == 10


def test_extension_after_the_deadline_is_refused(office, section, clerk):
    req = assigned(office, section, RECEIVED)
    with at(D(2026, 3, 31)), pytest.raises(RequestError, match="届满"):
        services.request_extension_apply(request=req, days=5, reason="理由", acting_user=clerk)


# -- Fees (Reg. 42, 国办函〔2020〕109号) -----------------------------------------------------


def test_fee_by_page_pauses_the_clock_until_payment(office, section, clerk):
    req = assigned(office, section, RECEIVED)
    with at(D(2026, 3, 4)):
        services.request_fee_notify(request=req, scheme="per_page", pages=120, acting_user=clerk)
    req = refresh(req)
    assert req.status == Status.AWAITING_FEE
    assert req.fee_amount == Decimal(700 + 400)  # 31-100 at 10, 101-120 at 20
    assert req.fee_due_on == D(2026, 4, 1)  # 20 working days after 3/4
    assert selectors.reply_deadline_of(req).stopped
    with at(D(2026, 3, 10)):
        services.request_fee_record_payment(request=req, paid_on=D(2026, 3, 10), acting_user=clerk)
    req = refresh(req)
    assert req.status == Status.ASSIGNED
    # 3/4..3/10 = 5 working days not counted: 3/30 -> 4/7 (清明 4/4-4/6 off)
    assert selectors.reply_deadline_of(req).day == D(2026, 4, 7)


def test_fee_not_paid_in_time_closes_with_matching_outcome(office, section, clerk):
    req = assigned(office, section, RECEIVED)
    with at(D(2026, 3, 4)):
        services.request_fee_notify(request=req, scheme="per_page", pages=31, acting_user=clerk)
    with at(D(2026, 4, 1)), pytest.raises(RequestError, match="尚未届满"):
        services.request_fee_lapse(request=req, acting_user=clerk)
    with at(D(2026, 4, 2)):
        with pytest.raises(RequestError, match="逾期未缴费"):
            services.request_fee_record_payment(
                request=req, paid_on=D(2026, 4, 2), acting_user=clerk
            )
        services.requests_close_lapsed()
    req = refresh(req)
    assert req.status == Status.CLOSED and req.outcome == Outcome.OTHER_FEE_UNPAID
    assert req.closed_on == D(2026, 4, 2)
    assert not req.pauses.filter(ended_on=None).exists()


def test_fee_per_request_counts_the_applicants_requests_in_the_month(office, section, clerk):
    for _ in range(10):
        registered(office, D(2026, 3, 2), id_number="11010519491231002X")
    registered(office, D(2026, 2, 27), id_number="11010519491231002X")  # another month
    registered(office, D(2026, 3, 2), id_number="110101199003071234")  # another applicant
    req = assigned(office, section, D(2026, 3, 3), id_number="11010519491231002X")  # 11th
    with at(D(2026, 3, 3)):
        services.request_fee_notify(request=req, scheme="per_request", acting_user=clerk)
    req = refresh(req)
    assert (req.fee_quantity, req.fee_amount) == (11, Decimal(100))


def test_fee_within_the_free_band_is_refused(office, section, clerk):
    req = assigned(office, section, RECEIVED)
    with at(D(2026, 3, 3)):
        with pytest.raises(RequestError, match="不收费"):
            services.request_fee_notify(request=req, scheme="per_request", acting_user=clerk)
        with pytest.raises(RequestError, match="不收费"):
            services.request_fee_notify(request=req, scheme="per_page", pages=30, acting_user=clerk)
        with pytest.raises(RequestError, match="按件计收或按量计收"):
            services.request_fee_notify(request=req, scheme="none", acting_user=clerk)
