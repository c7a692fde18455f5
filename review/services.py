"""The release workflow's writes: one service per transition of `review.workflow`.

Each service locks the item (`select_for_update`), refuses a stale form (the
`expected_token` the page was rendered with, see `form_token`), checks the source
state and the acting user's right to act, writes with `update_fields`, records the
decision (`review.models.Decision`) and the audit entry, and queues the emails with
`transaction.on_commit`. Publication always ends in
`disclosure.services.item_mark_published` (the 索引号), inside the same transaction.

Refusals raise `TransitionError` with a Chinese message; `problems` lists every
blocking reason when there are several."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from audit.models import AuditAction
from audit.services import audit_record
from disclosure import services as disclosure_services
from disclosure.choices import Validity
from disclosure.models import Item, ItemStatus
from disclosure.sanitize import clean_html
from review import checks, notifications
from review.checks import publicity_problems, release_problems, security_check
from review.models import Action, ChangeNote, Decision, SignOff, Stage
from review.permissions import can_edit_item_content, reviewer_stage, transition_refusal
from review.revision import content_revision
from review.scanner import html_to_text, scan_item
from review.workflow import (
    NEXT_STATUS,
    READY_STATUSES,
    STAGE_STATUS,
    TRANSITIONS,
    stage_of,
)

logger = logging.getLogger(__name__)
S = ItemStatus


class TransitionError(Exception):
    """A refused step; the message (and `problems`) are shown to the user."""

    def __init__(self, message: str, *, problems: list[str] | None = None):
        super().__init__(message)
        self.message = message
        self.problems = list(problems or [])


class StaleForm(TransitionError):
    """The page the user acted on is out of date: the content changed, or someone
    else acted on the item since it was opened."""


# --- shared steps --------------------------------------------------------------------


def form_token(item: Item) -> str:
    """What a review form was rendered against: the content revision, the status and
    the last decision. A form posted with another token is refused."""
    last = Decision.objects.filter(item=item).order_by("-id").values_list("id", flat=True).first()
    return f"{content_revision(item)}.{item.status}.{last or 0}"


def _check_token(item: Item, expected: str | None) -> None:
    if expected is None:
        return
    current = form_token(item)
    if expected == current:
        return
    if expected.split(".", 1)[0] != current.split(".", 1)[0]:
        raise StaleForm(
            "内容在您打开页面后已被修改，您的操作未执行。请查看最新内容后重新操作（已填写的意见已保留）。"
        )
    last = Decision.objects.filter(item=item).select_related("actor").order_by("-id").first()
    if last is not None:
        when = timezone.localtime(last.created_at)
        raise StaleForm(
            f"该信息已由{last.actor or '系统'}于 {when:%Y-%m-%d %H:%M} 处理"
            f"（{last.get_action_display()}），您的操作未执行。"
            f"当前状态：{item.get_status_display()}。"
        )
    raise StaleForm(f"该信息的状态已变为“{item.get_status_display()}”，您的操作未执行。")


def _lock(item: Item | int) -> Item:
    pk = item if isinstance(item, int) else item.pk
    return Item.objects.select_for_update().get(pk=pk)


def _begin(
    item: Item, acting_user, expected_token: str | None, name: str | Callable[[Item], str]
) -> tuple[Item, str]:
    """Lock, refuse a stale form, check the source state and the user's right."""
    locked = _lock(item)
    _check_token(locked, expected_token)
    name = name(locked) if callable(name) else name
    transition = TRANSITIONS[name]
    if locked.status not in transition.sources:
        raise TransitionError(
            f"当前状态为“{locked.get_status_display()}”，不能{transition.label}。"
        )
    refusal = transition_refusal(acting_user, locked, name)
    if refusal:
        raise TransitionError(refusal)
    return locked, name


def _record(
    item: Item,
    action: Action,
    acting_user,
    *,
    stage: str = "",
    opinion: str = "",
    findings: list | None = None,
) -> Decision:
    return Decision.objects.create(
        item=item,
        action=action,
        stage=stage,
        actor=acting_user if getattr(acting_user, "pk", None) else None,
        opinion=opinion,
        revision=content_revision(item),
        findings=findings or [],
    )


def _audit(action: AuditAction, acting_user, item: Item, detail: str) -> None:
    audit_record(
        action=action,
        actor=acting_user,
        target=item,
        detail=detail,
        actor_name="" if getattr(acting_user, "pk", None) else "系统",
    )


