"""Citizens' comments: submission (rate-limited, de-duplicated), moderation, adoption."""

import datetime
import hashlib
import unicodedata

from django.db import IntegrityError, transaction
from django.utils import timezone

from common import ratelimit
from consultations import permissions
from consultations.models import (
    Adoption,
    Comment,
    CommentStatus,
    Consultation,
    Moderation,
    ModerationAction,
)
from consultations.services._common import (
    COMMENT_LIMIT,
    COMMENT_MAX_CHARS,
    CommentRateLimited,
    CommentRefused,
    ConsultationError,
)


def _normalise(text: str) -> str:
    # Chinese text has no spaces between words: whitespace is dropped altogether;
    # full-width letters and digits fold to their ASCII forms (NFKC).
    return "".join(unicodedata.normalize("NFKC", text).split()).lower()


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def client_digest(address: str) -> str:
    """A keyed digest of the client address: enough to spot repeats, without
    keeping the address itself."""
    return ratelimit.client_digest(address, purpose="consultation-comment")


def comment_submit(
    *,
    consultation: Consultation,
    author_name: str,
    contact: str,
    body: str,
    draft_section: str = "",
    client_address: str,
    now: datetime.datetime | None = None,
) -> Comment:
    """A citizen's comment. Refused (CommentRefused, with the reason in Chinese)
    outside the consultation's window — whatever the page showed when it was
    loaded — over the rate limit, or as a duplicate. The comment waits for
    moderation: nothing of it is public yet."""
    now = now or timezone.now()
    body = body.strip()
    locked = (
        Consultation.objects.public()
        .select_related("item", "feedback_item")
        .filter(pk=consultation.pk)
        .first()
    )
    if locked is None:
        raise CommentRefused("该意见征集不存在或未公开。")
    # Art. 7(3)2: comments only within the published 征集时限, both ends included.
    if now < locked.opens_at:
        raise CommentRefused(
            f"意见征集尚未开始（开始时间 {_fmt(locked.opens_at)}），暂不能提交意见。"
        )
    if now > locked.closes_at:
        raise CommentRefused(f"意见征集已于 {_fmt(locked.closes_at)} 截止，不再接收意见。")
    if not body:
        raise CommentRefused("请填写意见内容。")
    if len(body) > COMMENT_MAX_CHARS:
        raise CommentRefused(f"意见内容不能超过 {COMMENT_MAX_CHARS} 字。")
    if draft_section and draft_section not in locked.section_choices:
        raise CommentRefused("所选章节不属于本征求意见稿，请重新选择。")
    if not ratelimit.hit(COMMENT_LIMIT, client_address):
        raise CommentRateLimited(
            "提交过于频繁，请稍后（最多 10 分钟）再试。您填写的内容仍保留在表单中。"
        )
    body_digest = _digest(_normalise(body))
    client = client_digest(client_address)
    if Comment.objects.filter(
        consultation=locked, body_digest=body_digest, client_digest=client
    ).exists():
        raise CommentRefused("您已提交过内容相同的意见，请勿重复提交。")
    try:
        with transaction.atomic():
            return Comment.objects.create(
                consultation=locked,
                author_name=author_name.strip(),
                contact=contact.strip(),
                draft_section=draft_section,
                body=body,
                body_digest=body_digest,
                client_digest=client,
                submitted_at=now,
            )
    except IntegrityError:  # the same comment sent twice at once
        raise CommentRefused("您已提交过内容相同的意见，请勿重复提交。") from None


def _fmt(moment: datetime.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


# Moderation: one transitions map; action -> (allowed source states, target state).
MODERATION_TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    ModerationAction.APPROVE: (frozenset({CommentStatus.PENDING}), CommentStatus.APPROVED),
    ModerationAction.HIDE: (
        frozenset({CommentStatus.PENDING, CommentStatus.APPROVED}),
        CommentStatus.HIDDEN,
    ),
    ModerationAction.RESTORE: (frozenset({CommentStatus.HIDDEN}), CommentStatus.APPROVED),
}


# Hiding and restoring change what the public sees of a citizen's words: say why.
REASON_REQUIRED = frozenset({ModerationAction.HIDE, ModerationAction.RESTORE})


def comment_moderate(*, comment: Comment, action: str, reason: str = "", acting_user) -> Comment:
    """Apply one moderation action, recorded with who, when and why."""
    try:
        action = ModerationAction(action)
    except ValueError:
        raise ConsultationError("未知的审核操作。") from None
    reason = reason.strip()
    if action in REASON_REQUIRED and not reason:
        raise ConsultationError(f"“{action.label}”须填写理由。")
    sources, target = MODERATION_TRANSITIONS[action]
    with transaction.atomic():
        locked = (
            Comment.objects.select_for_update()
            .select_related("consultation__item__section")
            .get(pk=comment.pk)
        )
        if not permissions.can_moderate_comments(acting_user, locked.consultation):
            raise ConsultationError("您无权审核该意见征集的意见。")
        if locked.status not in sources:
            raise ConsultationError(
                f"该意见当前为“{locked.get_status_display()}”，不能执行“{action.label}”。"
            )
        previous = locked.status
        locked.status = target
        locked.save(update_fields=["status"])
        Moderation.objects.create(
            comment=locked,
            action=action,
            from_status=previous,
            to_status=target,
            reason=reason,
            moderator=acting_user,
        )
    return locked


def comment_approve(*, comment: Comment, acting_user, reason: str = "") -> Comment:
    return comment_moderate(
        comment=comment, action=ModerationAction.APPROVE, reason=reason, acting_user=acting_user
    )


def comment_hide(*, comment: Comment, reason: str, acting_user) -> Comment:
    return comment_moderate(
        comment=comment, action=ModerationAction.HIDE, reason=reason, acting_user=acting_user
    )


def comment_restore(*, comment: Comment, reason: str, acting_user) -> Comment:
    return comment_moderate(
        comment=comment, action=ModerationAction.RESTORE, reason=reason, acting_user=acting_user
    )


def comment_set_adoption(
    *, comment: Comment, adoption: str, note: str = "", acting_user
) -> Comment:
    """Record whether a comment was adopted and why not (for the feedback)."""
    try:
        adoption = Adoption(adoption)
    except ValueError:
        raise ConsultationError("未知的采纳情况。") from None
    note = note.strip()
    if adoption in (Adoption.NOT_ADOPTED, Adoption.PARTLY) and not note:
        raise ConsultationError("未采纳或部分采纳的意见须说明理由。")
    with transaction.atomic():
        locked = (
            Comment.objects.select_for_update()
            .select_related("consultation__item__section")
            .get(pk=comment.pk)
        )
        if not permissions.can_manage_consultation(acting_user, locked.consultation):
            raise ConsultationError("您无权处理该意见征集的意见。")
        if locked.status == CommentStatus.HIDDEN:
            raise ConsultationError("已屏蔽的意见不记录采纳情况。")
        locked.adoption = adoption
        locked.adoption_note = note
        locked.save(update_fields=["adoption", "adoption_note"])
    return locked
