"""Answers outside the usual path: on the spot (Reg. 33(1)) and the applicant asked
for reasons (Reg. 35)."""

import datetime

from django.db import transaction

from requests_app import clock, permissions
from requests_app.grounds import Ground
from requests_app.models import (
    Channel,
    DisclosureRequest,
    ReasonsDecision,
    ReasonsRequest,
    ServiceMethod,
)
from requests_app.services._common import (
    RequestError,
    _begin,
    _event,
    _known,
    _mail_applicant,
    _today,
)
from requests_app.services.answer import _checked_ground, _issue, _set_draft
from requests_app.transitions import Action

REASONS_DEFAULT_WORKDAYS = 10  # the time given to explain (not statutory: "合理期限")


def request_answer_on_the_spot(
    *,
    request: DisclosureRequest,
    ground: str,
    details: dict | None = None,
    text: str = "",
    acting_user,
) -> DisclosureRequest:
    """Reg. 33(1): 能够当场答复的，应当当场予以答复. The office answers a request handed
    in person, the same day, on one legal ground; the notice is numbered, dated and
    handed over at once (received that day: the remedy periods run from it)."""
    details = _checked_ground(ground, details)
    if ground == Ground.STILL_UNCLEAR:
        raise RequestError("补正后仍不明确的申请不能当场答复。")
    with transaction.atomic():
        req = _begin(
            request,
            Action.ANSWER_ON_SPOT,
            acting_user,
            may=lambda u, r: permissions.can_manage_requests(u),
        )
        if req.channel != Channel.IN_PERSON or req.received_on != _today():
            raise RequestError("只有当天当面提交的申请可以当场答复（《条例》第三十三条第一款）。")
        _set_draft(req, ground, details, text, acting_user)
        _issue(req, Action.ANSWER_ON_SPOT, acting_user, reply_method=ServiceMethod.IN_PERSON)
    return req


def request_reasons_ask(
    *,
    request: DisclosureRequest,
    items: str,
    days: int = REASONS_DEFAULT_WORKDAYS,
    acting_user,
) -> ReasonsRequest:
    """Reg. 35: the number or frequency of the applicant's requests is clearly beyond
    reason: ask for reasons, with a period to answer (its own clock)."""
    items = (items or "").strip()
    if not items:
        raise RequestError("请写明要求申请人说明的事项（如申请数量、频次明显超过合理范围的情况）。")
    if not 1 <= days <= 30:
        raise RequestError("说明理由的期限应为 1 至 30 个工作日。")
    with transaction.atomic():
        req = _begin(request, Action.ASK_REASONS, acting_user, may=permissions.can_handle_request)
        if ReasonsRequest.objects.filter(request=req).exists():
            raise RequestError("本申请已要求说明理由。")
        today = _today()
        due = clock.simple_deadline(today, days, "要求说明理由")
        asked = ReasonsRequest.objects.create(
            request=req,
            asked_on=today,
            items=items,
            days_allowed=days,
            due_on=_known(due.day, "说明理由期限"),
            due_confirmed=due.confirmed,
            asked_by=acting_user,
        )
        text = (
            f"您申请公开政府信息的数量、频次明显超过合理范围，请于 {due.day} 前说明理由"
            f"（{due.text}，《条例》第三十五条）：{items[:120]}"
        )
        _event(req, Action.ASK_REASONS, actor=acting_user, on=today, public_text=text)
        _mail_applicant(req, "请说明申请理由", text)
    return asked


def request_reasons_decide(
    *,
    request: DisclosureRequest,
    decision: str,
    note: str,
    answered_on: datetime.date | None = None,
    later_due_on: datetime.date | None = None,
    acting_user,
) -> ReasonsRequest:
    """The office decides on the reasons (Reg. 35). Unreasonable, or none by the
    deadline: the request may be answered 不予处理 (ground 35). Reasonable: if the
    Reg. 33 limits cannot be met, `later_due_on` is the later, reasonable reply date
    (told to the applicant); it replaces the statutory date when it is later."""
    if decision not in ReasonsDecision.values:
        raise RequestError("请选择认定结果。")
    note = (note or "").strip()
    if not note:
        raise RequestError("请写明认定的理由。")
    with transaction.atomic():
        req = _begin(
            request,
            Action.DECIDE_REASONS,
            acting_user,
            may=lambda u, r: permissions.can_manage_requests(u),
        )
        asked = ReasonsRequest.objects.select_for_update().filter(request=req).first()
        if asked is None:
            raise RequestError("本申请未要求说明理由。")
        if asked.decision:
            raise RequestError("已作出认定，不能重复认定。")
        today = _today()
        if decision == ReasonsDecision.NO_ANSWER:
            if today <= asked.due_on:
                raise RequestError(f"说明理由期限 {asked.due_on} 尚未届满。")
            answered_on = None
        elif answered_on is None or not asked.asked_on <= answered_on <= today:
            raise RequestError(f"请填写收到申请人说明的日期（{asked.asked_on} 至今天）。")
        if later_due_on is not None:
            if decision != ReasonsDecision.REASONABLE:
                raise RequestError("只有认定理由合理时才能确定延迟答复的期限。")
            if later_due_on <= today:
                raise RequestError("延迟答复的期限应晚于今天。")
        asked.answered_on = answered_on
        asked.decision = decision
        asked.decision_note = note
        asked.later_due_on = later_due_on
        asked.decided_by = acting_user
        asked.decided_on = today
        asked.save(
            update_fields=[
                "answered_on",
                "decision",
                "decision_note",
                "later_due_on",
                "decided_by",
                "decided_on",
            ]
        )
        label = ReasonsDecision(decision).label
        text = f"第三十五条：{label}。"
        if later_due_on is not None:
            text += f"无法在规定期限内答复，确定于 {later_due_on} 前答复。"
        _event(req, Action.DECIDE_REASONS, actor=acting_user, on=today, public_text=text, note=note)
        if later_due_on is not None:
            _mail_applicant(req, "答复期限告知", text)
    return asked
