"""Every write of the requests app. Views, commands and the demo call these; each
transition locks the request, checks the transitions map and the permission, saves
with `update_fields`, records a dated step and queues mail on commit."""

import datetime
import logging
import secrets
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from disclosure.models import Section
from disclosure.selectors import current_organisation
from disclosure.uploads import validate_upload
from requests_app import clock, fees, notices, permissions, selectors
from requests_app.models import (
    Channel,
    ClockPause,
    Complaint,
    ComplaintStatus,
    Correction,
    DisclosureRequest,
    Extension,
    ExtensionStatus,
    FeeScheme,
    PauseKind,
    RemedyCase,
    RequestEvent,
    RequestFile,
    RequestFileKind,
    Serial,
    Status,
)
from requests_app.outcomes import Outcome, RemedyResult, outcome_full_label
from requests_app.transitions import TRANSITIONS, Action

logger = logging.getLogger(__name__)


class RequestError(Exception):
    """A refused operation; the message (Chinese) is shown to the user."""


TransitionError = RequestError

# The secret query code: 10 characters without look-alikes (0/O, 1/I/L).
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10

APPLICANT_FIELDS = (
    "applicant_type",
    "organisation_kind",
    "applicant_name",
    "id_type",
    "id_number",
    "legal_representative",
    "contact_person",
    "phone",
    "email",
    "address",
    "postcode",
    "info_title",
    "info_document_number",
    "info_description",
    "info_form",
    "delivery_method",
)


def _today() -> datetime.date:
    return timezone.localdate()


def _next_serial(scope: str, year: int) -> int:
    """The next number of `scope` in `year`; run inside a transaction. The UPDATE
    takes the row lock, so concurrent callers queue and never share a number; a
    rolled-back caller rolls its number back too."""
    for _attempt in range(5):
        if Serial.objects.filter(scope=scope, year=year).update(last=F("last") + 1):
            break
        try:
            with transaction.atomic():
                Serial.objects.create(scope=scope, year=year, last=1)
            break
        except IntegrityError:
            continue  # created meanwhile by another transaction: increment it
    return Serial.objects.get(scope=scope, year=year).last


def normalise_code(code: str) -> str:
    return "".join(code.split()).replace("-", "").upper()


def normalise_tracking_number(number: str) -> str:
    return "".join(number.split()).replace("-", "").upper()


def format_code(code: str) -> str:
    return f"{code[:5]}-{code[5:]}"


def _new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def _lock(request: DisclosureRequest) -> DisclosureRequest:
    return (
        DisclosureRequest.objects.select_for_update(of=("self",))
        .select_related("section", "section__group")
        .get(pk=request.pk)
    )


def _check(action: Action, req: DisclosureRequest) -> None:
    if Status(req.status) not in TRANSITIONS[action].sources:
        raise RequestError(
            f"申请当前状态为“{req.get_status_display()}”，不能执行“{action.label}”。"
        )


def _move(action: Action, req: DisclosureRequest, target: Status) -> None:
    assert target in TRANSITIONS[action].targets, (action, target)
    req.status = target


def _event(
    req: DisclosureRequest,
    action: Action | str,
    *,
    actor=None,
    on: datetime.date | None = None,
    public_text: str = "",
    note: str = "",
) -> RequestEvent:
    return RequestEvent.objects.create(
        request=req,
        action=str(action),
        at=timezone.now(),
        on=on,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        public_text=public_text[:300],
        note=note,
    )


def _mail_applicant(req: DisclosureRequest, subject: str, body: str) -> None:
    """Mail the applicant after commit, if they gave an address."""
    if not req.email:
        return
    email = req.email
    text = (
        f"{body}\n\n申请编号：{req.tracking_number}\n"
        f"查询办理进度：{settings.SITE_URL}/requests/track/\n"
        "（本邮件由系统自动发送，请勿直接回复。）"
    )
    transaction.on_commit(lambda: _send(f"【政府信息公开申请】{subject}", text, email))


