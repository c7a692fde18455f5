"""Services of the answer (Reg. 36-41), withdrawal, complaints and remedies."""

import pytest

from requests_app import services
from requests_app.models import (
    Status,
)
from requests_app.outcomes import Outcome
from requests_app.services import RequestError
from tests.requests_app.factories import (
    D,
    applicant_data,
    assigned,
    at,
    draft_args,
    found_unreasonable,
    refresh,
)
from tests.requests_app.services_helpers import RECEIVED

pytestmark = pytest.mark.django_db


# -- The answer ----------------------------------------------------------------------------

ANSWERABLE = [
    o
    for o in Outcome
    if o
    not in (
        Outcome.OTHER_NO_CORRECTION,
        Outcome.OTHER_FEE_UNPAID,
        Outcome.UNAVAILABLE_STILL_UNCLEAR,
        Outcome.OTHER,
    )
]


@pytest.mark.parametrize("outcome", ANSWERABLE)
def test_every_row_closes_with_numbered_notice_citing_its_own_ground(
    office, section, clerk, organisation, outcome
):
    from requests_app import grounds

    args = draft_args(outcome)
    req = assigned(office, section, RECEIVED)
    with at(D(2026, 3, 20)):
        if outcome == Outcome.NOT_PROCESSED_EXCESSIVE:
            found_unreasonable(req, office, clerk)
        services.request_draft_submit(request=req, **args, text="具体答复内容。", acting_user=clerk)
        services.request_approve(request=req, acting_user=office)
    req = refresh(req)
    assert req.status == Status.CLOSED
    assert (req.outcome, req.closed_on) == (outcome, D(2026, 3, 20))
    assert (req.ground, req.ground_details) == (args["ground"], args["details"])
    assert req.notice_number == "人社依申告〔2026〕1号"
    basis = grounds.citation(args["ground"], args["details"])
    assert f"依据：{basis}。" in req.notice_text
    assert grounds.GROUNDS[args["ground"]].wording in req.notice_text
    assert req.tracking_number in req.notice_text
    assert "行政复议" in req.notice_text and organisation.name in req.notice_text


def test_still_unclear_only_after_a_correction(office, section, clerk):
    req = assigned(office, section, RECEIVED)
    with at(D(2026, 3, 3)):
        with pytest.raises(RequestError, match="已补正"):
            services.request_draft_submit(
                request=req,
                **draft_args(Outcome.UNAVAILABLE_STILL_UNCLEAR),
                text="仍不明确",
                acting_user=clerk,
            )
        services.request_correction_ask(request=req, items="写明年份", acting_user=clerk)
        services.request_correction_receive(
            request=req, received_on=D(2026, 3, 3), acting_user=clerk
        )
        services.request_draft_submit(
            request=req,
            **draft_args(Outcome.UNAVAILABLE_STILL_UNCLEAR),
            text="仍不明确",
            acting_user=clerk,
        )
        services.request_approve(request=req, acting_user=office)
    req = refresh(req)
    assert req.outcome == Outcome.UNAVAILABLE_STILL_UNCLEAR
    assert "收到补正后的申请" in req.notice_text


def test_automatic_outcomes_are_not_grounds_staff_can_draft(office, section, clerk):
    req = assigned(office, section, RECEIVED)
    for outcome in (Outcome.OTHER_NO_CORRECTION, Outcome.OTHER_FEE_UNPAID, ""):
        with at(D(2026, 3, 3)), pytest.raises(RequestError, match="请选择答复依据"):
            services.request_draft_submit(request=req, ground=outcome, text="x", acting_user=clerk)
    assert refresh(req).status == Status.ASSIGNED


def test_notice_numbers_are_sequential_per_year(office, section, clerk):
    numbers = []
    for day in (D(2025, 12, 30), D(2026, 1, 5), D(2026, 1, 6)):
        req = assigned(office, section, day)
        with at(day):
            services.request_draft_submit(
                request=req, **draft_args(Outcome.DISCLOSED), text="答复", acting_user=clerk
            )
            numbers.append(services.request_approve(request=req, acting_user=office).notice_number)
    assert numbers == ["人社依申告〔2025〕1号", "人社依申告〔2026〕1号", "人社依申告〔2026〕2号"]


def test_drafter_cannot_approve_own_draft(office, section):
    req = assigned(office, section, RECEIVED)
    with at(D(2026, 3, 3)):
        services.request_draft_submit(
            request=req, **draft_args(Outcome.DISCLOSED), text="答复", acting_user=office
        )
        with pytest.raises(RequestError, match="拟稿人"):
            services.request_approve(request=req, acting_user=office)


def test_section_cannot_approve_and_return_needs_opinion(office, section, clerk):
    req = assigned(office, section, RECEIVED)
    with at(D(2026, 3, 3)):
        services.request_draft_submit(
            request=req, **draft_args(Outcome.DISCLOSED), text="答复", acting_user=clerk
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
                request=req, **draft_args(Outcome.DISCLOSED), text="答复", acting_user=other_clerk
            )
        with pytest.raises(RequestError, match="没有权限"):
            services.request_correction_ask(request=req, items="x", acting_user=other_clerk)


def test_withdrawal_closes_as_other(office, section):
    req = assigned(office, section, RECEIVED)
    with at(D(2026, 3, 5)):
        services.request_withdraw(request=req, note="申请人来电撤回", acting_user=office)
    req = refresh(req)
    assert (req.status, req.outcome, req.closed_on) == (Status.CLOSED, Outcome.OTHER, D(2026, 3, 5))


def test_discarded_submission_is_never_counted(office, office_head):
    with at(RECEIVED):
        req = services.request_submit(data=applicant_data()).request
        services.request_discard_propose(request=req, reason="no_content", acting_user=office)
        services.request_discard(request=req, acting_user=office_head)
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
