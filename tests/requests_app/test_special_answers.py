"""当场答复 (Reg. 33(1)) and the applicant asked for reasons (Reg. 35)."""

import pytest
from django.urls import reverse

from requests_app import selectors, services
from requests_app.grounds import Ground
from requests_app.models import Channel, DeliveryKind, ServiceMethod, Status
from requests_app.outcomes import Outcome
from requests_app.services import RequestError
from tests.factories import ItemFactory
from tests.requests_app.factories import (
    D,
    applicant_data,
    assigned,
    at,
    draft_args,
    found_unreasonable,
    refresh,
    registered,
)
from tests.requests_app.services_helpers import RECEIVED

pytestmark = pytest.mark.django_db


# -- 当场答复 ------------------------------------------------------------------------------


def test_office_answers_on_the_spot_with_the_public_items_address(office):
    item = ItemFactory(published=True)
    req = registered(office, RECEIVED)
    with at(RECEIVED):
        services.request_answer_on_the_spot(
            request=req,
            ground=Ground.PUBLIC_ALREADY,
            details={"public_index": item.index_number},
            acting_user=office,
        )
    req = refresh(req)
    assert (req.status, req.outcome, req.closed_on) == (
        Status.CLOSED,
        Outcome.DISCLOSED,
        RECEIVED,
    )
    assert item.index_number in req.notice_text and req.notice_pdf
    reply = req.deliveries.get(kind=DeliveryKind.REPLY)
    assert (reply.method, reply.received_on) == (ServiceMethod.IN_PERSON, RECEIVED)
    assert req.events.filter(action="answer_on_spot").exists()


def test_on_the_spot_only_on_the_day_of_an_in_person_receipt(office):
    req = registered(office, RECEIVED)
    with at(D(2026, 3, 3)), pytest.raises(RequestError, match="当天当面提交"):
        services.request_answer_on_the_spot(
            request=req, **draft_args(Outcome.DISCLOSED), acting_user=office
        )
    with at(RECEIVED):
        posted = services.request_register(
            data=applicant_data(),
            channel=Channel.POST_SIGNED,
            received_on=RECEIVED,
            acting_user=office,
        ).request
        with pytest.raises(RequestError, match="当天当面提交"):
            services.request_answer_on_the_spot(
                request=posted, **draft_args(Outcome.DISCLOSED), acting_user=office
            )
    assert refresh(req).status == Status.RECEIVED


def test_on_the_spot_is_the_offices_and_needs_its_grounds_details(office, clerk, section):
    req = assigned(office, section, RECEIVED)
    with at(RECEIVED):
        with pytest.raises(RequestError, match="没有权限"):
            services.request_answer_on_the_spot(
                request=req, **draft_args(Outcome.DISCLOSED), acting_user=clerk
            )
        with pytest.raises(RequestError, match="须填写获取方式"):
            services.request_answer_on_the_spot(
                request=req, ground=Ground.DISCLOSED, details={}, acting_user=office
            )
    assert refresh(req).status == Status.ASSIGNED


def test_on_the_spot_button_shows_only_that_day(client, office):
    req = registered(office, RECEIVED)
    url = reverse("requests_app:staff_detail", args=[req.pk])
    client.force_login(office)
    with at(RECEIVED):
        assert "当场答复" in client.get(url).content.decode()
    with at(D(2026, 3, 3)):
        assert "当场答复" not in client.get(url).content.decode()


# -- Reg. 35 -----------------------------------------------------------------------------


def test_unreasonable_reasons_allow_not_processing(office, section, clerk):
    req = assigned(office, section, RECEIVED)
    with at(D(2026, 3, 4)):
        with pytest.raises(RequestError, match="须先要求申请人说明理由"):
            services.request_draft_submit(
                request=req, **draft_args(Outcome.NOT_PROCESSED_EXCESSIVE), acting_user=clerk
            )
        found_unreasonable(req, office, clerk)
        services.request_draft_submit(
            request=req, **draft_args(Outcome.NOT_PROCESSED_EXCESSIVE), acting_user=clerk
        )
        services.request_approve(request=req, acting_user=office)
    req = refresh(req)
    assert req.outcome == Outcome.NOT_PROCESSED_EXCESSIVE
    assert "第三十五条" in req.notice_text