def _send(subject: str, text: str, to: str) -> None:
    # A mail failure must not undo or hide the recorded step: log it, staff can resend.
    try:
        send_mail(subject, text, None, [to])
    except Exception:  # noqa: BLE001 — any transport error
        logger.exception("requests_app: could not mail %s", subject)


def _require(ok: bool, message: str = "您没有权限执行此操作。") -> None:
    if not ok:
        raise RequestError(message)


def _store_files(req, files, *, kind: str, acting_user=None) -> list[RequestFile]:
    stored = []
    for f in files or []:
        checked = validate_upload(f)  # raises ValidationError (Chinese) on bad content/size
        stored.append(
            RequestFile.objects.create(
                request=req,
                kind=kind,
                file=f,
                name=f.name[:200],
                content_type=checked.content_type,
                size=checked.size,
                uploaded_by=acting_user
                if getattr(acting_user, "is_authenticated", False)
                else None,
            )
        )
    return stored


def _close(req: DisclosureRequest, action: Action, outcome: str, on: datetime.date) -> None:
    """Conclude: outcome and closing date together (the annual report reads them)."""
    _move(action, req, Status.CLOSED)
    req.outcome = outcome
    req.closed_on = on
    # A pause cannot outlive the request.
    req.pauses.filter(ended_on=None).update(ended_on=on)


# -- Intake -------------------------------------------------------------------------


@dataclass(frozen=True)
class Submission:
    request: DisclosureRequest
    query_code: str  # shown once; only its hash is stored


def _create(*, data: dict, channel: str, status: Status, received_on, receipt_note, acting_user):
    now = timezone.now()
    code = _new_code()
    fields = {k: data.get(k, "") or "" for k in APPLICANT_FIELDS}
    with transaction.atomic():
        serial = _next_serial("tracking", timezone.localdate(now).year)
        req = DisclosureRequest.objects.create(
            tracking_number=f"YSQ{timezone.localdate(now).year}{serial:05d}",
            query_code_hash=make_password(code),
            channel=channel,
            submitted_at=now,
            received_on=received_on,
            receipt_note=receipt_note,
            status=status,
            registered_by=acting_user if getattr(acting_user, "is_authenticated", False) else None,
            **fields,
        )
    return req, code


def request_submit(*, data: dict, files=(), acting_user=None) -> Submission:
    """An online request from the public form (Reg. 29). It waits for staff to
    confirm receipt: Reg. 31, an online request is received on the day both sides
    confirm, and the clock starts then."""
    with transaction.atomic():
        req, code = _create(
            data=data,
            channel=Channel.ONLINE,
            status=Status.SUBMITTED,
            received_on=None,
            receipt_note="",
            acting_user=None,
        )
        _store_files(req, files, kind=RequestFileKind.SUPPORTING)
        _event(
            req,
            Action.SUBMIT,
            on=_today(),
            public_text="网上提交申请，等待工作人员确认收到。",
        )
        _mail_applicant(
            req,
            "申请已提交",
            f"您的政府信息公开申请已提交。\n查询码：{format_code(code)}\n"
            "请妥善保管申请编号和查询码，凭二者查询办理进度。",
        )
    return Submission(req, code)


def request_register(
    *,
    data: dict,
    channel: str,
    received_on: datetime.date,
    receipt_note: str = "",
    files=(),
    acting_user,
) -> Submission:
    """A request received in person, by post or by fax, registered by the office
    with its Reg. 31 date of receipt (in person: the day handed in; post: the day
    signed for, ordinary mail: the day confirmed with the applicant; fax: the day
    both sides confirm)."""
    _require(permissions.can_manage_requests(acting_user))
    if channel == Channel.ONLINE:
        raise RequestError("网上申请由申请人在线提交，请使用“确认收到申请”。")
    if received_on > _today():
        raise RequestError("收到申请日期不能晚于今天。")
    with transaction.atomic():
        req, code = _create(
            data=data,
            channel=channel,
            status=Status.RECEIVED,
            received_on=received_on,
            receipt_note=receipt_note,
            acting_user=acting_user,
        )
        _store_files(req, files, kind=RequestFileKind.SUPPORTING, acting_user=acting_user)
        rule = Channel(channel).receipt_rule
        _event(
            req,
            Action.REGISTER,
            actor=acting_user,
            on=received_on,
            public_text=f"{Channel(channel).label}，收到申请日期 {received_on}（{rule}），"
            "开始计算答复期限。",
            note=receipt_note,
        )
        _mail_applicant(
            req,
            "申请已登记",
            f"您的政府信息公开申请已登记，收到日期为 {received_on}。\n查询码：{format_code(code)}",
        )
    return Submission(req, code)


