"""Intake: online submissions, paper registrations, receipt, assignment, and the tracking check."""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from audit.models import AuditAction
from audit.services import audit_record
from common.serials import next_serial
from disclosure.models import Section
from requests_app import permissions, selectors
from requests_app.codes import code_digest, code_matches
from requests_app.models import (
    Channel,
    DiscardReason,
    DisclosureRequest,
    RequestFileKind,
    RequestKind,
    Serial,
    Status,
)
from requests_app.outcomes import ORGANISATION_ONLY_FIELDS, ApplicantType
from requests_app.services._common import (
    APPLICANT_FIELDS,
    RequestError,
    _begin,
    _event,
    _known,
    _mail_applicant,
    _move,
    _new_code,
    _now,
    _require,
    _store_files,
    _today,
    format_code,
    normalise_code,
    normalise_tracking_number,
)
from requests_app.transitions import Action

# -- Intake -------------------------------------------------------------------------


@dataclass(frozen=True)
class Submission:
    request: DisclosureRequest
    query_code: str  # shown once; only its hash is stored


def _create(*, data: dict, channel: str, status: Status, received_on, receipt_note, acting_user):
    now = _now()
    code = _new_code()
    fields = {k: data.get(k, "") or "" for k in APPLICANT_FIELDS}
    if fields["applicant_type"] != ApplicantType.ORGANISATION:
        fields.update(dict.fromkeys(ORGANISATION_ONLY_FIELDS, ""))
    with transaction.atomic():
        serial = next_serial(
            Serial, counter="last", scope="tracking", year=timezone.localdate(now).year
        )
        number = f"YSQ{timezone.localdate(now).year}{serial:05d}"
        req = DisclosureRequest.objects.create(
            tracking_number=number,
            query_code_hash=code_digest(tracking_number=number, code=code),
            channel=channel,
            submitted_at=now,
            received_on=received_on,
            receipt_note=receipt_note,
            status=status,
            registered_by=acting_user if getattr(acting_user, "is_authenticated", False) else None,
            kind=data.get("kind") or RequestKind.DISCLOSURE,
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
        req = _begin(request, Action.CONFIRM_RECEIPT)
        if received_on > _today():
            raise RequestError("确认收到日期不能晚于今天。")
        if received_on < timezone.localdate(req.submitted_at):
            raise RequestError("确认收到日期不能早于申请提交日期。")
        _move(Action.CONFIRM_RECEIPT, req, Status.RECEIVED)
        req.received_on = received_on
        req.save(update_fields=["status", "received_on", "updated_at"])
        due = _known(selectors.reply_deadline_of(req), "答复期限")
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


def request_discard_propose(
    *, request: DisclosureRequest, reason: str, note: str = "", acting_user
) -> DisclosureRequest:
    """The office proposes not to take an online submission as a request, with a
    reason from the list (`DiscardReason`); the head of the office decides."""
    _require(permissions.can_manage_requests(acting_user))
    if reason not in DiscardReason.values:
        raise RequestError("请从列表中选择作废原因。")
    note = (note or "").strip()
    if reason == DiscardReason.DUPLICATE and not note:
        raise RequestError("重复提交的，请注明按哪一申请编号办理。")
    with transaction.atomic():
        req = _begin(request, Action.PROPOSE_DISCARD)
        if req.discard_proposed_by_id:
            raise RequestError("已提请作废，等待办公室负责人审批。")
        req.discard_reason = reason
        req.discard_note = note[:300]
        req.discard_proposed_by = acting_user
        req.save(
            update_fields=["discard_reason", "discard_note", "discard_proposed_by", "updated_at"]
        )
        _event(
            req,
            Action.PROPOSE_DISCARD,
            actor=acting_user,
            on=_today(),
            note=f"{DiscardReason(reason).label}{('：' + note) if note else ''}",
        )
    return req


def request_discard(*, request: DisclosureRequest, acting_user) -> DisclosureRequest:
    """The head of the office approves the proposed discard: the submission never
    counts as received (no table 三 row) and is closed without outcome; the
    decision is audited and counted by reason (`selectors.discarded_counts`)."""
    _require(
        permissions.can_decide_discard(acting_user),
        "作废网上提交须经办公室负责人批准。",
    )
    with transaction.atomic():
        req = _begin(request, Action.DISCARD)
        if not req.discard_proposed_by_id:
            raise RequestError("请先由办公室工作人员选择作废原因提请作废。")
        if req.discard_proposed_by_id == acting_user.pk:
            raise RequestError("提请作废的人不能自己批准作废。")
        req.discard_approved_by = acting_user
        _move(Action.DISCARD, req, Status.DISCARDED)
        req.save(update_fields=["discard_approved_by", "status", "updated_at"])
        label = DiscardReason(req.discard_reason).label
        _event(
            req,
            Action.DISCARD,
            actor=acting_user,
            on=_today(),
            public_text=f"该提交未作为政府信息公开申请受理（{label}）。",
            note=req.discard_note,
        )
        audit_record(
            action=AuditAction.OTHER,
            actor=acting_user,
            target=req,
            detail=f"批准作废网上提交：{label}；提请人 {req.discard_proposed_by}",
        )
    return req


def request_assign(
    *, request: DisclosureRequest, section: Section, acting_user
) -> DisclosureRequest:
    """The office assigns (or reassigns) the request to the responsible section;
    that section's staff then see and handle it."""
    _require(permissions.can_manage_requests(acting_user))
    with transaction.atomic():
        req = _begin(request, Action.ASSIGN)
        old = req.section
        req.section = section
        req.assigned_at = _now()
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


# -- Tracking -------------------------------------------------------------------------


def request_check_code(*, tracking_number: str, code: str) -> DisclosureRequest | None:
    """The request if the pair matches, else None — the same answer (and about the
    same time: one keyed hash either way) whether the number is unknown or the code
    is wrong."""
    number = normalise_tracking_number(tracking_number)
    code = normalise_code(code)
    req = DisclosureRequest.objects.filter(tracking_number=number).first() if number else None
    if req is None:
        code_digest(tracking_number=number or "", code=code)
        return None
    matches = code_matches(
        stored=req.query_code_hash, tracking_number=req.tracking_number, code=code
    )
    return req if matches else None
