"""The three review stages (三审): approve, return, and the security-check override."""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction

from audit.models import AuditAction
from disclosure.models import Item
from review import notifications
from review.checks import security_check
from review.models import Action, Decision, Stage
from review.permissions import reviewer_stage
from review.revision import content_revision
from review.services._common import (
    S,
    TransitionError,
    _audit,
    _begin,
    _record,
    _set_status,
)
from review.services.release import _unschedule_companions
from review.workflow import (
    NEXT_STATUS,
    READY_STATUSES,
    TRANSITIONS,
    stage_of,
)


def _stage_transition(kind: str, expected_stage: str | None = None) -> Callable[[Item], str]:
    def name(item: Item) -> str:
        if expected_stage:
            # Refused by the source-state check unless the item is at that stage
            # ("approved": an approved or scheduled item returned before release).
            return f"{kind}_{expected_stage}"
        stage = stage_of(item.status)
        if stage is not None:
            return f"{kind}_{stage}"
        if kind == "return" and item.status in READY_STATUSES:
            return "return_approved"
        return f"{kind}_first"  # refused by the source-state check with its message

    return name


def review_approve(
    *,
    item: Item,
    acting_user,
    opinion: str = "",
    stage: str | None = None,
    expected_token: str | None = None,
) -> Item:
    """Approve at the item's current stage: 初审 → 复审 → 终审 → approved. With
    `stage`, refuse unless the item is at that stage."""
    with transaction.atomic():
        item, name = _begin(item, acting_user, expected_token, _stage_transition("approve", stage))
        stage = TRANSITIONS[name].stage
        submission = (
            Decision.objects.filter(item=item, action=Action.SUBMIT).order_by("-id").first()
        )
        if submission is None or submission.revision != content_revision(item):
            # F3: a content change after approval voids the approvals of the old content.
            raise TransitionError(
                "内容在送审后已被修改，本轮已作出的审核意见均已失效。请退回起草人，由其确认修改后重新送审。"
            )
        _set_status(item, NEXT_STATUS[Stage(stage)], acting_user=acting_user)
        decision = _record(
            item, Action.APPROVE, acting_user, stage=stage, opinion=(opinion or "").strip()
        )
        _audit(
            AuditAction.DECIDE,
            acting_user,
            item,
            f"{decision.get_stage_display()}通过（内容版本 {decision.revision}）",
        )
        notifications.notify_stage_reached(item)
    return item


def review_return(
    *,
    item: Item,
    acting_user,
    opinion: str,
    stage: str | None = None,
    expected_token: str | None = None,
) -> Item:
    """Send the item back to its drafter with a written opinion (required). Also
    possible for an approved or scheduled item before it goes public. With `stage`,
    refuse unless the item is at that stage."""
    opinion = (opinion or "").strip()
    if not opinion:
        raise TransitionError("退回必须填写审核意见，写明需要修改的内容。")
    with transaction.atomic():
        item, name = _begin(item, acting_user, expected_token, _stage_transition("return", stage))
        stage = TRANSITIONS[name].stage or reviewer_stage(acting_user)
        if item.status == S.SCHEDULED:
            _unschedule_companions(item, acting_user, reason=f"《{item.title}》被退回修改")
        item.scheduled_at = None
        _set_status(item, S.RETURNED, "scheduled_at", acting_user=acting_user)
        decision = _record(item, Action.RETURN, acting_user, stage=stage, opinion=opinion)
        _audit(
            AuditAction.DECIDE, acting_user, item, f"{decision.get_stage_display()}退回：{opinion}"
        )
        notifications.notify_returned(item, decision)
    return item


def review_override(
    *, item: Item, acting_user, reason: str, expected_token: str | None = None
) -> Decision:
    """The leader confirms the release over personal-data, sensitive-word or
    unreadable-attachment findings, with a recorded reason (F3). The confirmation
    covers the current content and the findings listed; a later change voids it."""
    reason = (reason or "").strip()
    if not reason:
        raise TransitionError("请填写越过安全检查发布的理由。")
    with transaction.atomic():
        item, _ = _begin(item, acting_user, expected_token, "override")
        if item.status in (S.DRAFT, S.RETURNED) and not item.is_signed_document:
            raise TransitionError("草稿须先经三审；只有按签发稿发布的信息在此状态下确认。")
        report = security_check(item)
        if not report.overridable:
            raise TransitionError("当前没有需要领导确认的个人信息、敏感词或无法读取的附件。")
        decision = _record(
            item,
            Action.OVERRIDE,
            acting_user,
            opinion=reason,
            findings=report.overridable_fingerprint(),
        )
        _audit(
            AuditAction.OVERRIDE,
            acting_user,
            item,
            f"理由：{reason}；发现：" + "；".join(b.message for b in report.overridable),
        )
    return decision
