"""The clock's steps: correction (Reg. 30), consultations (Reg. 32-34), extension (Reg. 33), fees (Reg. 42)."""

import datetime
from decimal import Decimal

from django.db import transaction

from requests_app import clock, fees, permissions, selectors
from requests_app.models import (
    ClockPause,
    Correction,
    DisclosureRequest,
    Extension,
    ExtensionStatus,
    FeeScheme,
    PauseKind,
    Status,
)
from requests_app.outcomes import Outcome
from requests_app.services._common import (
    RequestError,
    _check,
    _close,
    _event,
    _known,
    _lock,
    _mail_applicant,
    _move,
    _now,
    _require,
    _today,
)
from requests_app.transitions import Action

# -- The clock: correction, pauses, extension, fees ---------------------------------------


def request_correction_ask(
    *,
    request: DisclosureRequest,
    items: str,
    days: int = clock.CORRECTION_DEFAULT_WORKDAYS,
    on: datetime.date | None = None,
    acting_user,
) -> Correction:
    """Reg. 30: tell the applicant once, within 7 working days of receipt, what to
    correct and by when. The reply period stops and restarts when the corrected
    request arrives."""
    on = on or _today()
    if not items.strip():
        raise RequestError("请写明需要补正的事项。")
    if not 1 <= days <= 60:
        raise RequestError("补正期限应为 1 至 60 个工作日。")
    with transaction.atomic():
        req = _lock(request)
        _require(permissions.can_handle_request(acting_user, req))
        _check(Action.REQUEST_CORRECTION, req)
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
        due = clock.simple_deadline(on, days, "补正告知")
        due_on = _known(due.day, "补正期限")
        correction = Correction.objects.create(
            request=req,
            requested_on=on,
            items=items.strip(),
            days_allowed=days,
            due_on=due_on,
            due_confirmed=due.confirmed,
            requested_by=acting_user,
        )
        _move(Action.REQUEST_CORRECTION, req, Status.AWAITING_CORRECTION)
        req.save(update_fields=["status", "updated_at"])
        summary = items.strip().rstrip("。；;.")
        if len(summary) > 120:
            summary = summary[:120] + "…"
        text = f"告知补正：{summary}。请于 {due.day} 前补正（{due.text}）。"
        _event(req, Action.REQUEST_CORRECTION, actor=acting_user, on=on, public_text=text)
        _mail_applicant(req, "请补正申请", text)
    return correction


def request_correction_receive(
    *, request: DisclosureRequest, received_on: datetime.date, note: str = "", acting_user
) -> DisclosureRequest:
    """The corrected request arrived: the reply period restarts from that day
    (Reg. 30: 答复期限自行政机关收到补正的申请之日起计算)."""
    with transaction.atomic():
        req = _lock(request)
        _require(permissions.can_handle_request(acting_user, req))
        _check(Action.RECEIVE_CORRECTION, req)
        correction = req.correction
        if received_on > _today() or received_on < correction.requested_on:
            raise RequestError("收到补正日期应在补正告知之日至今天之间。")
        if received_on > correction.due_on and not note.strip():
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
        req = _lock(request)
        if acting_user is not None:
            _require(permissions.can_handle_request(acting_user, req))
        _check(Action.LAPSE_CORRECTION, req)
        due = req.correction.due_on
        if today <= due:
            raise RequestError(f"补正期限 {due} 尚未届满，不能按逾期不补正处理。")
        _close(req, Action.LAPSE_CORRECTION, Outcome.OTHER_NO_CORRECTION, today)
        req.save(update_fields=["status", "outcome", "closed_on", "updated_at"])
        _event(
            req,
            Action.LAPSE_CORRECTION,
            actor=acting_user,
            on=today,
            public_text=f"申请人未在 {due} 前补正，视为放弃申请，不再处理（《条例》第三十条）。",
        )
    return req


