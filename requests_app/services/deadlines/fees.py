"""Fees (Reg. 42, 国办函〔2020〕109号): notice, payment, lapse, and the daily close of lapsed requests."""

import datetime
from decimal import Decimal

from django.db import transaction

from requests_app import fees, permissions, selectors
from requests_app.models import (
    ClockPause,
    DeliveryKind,
    DisclosureRequest,
    FeeScheme,
    PauseKind,
    ServiceMethod,
    Status,
)
from requests_app.outcomes import Outcome
from requests_app.services._common import (
    RequestError,
    _begin,
    _close,
    _event,
    _known,
    _mail_applicant,
    _move,
    _today,
)
from requests_app.services.archive import archive_on_commit
from requests_app.services.deadlines.correction import request_correction_lapse
from requests_app.services.deadlines.delivery import deliver, fee_due, service_method
from requests_app.transitions import Action


def request_fee_notify(
    *,
    request: DisclosureRequest,
    scheme: str,
    pages: int = 0,
    method: str = ServiceMethod.ONLINE,
    acting_user,
) -> DisclosureRequest:
    """Charge an 信息处理费 (Reg. 42, 国办函〔2020〕109号). The amount is computed by the
    chosen scheme: 按件 from the applicant's requests received in the calendar month,
    按量 from the page count. The time until payment is not counted; the applicant
    has 20 working days from the day after receiving the notice to pay: sent online,
    from the day after sending; by post, from the day after the signed-for date
    (`delivery_record_receipt`)."""
    if scheme not in (FeeScheme.PER_REQUEST, FeeScheme.PER_PAGE):
        raise RequestError("请选择按件计收或按量计收。")
    service_method(method)
    with transaction.atomic():
        req = _begin(request, Action.NOTIFY_FEE, acting_user, may=permissions.can_handle_request)
        if req.pauses.filter(ended_on=None).exists():
            raise RequestError("征求意见期间不能发出收费通知，请先登记征求意见结束。")
        if req.fee_notified_on:
            raise RequestError("本申请已发出过收费通知。")
        if scheme == FeeScheme.PER_PAGE:
            if pages < 1:
                raise RequestError("按量计收须填写页数。")
            quantity = pages
        else:
            quantity = selectors.requests_of_applicant_in_month(req)
        fee = fees.compute_fee(scheme, quantity)
        if fee.amount <= Decimal(0):
            raise RequestError(f"{fee.explanation}，无需发出收费通知。")
        today = _today()
        due = fee_due(today) if method != ServiceMethod.POST else None
        req.fee_scheme = scheme
        req.fee_quantity = quantity
        req.fee_amount = fee.amount
        req.fee_explanation = fee.explanation
        req.fee_notified_on = today
        req.fee_due_on = due.day if due else None
        _move(Action.NOTIFY_FEE, req, Status.AWAITING_FEE)
        req.save(
            update_fields=[
                "fee_scheme",
                "fee_quantity",
                "fee_amount",
                "fee_explanation",
                "fee_notified_on",
                "fee_due_on",
                "status",
                "updated_at",
            ]
        )
        # 109号: the time from the fee notice to payment is not counted.
        ClockPause.objects.create(
            request=req,
            kind=PauseKind.FEE,
            party="申请人",
            started_on=today,
            reply_due_on=due.day if due else None,
            reply_due_confirmed=due.confirmed if due else True,
            created_by=acting_user,
        )
        deliver(req, DeliveryKind.FEE_NOTICE, method, sent_on=today, acting_user=acting_user)
        if due is not None:
            when = f"请于 {due.day} 前缴纳（{due.text}）"
        else:
            when = "收费通知已邮寄，缴费期限为签收之日次日起 20 个工作日"
        text = (
            f"发出收费通知：{fee.explanation}。{when}，"
            "逾期未缴纳视为放弃申请；收费期间不计入答复期限。"
        )
        _event(req, Action.NOTIFY_FEE, actor=acting_user, on=today, public_text=text)
        _mail_applicant(req, "信息处理费收费通知", text)
    return req


def request_fee_record_payment(
    *, request: DisclosureRequest, paid_on: datetime.date, acting_user
) -> DisclosureRequest:
    with transaction.atomic():
        req = _begin(
            request, Action.RECORD_PAYMENT, acting_user, may=permissions.can_handle_request
        )
        if paid_on < _known(req.fee_notified_on, "缴费通知日期") or paid_on > _today():
            raise RequestError(f"缴费日期应在 {req.fee_notified_on} 至今天之间。")
        if req.fee_due_on is not None and paid_on > req.fee_due_on:
            raise RequestError(f"缴费期限已于 {req.fee_due_on} 届满，应按逾期未缴费处理。")
        req.fee_paid_on = paid_on
        _move(Action.RECORD_PAYMENT, req, Status.ASSIGNED)
        req.save(update_fields=["fee_paid_on", "status", "updated_at"])
        req.pauses.filter(kind=PauseKind.FEE, ended_on=None).update(ended_on=paid_on)
        due = _known(selectors.reply_deadline_of(req), "答复期限")
        _event(
            req,
            Action.RECORD_PAYMENT,
            actor=acting_user,
            on=paid_on,
            public_text=f"已缴纳信息处理费，恢复计算答复期限：{due.text}。",
        )
    return req


def request_fee_lapse(
    *, request: DisclosureRequest, acting_user=None, today: datetime.date | None = None
) -> DisclosureRequest:
    """Not paid in time: the request closes as 逾期未缴费 (国办函〔2020〕109号)."""
    today = today or _today()
    with transaction.atomic():
        req = _begin(request, Action.LAPSE_FEE, acting_user, may=permissions.can_handle_request)
        if today <= _known(req.fee_due_on, "缴费期限"):
            raise RequestError(f"缴费期限 {req.fee_due_on} 尚未届满。")
        _close(req, Action.LAPSE_FEE, Outcome.OTHER_FEE_UNPAID, today)
        archive_on_commit(req)
        req.save(update_fields=["status", "outcome", "closed_on", "updated_at"])
        _event(
            req,
            Action.LAPSE_FEE,
            actor=acting_user,
            on=today,
            public_text=f"申请人未在 {req.fee_due_on} 前缴纳信息处理费，视为放弃申请，不再处理。",
        )
    return req


def requests_close_lapsed(*, today: datetime.date | None = None) -> list[DisclosureRequest]:
    """The daily job: close requests whose correction or fee deadline has passed."""
    today = today or _today()
    closed = []
    for req in DisclosureRequest.objects.filter(
        status=Status.AWAITING_CORRECTION, correction__due_on__lt=today
    ):
        closed.append(request_correction_lapse(request=req, today=today))
    for req in DisclosureRequest.objects.filter(status=Status.AWAITING_FEE, fee_due_on__lt=today):
        closed.append(request_fee_lapse(request=req, today=today))
    return closed
