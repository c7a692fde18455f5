"""The workflow of a request: intake, the clock's rules, the answer, and the
refusals of each rule (Reg. 29-42)."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail

from requests_app import selectors, services
from requests_app.codes import code_matches
from requests_app.models import (
    Channel,
    ExtensionStatus,
    PauseKind,
    RequestEvent,
    Status,
)
from requests_app.outcomes import Outcome
from requests_app.services import RequestError
from tests.requests_app.factories import (
    D,
    applicant_data,
    assigned,
    at,
    refresh,
    registered,
)

pytestmark = pytest.mark.django_db

RECEIVED = D(2026, 3, 2)  # a Monday; + 20 working days = 2026-03-30


def due(req):
    return selectors.reply_deadline_of(refresh(req)).day


# -- Intake ----------------------------------------------------------------------------


def test_register_starts_the_clock_on_the_reg31_date(office):
    with at(D(2026, 3, 4)):
        sub = services.request_register(
            data=applicant_data(),
            channel=Channel.POST_SIGNED,
            received_on=RECEIVED,
            receipt_note="EMS 1234",
            acting_user=office,
        )
    req = sub.request
    assert req.status == Status.RECEIVED
    assert req.received_on == RECEIVED
    assert req.tracking_number == "YSQ202600001"
    assert due(req) == D(2026, 3, 30)
    # Only the hash of the code is stored.
    assert sub.query_code not in req.query_code_hash
    assert code_matches(
        stored=req.query_code_hash, tracking_number=req.tracking_number, code=sub.query_code
    )


def test_register_refuses_future_date_online_channel_and_non_office(office, clerk):
    with at(RECEIVED), pytest.raises(RequestError, match="不能晚于今天"):
        services.request_register(
            data=applicant_data(),
            channel=Channel.IN_PERSON,
            received_on=RECEIVED + datetime.timedelta(days=1),
            acting_user=office,
        )
    with at(RECEIVED), pytest.raises(RequestError, match="在线提交"):
        services.request_register(
            data=applicant_data(), channel=Channel.ONLINE, received_on=RECEIVED, acting_user=office
        )
    with at(RECEIVED), pytest.raises(RequestError, match="没有权限"):
        services.request_register(
            data=applicant_data(), channel=Channel.FAX, received_on=RECEIVED, acting_user=clerk
        )


def test_online_request_counts_from_confirmation_not_submission(
    office, django_capture_on_commit_callbacks
):
    with at(D(2026, 2, 27)), django_capture_on_commit_callbacks(execute=True):  # a Friday
        sub = services.request_submit(data=applicant_data())
    req = sub.request
    assert req.status == Status.SUBMITTED and req.received_on is None
    assert selectors.reply_deadline_of(req) is None
    assert len(mail.outbox) == 1 and services.format_code(sub.query_code) in mail.outbox[0].body
    with at(RECEIVED):
        services.request_confirm_receipt(request=req, acting_user=office)
    req = refresh(req)
    assert req.status == Status.RECEIVED and req.received_on == RECEIVED
    assert due(req) == D(2026, 3, 30)


def test_confirmation_date_cannot_precede_submission_or_be_in_future(office):
    with at(RECEIVED):
        req = services.request_submit(data=applicant_data()).request
    with at(D(2026, 3, 3)), pytest.raises(RequestError, match="不能早于"):
        services.request_confirm_receipt(request=req, received_on=D(2026, 3, 1), acting_user=office)
    with at(D(2026, 3, 3)), pytest.raises(RequestError, match="不能晚于"):
        services.request_confirm_receipt(request=req, received_on=D(2026, 3, 4), acting_user=office)


def test_tracking_numbers_run_per_year(office):
    a = registered(office, D(2025, 12, 31))
    b = registered(office, D(2026, 1, 5))
    c = registered(office, D(2026, 1, 5))
    assert (a.tracking_number, b.tracking_number, c.tracking_number) == (
        "YSQ202500001",
        "YSQ202600001",
        "YSQ202600002",
    )


def test_check_code_accepts_only_the_right_pair(office):
    with at(RECEIVED):
        sub = services.request_register(
            data=applicant_data(), channel=Channel.FAX, received_on=RECEIVED, acting_user=office
        )
    number, code = sub.request.tracking_number, sub.query_code
    formatted = services.format_code(code).lower()
    assert services.request_check_code(tracking_number=number, code=formatted) == sub.request
    assert services.request_check_code(tracking_number=number, code="AAAAAAAAAA") is None
    assert services.request_check_code(tracking_number="YSQ209900001", code=code) is None
    assert services.request_check_code(tracking_number=number, code="") is None


# -- Assignment ----------------------------------------------------------------------


def test_assign_moves_handling_rights_with_the_section(office, section, other_section):
    from requests_app import permissions

    req = registered(office, RECEIVED)
    from accounts.roles import Role
    from tests.factories import staff

    a = staff(Role.SECTION_CLERK, section)
    b = staff(Role.SECTION_CLERK, other_section)
    with at(RECEIVED):
        services.request_assign(request=req, section=section, acting_user=office)
    assert permissions.can_handle_request(a, req) and not permissions.can_handle_request(b, req)
    with at(RECEIVED):
        services.request_assign(request=req, section=other_section, acting_user=office)
    a, b = type(a).objects.get(pk=a.pk), type(b).objects.get(pk=b.pk)
    assert not permissions.can_handle_request(a, req) and permissions.can_handle_request(b, req)


def test_only_the_office_assigns(clerk, office, section):
    req = registered(office, RECEIVED)
    with at(RECEIVED), pytest.raises(RequestError, match="没有权限"):
        services.request_assign(request=req, section=section, acting_user=clerk)


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
                request=req, outcome=Outcome.DISCLOSED, text="答复", acting_user=clerk
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


# -- The answer ----------------------------------------------------------------------------

ANSWERABLE = [
    o
    for o in Outcome
    if o
    not in (
        Outcome.OTHER_NO_CORRECTION,
        Outcome.OTHER_FEE_UNPAID,
        Outcome.UNAVAILABLE_STILL_UNCLEAR,
    )
]


@pytest.mark.parametrize("outcome", ANSWERABLE)
def test_every_outcome_closes_with_numbered_notice_and_its_legal_basis(
    office, section, clerk, organisation, outcome
):
    from requests_app.notices import NOTICE_BASIS

    req = assigned(office, section, RECEIVED)
    with at(D(2026, 3, 20)):
        services.request_draft_submit(
            request=req, outcome=outcome, text="具体答复内容。", acting_user=clerk
        )
        services.request_approve(request=req, acting_user=office)
    req = refresh(req)
    assert req.status == Status.CLOSED
    assert (req.outcome, req.closed_on) == (outcome, D(2026, 3, 20))
    assert req.notice_number == "人社依申告〔2026〕1号"
    basis, wording = NOTICE_BASIS[outcome]
    assert f"依据：{basis}。" in req.notice_text
    assert wording in req.notice_text
    assert req.tracking_number in req.notice_text
    assert "行政复议" in req.notice_text and organisation.name in req.notice_text


def test_still_unclear_only_after_a_correction(office, section, clerk):
    req = assigned(office, section, RECEIVED)
    with at(D(2026, 3, 3)):
        with pytest.raises(RequestError, match="已补正"):
            services.request_draft_submit(
                request=req,
                outcome=Outcome.UNAVAILABLE_STILL_UNCLEAR,
                text="仍不明确",
                acting_user=clerk,
            )
        services.request_correction_ask(request=req, items="写明年份", acting_user=clerk)
        services.request_correction_receive(
            request=req, received_on=D(2026, 3, 3), acting_user=clerk
        )
        services.request_draft_submit(
            request=req,
            outcome=Outcome.UNAVAILABLE_STILL_UNCLEAR,
            text="仍不明确",
            acting_user=clerk,
        )
        services.request_approve(request=req, acting_user=office)
    req = refresh(req)
    assert req.outcome == Outcome.UNAVAILABLE_STILL_UNCLEAR
    assert "收到补正后的申请" in req.notice_text


def test_automatic_outcomes_cannot_be_drafted(office, section, clerk):
    req = assigned(office, section, RECEIVED)
    for outcome in (Outcome.OTHER_NO_CORRECTION, Outcome.OTHER_FEE_UNPAID):
        with at(D(2026, 3, 3)), pytest.raises(RequestError, match="系统按期限办结"):
            services.request_draft_submit(request=req, outcome=outcome, text="x", acting_user=clerk)


def test_notice_numbers_are_sequential_per_year(office, section, clerk):
    numbers = []
    for day in (D(2025, 12, 30), D(2026, 1, 5), D(2026, 1, 6)):
        req = assigned(office, section, day)
        with at(day):
            services.request_draft_submit(
                request=req, outcome=Outcome.DISCLOSED, text="答复", acting_user=clerk
            )
            numbers.append(services.request_approve(request=req, acting_user=office).notice_number)
    assert numbers == ["人社依申告〔2025〕1号", "人社依申告〔2026〕1号", "人社依申告〔2026〕2号"]


def test_drafter_cannot_approve_own_draft(office, section):
    req = assigned(office, section, RECEIVED)
    with at(D(2026, 3, 3)):
        services.request_draft_submit(
            request=req, outcome=Outcome.DISCLOSED, text="答复", acting_user=office
        )
        with pytest.raises(RequestError, match="拟稿人"):
            services.request_approve(request=req, acting_user=office)


def test_section_cannot_approve_and_return_needs_opinion(office, section, clerk):
    req = assigned(office, section, RECEIVED)
    with at(D(2026, 3, 3)):
        services.request_draft_submit(
            request=req, outcome=Outcome.DISCLOSED, text="答复", acting_user=clerk
        )
        with pytest.raises(RequestError, match="没有权限"):
            services.request_approve(request=req, acting_user=clerk)
        with pytest.raises(RequestError, match="意见"):
            services.request_draft_return(request=req, opinion=" ", acting_user=office)
        services.request_draft_return(request=req, opinion="请补充获取方式", acting_user=office)
    req = refresh(req)
    assert req.status == Status.ASSIGNED and req.return_opinion == "请补充获取方式"


def test_other_section_cannot_handle(office, section, other_clerk):
    req = assigned(office, section, RECEIVED)
    with at(D(2026, 3, 3)):
        with pytest.raises(RequestError, match="没有权限"):
            services.request_draft_submit(
                request=req, outcome=Outcome.DISCLOSED, text="答复", acting_user=other_clerk
            )
        with pytest.raises(RequestError, match="没有权限"):
            services.request_correction_ask(request=req, items="x", acting_user=other_clerk)


def test_withdrawal_closes_as_other(office, section):
    req = assigned(office, section, RECEIVED)
    with at(D(2026, 3, 5)):
        services.request_withdraw(request=req, note="申请人来电撤回", acting_user=office)
    req = refresh(req)
    assert (req.status, req.outcome, req.closed_on) == (Status.CLOSED, Outcome.OTHER, D(2026, 3, 5))


def test_discarded_submission_is_never_counted(office):
    with at(RECEIVED):
        req = services.request_submit(data=applicant_data()).request
        services.request_discard(request=req, reason="测试提交", acting_user=office)
    from requests_app.models import DisclosureRequest

    assert not DisclosureRequest.objects.received_in(2026).filter(pk=req.pk).exists()


# -- Complaints and remedies -----------------------------------------------------------------


def test_complaint_only_after_closing_or_when_overdue_with_own_deadline(office, section, clerk):
    req = assigned(office, section, RECEIVED)
    with at(D(2026, 3, 10)), pytest.raises(RequestError, match="办结后"):
        services.complaint_submit(request=req, kind="complaint", text="太慢")
    with at(D(2026, 3, 31)):  # overdue: the applicant may complain
        c = services.complaint_submit(request=req, kind="complaint", text="逾期未答复")
        assert c.due_on == D(2026, 4, 22)  # 15 working days, 清明 4/4-4/6 off
        with pytest.raises(RequestError, match="正在处理中"):
            services.complaint_submit(request=req, kind="appeal", text="再次")
        with pytest.raises(RequestError, match="没有权限"):
            services.complaint_answer(complaint=c, answer="已督办", acting_user=clerk)
        c = services.complaint_answer(complaint=c, answer="已督办", acting_user=office)
    assert c.status == "answered" and c.answered_on == D(2026, 3, 31)


def test_remedy_case_recorded_and_concluded(office, section, clerk):
    from requests_app.outcomes import RemedyKind, RemedyResult

    req = assigned(office, section, RECEIVED)
    with at(D(2026, 5, 6)):
        case = services.remedy_record(
            request=req, kind=RemedyKind.REVIEW, filed_on=D(2026, 5, 6), acting_user=office
        )
        assert case.result == RemedyResult.PENDING
        with pytest.raises(RequestError, match="没有权限"):
            services.remedy_record(
                request=req, kind=RemedyKind.REVIEW, filed_on=D(2026, 5, 6), acting_user=clerk
            )
        with pytest.raises(RequestError, match="不能早于"):
            services.remedy_record(
                request=req, kind=RemedyKind.REVIEW, filed_on=D(2026, 2, 1), acting_user=office
            )
    with at(D(2026, 7, 1)):
        case = services.remedy_conclude(
            case=case, result=RemedyResult.UPHELD, concluded_on=D(2026, 6, 30), acting_user=office
        )
        with pytest.raises(RequestError, match="已登记"):
            services.remedy_conclude(
                case=case, result=RemedyResult.OTHER, concluded_on=D(2026, 7, 1), acting_user=office
            )
    assert case.result_as_of(D(2026, 6, 29)) == RemedyResult.PENDING
    assert case.result_as_of(D(2026, 12, 31)) == RemedyResult.UPHELD