def request_confirm_receipt(
    *, request: DisclosureRequest, received_on: datetime.date | None = None, acting_user
) -> DisclosureRequest:
    """Reg. 31: an online request is received on the day both sides confirm it;
    staff record that day (today unless given)."""
    _require(permissions.can_manage_requests(acting_user))
    received_on = received_on or _today()
    with transaction.atomic():
        req = _lock(request)
        _check(Action.CONFIRM_RECEIPT, req)
        if received_on > _today():
            raise RequestError("确认收到日期不能晚于今天。")
        if received_on < timezone.localdate(req.submitted_at):
            raise RequestError("确认收到日期不能早于申请提交日期。")
        _move(Action.CONFIRM_RECEIPT, req, Status.RECEIVED)
        req.received_on = received_on
        req.save(update_fields=["status", "received_on", "updated_at"])
        due = selectors.reply_deadline_of(req)
        _event(
            req,
            Action.CONFIRM_RECEIPT,
            actor=acting_user,
            on=received_on,
            public_text=f"确认收到申请，收到日期 {received_on}，答复期限 {due.day}。",
        )
        _mail_applicant(
            req,
            "已确认收到申请",
            f"本机关已于 {received_on} 确认收到您的申请，将在 {due.day} 前答复。\n{due.text}",
        )
    return req


def request_discard(*, request: DisclosureRequest, reason: str, acting_user) -> DisclosureRequest:
    """An online submission that is not a request (a test, spam, a duplicate
    submission) never counts as received and is closed without outcome."""
    _require(permissions.can_manage_requests(acting_user))
    if not reason.strip():
        raise RequestError("请说明作废原因。")
    with transaction.atomic():
        req = _lock(request)
        _check(Action.DISCARD, req)
        _move(Action.DISCARD, req, Status.DISCARDED)
        req.save(update_fields=["status", "updated_at"])
        _event(
            req,
            Action.DISCARD,
            actor=acting_user,
            on=_today(),
            public_text="该提交未作为政府信息公开申请受理。",
            note=reason,
        )
    return req


