"""The one transitions map of a request's workflow. Every service that changes a
request checks its action here first; tests generate the refusals from this map."""

from dataclasses import dataclass

from django.db import models

from requests_app.models import Status

S = Status


class Action(models.TextChoices):
    SUBMIT = "submit", "网上提交申请"
    REGISTER = "register", "登记申请"
    CONFIRM_RECEIPT = "confirm_receipt", "确认收到申请"
    DISCARD = "discard", "作废（未受理）"
    ASSIGN = "assign", "分办"
    REQUEST_CORRECTION = "request_correction", "告知补正"
    RECEIVE_CORRECTION = "receive_correction", "收到补正申请"
    LAPSE_CORRECTION = "lapse_correction", "逾期未补正，终止办理"
    START_PAUSE = "start_pause", "征求意见（暂停计时）"
    END_PAUSE = "end_pause", "征求意见结束（恢复计时）"
    APPLY_EXTENSION = "apply_extension", "申请延期答复"
    DECIDE_EXTENSION = "decide_extension", "审批延期答复"
    NOTIFY_FEE = "notify_fee", "发出收费通知"
    RECORD_PAYMENT = "record_payment", "登记缴费"
    LAPSE_FEE = "lapse_fee", "逾期未缴费，终止办理"
    SUBMIT_DRAFT = "submit_draft", "提交答复意见"
    RETURN_DRAFT = "return_draft", "退回答复意见"
    APPROVE = "approve", "审批通过并答复"
    WITHDRAW = "withdraw", "申请人撤回申请"


@dataclass(frozen=True)
class Transition:
    sources: frozenset[Status]
    # The possible resulting states; the source state itself when the action does not
    # move the request (a pause, an extension).
    targets: frozenset[Status]


def _t(sources, targets) -> Transition:
    return Transition(frozenset(sources), frozenset(targets))


_CLOCK_RUNNING = (S.RECEIVED, S.ASSIGNED, S.DRAFTED)
_ALL_OPEN = (S.RECEIVED, S.ASSIGNED, S.AWAITING_CORRECTION, S.AWAITING_FEE, S.DRAFTED)

TRANSITIONS: dict[Action, Transition] = {
    Action.SUBMIT: _t((), (S.SUBMITTED,)),  # creation, online
    Action.REGISTER: _t((), (S.RECEIVED,)),  # creation by staff, received at once
    Action.CONFIRM_RECEIPT: _t((S.SUBMITTED,), (S.RECEIVED,)),
    Action.DISCARD: _t((S.SUBMITTED,), (S.DISCARDED,)),
    Action.ASSIGN: _t((S.RECEIVED, S.ASSIGNED), (S.ASSIGNED,)),
    # Reg. 30: the correction comes before any answer is drafted.
    Action.REQUEST_CORRECTION: _t((S.RECEIVED, S.ASSIGNED), (S.AWAITING_CORRECTION,)),
    Action.RECEIVE_CORRECTION: _t((S.AWAITING_CORRECTION,), (S.RECEIVED, S.ASSIGNED)),
    Action.LAPSE_CORRECTION: _t((S.AWAITING_CORRECTION,), (S.CLOSED,)),
    Action.START_PAUSE: _t((S.RECEIVED, S.ASSIGNED), (S.RECEIVED, S.ASSIGNED)),
    Action.END_PAUSE: _t(_CLOCK_RUNNING, _CLOCK_RUNNING),
    Action.APPLY_EXTENSION: _t(_CLOCK_RUNNING, _CLOCK_RUNNING),
    Action.DECIDE_EXTENSION: _t(_CLOCK_RUNNING, _CLOCK_RUNNING),
    Action.NOTIFY_FEE: _t((S.ASSIGNED,), (S.AWAITING_FEE,)),
    Action.RECORD_PAYMENT: _t((S.AWAITING_FEE,), (S.ASSIGNED,)),
    Action.LAPSE_FEE: _t((S.AWAITING_FEE,), (S.CLOSED,)),
    Action.SUBMIT_DRAFT: _t((S.ASSIGNED,), (S.DRAFTED,)),
    Action.RETURN_DRAFT: _t((S.DRAFTED,), (S.ASSIGNED,)),
    Action.APPROVE: _t((S.DRAFTED,), (S.CLOSED,)),
    Action.WITHDRAW: _t(_ALL_OPEN, (S.CLOSED,)),
}


def allowed(action: Action, status: str) -> bool:
    return Status(status) in TRANSITIONS[action].sources


def actions_from(status: str) -> list[Action]:
    """The actions the map allows from `status` (creation actions excluded)."""
    return [a for a, t in TRANSITIONS.items() if Status(status) in t.sources]
