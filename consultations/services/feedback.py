"""The feedback (意见征集及采纳情况) and the resulting policy."""

import datetime

from django.db import transaction
from django.utils import timezone

from common.pagecache import catalogue_changed
from common.sanitize import clean_html
from consultations import permissions
from consultations.models import Consultation
from consultations.services._common import EDITABLE_ITEM_STATUSES, ConsultationError
from consultations.services.drafts import _publicity_fields
from disclosure import services as disclosure_services
from disclosure.choices import ContentCategory
from disclosure.models import Item


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
        catalogue_changed()  # a published policy's page links to its consultation
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
        catalogue_changed()  # a published policy's page links to its consultation
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
