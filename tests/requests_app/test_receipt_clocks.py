"""Clocks that run from receipt: the fee period (国办函〔2020〕109号: 20 working days from
the day after the applicant receives the fee notice), the correction period, a third
party's 15 working days (Reg. 32: from receipt of the consultation letter), and the
remedy periods of the reply. Online or in person: received the day sent; by post:
from the signed-for date staff enter."""

import pytest
from django.urls import reverse

from requests_app import clock, selectors, services
from requests_app.models import Delivery, DeliveryKind, PauseKind, ServiceMethod, Status
from requests_app.services import RequestError
from tests.requests_app.factories import D, answered, assigned, at, draft_args, refresh
from tests.requests_app.services_helpers import RECEIVED

pytestmark = pytest.mark.django_db


def fee_by(method, office, section, clerk):
    req = assigned(office, section, RECEIVED)
    with at(D(2026, 3, 3)):
        services.request_fee_notify(
            request=req, scheme="per_page", pages=50, method=method, acting_user=clerk
        )
    return refresh(req)


# -- the fee -----------------------------------------------------------------------------


def test_fee_sent_online_runs_from_the_day_after_sending(office, section, clerk):
    req = fee_by(ServiceMethod.ONLINE, office, section, clerk)
    assert req.fee_due_on == D(2026, 3, 31)  # 3-3 + 20 working days
    delivery = req.deliveries.get()
    assert (delivery.kind, delivery.sent_on, delivery.received_on) == (
        DeliveryKind.FEE_NOTICE,
        D(2026, 3, 3),
        D(2026, 3, 3),
    )


def test_posted_fee_notice_runs_from_the_signed_for_date(office, section, clerk):
    req = fee_by(ServiceMethod.POST, office, section, clerk)
    assert req.fee_due_on is None
    # Nothing lapses while the notice is on its way.
    with at(D(2026, 4, 2)):
        assert services.requests_close_lapsed(today=D(2026, 4, 2)) == []
        delivery = req.deliveries.get()
        services.delivery_record_receipt(
            delivery=delivery, received_on=D(2026, 3, 6), acting_user=clerk
        )
    req = refresh(req)
    assert req.fee_due_on == D(2026, 4, 3)  # 3-6 + 20 working days, not 3-31
    pause = req.pauses.get(kind=PauseKind.FEE)
    assert pause.reply_due_on == D(2026, 4, 3)
    event = req.events.filter(action="delivery_received").get()
    assert "2026-04-03" in event.public_text and "申请人收到收费通知" in event.public_text
    assert services.requests_close_lapsed(today=D(2026, 4, 3)) == []
    closed = services.requests_close_lapsed(today=D(2026, 4, 6))
    assert [r.pk for r in closed] == [req.pk]


def test_payment_before_the_signed_for_date_is_entered_still_counts(office, section, clerk):
    req = fee_by(ServiceMethod.POST, office, section, clerk)
    with at(D(2026, 3, 10)):
        services.request_fee_record_payment(request=req, paid_on=D(2026, 3, 9), acting_user=clerk)
    assert refresh(req).status == Status.ASSIGNED


# -- the third party ---------------------------------------------------------------------


def consult(method, office, section, clerk):
    req = assigned(office, section, RECEIVED)
    with at(RECEIVED):
        return services.request_pause_start(
            request=req,
            kind=PauseKind.THIRD_PARTY,
            party="某人力资源服务公司",
            started_on=RECEIVED,
            method=method,
            acting_user=clerk,
        )


def test_third_party_online_has_15_working_days_from_sending(office, section, clerk):
    pause = consult(ServiceMethod.ONLINE, office, section, clerk)
    assert pause.reply_due_on == D(2026, 3, 23)


