"""Writes of the consultations app. Views, admin and the demo all go through these.

Publication itself is not here: a consultation's draft and its feedback are
disclosure items and go public only through the review workflow (seed Art. 9),
which must call `release_blockers(item)` before submitting or publishing."""

import datetime
import hashlib
import unicodedata

from django.db import IntegrityError, transaction
from django.utils import timezone

from common import ratelimit
from common.errors import PortalError
from common.sanitize import clean_html
from consultations import permissions
from consultations.models import (
    Adoption,
    Comment,
    CommentStatus,
    Consultation,
    Moderation,
    ModerationAction,
)
from disclosure import services as disclosure_services
from disclosure.choices import ContentCategory, NonDisclosureReason, Publicity, Topic
from disclosure.models import Column, Item, ItemStatus, Section


class ConsultationError(PortalError):
    """A refused operation; the message (Chinese) is shown to the user."""


class CommentRefused(ConsultationError):
    """A citizen's comment was refused (window, rate limit, duplicate, bad input)."""


class CommentRateLimited(CommentRefused):
    """Too many comments from one client address in the window."""


# Public comment form: this many comments per client address per window (F8).
COMMENT_LIMIT = ratelimit.Limit(scope="consultation-comment", count=5, seconds=600)
COMMENT_MAX_CHARS = 5000
# Items are editable only before they enter review (or after being returned).
EDITABLE_ITEM_STATUSES = (ItemStatus.DRAFT, ItemStatus.RETURNED)
INTERNAL_PUBLICITY_NOTE = "行政机关内部互相征集意见，不作为主动公开信息（第七条第三项）。"


# --- the release check ----------------------------------------------------------


def release_blockers(item: Item, *, now: datetime.datetime | None = None) -> list[str]:
    """Every reason the consultations rules block submitting or publishing `item`.

    For any other item it returns []. The review workflow calls this in its
    security check; `consultation_check_ready` raises with the same list."""
    now = now or timezone.now()
    consultation = Consultation.objects.filter(item_id=item.pk).first() if item.pk else None
    if consultation is not None:
        return _draft_blockers(consultation, item, now)
    consultation = (
        Consultation.objects.filter(feedback_item_id=item.pk).select_related("item").first()
        if item.pk
        else None
    )
    if consultation is not None:
        return _feedback_blockers(consultation, item, now)
    return []


def _draft_blockers(consultation: Consultation, item: Item, now) -> list[str]:
    blockers = []
    # Art. 7(3)2: 征集时限、联系人、联系方式; Art. 7(3)1: 决策依据.
    if not consultation.basis.strip():
        blockers.append("缺少决策依据（第七条第三项）。")
    if consultation.opens_at is None:
        blockers.append("缺少征集开始时间（第七条第三项）。")
    if consultation.closes_at is None:
        blockers.append("缺少征集截止时间（第七条第三项）。")
    if (
        consultation.opens_at
        and consultation.closes_at
        and consultation.closes_at <= consultation.opens_at
    ):
        blockers.append("征集截止时间必须晚于开始时间。")
    if consultation.closes_at and consultation.closes_at <= now:
        blockers.append("征集截止时间已过，请调整征集时限后再提交发布。")
    if not consultation.contact_person.strip():
        blockers.append("缺少联系人（第七条第三项）。")
    if not consultation.contact_method.strip():
        blockers.append("缺少联系方式（第七条第三项）。")
    if not clean_html(item.body).strip() and not item.attachments.exists():
        blockers.append("缺少征求意见稿正文或附件。")
    if consultation.is_internal and item.publicity != Publicity.NOT_DISCLOSED:
        blockers.append("内部征集不作为主动公开信息，公开属性必须为不予公开（第七条第三项）。")
    return blockers


def _feedback_blockers(consultation: Consultation, item: Item, now) -> list[str]:
    blockers = []
    if consultation.closes_at is None or consultation.closes_at >= now:
        blockers.append("意见征集尚未截止，不能发布意见征集及采纳情况。")
    if not consultation.is_internal and not consultation.item.is_public:
        blockers.append("征求意见稿尚未发布，采纳情况须与征集信息关联发布（第七条第三项）。")
    if consultation.is_internal and item.publicity != Publicity.NOT_DISCLOSED:
        blockers.append("内部征集的采纳情况不作为主动公开信息，公开属性必须为不予公开。")
    if not clean_html(item.body).strip():
        blockers.append("采纳情况说明没有内容。")
    return blockers