def request_pause_start(
    *,
    request: DisclosureRequest,
    kind: str,
    party: str,
    started_on: datetime.date,
    note: str = "",
    acting_user,
) -> ClockPause:
    """Consult a third party (Reg. 32: they have 15 working days) or another agency
    (Reg. 34); the time is not counted in the reply period (Reg. 33(3))."""
    if kind not in (PauseKind.THIRD_PARTY, PauseKind.OTHER_AGENCY):
        raise RequestError("请选择征求第三方意见或征求其他机关意见。")
    if not party.strip():
        raise RequestError("请填写征求意见的对象。")
    with transaction.atomic():
        req = _lock(request)
        _require(permissions.can_handle_request(acting_user, req))
        _check(Action.START_PAUSE, req)
        if req.pauses.filter(ended_on=None).exists():
            raise RequestError("已有尚未结束的征求意见，请先登记其结束。")
        start = _correction_aware_start(req)
        if started_on > _today() or started_on < start:
            raise RequestError(f"征求意见日期应在 {start} 至今天之间。")
        reply = selectors.reply_deadline_of(req)
        if reply and reply.day and started_on > reply.day:
            raise RequestError(f"答复期限已于 {reply.day} 届满，不能再暂停计时。")
        due = clock.simple_deadline(
            started_on,
            clock.THIRD_PARTY_WORKDAYS
            if kind == PauseKind.THIRD_PARTY
            else clock.OTHER_AGENCY_WORKDAYS,
            "发出征求意见书",
        )
        pause = ClockPause.objects.create(
            request=req,
            kind=kind,
            party=party.strip(),
            started_on=started_on,
            reply_due_on=due.day,
            reply_due_confirmed=due.confirmed,
            note=note,
            created_by=acting_user,
        )
        _event(
            req,
            Action.START_PAUSE,
            actor=acting_user,
            on=started_on,
            public_text=f"{PauseKind(kind).label}，征求意见期间不计入答复期限（《条例》第三十三条）。",
            note=f"{party.strip()}，应于 {due.day} 前答复（{due.text}）。{note}",
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
        req = _lock(request)
        _require(permissions.can_handle_request(acting_user, req))
        _check(Action.END_PAUSE, req)
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


def request_extension_apply(
    *, request: DisclosureRequest, days: int, reason: str, acting_user
) -> Extension:
    """Ask to extend the reply period (Reg. 33(2)): once, at most 20 working days,
    before the period runs out; the head of the office decides."""
    if not 1 <= days <= clock.EXTENSION_MAX_WORKDAYS:
        raise RequestError("延期最长不得超过 20 个工作日（《条例》第三十三条）。")
    if not reason.strip():
        raise RequestError("请说明延期理由。")
    with transaction.atomic():
        req = _lock(request)
        _require(permissions.can_handle_request(acting_user, req))
        _check(Action.APPLY_EXTENSION, req)
        existing = Extension.objects.filter(request=req).first()
        if existing is not None and existing.status != ExtensionStatus.REFUSED:
            raise RequestError("答复期限只能延长一次（《条例》第三十三条），本申请已申请过延期。")
        reply = selectors.reply_deadline_of(req)
        if reply is None or reply.day is None:
            raise RequestError("答复期限暂停计算期间不能申请延期。")
        if _today() > reply.day:
            raise RequestError(f"答复期限已于 {reply.day} 届满，不能再申请延期。")
        values = {
            "days": days,
            "reason": reason.strip(),
            "status": ExtensionStatus.PENDING,
            "requested_by": acting_user,
            "requested_at": _now(),
            "decided_by": None,
            "decided_on": None,
            "decision_note": "",
        }
        if existing is None:
            extension = Extension.objects.create(request=req, **values)
        else:  # a refused extension may be asked for again
            extension = existing
            for k, v in values.items():
                setattr(extension, k, v)
            extension.save()
        _event(
            req,
            Action.APPLY_EXTENSION,
            actor=acting_user,
            on=_today(),
            note=f"申请延期 {days} 个工作日：{reason.strip()}",
        )
    return extension


def request_extension_decide(
    *, request: DisclosureRequest, approve: bool, note: str = "", acting_user
) -> Extension:
    """The head of the disclosure office approves or refuses the extension; an
    approval is notified to the applicant (Reg. 33(2))."""
    with transaction.atomic():
        req = _lock(request)
        _require(
            permissions.can_decide_extension(acting_user, req),
            "延期答复须经政府信息公开工作机构负责人（局办公室负责人）同意。",
        )
        _check(Action.DECIDE_EXTENSION, req)
        extension = Extension.objects.select_for_update().filter(request=req).first()
        if extension is None or extension.status != ExtensionStatus.PENDING:
            raise RequestError("没有待审批的延期申请。")
        if approve:
            before = selectors.reply_deadline_of(req)
            if before is None or before.day is None or _today() > before.day:
                raise RequestError("原答复期限已届满或暂停计算，不能批准延期。")
        extension.status = ExtensionStatus.APPROVED if approve else ExtensionStatus.REFUSED
        extension.decided_by = acting_user
        extension.decided_on = _today()
        extension.decision_note = note.strip()[:300]
        extension.save(update_fields=["status", "decided_by", "decided_on", "decision_note"])
        req.extension = extension
        if approve:
            due = _known(selectors.reply_deadline_of(req), "答复期限")
            text = (
                f"经政府信息公开工作机构负责人同意，答复期限延长 {extension.days} 个工作日，"
                f"延长后的答复期限为 {due.day}（{due.text}）。"
            )
            _event(req, Action.DECIDE_EXTENSION, actor=acting_user, on=_today(), public_text=text)
            _mail_applicant(req, "延期答复告知", text)
        else:
            _event(
                req,
                Action.DECIDE_EXTENSION,
                actor=acting_user,
                on=_today(),
                note=f"未批准延期。{note}",
            )
    return extension


def request_fee_notify(
    *, request: DisclosureRequest, scheme: str, pages: int = 0, acting_user
) -> DisclosureRequest:
    """Charge an 信息处理费 (Reg. 42, 国办函〔2020〕109号). The amount is computed by the
    chosen scheme: 按件 from the applicant's requests received in the calendar month,
    按量 from the page count. The time until payment is not counted; the applicant
    has 20 working days to pay."""
    if scheme not in (FeeScheme.PER_REQUEST, FeeScheme.PER_PAGE):
        raise RequestError("请选择按件计收或按量计收。")
    with transaction.atomic():
        req = _lock(request)
        _require(permissions.can_handle_request(acting_user, req))
        _check(Action.NOTIFY_FEE, req)
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
        due = clock.simple_deadline(today, clock.FEE_PAYMENT_WORKDAYS, "发出收费通知")
        req.fee_scheme = scheme
        req.fee_quantity = quantity
        req.fee_amount = fee.amount
        req.fee_explanation = fee.explanation
        req.fee_notified_on = today
        req.fee_due_on = due.day
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
            reply_due_on=due.day,
            reply_due_confirmed=due.confirmed,
            created_by=acting_user,
        )
        text = (
            f"发出收费通知：{fee.explanation}。请于 {due.day} 前缴纳（{due.text}），"
            "逾期未缴纳视为放弃申请；收费期间不计入答复期限。"
        )
        _event(req, Action.NOTIFY_FEE, actor=acting_user, on=today, public_text=text)
        _mail_applicant(req, "信息处理费收费通知", text)
    return req


def request_fee_record_payment(
    *, request: DisclosureRequest, paid_on: datetime.date, acting_user
) -> DisclosureRequest:
    with transaction.atomic():
        req = _lock(request)
        _require(permissions.can_handle_request(acting_user, req))
        _check(Action.RECORD_PAYMENT, req)
        if paid_on < _known(req.fee_notified_on, "缴费通知日期") or paid_on > _today():
            raise RequestError(f"缴费日期应在 {req.fee_notified_on} 至今天之间。")
        if paid_on > _known(req.fee_due_on, "缴费期限"):
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
        req = _lock(request)
        if acting_user is not None:
            _require(permissions.can_handle_request(acting_user, req))
        _check(Action.LAPSE_FEE, req)
        if today <= _known(req.fee_due_on, "缴费期限"):
            raise RequestError(f"缴费期限 {req.fee_due_on} 尚未届满。")
        _close(req, Action.LAPSE_FEE, Outcome.OTHER_FEE_UNPAID, today)
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