def test_third_party_by_post_has_15_working_days_from_its_signed_for_date(office, section, clerk):
    pause = consult(ServiceMethod.POST, office, section, clerk)
    pause.refresh_from_db()
    assert pause.reply_due_on is None
    delivery = Delivery.objects.get(pause=pause)
    assert delivery.addressee == "某人力资源服务公司"
    with at(D(2026, 3, 6)):
        services.delivery_record_receipt(
            delivery=delivery, received_on=D(2026, 3, 5), note="EMS 1234", acting_user=clerk
        )
    pause.refresh_from_db()
    assert pause.reply_due_on == D(2026, 3, 26)  # 3-5 + 15, not 3-23
    # The reply clock stops from the sending of the letter, as before.
    assert pause.started_on == RECEIVED
    note = pause.request.events.get(action="delivery_received").note
    assert "收到征求意见书（次日起算） 2026-03-05 + 15 个工作日 → 2026-03-26" in note


# -- the correction ----------------------------------------------------------------------


def test_posted_correction_notice_runs_from_receipt(office, section, clerk):
    req = assigned(office, section, RECEIVED)
    with at(D(2026, 3, 3)):
        correction = services.request_correction_ask(
            request=req, items="写明年份", days=10, method=ServiceMethod.POST, acting_user=clerk
        )
    assert correction.due_on is None
    assert services.requests_close_lapsed(today=D(2026, 3, 20)) == []
    with at(D(2026, 3, 10)):
        services.delivery_record_receipt(
            delivery=req.deliveries.get(), received_on=D(2026, 3, 9), acting_user=clerk
        )
    correction.refresh_from_db()
    assert correction.due_on == D(2026, 3, 23)  # 3-9 + 10, not 3-17


def test_correction_sent_online_runs_from_sending(office, section, clerk):
    req = assigned(office, section, RECEIVED)
    with at(D(2026, 3, 3)):
        correction = services.request_correction_ask(
            request=req, items="写明年份", days=10, acting_user=clerk
        )
    assert correction.due_on == D(2026, 3, 17)


# -- refusals ----------------------------------------------------------------------------


def test_receipt_refusals(office, section, clerk, other_clerk):
    req = fee_by(ServiceMethod.POST, office, section, clerk)
    delivery = req.deliveries.get()
    with at(D(2026, 3, 10)):
        with pytest.raises(RequestError, match="签收日期应在发出之日"):
            services.delivery_record_receipt(
                delivery=delivery, received_on=D(2026, 3, 2), acting_user=clerk
            )
        with pytest.raises(RequestError, match="签收日期应在发出之日"):
            services.delivery_record_receipt(
                delivery=delivery, received_on=D(2026, 3, 11), acting_user=clerk
            )
        with pytest.raises(RequestError, match="没有权限"):
            services.delivery_record_receipt(
                delivery=delivery, received_on=D(2026, 3, 6), acting_user=other_clerk
            )
        services.delivery_record_receipt(
            delivery=delivery, received_on=D(2026, 3, 6), acting_user=clerk
        )
        with pytest.raises(RequestError, match="不能重复登记"):
            services.delivery_record_receipt(
                delivery=delivery, received_on=D(2026, 3, 7), acting_user=clerk
            )
    assert refresh(req).fee_due_on == D(2026, 4, 3)


def test_online_delivery_needs_no_receipt(office, section, clerk):
    req = fee_by(ServiceMethod.ONLINE, office, section, clerk)
    with at(D(2026, 3, 10)), pytest.raises(RequestError, match="无需登记签收"):
        services.delivery_record_receipt(
            delivery=req.deliveries.get(), received_on=D(2026, 3, 4), acting_user=clerk
        )


def test_unknown_method_is_refused(office, section, clerk):
    req = assigned(office, section, RECEIVED)
    with at(D(2026, 3, 3)), pytest.raises(RequestError, match="请选择送达方式"):
        services.request_fee_notify(
            request=req, scheme="per_page", pages=50, method="pigeon", acting_user=clerk
        )
    assert refresh(req).status == Status.ASSIGNED


# -- the reply and its remedy periods ------------------------------------------------------