def consultation_check_ready(*, consultation: Consultation) -> None:
    """Raise ConsultationError listing every blocker, or return quietly."""
    blockers = release_blockers(consultation.item)
    if blockers:
        raise ConsultationError("；".join(b.rstrip("。") for b in blockers) + "。")


# --- drafts ---------------------------------------------------------------------


def _publicity_fields(is_internal: bool) -> dict:
    if is_internal:
        # Art. 7(3): internal consultations are not proactive information; Art. 6(3).
        return {
            "publicity": Publicity.NOT_DISCLOSED,
            "non_disclosure_reason": NonDisclosureReason.INTERNAL_AFFAIRS,
            "publicity_note": INTERNAL_PUBLICITY_NOTE,
        }
    return {"publicity": Publicity.PROACTIVE, "non_disclosure_reason": "", "publicity_note": ""}


def consultation_create(
    *,
    section: Section,
    column: Column,
    title: str,
    body: str,
    basis: str = "",
    opens_at: datetime.datetime | None = None,
    closes_at: datetime.datetime | None = None,
    contact_person: str = "",
    contact_method: str = "",
    is_internal: bool = False,
    draft_sections: str = "",
    topic: str = Topic.LABOUR,
    acting_user,
) -> Consultation:
    """Start a consultation: a draft item in `column`, produced by `section`, and the
    consultation's own fields. Required fields may still be missing; they are
    checked before release (`release_blockers`)."""
    if not permissions.member_sections(acting_user).filter(pk=section.pk).exists():
        raise ConsultationError("您无权以该股室名义发起意见征集。")
    _check_window(opens_at, closes_at)
    with transaction.atomic():
        item = disclosure_services.item_draft_store(
            column=column,
            section=section,
            acting_user=acting_user,
            title=title.strip(),
            body=body,
            topic=topic,
            content_category=ContentCategory.NORMATIVE_DRAFTS,  # Art. 5(16)
            formed_on=timezone.localdate(),
            **_publicity_fields(is_internal),
        )
        return Consultation.objects.create(
            item=item,
            basis=basis.strip(),
            opens_at=opens_at,
            closes_at=closes_at,
            contact_person=contact_person.strip(),
            contact_method=contact_method.strip(),
            is_internal=is_internal,
            draft_sections=draft_sections.strip(),
            created_by=acting_user,
        )


def _check_window(opens_at, closes_at) -> None:
    if opens_at and closes_at and closes_at <= opens_at:
        raise ConsultationError("截止时间必须晚于开始时间。")


def consultation_update(
    *,
    consultation: Consultation,
    acting_user,
    title: str,
    body: str,
    basis: str,
    opens_at,
    closes_at,
    contact_person: str,
    contact_method: str,
    is_internal: bool,
    draft_sections: str,
    topic: str,
) -> Consultation:
    """Change a draft that has not entered review (or was returned)."""
    if not permissions.can_manage_consultation(acting_user, consultation):
        raise ConsultationError("您无权修改该意见征集。")
    _check_window(opens_at, closes_at)
    with transaction.atomic():
        locked = Consultation.objects.select_for_update().get(pk=consultation.pk)
        item = Item.objects.select_for_update().get(pk=locked.item_id)
        if item.status not in EDITABLE_ITEM_STATUSES:
            raise ConsultationError(
                f"征求意见稿当前状态为“{item.get_status_display()}”，只有草稿或被退回时才能修改。"
            )
        item = disclosure_services.item_draft_revise(
            item=item,
            acting_user=acting_user,
            title=title.strip(),
            body=body,
            topic=topic,
            **_publicity_fields(is_internal),
        )
        locked.basis = basis.strip()
        locked.opens_at = opens_at
        locked.closes_at = closes_at
        locked.contact_person = contact_person.strip()
        locked.contact_method = contact_method.strip()
        locked.is_internal = is_internal
        locked.draft_sections = draft_sections.strip()
        locked.save(
            update_fields=[
                "basis",
                "opens_at",
                "closes_at",
                "contact_person",
                "contact_method",
                "is_internal",
                "draft_sections",
                "updated_at",
            ]
        )
    locked.item = item
    return locked


# --- comments -------------------------------------------------------------------


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


# --- feedback -------------------------------------------------------------------


