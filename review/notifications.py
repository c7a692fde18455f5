"""Emails of the release workflow (F3): when an item reaches someone's stage, comes
back to its drafter, is published, or its scheduled publication fails. Queued as
background tasks (common.mail) that go only if the transaction commits, so a
rolled-back transition sends nothing and a slow mail server slows no page."""

import logging
from contextlib import contextmanager
from contextvars import ContextVar

from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse

from accounts.models import User
from accounts.roles import Role
from common.links import absolute_url
from common.mail import send_later
from disclosure.models import Item, ItemStatus
from review.models import Decision

logger = logging.getLogger(__name__)


def _review_url(item: Item) -> str:
    return absolute_url(reverse("review:item", args=[item.pk]))


def _users_with_role(role: Role):
    return User.objects.filter(is_active=True, groups__name=str(role)).exclude(email="").distinct()


def stage_recipients(item: Item) -> list[User]:
    """Who may act on `item` in its current status (drafter and anyone who decided at
    another stage left out: they may not act)."""
    from review.permissions import transition_refusal
    from review.workflow import STAGE_ROLE, STATUS_STAGE

    if item.status in STATUS_STAGE:
        stage = STATUS_STAGE[item.status]
        name = f"approve_{stage}"
        candidates = _users_with_role(STAGE_ROLE[stage])
        if stage == "first":
            # The producing section's heads, and the head of the office where he
            # reviews at 初审 (`permissions.office_head_reviews_first`).
            candidates = candidates.filter(
                Q(groups=item.section.group) | Q(groups__section__is_office=True)
            ).distinct()
        return [u for u in candidates if transition_refusal(u, item, name) is None]
    if item.status == ItemStatus.APPROVED:
        return list(_users_with_role(Role.OFFICE_REVIEWER))
    return []


def _send(template: str, subject: str, recipients: list[str], context: dict) -> None:
    if not recipients:
        return
    body = render_to_string(f"review/emails/{template}.txt", context)
    for recipient in sorted(set(recipients)):  # one message each: no address lists
        send_later(subject, body, [recipient])


_muted: ContextVar[bool] = ContextVar("review_notifications_muted", default=False)


@contextmanager
def muted():
    """No emails inside (the demo loader walks many items through the workflow)."""
    token = _muted.set(True)
    try:
        yield
    finally:
        _muted.reset(token)


def _later(template: str, subject: str, recipients: list[str], context: dict) -> None:
    if _muted.get():
        return
    _send(template, subject, recipients, context)


def notify_stage_reached(item: Item) -> None:
    recipients = [u.email for u in stage_recipients(item)]
    context = {"item": item, "status": item.get_status_display(), "url": _review_url(item)}
    _later(
        "stage_reached", f"【待办】{item.get_status_display()}：{item.title}", recipients, context
    )


def notify_returned(item: Item, decision: Decision) -> None:
    drafter = item.created_by
    if not drafter.email:
        return
    context = {"item": item, "decision": decision, "url": _review_url(item)}
    _later("returned", f"【退回修改】{item.title}", [drafter.email], context)


def notify_published(item: Item) -> None:
    drafter = item.created_by
    if not drafter.email:
        return
    context = {"item": item, "url": _review_url(item)}
    _later("published", f"【已发布】{item.title}", [drafter.email], context)


def notify_schedule_failed(item: Item, reasons: list[str], scheduled_at) -> None:
    recipients = [u.email for u in _users_with_role(Role.OFFICE_REVIEWER)]
    context = {
        "item": item,
        "reasons": reasons,
        "scheduled_at": scheduled_at,
        "url": _review_url(item),
    }
    _later("schedule_failed", f"【定时发布未执行】{item.title}", recipients, context)