def _save(item: Item, acting_user, *fields: str) -> None:
    if getattr(acting_user, "pk", None):
        item._history_user = acting_user  # django-simple-history: who changed it
    item.save(update_fields=[*fields, "updated_at"])
    # Withdrawal, replacement, changes after publication: the index and the public
    # pages follow in the same transaction.
    disclosure_services.catalogue_item_changed(item=item)


def _set_status(item: Item, status: str, *fields: str, acting_user=None) -> None:
    item.status = status
    _save(item, acting_user, "status", *fields)


def resume_stage(item: Item) -> str:
    """After a return, the review resumes at the stage that returned it (F3)."""
    last_return = Decision.objects.filter(item=item, action=Action.RETURN).order_by("-id").first()
    return last_return.stage if last_return is not None else Stage.FIRST


# --- drafting side -------------------------------------------------------------------


def item_submit(*, item: Item, acting_user, expected_token: str | None = None) -> Item:
    """Draft or returned → 初审 (or, after a return, the stage that returned it)."""
    with transaction.atomic():
        item, _ = _begin(item, acting_user, expected_token, "submit")
        problems = publicity_problems(item)
        if not html_to_text(item.body).strip() and not item.attachments.exists():
            problems.append("正文和附件均为空。")
        # Other apps' rules hold at submission too (e.g. a consultation names its
        # basis, period and contact before anyone reviews it, Art. 7(3)).
        problems.extend(m for m in checks.other_app_blockers(item) if m not in problems)
        if problems:
            raise TransitionError("不能送审：" + "".join(problems), problems=problems)
        stage = resume_stage(item) if item.status == S.RETURNED else Stage.FIRST
        _set_status(item, STAGE_STATUS[stage], acting_user=acting_user)
        _record(item, Action.SUBMIT, acting_user, stage=stage)
        notifications.notify_stage_reached(item)
    return item


def item_set_relations(
    *,
    item: Item,
    acting_user,
    is_signed_document: bool,
    needs_interpretation: bool,
    interprets: Item | None,
    responds_to: Item | None,
    signatory: str,
) -> Item:
    """The release attributes the drafter sets before submission: 签发稿, needs an
    interpretation, interprets / responds to another item, signatory (Art. 7(4),
    9(2)). Only in draft or returned state, by the drafting side."""
    signatory = (signatory or "").strip()
    with transaction.atomic():
        item = _lock(item)
        if not can_edit_item_content(acting_user, item):
            raise TransitionError(
                "只有起草人或本栏目责任股室的工作人员可以在草稿或退回状态下修改。"
            )
        problems = []
        if interprets is not None:
            if interprets.pk == item.pk:
                problems.append("信息不能解读自身。")
            elif interprets.interprets_id:
                problems.append("所选信息本身是解读材料，请选择政策文件。")
            elif interprets.status == S.WITHDRAWN:
                problems.append("所选政策文件已撤回。")
            if needs_interpretation:
                problems.append("解读材料本身不需要再解读。")
            if not signatory:
                problems.append("解读材料须由主要负责人或分管负责人署名。")
        if responds_to is not None and responds_to.pk == item.pk:
            problems.append("信息不能回应自身。")
        if problems:
            raise TransitionError("".join(problems), problems=problems)
        item.is_signed_document = is_signed_document
        item.needs_interpretation = needs_interpretation
        item.interprets = interprets
        item.responds_to = responds_to
        item.signatory = signatory
        _save(
            item,
            acting_user,
            "is_signed_document",
            "needs_interpretation",
            "interprets",
            "responds_to",
            "signatory",
        )
    return item


# --- the three stages -----------------------------------------------------------------


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
        _audit(AuditAction.DECIDE, acting_user, item, f"{decision.get_stage_display()}通过")
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


# --- release -------------------------------------------------------------------------


def _companions(item: Item) -> list[Item]:
    """Items that go public in the same transaction as `item`: a policy and its
    approved interpretations (Art. 7(4): 同步审签、同步部署)."""
    if item.needs_interpretation:
        return list(item.interpretations.filter(status__in=READY_STATUSES).order_by("pk"))
    if item.interprets_id:
        policy = item.interprets
        if policy.status in (S.PUBLISHED, S.WITHDRAWN):
            return []
        siblings = policy.interpretations.filter(status__in=READY_STATUSES).exclude(pk=item.pk)
        return [policy, *siblings.order_by("pk")]
    return []