def feedback_save(
    *,
    consultation: Consultation,
    title: str,
    body: str,
    policy_item: Item | None = None,
    acting_user,
    now: datetime.datetime | None = None,
) -> Consultation:
    """Draft (or revise the draft of) the 意见征集情况及采纳情况 after closing: an item in
    the consultation's column, linked to the consultation and to the resulting
    policy. It is published through the review workflow like any item."""
    now = now or timezone.now()
    if not permissions.can_draft_feedback(acting_user, consultation):
        raise ConsultationError("您无权起草该意见征集的采纳情况。")
    with transaction.atomic():
        locked = (
            Consultation.objects.select_for_update().select_related("item").get(pk=consultation.pk)
        )
        if locked.closes_at is None or locked.closes_at >= now:
            raise ConsultationError("意见征集截止后才能起草意见征集及采纳情况。")
        if not locked.is_internal and not locked.item.is_public:
            raise ConsultationError("征求意见稿尚未发布，无需起草采纳情况。")
        _check_policy(locked, policy_item)
        draft = locked.item
        if not clean_html(body).strip():
            raise ConsultationError("请填写意见征集及采纳情况。")
        if locked.feedback_item_id is None:
            item = disclosure_services.item_draft_store(
                column=draft.column,
                section=draft.section,
                acting_user=acting_user,
                title=title.strip(),
                body=body,
                topic=draft.topic,
                content_category=ContentCategory.NORMATIVE_DRAFTS,  # Art. 5(16)
                formed_on=timezone.localdate(now),
                **_publicity_fields(locked.is_internal),
            )
        else:
            item = Item.objects.select_for_update().get(pk=locked.feedback_item_id)
            if item.status not in EDITABLE_ITEM_STATUSES:
                raise ConsultationError(
                    f"采纳情况当前状态为“{item.get_status_display()}”，只有草稿或被退回时才能修改。"
                )
            item = disclosure_services.item_draft_revise(
                item=item, acting_user=acting_user, title=title.strip(), body=body
            )
        locked.feedback_item = item
        locked.policy_item = policy_item
        locked.save(update_fields=["feedback_item", "policy_item", "updated_at"])
    return locked


def consultation_link_policy(
    *, consultation: Consultation, policy_item: Item | None, acting_user
) -> Consultation:
    """Link (or unlink) the policy that resulted; allowed at any time, since the
    policy is often issued after the feedback."""
    if not permissions.can_draft_feedback(acting_user, consultation):
        raise ConsultationError("您无权修改该意见征集。")
    with transaction.atomic():
        locked = Consultation.objects.select_for_update().get(pk=consultation.pk)
        _check_policy(locked, policy_item)
        locked.policy_item = policy_item
        locked.save(update_fields=["policy_item", "updated_at"])
    return locked


def _check_policy(consultation: Consultation, policy_item: Item | None) -> None:
    if policy_item is None:
        return
    if policy_item.pk in (consultation.item_id, consultation.feedback_item_id):
        raise ConsultationError("据此制定的政策文件不能是征求意见稿或采纳情况本身。")
    if Consultation.objects.filter(item_id=policy_item.pk).exists() or (
        Consultation.objects.filter(feedback_item_id=policy_item.pk).exists()
    ):
        raise ConsultationError("据此制定的政策文件不能是其他意见征集的征求意见稿或采纳情况。")


# --- attachments of the draft ---------------------------------------------------


def _check_may_edit_attachments(consultation: Consultation, acting_user) -> None:
    if not permissions.can_manage_consultation(acting_user, consultation):
        raise ConsultationError("您无权修改该征求意见稿的附件。")


def _locked_editable_draft(consultation: Consultation) -> Item:
    """The draft item, locked and re-read, while it may still change: a page loaded
    before the draft was submitted must not slip a file into what reviewers approve
    (content is frozen once submitted). Call inside a transaction."""
    item = Item.objects.select_for_update().get(pk=consultation.item_id)
    if item.status not in EDITABLE_ITEM_STATUSES:
        raise ConsultationError("征求意见稿已提交审核或已发布，不能再修改附件。")
    return item


def consultation_attachment_add(*, consultation: Consultation, file, title: str = "", acting_user):
    """Attach a file to the draft (checked by content and size, common.uploads);
    a refused file raises ValidationError and nothing is stored."""
    _check_may_edit_attachments(consultation, acting_user)
    with transaction.atomic():
        item = _locked_editable_draft(consultation)
        return disclosure_services.attachment_store(item=item, file=file, title=title)


def consultation_attachment_delete(*, consultation: Consultation, attachment_pk: int, acting_user):
    _check_may_edit_attachments(consultation, acting_user)
    with transaction.atomic():
        item = _locked_editable_draft(consultation)
        attachment = item.attachments.filter(pk=attachment_pk).first()
        if attachment is None:
            raise ConsultationError("附件不存在。")
        disclosure_services.attachment_remove(attachment=attachment)
