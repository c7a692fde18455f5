"""The answer: the section's draft, the office's return or approval with the numbered notice, withdrawal."""

from django.db import transaction

from common.serials import next_serial
from disclosure.selectors import current_organisation
from requests_app import grounds, notices, permissions
from requests_app.grounds import Ground
from requests_app.models import (
    DeliveryKind,
    DisclosureRequest,
    ReasonsDecision,
    RequestFile,
    RequestFileKind,
    RequestKind,
    Serial,
    ServiceMethod,
    Status,
)
from requests_app.outcomes import Outcome, outcome_full_label
from requests_app.selectors import notice_settings
from requests_app.services._common import (
    RequestError,
    _begin,
    _close,
    _event,
    _lock,
    _mail_applicant,
    _move,
    _now,
    _require,
    _store_files,
    _today,
)
from requests_app.services.archive import archive_on_commit
from requests_app.services.deadlines.delivery import REPLY_METHOD, deliver
from requests_app.services.notices import store_notice_pdf
from requests_app.transitions import Action

# -- The answer ---------------------------------------------------------------------


def _public_item_details(index_number: str) -> dict:
    """Reg. 36(1): the answer says where the information is public. The 索引号 must
    name a published 主动公开 item of the catalogue; its title and link are kept."""
    from django.urls import reverse

    from common.links import absolute_url
    from disclosure.models import Item

    item = Item.objects.published().filter(index_number=index_number.strip()).first()
    if item is None:
        raise RequestError(
            f"索引号“{index_number.strip()}”不是本平台已发布的主动公开信息，"
            "请核对后填写（第三十六条第（一）项须告知获取该信息的方式和途径）。"
        )
    return {
        "public_index": item.index_number,
        "public_title": item.title,
        "public_url": absolute_url(reverse("disclosure:item", args=[item.pk])),
        "public_item_id": item.pk,
    }


def _set_draft(req: DisclosureRequest, ground: str, details: dict, text: str, acting_user) -> str:
    """Check what the ground needs of the request itself and set the draft; the
    table 三 row it counts in."""
    if req.pauses.filter(ended_on=None).exists():
        raise RequestError("征求意见尚未结束，请先登记征求意见结果。")
    if grounds.GROUNDS[Ground(ground)].kind != req.kind:
        raise RequestError(
            "更正申请须按第四十一条答复。"
            if req.kind == RequestKind.RECORD_CORRECTION
            else "第四十一条的答复只适用于更正申请。"
        )
    if grounds.GROUNDS[Ground(ground)].needs_correction and not (
        getattr(req, "correction", None) and req.correction.received_on
    ):
        raise RequestError("“补正后申请内容仍不明确”只适用于已补正的申请。")
    if ground == Ground.EXCESSIVE:
        # Reg. 35: 不予处理 only after the applicant was asked for reasons and they
        # were found unreasonable (or none came in time).
        reasons = getattr(req, "reasons_request", None)
        if reasons is None or reasons.decision not in (
            ReasonsDecision.UNREASONABLE,
            ReasonsDecision.NO_ANSWER,
        ):
            raise RequestError(
                "按第三十五条不予处理，须先要求申请人说明理由，并认定理由不合理或逾期未说明。"
            )
    if "public_index" in details:
        details.update(_public_item_details(details["public_index"]))
    outcome = grounds.outcome_for(ground, details)
    req.draft_ground = ground
    req.draft_details = details
    req.draft_outcome = outcome
    req.draft_text = (text or "").strip()
    req.drafted_by = acting_user
    req.drafted_at = _now()
    req.return_opinion = ""
    return outcome


def _checked_ground(ground: str, details: dict | None) -> dict:
    if ground not in Ground.values:
        raise RequestError("请选择答复依据。")
    cleaned, errors = grounds.clean_details(ground, details or {})
    if errors:
        raise RequestError("".join(errors.values()))
    return cleaned