def test_reply_by_email_is_received_on_approval_with_its_remedy_periods(office, section, clerk):
    req = answered(office, section, clerk, RECEIVED, D(2026, 3, 16))  # delivery by e-mail
    reply = req.deliveries.get(kind=DeliveryKind.REPLY)
    assert reply.received_on == D(2026, 3, 16)
    row = next(r for r in selectors.deliveries_of(req) if r.delivery.pk == reply.pk)
    review, litigation = row.remedies
    assert review.day == D(2026, 5, 15) and litigation.day == D(2026, 9, 16)


def test_reply_by_post_waits_for_the_signed_for_date(office, section, clerk):
    req = answered(office, section, clerk, RECEIVED, D(2026, 3, 2), delivery_method="post")
    reply = req.deliveries.get(kind=DeliveryKind.REPLY)
    assert reply.received_on is None
    row = selectors.deliveries_of(req)[0]
    assert row.remedies is None
    with at(D(2026, 3, 5)):
        services.delivery_record_receipt(
            delivery=reply, received_on=D(2026, 3, 3), acting_user=clerk
        )
    review, _ = selectors.deliveries_of(req)[0].remedies
    # 3-3 + 60 days = 5-2, inside the 劳动节 holiday: the last day moves to 5-6.
    assert review.day == D(2026, 5, 6)
    assert "2026-05-02 为休息日，顺延" in review.text


def test_six_months_from_the_31st_ends_on_the_last_day_of_the_month():
    review, litigation = clock.remedy_deadlines(D(2025, 8, 31))
    assert litigation.explanation.startswith("收到答复告知书 2025-08-31 + 6 个月")
    # No 31 February: the month's last day, 2026-02-28, a Saturday but a make-up
    # working day (调休) of the 2026 notice: not moved.
    assert litigation.day == D(2026, 2, 28)
    assert review.day == D(2025, 10, 30)


# -- the page ----------------------------------------------------------------------------


def test_staff_enter_the_signed_for_date_on_the_page(client, office, section, clerk, leader):
    req = fee_by(ServiceMethod.POST, office, section, clerk)
    delivery = req.deliveries.get()
    url = reverse("requests_app:delivery_receipt", args=[req.pk, delivery.pk])
    client.force_login(leader)  # sees the request, does not handle it
    with at(D(2026, 3, 10)):
        assert client.post(url, {"received_on": "2026-03-06"}).status_code == 403
        client.force_login(clerk)
        page = client.get(reverse("requests_app:staff_detail", args=[req.pk])).content.decode()
        assert "登记签收" in page and "送达记录" in page
        response = client.post(url, {"received_on": "2026-03-06"})
        assert response.status_code == 302
    assert refresh(req).fee_due_on == D(2026, 4, 3)
    client.logout()
    assert client.post(url, {"received_on": "2026-03-06"}).status_code == 302  # to login


def test_a_bad_date_on_the_page_changes_nothing(client, office, section, clerk):
    req = fee_by(ServiceMethod.POST, office, section, clerk)
    delivery = req.deliveries.get()
    url = reverse("requests_app:delivery_receipt", args=[req.pk, delivery.pk])
    client.force_login(clerk)
    with at(D(2026, 3, 10)):
        response = client.post(url, {"received_on": "2026-02-01"}, follow=True)
    assert "签收日期未登记" in response.content.decode()
    assert refresh(req).fee_due_on is None


def test_fee_form_offers_the_methods(client, office, section, clerk):
    req = assigned(office, section, RECEIVED)
    client.force_login(clerk)
    with at(D(2026, 3, 3)):
        response = client.post(
            reverse("requests_app:staff_action", args=[req.pk, "notify_fee"]),
            {
                "notify_fee-scheme": "per_page",
                "notify_fee-pages": "50",
                "notify_fee-method": "post",
            },
        )
    assert response.status_code == 302
    assert refresh(req).deliveries.get().method == ServiceMethod.POST


def test_a_draft_is_not_delivered_only_the_approved_reply_is(office, section, clerk):
    req = assigned(office, section, RECEIVED)
    with at(D(2026, 3, 3)):
        services.request_draft_submit(request=req, **draft_args("disclosed"), acting_user=clerk)
    assert not req.deliveries.exists()