def test_reasonable_reasons_do_not_allow_not_processing(office, section, clerk):
    req = assigned(office, section, RECEIVED)
    with at(D(2026, 3, 4)):
        services.request_reasons_ask(request=req, items="一个月 40 件", acting_user=clerk)
        services.request_reasons_decide(
            request=req,
            decision="reasonable",
            note="用于诉讼取证，理由合理。",
            answered_on=D(2026, 3, 4),
            acting_user=office,
        )
        with pytest.raises(RequestError, match="须先要求申请人说明理由"):
            services.request_draft_submit(
                request=req, **draft_args(Outcome.NOT_PROCESSED_EXCESSIVE), acting_user=clerk
            )


def test_reasonable_but_late_sets_the_requests_own_deadline(office, section, clerk):
    req = assigned(office, section, RECEIVED)
    assert selectors.reply_deadline_of(refresh(req)).day == D(2026, 3, 30)
    with at(D(2026, 3, 4)):
        asked = services.request_reasons_ask(
            request=req, items="一个月 40 件", days=5, acting_user=clerk
        )
        assert asked.due_on == D(2026, 3, 11)  # its own clock: 5 working days
        services.request_reasons_decide(
            request=req,
            decision="reasonable",
            note="数量大，需逐件检索。",
            answered_on=D(2026, 3, 4),
            later_due_on=D(2026, 5, 29),
            acting_user=office,
        )
    due = selectors.reply_deadline_of(refresh(req))
    assert due.day == D(2026, 5, 29)
    assert "第三十五条" in due.explanation and "2026-03-30" in due.explanation
    event = refresh(req).events.get(action="decide_reasons")
    assert "2026-05-29" in event.public_text


def test_no_answer_only_after_the_period(office, section, clerk):
    req = assigned(office, section, RECEIVED)
    with at(D(2026, 3, 4)):
        services.request_reasons_ask(request=req, items="x", days=5, acting_user=clerk)
    with at(D(2026, 3, 11)), pytest.raises(RequestError, match="尚未届满"):
        services.request_reasons_decide(
            request=req, decision="no_answer", note="未说明", acting_user=office
        )
    with at(D(2026, 3, 12)):
        services.request_reasons_decide(
            request=req, decision="no_answer", note="逾期未说明", acting_user=office
        )


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"decision": "maybe"}, "请选择认定结果"),
        ({"note": " "}, "认定的理由"),
        ({"answered_on": None}, "收到申请人说明的日期"),
        ({"answered_on": D(2026, 3, 3)}, "收到申请人说明的日期"),
        ({"decision": "unreasonable", "later_due_on": D(2026, 6, 1)}, "理由合理时"),
        ({"later_due_on": D(2026, 3, 4)}, "应晚于今天"),
    ],
)
def test_decision_refusals(office, section, clerk, kwargs, message):
    req = assigned(office, section, RECEIVED)
    args = {
        "decision": "reasonable",
        "note": "理由合理",
        "answered_on": D(2026, 3, 4),
        "later_due_on": None,
        **kwargs,
    }
    with at(D(2026, 3, 4)):
        services.request_reasons_ask(request=req, items="x", acting_user=clerk)
        with pytest.raises(RequestError, match=message):
            services.request_reasons_decide(request=req, acting_user=office, **args)
    assert not refresh(req).reasons_request.decision


def test_asking_twice_and_deciding_by_the_section_are_refused(office, section, clerk):
    req = assigned(office, section, RECEIVED)
    with at(D(2026, 3, 4)):
        with pytest.raises(RequestError, match="未要求说明理由"):
            services.request_reasons_decide(
                request=req,
                decision="reasonable",
                note="x",
                answered_on=D(2026, 3, 4),
                acting_user=office,
            )
        with pytest.raises(RequestError, match="请写明"):
            services.request_reasons_ask(request=req, items=" ", acting_user=clerk)
        services.request_reasons_ask(request=req, items="x", acting_user=clerk)
        with pytest.raises(RequestError, match="已要求说明理由"):
            services.request_reasons_ask(request=req, items="x", acting_user=clerk)
        with pytest.raises(RequestError, match="没有权限"):
            services.request_reasons_decide(
                request=req,
                decision="reasonable",
                note="x",
                answered_on=D(2026, 3, 4),
                acting_user=clerk,
            )