def request_assign(
    *, request: DisclosureRequest, section: Section, acting_user
) -> DisclosureRequest:
    """The office assigns (or reassigns) the request to the responsible section;
    that section's staff then see and handle it."""
    _require(permissions.can_manage_requests(acting_user))
    with transaction.atomic():
        req = _lock(request)
        _check(Action.ASSIGN, req)
        old = req.section
        req.section = section
        req.assigned_at = timezone.now()
        _move(Action.ASSIGN, req, Status.ASSIGNED)
        req.save(update_fields=["section", "assigned_at", "status", "updated_at"])
        permissions.sync_request_permissions(request=req, old_section=old)
        _event(
            req,
            Action.ASSIGN,
            actor=acting_user,
            on=_today(),
            public_text="已转承办股室办理。" if old is None else "",
            note=f"分办至{section.name}" + (f"（原{old.name}）" if old else ""),
        )
    return req


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
        if on > _today() or on < req.received_on:
            raise RequestError("补正告知日期应在收到申请之日至今天之间。")
        window = clock.correction_window_end(req.received_on)
        if on > window.day:
            raise RequestError(
                f"补正应在收到申请之日起 7 个工作日内告知（《条例》第三十条）：{window.text}，"
                "已超过期限。"
            )
        due = clock.simple_deadline(on, days, "补正告知")
        correction = Correction.objects.create(
            request=req,
            requested_on=on,
            items=items.strip(),
            days_allowed=days,
            due_on=due.day,
            due_confirmed=due.confirmed,
            requested_by=acting_user,
        )
        _move(Action.REQUEST_CORRECTION, req, Status.AWAITING_CORRECTION)
        req.save(update_fields=["status", "updated_at"])
        text = f"告知补正：{items.strip()[:120]}。请于 {due.day} 前补正（{due.text}）。"
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
        due = selectors.reply_deadline_of(req)
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
    return req.received_on


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
        due = selectors.reply_deadline_of(req)
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
            "requested_at": timezone.now(),
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
            due = selectors.reply_deadline_of(req)
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
        if paid_on < req.fee_notified_on or paid_on > _today():
            raise RequestError(f"缴费日期应在 {req.fee_notified_on} 至今天之间。")
        if paid_on > req.fee_due_on:
            raise RequestError(f"缴费期限已于 {req.fee_due_on} 届满，应按逾期未缴费处理。")
        req.fee_paid_on = paid_on
        _move(Action.RECORD_PAYMENT, req, Status.ASSIGNED)
        req.save(update_fields=["fee_paid_on", "status", "updated_at"])
        req.pauses.filter(kind=PauseKind.FEE, ended_on=None).update(ended_on=paid_on)
        due = selectors.reply_deadline_of(req)
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
        if today <= req.fee_due_on:
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


# -- The answer ---------------------------------------------------------------------


def request_draft_submit(
    *, request: DisclosureRequest, outcome: str, text: str, files=(), acting_user
) -> DisclosureRequest:
    """The section's draft answer with its outcome, for the office's approval."""
    if outcome not in Outcome.values:
        raise RequestError("请选择办理结果。")
    if outcome in (Outcome.OTHER_NO_CORRECTION, Outcome.OTHER_FEE_UNPAID):
        raise RequestError("逾期不补正、逾期未缴费由系统按期限办结，不能作为答复意见提交。")
    if not text.strip():
        raise RequestError("请填写答复内容。")
    with transaction.atomic():
        req = _lock(request)
        _require(permissions.can_handle_request(acting_user, req))
        _check(Action.SUBMIT_DRAFT, req)
        if req.pauses.filter(ended_on=None).exists():
            raise RequestError("征求意见尚未结束，请先登记征求意见结果。")
        if outcome == Outcome.UNAVAILABLE_STILL_UNCLEAR and not (
            getattr(req, "correction", None) and req.correction.received_on
        ):
            raise RequestError("“补正后申请内容仍不明确”只适用于已补正的申请。")
        _store_files(req, files, kind=RequestFileKind.REPLY, acting_user=acting_user)
        req.draft_outcome = outcome
        req.draft_text = text.strip()
        req.drafted_by = acting_user
        req.drafted_at = timezone.now()
        req.return_opinion = ""
        _move(Action.SUBMIT_DRAFT, req, Status.DRAFTED)
        req.save(
            update_fields=[
                "draft_outcome",
                "draft_text",
                "drafted_by",
                "drafted_at",
                "return_opinion",
                "status",
                "updated_at",
            ]
        )
        _event(
            req,
            Action.SUBMIT_DRAFT,
            actor=acting_user,
            on=_today(),
            note=f"拟办理结果：{outcome_full_label(outcome)}",
        )
    return req


def request_draft_return(
    *, request: DisclosureRequest, opinion: str, acting_user
) -> DisclosureRequest:
    _require(permissions.can_manage_requests(acting_user))
    if not opinion.strip():
        raise RequestError("退回须填写意见。")
    with transaction.atomic():
        req = _lock(request)
        _check(Action.RETURN_DRAFT, req)
        req.return_opinion = opinion.strip()
        _move(Action.RETURN_DRAFT, req, Status.ASSIGNED)
        req.save(update_fields=["return_opinion", "status", "updated_at"])
        _event(req, Action.RETURN_DRAFT, actor=acting_user, on=_today(), note=opinion.strip())
    return req