def request_draft_submit(
    *,
    request: DisclosureRequest,
    ground: str,
    details: dict | None = None,
    text: str = "",
    files=(),
    acting_user,
) -> DisclosureRequest:
    """The section's draft answer on one legal ground (`requests_app.grounds`) with
    the details that ground asks for, for the office's approval. The table 三 row
    (`draft_outcome`) follows from the ground."""
    details = _checked_ground(ground, details)
    with transaction.atomic():
        req = _begin(request, Action.SUBMIT_DRAFT, acting_user, may=permissions.can_handle_request)
        _store_files(req, files, kind=RequestFileKind.REPLY, acting_user=acting_user)
        outcome = _set_draft(req, ground, details, text, acting_user)
        _move(Action.SUBMIT_DRAFT, req, Status.DRAFTED)
        req.save(
            update_fields=[
                "draft_ground",
                "draft_details",
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
            note=f"拟答复依据：{Ground(ground).label}；计入：{outcome_full_label(outcome)}",
        )
    return req


def request_draft_return(
    *, request: DisclosureRequest, opinion: str, acting_user
) -> DisclosureRequest:
    _require(permissions.can_manage_requests(acting_user))
    if not opinion.strip():
        raise RequestError("退回须填写意见。")
    with transaction.atomic():
        req = _begin(request, Action.RETURN_DRAFT)
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
        req = _begin(request, Action.APPROVE)
        if req.drafted_by_id == acting_user.pk:
            raise RequestError("拟稿人不能审批自己起草的答复。")
        if not req.draft_ground:
            raise RequestError("答复意见未注明答复依据，请退回承办股室按答复依据重新拟稿。")
        _issue(req, Action.APPROVE, acting_user, reply_method=None)
    return req


def _issue(req: DisclosureRequest, action: Action, acting_user, *, reply_method) -> None:
    """Close `req` on its drafted ground: the numbered, dated notice naming the
    remedies, its sealed PDF, the outcome, and the reply's delivery (by the
    applicant's chosen way unless `reply_method` says otherwise)."""
    today = _today()
    serial = next_serial(Serial, counter="last", scope="notice", year=today.year)
    number = notices.notice_number(today.year, serial)
    organisation = current_organisation()
    remedies = notice_settings()
    req.notice_number = number
    req.ground = req.draft_ground
    req.ground_details = req.draft_details
    req.notice_text = notices.render_notice(
        request=req,
        ground=req.ground,
        details=req.ground_details,
        number=number,
        issued_on=today,
        body=req.draft_text,
        organisation_name=organisation.name if organisation else "",
        remedies=remedies,
    )
    store_notice_pdf(req, remedies)
    req.approved_by = acting_user
    _close(req, action, req.draft_outcome, today)
    archive_on_commit(req)
    req.save(
        update_fields=[
            "notice_number",
            "notice_text",
            "notice_pdf",
            "notice_pdf_sha256",
            "ground",
            "ground_details",
            "approved_by",
            "status",
            "outcome",
            "closed_on",
            "updated_at",
        ]
    )
    deliver(
        req,
        DeliveryKind.REPLY,
        reply_method or REPLY_METHOD.get(req.delivery_method, ServiceMethod.POST),
        sent_on=today,
        acting_user=acting_user,
    )
    text = f"已答复（{number}）：{outcome_full_label(req.outcome)}。"
    _event(req, action, actor=acting_user, on=today, public_text=text)
    _mail_applicant(req, "申请已答复", text + "\n请凭申请编号和查询码在线查看答复告知书。")


def request_withdraw(*, request: DisclosureRequest, note: str, acting_user) -> DisclosureRequest:
    """The applicant withdrew the request (recorded by the office): closes as 其他."""
    _require(permissions.can_manage_requests(acting_user))
    if not note.strip():
        raise RequestError("请记录申请人撤回申请的方式和时间。")
    with transaction.atomic():
        req = _begin(request, Action.WITHDRAW)
        _close(req, Action.WITHDRAW, Outcome.OTHER, _today())
        archive_on_commit(req)
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


def reply_file_add(*, request: DisclosureRequest, file, acting_user) -> RequestFile:
    with transaction.atomic():
        req = _lock(request)
        _require(permissions.can_handle_request(acting_user, req))
        if req.status not in (Status.ASSIGNED, Status.RECEIVED):
            raise RequestError("只有办理中的申请可以添加答复材料。")
        return _store_files(req, [file], kind=RequestFileKind.REPLY, acting_user=acting_user)[0]
