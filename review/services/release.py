"""Release: now, scheduled, or by the signed document; a policy and its
interpretations go public together (Art. 7(4))."""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from audit.models import AuditAction
from disclosure import services as disclosure_services
from disclosure.models import Item
from review import notifications
from review.checks import release_problems, security_check, stage_decisions
from review.models import Action, SignOff
from review.permissions import transition_refusal
from review.services._common import (
    S,
    TransitionError,
    _audit,
    _begin,
    _lock,
    _record,
    _save,
    _set_status,
)
from review.workflow import READY_STATUSES, STAGE_ORDER

# The package's name: logging configuration does not follow the split.
logger = logging.getLogger("review.services")


def _companions(item: Item) -> list[Item]:
    """Items that go public in the same transaction as `item`: a policy and its
    approved interpretations (Art. 7(4): 同步审签、同步部署)."""
    if item.needs_interpretation:
        return list(item.interpretations.filter(status__in=READY_STATUSES).order_by("pk"))
    policy = item.interprets
    if policy is not None:
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
    problems: list[str] = []
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
    decision = _record(published, action, acting_user, opinion=opinion)
    late = "" if published.published_on_time is not False else "（超过公开期限）"
    _audit(
        AuditAction.PUBLISH,
        acting_user,
        published,
        f"{action.label}，索引号 {published.index_number}，内容版本 {decision.revision}"
        f"{_approved_by(published)}{late}",
    )
    notifications.notify_published(published)
    return published


def _approved_by(item: Item) -> str:
    """Which revision each stage approved (F3), for the audit entry of a release."""
    latest = stage_decisions(item)
    parts = [
        f"{stage.label} {latest[stage].actor} 版本 {latest[stage].revision}"
        for stage in STAGE_ORDER
        if stage in latest and latest[stage].action == Action.APPROVE
    ]
    return "；" + "，".join(parts) if parts else ""


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
        refusal = transition_refusal(acting_user, item, "publish_scheduled")
        raise TransitionError(refusal or "定时发布只由系统按时执行。")
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
    # Only the keys: each service call locks and re-reads its item.
    due = list(
        Item.objects.filter(status=S.SCHEDULED, scheduled_at__lte=now)
        .order_by("scheduled_at", "pk")
        .only("pk")
    )
    outcomes = []
    for item in due:
        try:
            outcome = item_publish_scheduled(item=item, now=now)
        except Exception:
            logger.exception("scheduled publication of item %s failed", item.pk)
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
