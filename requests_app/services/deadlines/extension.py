"""Extension of the reply period (Reg. 33(2)), approved by the head of the office."""

from django.db import transaction

from requests_app import clock, permissions, selectors
from requests_app.models import (
    DisclosureRequest,
    Extension,
    ExtensionStatus,
)
from requests_app.services._common import (
    RequestError,
    _begin,
    _event,
    _known,
    _mail_applicant,
    _now,
    _today,
)
from requests_app.transitions import Action


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
        req = _begin(
            request, Action.APPLY_EXTENSION, acting_user, may=permissions.can_handle_request
        )
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
        req = _begin(
            request,
            Action.DECIDE_EXTENSION,
            acting_user,
            may=permissions.can_decide_extension,
            refusal="延期答复须经政府信息公开工作机构负责人（局办公室负责人）同意。",
        )
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