def _lock_group(item: Item) -> list[Item]:
    """`item` first, then its companions, all locked (in pk order, against deadlocks)."""
    companions = _companions(item)
    pks = sorted({item.pk, *(c.pk for c in companions)})
    locked = {i.pk: i for i in Item.objects.select_for_update().filter(pk__in=pks).order_by("pk")}
    return [locked[item.pk], *(locked[c.pk] for c in companions)]


def _group_problems(main: Item, members: list[Item], *, signed: bool = False) -> list[str]:
    """Every member's release problems (an interpretation's check includes whether its
    policy is ready: Art. 7(4))."""
    problems = []
    for member in members:
        report = security_check(member)
        own = release_problems(member, report=report, signed=signed and member.pk == main.pk)
        prefix = "" if member.pk == main.pk else f"同步发布的《{member.title}》："
        problems.extend(prefix + p for p in own)
    return problems


def _publish(item: Item, acting_user, action: Action, *, opinion: str = "") -> Item:
    """Make one item public. `item_mark_published` assigns the 索引号 and records
    whether the item made its 20-working-day deadline (Art. 7(2), Reg. 26)."""
    published = disclosure_services.item_mark_published(item=item, acting_user=acting_user)
    if published.scheduled_at is not None:
        published.scheduled_at = None
        _save(published, acting_user, "scheduled_at")
    _record(published, action, acting_user, opinion=opinion)
    late = "" if published.published_on_time is not False else "（超过公开期限）"
    _audit(
        AuditAction.PUBLISH,
        acting_user,
        published,
        f"{action.label}，索引号 {published.index_number}{late}",
    )
    notifications.notify_published(published)
    return published


def _refuse_if(problems: list[str], verb: str) -> None:
    if problems:
        raise TransitionError(f"不能{verb}，原因如下：" + "".join(problems), problems=problems)


def item_release(*, item: Item, acting_user, expected_token: str | None = None) -> list[Item]:
    """Approved → published now. A policy goes public together with its approved
    interpretations, an interpretation together with its policy, in one transaction:
    all or none."""
    with transaction.atomic():
        item, _ = _begin(item, acting_user, expected_token, "release")
        members = _lock_group(item)
        problems = _group_problems(item, members)
        for member in members[1:]:
            refusal = transition_refusal(acting_user, member, "release")
            if refusal:
                problems.append(f"同步发布的《{member.title}》：{refusal}")
        _refuse_if(problems, "发布")
        return [_publish(m, acting_user, Action.RELEASE) for m in members]


def item_schedule(
    *, item: Item, when: datetime.datetime, acting_user, expected_token: str | None = None
) -> list[Item]:
    """Approved → scheduled for `when` (the item and its synchronized companions).
    `publish_due` publishes it then, after checking again."""
    if timezone.is_naive(when):
        when = timezone.make_aware(when)
    if when <= timezone.now():
        raise TransitionError("定时发布时间必须晚于当前时间。")
    with transaction.atomic():
        item, _ = _begin(item, acting_user, expected_token, "schedule")
        members = _lock_group(item)
        problems = _group_problems(item, members)
        _refuse_if(problems, "设置定时发布")
        local = timezone.localtime(when)
        for member in members:
            member.scheduled_at = when
            _set_status(member, S.SCHEDULED, "scheduled_at", acting_user=acting_user)
            _record(
                member, Action.SCHEDULE, acting_user, opinion=f"定于 {local:%Y-%m-%d %H:%M} 发布"
            )
    return members


def _unschedule_companions(item: Item, acting_user, *, reason: str) -> None:
    for member in _companions(item):
        locked = _lock(member)
        if locked.status == S.SCHEDULED:
            locked.scheduled_at = None
            _set_status(locked, S.APPROVED, "scheduled_at", acting_user=acting_user)
            _record(locked, Action.UNSCHEDULE, acting_user, opinion=f"同步取消：{reason}")


def item_unschedule(*, item: Item, acting_user, expected_token: str | None = None) -> Item:
    """Scheduled → approved (and the synchronized companions with it)."""
    with transaction.atomic():
        item, _ = _begin(item, acting_user, expected_token, "unschedule")
        _unschedule_companions(item, acting_user, reason=f"《{item.title}》取消定时发布")
        item.scheduled_at = None
        _set_status(item, S.APPROVED, "scheduled_at", acting_user=acting_user)
        _record(item, Action.UNSCHEDULE, acting_user)
    return item


