"""Clock pauses while third parties or other agencies are consulted (Reg. 32-34)."""

import datetime

from django.db import transaction

from requests_app import permissions, selectors
from requests_app.models import (
    ClockPause,
    DeliveryKind,
    DisclosureRequest,
    PauseKind,
    ServiceMethod,
)
from requests_app.services._common import (
    RequestError,
    _begin,
    _event,
    _known,
    _today,
)
from requests_app.services.deadlines.delivery import consultation_due, deliver, service_method
from requests_app.transitions import Action


def request_pause_start(
    *,
    request: DisclosureRequest,
    kind: str,
    party: str,
    started_on: datetime.date,
    note: str = "",
    method: str = ServiceMethod.ONLINE,
    acting_user,
) -> ClockPause:
    """Consult a third party (Reg. 32: they have 15 working days from receiving the
    letter) or another agency (Reg. 34, the same); the time from sending the letter
    to the answer is not counted in the reply period (Reg. 33(3)). Sent by post,
    their 15 days start from the signed-for date (`delivery_record_receipt`)."""
    service_method(method)
    if kind not in (PauseKind.THIRD_PARTY, PauseKind.OTHER_AGENCY):
        raise RequestError("请选择征求第三方意见或征求其他机关意见。")
    if not party.strip():
        raise RequestError("请填写征求意见的对象。")
    with transaction.atomic():
        req = _begin(request, Action.START_PAUSE, acting_user, may=permissions.can_handle_request)
        if req.pauses.filter(ended_on=None).exists():
            raise RequestError("已有尚未结束的征求意见，请先登记其结束。")
        start = _correction_aware_start(req)
        if started_on > _today() or started_on < start:
            raise RequestError(f"征求意见日期应在 {start} 至今天之间。")
        reply = selectors.reply_deadline_of(req)
        if reply and reply.day and started_on > reply.day:
            raise RequestError(f"答复期限已于 {reply.day} 届满，不能再暂停计时。")
        pause = ClockPause.objects.create(
            request=req,
            kind=kind,
            party=party.strip(),
            started_on=started_on,
            note=note,
            created_by=acting_user,
        )
        deliver(
            req,
            DeliveryKind.CONSULTATION_LETTER,
            method,
            sent_on=started_on,
            acting_user=acting_user,
            addressee=party.strip(),
            pause=pause,
        )
        if method != ServiceMethod.POST:
            due = consultation_due(pause, started_on)
            pause.reply_due_on = due.day
            pause.reply_due_confirmed = due.confirmed
            pause.save(update_fields=["reply_due_on", "reply_due_confirmed"])
            when = f"应于 {due.day} 前答复（{due.text}）"
        else:
            when = "征求意见书已邮寄，答复期限自签收之日起算"
        _event(
            req,
            Action.START_PAUSE,
            actor=acting_user,
            on=started_on,
            public_text=f"{PauseKind(kind).label}，征求意见期间不计入答复期限（《条例》第三十三条）。",
            note=f"{party.strip()}，{when}。{note}",
        )
    return pause


def _correction_aware_start(req: DisclosureRequest) -> datetime.date:
    correction = getattr(req, "correction", None)
    if correction is not None and correction.received_on:
        return correction.received_on
    return _known(req.received_on, "收到日期")


def request_pause_end(
    *,
    request: DisclosureRequest,
    ended_on: datetime.date,
    note: str = "",
    acting_user,
) -> ClockPause:
    """The consultation ended (answer received, or the 15 working days passed: Reg. 32
    — no answer, the agency decides). The clock runs again."""
    with transaction.atomic():
        req = _begin(request, Action.END_PAUSE, acting_user, may=permissions.can_handle_request)
        pause = req.pauses.filter(ended_on=None).exclude(kind=PauseKind.FEE).first()
        if pause is None:
            raise RequestError("没有正在进行的征求意见。")
        if ended_on < pause.started_on or ended_on > _today():
            raise RequestError(f"结束日期应在 {pause.started_on} 至今天之间。")
        pause.ended_on = ended_on
        pause.note = (pause.note + "\n" + note).strip() if note else pause.note
        pause.save(update_fields=["ended_on", "note"])
        due = _known(selectors.reply_deadline_of(req), "答复期限")
        _event(
            req,
            Action.END_PAUSE,
            actor=acting_user,
            on=ended_on,
            public_text=f"征求意见结束，恢复计算答复期限：{due.text}。",
            note=note,
        )
    return pause
