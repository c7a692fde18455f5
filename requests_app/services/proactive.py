"""Reg. 44: from information asked for on request to proactive disclosure."""

from django.db import transaction

from audit.models import AuditAction
from audit.services import audit_record
from disclosure.models import Item
from requests_app import permissions, selectors
from requests_app.models import DisclosureRequest, ProactiveProposal, ProposalStatus
from requests_app.services._common import RequestError, _event, _require, _today

DISCLOSABLE = ("disclosed", "partial")


def proactive_proposal_create(
    *, request: DisclosureRequest, note: str, acting_user
) -> ProactiveProposal:
    """Propose that the information a closed request obtained (予以公开 or 部分公开)
    be disclosed proactively; the other requests for the same information are
    attached (`selectors.same_information`)."""
    _require(permissions.can_manage_requests(acting_user))
    note = (note or "").strip()
    if not note:
        raise RequestError(
            "请写明纳入主动公开的理由（如多个申请人申请相同信息，《条例》第四十四条）。"
        )
    with transaction.atomic():
        req = DisclosureRequest.objects.select_for_update().get(pk=request.pk)
        if req.outcome not in DISCLOSABLE:
            raise RequestError("只有予以公开或部分公开的信息可以纳入主动公开。")
        title = req.info_summary
        if ProactiveProposal.objects.filter(info_title=title, status=ProposalStatus.OPEN).exists():
            raise RequestError(f"“{title}”已有待办理的主动公开建议。")
        proposal = ProactiveProposal.objects.create(
            info_title=title, note=note, proposed_by=acting_user
        )
        proposal.requests.set(selectors.same_information(req))
        _event(req, "proactive_proposed", actor=acting_user, on=_today(), note=note)
    return proposal


def proactive_proposal_resolve(
    *,
    proposal: ProactiveProposal,
    item: Item | None = None,
    decline_reason: str = "",
    acting_user,
) -> ProactiveProposal:
    """Close a proposal: with the catalogue item now public (published, 主动公开), or
    declined with a reason."""
    _require(permissions.can_manage_requests(acting_user))
    decline_reason = (decline_reason or "").strip()
    if (item is None) == (not decline_reason):
        raise RequestError("请选择已主动公开的信息，或填写不纳入主动公开的理由（二者选一）。")
    with transaction.atomic():
        proposal = ProactiveProposal.objects.select_for_update().get(pk=proposal.pk)
        if proposal.status != ProposalStatus.OPEN:
            raise RequestError("该建议已办理。")
        if item is not None:
            if not Item.objects.published().filter(pk=item.pk).exists():
                raise RequestError("所选信息尚未作为主动公开信息发布，请发布后再登记。")
            proposal.item = item
            proposal.status = ProposalStatus.PUBLISHED
        else:
            proposal.status = ProposalStatus.DECLINED
            proposal.decision_note = decline_reason
        proposal.decided_by = acting_user
        proposal.decided_on = _today()
        proposal.save(update_fields=["item", "status", "decision_note", "decided_by", "decided_on"])
        audit_record(
            action=AuditAction.OTHER,
            actor=acting_user,
            target=proposal,
            detail=f"依申请转主动公开：{proposal.get_status_display()}"
            + (f"（{item.index_number}）" if item is not None else f"（{decline_reason}）"),
        )
    return proposal