@dataclass
class ScheduledOutcome:
    item: Item
    published: list[Item] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def item_publish_scheduled(
    *, item: Item, acting_user=None, now: datetime.datetime | None = None
) -> ScheduledOutcome:
    """Scheduled → published when its time has come (run by `publish_due`). The check
    runs again; if it fails the item goes back to approved and the office is told."""
    if acting_user is not None:
        raise TransitionError(transition_refusal(acting_user, item, "publish_scheduled"))
    now = now or timezone.now()
    with transaction.atomic():
        item = _lock(item)
        if item.status != S.SCHEDULED or item.scheduled_at is None or item.scheduled_at > now:
            return ScheduledOutcome(item)  # published already, unscheduled, or not yet due
        members = _lock_group(item)
        problems = _group_problems(item, members)
        if problems:
            scheduled_at = item.scheduled_at
            for member in members:
                if member.status == S.SCHEDULED:
                    member.scheduled_at = None
                    _set_status(member, S.APPROVED, "scheduled_at", acting_user=acting_user)
                    _record(
                        member,
                        Action.UNSCHEDULE,
                        None,
                        opinion="定时发布未执行：" + "".join(problems),
                    )
            notifications.notify_schedule_failed(item, problems, scheduled_at)
            return ScheduledOutcome(item, problems=problems)
        published = [_publish(m, None, Action.PUBLISH_SCHEDULED) for m in members]
        return ScheduledOutcome(item, published=published)


def items_publish_due(*, now: datetime.datetime | None = None) -> list[ScheduledOutcome]:
    """Publish every scheduled item whose time has come, each group in its own
    transaction (`manage.py publish_due`, run every minute)."""
    now = now or timezone.now()
    due = list(
        Item.objects.filter(status=S.SCHEDULED, scheduled_at__lte=now)
        .order_by("scheduled_at", "pk")
        .values_list("pk", flat=True)
    )
    outcomes = []
    for pk in due:
        try:
            outcome = item_publish_scheduled(item=Item(pk=pk), now=now)
        except Exception:
            logger.exception("scheduled publication of item %s failed", pk)
            continue
        if outcome.published or outcome.problems:
            outcomes.append(outcome)
    return outcomes


def item_publish_signed(
    *,
    item: Item,
    signer: str,
    signed_on: datetime.date,
    acting_user,
    signer_title: str = "",
    expected_token: str | None = None,
) -> list[Item]:
    """Art. 9(2): a signed document (签发稿) with a clear publicity attribute is
    released on its sign-off record without the three stages. The security check
    still applies; the record says this path was taken and by whom."""
    signer = (signer or "").strip()
    signer_title = (signer_title or "").strip()
    problems = []
    if not signer:
        problems.append("请填写签发人。")
    if signed_on is None:
        problems.append("请填写签发日期。")
    elif signed_on > timezone.localdate():
        problems.append("签发日期不能晚于今天。")
    _refuse_if(problems, "按签发稿发布")
    with transaction.atomic():
        item, _ = _begin(item, acting_user, expected_token, "publish_signed")
        if not item.is_signed_document:
            raise TransitionError("该信息未标记为签发稿，须经初审、复审、终审后发布。")
        members = _lock_group(item)
        problems = _group_problems(item, members, signed=True)
        for member in members[1:]:
            refusal = transition_refusal(acting_user, member, "release")
            if refusal:
                problems.append(f"同步发布的《{member.title}》：{refusal}")
        _refuse_if(problems, "按签发稿发布")
        SignOff.objects.update_or_create(
            item=item,
            defaults={
                "signer": signer,
                "signer_title": signer_title,
                "signed_on": signed_on,
                "recorded_by": acting_user,
            },
        )
        who = f"{signer}（{signer_title}）" if signer_title else signer
        main = _publish(
            item,
            acting_user,
            Action.PUBLISH_SIGNED,
            opinion=f"签发人：{who}，签发日期：{signed_on:%Y-%m-%d}。签发程序视为履行审核程序（第九条第二项）。",
        )
        return [main, *(_publish(m, acting_user, Action.RELEASE) for m in members[1:])]


# --- after release -------------------------------------------------------------------


