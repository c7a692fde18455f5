"""Complaints (申诉/投诉) and 行政复议/行政诉讼 records."""

import datetime

from django.db import transaction

from requests_app import clock, permissions, selectors
from requests_app.models import (
    Complaint,
    ComplaintStatus,
    DisclosureRequest,
    RemedyCase,
    Status,
)
from requests_app.outcomes import RemedyResult
from requests_app.services._common import (
    RequestError,
    _event,
    _known,
    _lock,
    _mail_applicant,
    _now,
    _require,
    _today,
)

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
        overdue = selectors.request_clock(req, _today()).overdue
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
            submitted_at=_now(),
            received_on=today,
            due_on=_known(due.day, "答复期限"),
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
