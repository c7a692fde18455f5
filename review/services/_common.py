"""Shared steps of the release workflow's services: the refusal classes, the stale-form
token, locking, the source-state and permission check (`_begin`), decisions and audit."""

from __future__ import annotations

from collections.abc import Callable

from django.utils import timezone

from audit.models import AuditAction
from audit.services import audit_record
from common.errors import PortalError
from common.history import record_history
from disclosure import services as disclosure_services
from disclosure.models import Item, ItemStatus
from review.checks import first_open_stage
from review.models import Action, Decision, Stage
from review.permissions import transition_refusal
from review.revision import content_revision
from review.workflow import TRANSITIONS

S = ItemStatus


class TransitionError(PortalError):
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
        record_history(item, user=acting_user)
    item.save(update_fields=[*fields, "updated_at"])
    # Withdrawal, replacement, changes after publication: the search index and the
    # public pages follow in the same transaction.
    disclosure_services.catalogue_item_changed(item=item)


def _set_status(item: Item, status: str, *fields: str, acting_user=None) -> None:
    item.status = status
    _save(item, acting_user, "status", *fields)


def resume_stage(item: Item) -> str:
    """Where a (re)submission enters the 三审: the first stage that has not approved
    the current content (F3). Unchanged content returned at 复审 resumes at 复审; any
    change of content after an approval starts again at 初审."""
    return first_open_stage(item) or Stage.FIRST
