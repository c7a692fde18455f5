"""Deliveries (送达) and the periods that run from receipt.

Sent online or handed over: received the day it was sent. Sent by post: the period
waits for the signed-for date, which staff enter (`delivery_record_receipt`), and is
counted from there:
- the fee payment period: 20 working days from the day after the applicant receives
  the fee notice (国办函〔2020〕109号);
- the correction period given in the 补正告知书 (Reg. 30), from its receipt;
- a third party's or another agency's 15 working days (Reg. 32, 34), from receipt of
  the consultation letter;
- the reply: 行政复议 within 60 days and 行政诉讼 within 6 months of its receipt.
"""

import datetime

from django.db import transaction

from requests_app import clock, permissions
from requests_app.models import (
    ClockPause,
    Delivery,
    DeliveryKind,
    DisclosureRequest,
    PauseKind,
    ServiceMethod,
)
from requests_app.models.delivery import AWAITING_RECEIPT_METHODS
from requests_app.services._common import (
    RequestError,
    _event,
    _known,
    _lock,
    _require,
    _today,
)


def service_method(method: str) -> ServiceMethod:
    if method not in ServiceMethod.values:
        raise RequestError("请选择送达方式（网上、当面或邮寄）。")
    return ServiceMethod(method)


def deliver(
    req: DisclosureRequest,
    kind: DeliveryKind,
    method: str,
    *,
    sent_on: datetime.date,
    acting_user=None,
    addressee: str = "",
    pause: ClockPause | None = None,
) -> Delivery:
    """Record that `kind` was sent; online and in person it is received the same day.
    Called inside the sending service's transaction."""
    method = service_method(method)
    return Delivery.objects.create(
        request=req,
        kind=kind,
        method=method,
        addressee=addressee,
        pause=pause,
        sent_on=sent_on,
        received_on=None if method in AWAITING_RECEIPT_METHODS else sent_on,
        sent_by=acting_user if getattr(acting_user, "pk", None) else None,
    )


# How the reply goes out follows how the applicant asked to receive it (Reg. 29(3)).
REPLY_METHOD = {
    "email": ServiceMethod.ONLINE,
    "online": ServiceMethod.ONLINE,
    "post": ServiceMethod.POST,
    "pickup": ServiceMethod.PICKUP,
}


def fee_due(received_on: datetime.date) -> clock.ComputedDate:
    return clock.simple_deadline(
        received_on, clock.FEE_PAYMENT_WORKDAYS, "申请人收到收费通知（次日起算）"
    )


def consultation_due(pause: ClockPause, received_on: datetime.date) -> clock.ComputedDate:
    days = (
        clock.THIRD_PARTY_WORKDAYS
        if pause.kind == PauseKind.THIRD_PARTY
        else clock.OTHER_AGENCY_WORKDAYS
    )
    return clock.simple_deadline(received_on, days, "收到征求意见书（次日起算）")


def correction_due(days: int, received_on: datetime.date) -> clock.ComputedDate:
    return clock.simple_deadline(received_on, days, "申请人收到补正告知书（次日起算）")


def delivery_record_receipt(
    *, delivery: Delivery, received_on: datetime.date, note: str = "", acting_user
) -> Delivery:
    """Enter the signed-for date of a posted notice or letter; the period that runs
    from its receipt starts then. Once only; not before it was sent, not in the future."""
    with transaction.atomic():
        req = _lock(delivery.request)
        _require(permissions.can_handle_request(acting_user, req))
        delivery = Delivery.objects.select_for_update().get(pk=delivery.pk)
        if delivery.method not in AWAITING_RECEIPT_METHODS:
            raise RequestError("网上或当面送达的，发出之日即为收到之日，无需登记签收。")
        if delivery.received_on is not None:
            raise RequestError(f"已登记签收日期 {delivery.received_on}，不能重复登记。")
        if received_on < delivery.sent_on or received_on > _today():
            raise RequestError(f"签收日期应在发出之日 {delivery.sent_on} 至今天之间。")
        delivery.received_on = received_on
        delivery.receipt_note = (note or "").strip()[:200]
        delivery.receipt_recorded_by = acting_user
        delivery.save(update_fields=["received_on", "receipt_note", "receipt_recorded_by"])
        text = _start_period(req, delivery)
        _event(
            req,
            "delivery_received",
            actor=acting_user,
            on=received_on,
            public_text=text if delivery.kind != DeliveryKind.CONSULTATION_LETTER else "",
            note=text if delivery.kind == DeliveryKind.CONSULTATION_LETTER else note,
        )
    return delivery


def _start_period(req: DisclosureRequest, delivery: Delivery) -> str:
    """Set the deadline that runs from this receipt; the sentence that explains it."""
    received = _known(delivery.received_on, "签收日期")
    label = delivery.get_kind_display()
    if delivery.kind == DeliveryKind.FEE_NOTICE:
        due = fee_due(received)
        req.fee_due_on = due.day
        req.save(update_fields=["fee_due_on", "updated_at"])
        req.pauses.filter(kind=PauseKind.FEE, ended_on=None).update(
            reply_due_on=due.day, reply_due_confirmed=due.confirmed
        )
        return f"申请人于 {received} 签收{label}，请于 {due.day} 前缴纳信息处理费（{due.text}）。"
    if delivery.kind == DeliveryKind.CORRECTION_NOTICE:
        correction = req.correction
        due = correction_due(correction.days_allowed, received)
        correction.due_on = due.day
        correction.due_confirmed = due.confirmed
        correction.save(update_fields=["due_on", "due_confirmed"])
        return f"申请人于 {received} 签收{label}，请于 {due.day} 前补正（{due.text}）。"
    if delivery.kind == DeliveryKind.CONSULTATION_LETTER:
        pause = _known(delivery.pause, "征求意见记录")
        due = consultation_due(pause, received)
        pause.reply_due_on = due.day
        pause.reply_due_confirmed = due.confirmed
        pause.save(update_fields=["reply_due_on", "reply_due_confirmed"])
        return f"{pause.party}于 {received} 签收{label}，应于 {due.day} 前提出意见（{due.text}）。"
    return f"申请人于 {received} 收到{label}。"