def request_approve(*, request: DisclosureRequest, acting_user) -> DisclosureRequest:
    """The office approves the draft: the request closes with its outcome and the
    numbered reply notice is generated with its legal basis."""
    _require(permissions.can_manage_requests(acting_user))
    with transaction.atomic():
        req = _lock(request)
        _check(Action.APPROVE, req)
        if req.drafted_by_id == acting_user.pk:
            raise RequestError("拟稿人不能审批自己起草的答复。")
        today = _today()
        serial = _next_serial("notice", today.year)
        number = notices.notice_number(today.year, serial)
        organisation = current_organisation()
        req.notice_number = number
        req.notice_text = notices.render_notice(
            request=req,
            outcome=req.draft_outcome,
            number=number,
            issued_on=today,
            body=req.draft_text,
            organisation_name=organisation.name if organisation else "",
        )
        req.approved_by = acting_user
        _close(req, Action.APPROVE, req.draft_outcome, today)
        req.save(
            update_fields=[
                "notice_number",
                "notice_text",
                "approved_by",
                "status",
                "outcome",
                "closed_on",
                "updated_at",
            ]
        )
        text = f"已答复（{number}）：{outcome_full_label(req.outcome)}。"
        _event(req, Action.APPROVE, actor=acting_user, on=today, public_text=text)
        _mail_applicant(req, "申请已答复", text + "\n请凭申请编号和查询码在线查看答复告知书。")
    return req


def request_withdraw(*, request: DisclosureRequest, note: str, acting_user) -> DisclosureRequest:
    """The applicant withdrew the request (recorded by the office): closes as 其他."""
    _require(permissions.can_manage_requests(acting_user))
    if not note.strip():
        raise RequestError("请记录申请人撤回申请的方式和时间。")
    with transaction.atomic():
        req = _lock(request)
        _check(Action.WITHDRAW, req)
        _close(req, Action.WITHDRAW, Outcome.OTHER, _today())
        req.save(update_fields=["status", "outcome", "closed_on", "updated_at"])
        _event(
            req,
            Action.WITHDRAW,
            actor=acting_user,
            on=_today(),
            public_text="申请人撤回申请，办理终止。",
            note=note,
        )
    return req


# -- Tracking -------------------------------------------------------------------------

_DUMMY_HASH: list[str] = []


def request_check_code(*, tracking_number: str, code: str) -> DisclosureRequest | None:
    """The request if the pair matches, else None — the same answer (and about the
    same time) whether the number is unknown or the code is wrong."""
    number = normalise_tracking_number(tracking_number)
    code = normalise_code(code)
    req = DisclosureRequest.objects.filter(tracking_number=number).first() if number else None
    if req is None:
        if not _DUMMY_HASH:
            _DUMMY_HASH.append(make_password(_new_code()))
        check_password(code, _DUMMY_HASH[0])
        return None
    return req if code and check_password(code, req.query_code_hash) else None


# -- Complaints and remedies -------------------------------------------------------------


def complaint_submit(*, request: DisclosureRequest, kind: str, text: str) -> Complaint:
    """An applicant's 申诉/投诉 from the tracking page, about a handled request or one
    past its reply deadline. It gets its own deadline."""
    if not text.strip():
        raise RequestError("请填写申诉/投诉的内容。")
    if len(text) > 5000:
        raise RequestError("内容不能超过 5000 字。")
    with transaction.atomic():
        req = _lock(request)
        overdue = selectors.request_clock(req).overdue
        if req.status != Status.CLOSED and not overdue:
            raise RequestError("申请办结后（或超过答复期限仍未答复时）才能提出申诉/投诉。")
        if req.complaints.filter(status=ComplaintStatus.OPEN).exists():
            raise RequestError("您的申诉/投诉正在处理中，请等待答复后再提出。")
        today = _today()
        due = clock.simple_deadline(today, clock.COMPLAINT_REPLY_WORKDAYS, "收到申诉/投诉")
        complaint = Complaint.objects.create(
            request=req,
            kind=kind,
            text=text.strip(),
            submitted_at=timezone.now(),
            received_on=today,
            due_on=due.day,
            due_confirmed=due.confirmed,
        )
        _event(
            req,
            "complaint",
            on=today,
            public_text=f"收到{complaint.get_kind_display()}，将于 {due.day} 前处理答复。",
        )
    return complaint