def item_withdraw(
    *, item: Item, reason: str, acting_user, expected_token: str | None = None
) -> Item:
    """Published → withdrawn. The public page then shows a notice with the date
    instead of the content."""
    reason = (reason or "").strip()
    if not reason:
        raise TransitionError("撤回必须填写理由，理由将在公开页面显示。")
    with transaction.atomic():
        item, _ = _begin(item, acting_user, expected_token, "withdraw")
        item.withdrawn_at = timezone.now()
        item.withdrawal_reason = reason
        _set_status(item, S.WITHDRAWN, "withdrawn_at", "withdrawal_reason", acting_user=acting_user)
        _record(item, Action.WITHDRAW, acting_user, opinion=reason)
        _audit(AuditAction.WITHDRAW, acting_user, item, reason)
    return item


def item_replace(
    *,
    item: Item,
    replacement: Item,
    acting_user,
    note: str = "",
    expected_token: str | None = None,
) -> Item:
    """Point a published (or withdrawn) item to the newer item that replaces it; the
    old public page then points to the new one."""
    with transaction.atomic():
        item, _ = _begin(item, acting_user, expected_token, "replace")
        new = _lock(replacement)
        if new.pk == item.pk:
            raise TransitionError("不能用信息自身替代。")
        if not new.is_public:
            raise TransitionError("替代信息必须是已发布的主动公开信息。")
        if item.replaced_by_id:
            raise TransitionError(f"该信息已被替代为《{item.replaced_by.title}》。")
        if new.replaced_by_id:
            raise TransitionError("所选信息本身已被替代，请选择最新的信息。")
        item.replaced_by = new
        _save(item, acting_user, "replaced_by")
        _record(
            item,
            Action.REPLACE,
            acting_user,
            opinion=(note or "").strip() or f"替代为《{new.title}》（{new.index_number}）",
        )
        _audit(AuditAction.OTHER, acting_user, item, f"替代为 {new.index_number}")
    return item


UPDATABLE_FIELDS = ("title", "summary", "keywords", "document_number", "validity", "body")


def item_update_published(
    *,
    item: Item,
    changes: dict,
    substantive: bool,
    note: str,
    acting_user,
    expected_token: str | None = None,
) -> Item:
    """Change a published item. A substantive change needs a change note, shown with
    its date on the public page; a minor correction may skip it (kept internally).
    The new content passes the security check or the change is refused."""
    unknown = set(changes) - set(UPDATABLE_FIELDS)
    if unknown:
        raise ValueError(f"fields not updatable after publication: {sorted(unknown)}")
    note = (note or "").strip()
    with transaction.atomic():
        item, _ = _begin(item, acting_user, expected_token, "update")
        changes = dict(changes)
        if "body" in changes:
            changes["body"] = clean_html(changes["body"])
        if "validity" in changes and changes["validity"] not in Validity.values:
            raise TransitionError("有效性取值不正确。")
        if "title" in changes and not (changes["title"] or "").strip():
            raise TransitionError("标题不能为空。")
        changed = [name for name, value in changes.items() if getattr(item, name) != value]
        if not changed:
            raise TransitionError("没有修改任何内容。")
        if substantive and not note:
            raise TransitionError(
                "实质性变更必须填写变更说明，说明将与变更日期一同在公开页面显示。"
            )
        for name in changed:
            setattr(item, name, changes[name])
        scan = scan_item(item)
        found = scan.personal_data + scan.sensitive_words
        if found:
            shown = "；".join(f"{f.kind_label} {f.masked}（{f.where}）" for f in found[:8])
            raise TransitionError(f"更新后的内容未通过安全检查：{shown}。")
        _save(item, acting_user, *changed)
        labels = "、".join(str(Item._meta.get_field(n).verbose_name) for n in changed)
        ChangeNote.objects.create(
            item=item,
            note=note,
            substantive=substantive,
            changed_fields=labels[:200],
            recorded_by=acting_user,
        )
        _record(
            item,
            Action.UPDATE,
            acting_user,
            opinion=(note or "轻微更正") + f"（修改：{labels}）",
        )
        _audit(AuditAction.OTHER, acting_user, item, f"发布后更新：{labels}")
    return item


# Every transition of the map and the service that takes it (tests walk this).
SERVICES: dict[str, Callable] = {
    "submit": item_submit,
    "approve_first": review_approve,
    "approve_second": review_approve,
    "approve_final": review_approve,
    "return_first": review_return,
    "return_second": review_return,
    "return_final": review_return,
    "return_approved": review_return,
    "override": review_override,
    "release": item_release,
    "schedule": item_schedule,
    "unschedule": item_unschedule,
    "publish_scheduled": item_publish_scheduled,
    "publish_signed": item_publish_signed,
    "withdraw": item_withdraw,
    "replace": item_replace,
    "update": item_update_published,
}
