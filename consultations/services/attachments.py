"""Attachments of the draft, through disclosure's services."""

from django.db import transaction

from consultations import permissions
from consultations.models import Consultation
from consultations.services._common import EDITABLE_ITEM_STATUSES, ConsultationError
from disclosure import services as disclosure_services
from disclosure.models import Item


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