def complaint_answer(*, complaint: Complaint, answer: str, acting_user) -> Complaint:
    _require(permissions.can_answer_complaint(acting_user, complaint))
    if not answer.strip():
        raise RequestError("请填写处理结果。")
    with transaction.atomic():
        locked = Complaint.objects.select_for_update().get(pk=complaint.pk)
        if locked.status != ComplaintStatus.OPEN:
            raise RequestError("该申诉/投诉已答复。")
        locked.status = ComplaintStatus.ANSWERED
        locked.answer = answer.strip()
        locked.answered_by = acting_user
        locked.answered_on = _today()
        locked.save(update_fields=["status", "answer", "answered_by", "answered_on"])
        _event(
            locked.request,
            "complaint_answered",
            actor=acting_user,
            on=locked.answered_on,
            public_text=f"{locked.get_kind_display()}已处理答复。",
        )
        _mail_applicant(locked.request, "申诉/投诉处理结果", locked.answer)
    return locked


def remedy_record(
    *,
    request: DisclosureRequest,
    kind: str,
    filed_on: datetime.date,
    case_number: str = "",
    authority: str = "",
    note: str = "",
    acting_user,
) -> RemedyCase:
    """Record a 行政复议 or 行政诉讼 about a request (annual report table 四)."""
    _require(permissions.can_record_remedy(acting_user))
    if request.received_on is None:
        raise RequestError("未受理的提交不能登记行政复议或行政诉讼。")
    if filed_on > _today():
        raise RequestError("受理/立案日期不能晚于今天。")
    if filed_on < request.received_on:
        raise RequestError("受理/立案日期不能早于收到申请日期。")
    case = RemedyCase.objects.create(
        request=request,
        kind=kind,
        filed_on=filed_on,
        case_number=case_number.strip(),
        authority=authority.strip(),
        note=note,
        recorded_by=acting_user,
    )
    _event(request, "remedy", actor=acting_user, on=filed_on, note=f"登记{case.get_kind_display()}")
    return case


def remedy_conclude(
    *, case: RemedyCase, result: str, concluded_on: datetime.date, acting_user
) -> RemedyCase:
    """Record the result of a case (维持, 纠正, 其他)."""
    _require(permissions.can_record_remedy(acting_user))
    if result not in (RemedyResult.UPHELD, RemedyResult.CORRECTED, RemedyResult.OTHER):
        raise RequestError("请选择审结结果：结果维持、结果纠正或其他结果。")
    with transaction.atomic():
        locked = RemedyCase.objects.select_for_update().get(pk=case.pk)
        if locked.concluded_on is not None:
            raise RequestError("该案件已登记审结结果。")
        if concluded_on < locked.filed_on or concluded_on > _today():
            raise RequestError(f"审结日期应在 {locked.filed_on} 至今天之间。")
        locked.result = result
        locked.concluded_on = concluded_on
        locked.save(update_fields=["result", "concluded_on"])
        _event(
            locked.request,
            "remedy_concluded",
            actor=acting_user,
            on=concluded_on,
            note=f"{locked.get_kind_display()}审结：{locked.get_result_display()}",
        )
    return locked


def reply_file_add(*, request: DisclosureRequest, file, acting_user) -> RequestFile:
    with transaction.atomic():
        req = _lock(request)
        _require(permissions.can_handle_request(acting_user, req))
        if req.status not in (Status.ASSIGNED, Status.RECEIVED):
            raise RequestError("只有办理中的申请可以添加答复材料。")
        return _store_files(req, [file], kind=RequestFileKind.REPLY, acting_user=acting_user)[0]
