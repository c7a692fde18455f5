"""Correction (补正, Reg. 30): asked once, received, or lapsed."""

import datetime

from django.db import transaction

from requests_app import clock, permissions, selectors
from requests_app.models import (
    Correction,
    DeliveryKind,
    DisclosureRequest,
    RequestFileKind,
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
    _lock,
    _mail_applicant,
    _move,
    _store_files,
    _today,
)
from requests_app.services.archive import archive_on_commit
from requests_app.services.deadlines.delivery import correction_due, deliver, service_method
from requests_app.transitions import Action


def request_correction_ask(
    *,
    request: DisclosureRequest,
    items: str,
    days: int = clock.CORRECTION_DEFAULT_WORKDAYS,
    on: datetime.date | None = None,
    method: str = ServiceMethod.ONLINE,
    acting_user,
) -> Correction:
    """Reg. 30: tell the applicant once, within 7 working days of receipt, what to
    correct and by when. The reply period stops and restarts when the corrected
    request arrives. The `days` given to the applicant run from the receipt of the
    notice: sent online, from sending; by post, from the signed-for date."""
    service_method(method)
    on = on or _today()
    if not items.strip():
        raise RequestError("请写明需要补正的事项。")
    if not 1 <= days <= 60:
        raise RequestError("补正期限应为 1 至 60 个工作日。")
    with transaction.atomic():
        req = _begin(
            request, Action.REQUEST_CORRECTION, acting_user, may=permissions.can_handle_request
        )
        if Correction.objects.filter(request=req).exists():
            raise RequestError("补正只能一次性告知（《条例》第三十条），本申请已告知过补正。")
        received_on = _known(req.received_on, "收到日期")
        if on > _today() or on < received_on:
            raise RequestError("补正告知日期应在收到申请之日至今天之间。")
        window = clock.correction_window_end(received_on)
        if on > _known(window.day, "补正期限"):
            raise RequestError(
                f"补正应在收到申请之日起 7 个工作日内告知（《条例》第三十条）：{window.text}，"
                "已超过期限。"
            )
        due = correction_due(days, on) if method != ServiceMethod.POST else None
        correction = Correction.objects.create(
            request=req,
            requested_on=on,
            items=items.strip(),
            days_allowed=days,
            due_on=due.day if due else None,
            due_confirmed=due.confirmed if due else True,
            requested_by=acting_user,
        )
        deliver(req, DeliveryKind.CORRECTION_NOTICE, method, sent_on=on, acting_user=acting_user)
        _move(Action.REQUEST_CORRECTION, req, Status.AWAITING_CORRECTION)
        req.save(update_fields=["status", "updated_at"])
        summary = items.strip().rstrip("。；;.")
        if len(summary) > 120:
            summary = summary[:120] + "…"
        if due is not None:
            text = f"告知补正：{summary}。请于 {due.day} 前补正（{due.text}）。"
        else:
            text = f"告知补正：{summary}。补正告知书已邮寄，补正期限为签收之日起 {days} 个工作日。"
        _event(req, Action.REQUEST_CORRECTION, actor=acting_user, on=on, public_text=text)
        _mail_applicant(req, "请补正申请", text)
    return correction


def request_correction_receive(
    *, request: DisclosureRequest, received_on: datetime.date, note: str = "", acting_user
) -> DisclosureRequest:
    """The corrected request arrived: the reply period restarts from that day
    (Reg. 30: 答复期限自行政机关收到补正的申请之日起计算)."""
    with transaction.atomic():
        req = _begin(
            request, Action.RECEIVE_CORRECTION, acting_user, may=permissions.can_handle_request
        )
        correction = req.correction
        if received_on > _today() or received_on < correction.requested_on:
            raise RequestError("收到补正日期应在补正告知之日至今天之间。")
        if correction.due_on and received_on > correction.due_on and not note.strip():
            raise RequestError(
                f"补正期限已于 {correction.due_on} 届满；逾期补正须说明申请人的正当理由。"
            )
        correction.received_on = received_on
        correction.save(update_fields=["received_on"])
        _move(
            Action.RECEIVE_CORRECTION,
            req,
            Status.ASSIGNED if req.section_id else Status.RECEIVED,
        )
        req.save(update_fields=["status", "updated_at"])
        due = _known(selectors.reply_deadline_of(req), "答复期限")
        _event(
            req,
            Action.RECEIVE_CORRECTION,
            actor=acting_user,
            on=received_on,
            public_text=f"收到补正后的申请，答复期限重新计算：{due.text}。",
            note=note,
        )
    return req


def request_correction_lapse(
    *, request: DisclosureRequest, acting_user=None, today: datetime.date | None = None
) -> DisclosureRequest:
    """Reg. 30: no correction by the deadline: the request counts as abandoned and
    closes as 逾期不补正. `acting_user` None = the daily job."""
    today = today or _today()
    with transaction.atomic():
        req = _begin(
            request, Action.LAPSE_CORRECTION, acting_user, may=permissions.can_handle_request
        )
        due = _known(req.correction.due_on, "补正期限（补正告知书尚未登记签收）")
        if today <= due:
            raise RequestError(f"补正期限 {due} 尚未届满，不能按逾期不补正处理。")
        _close(req, Action.LAPSE_CORRECTION, Outcome.OTHER_NO_CORRECTION, today)
        archive_on_commit(req)
        req.save(update_fields=["status", "outcome", "closed_on", "updated_at"])
        _event(
            req,
            Action.LAPSE_CORRECTION,
            actor=acting_user,
            on=today,
            public_text=f"申请人未在 {due} 前补正，视为放弃申请，不再处理（《条例》第三十条）。",
        )
    return req


CORRECTION_UPLOADS_MAX = 3


def request_correction_upload(*, request: DisclosureRequest, text: str, files=()) -> int:
    """The applicant sends the corrected request from the tracking page (files checked
    like the request form's). Reg. 31: online, the date of receipt is the day both
    sides confirm, so staff then record 收到补正申请 with that date. Returns the
    number of files stored."""
    text = (text or "").strip()
    if not text and not files:
        raise RequestError("请填写补正内容或上传补正材料。")
    with transaction.atomic():
        req = _lock(request)
        if req.status != Status.AWAITING_CORRECTION:
            raise RequestError("该申请当前不需要补正。")
        if req.events.filter(action="correction_uploaded").count() >= CORRECTION_UPLOADS_MAX:
            raise RequestError(
                f"在线补正最多提交 {CORRECTION_UPLOADS_MAX} 次，如需补充请联系办公室。"
            )
        stored = _store_files(req, files, kind=RequestFileKind.CORRECTION)
        _event(
            req,
            "correction_uploaded",
            on=_today(),
            public_text=f"已在线提交补正材料（{len(stored)} 个文件），待工作人员确认收到。",
            note=text,
        )
    return len(stored)
