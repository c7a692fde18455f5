"""Attachments of an item: checked by content and size, stored, renamed, removed."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from common.extraction import (
    DEFAULT_TIMEOUT,
    UnreadableAttachment,
    extract_isolated,
    read_bytes,
)
from common.uploads import validate_upload
from disclosure import permissions
from disclosure.models import (
    Attachment,
    Item,
    TextStatus,
)
from disclosure.services.catalogue import catalogue_item_changed


def attachment_add(
    *, item: Item, file: UploadedFile, acting_user, title: str = "", order: int = 0
) -> Attachment:
    """Attach `file` to `item` after checking it by content and size
    (common.uploads); a refused file raises ValidationError and nothing is stored."""
    with transaction.atomic():
        item = _lock_for_attachment_change(item, acting_user)
        return attachment_store(item=item, file=file, title=title, order=order)


def attachment_store(
    *, item: Item, file: UploadedFile, title: str = "", order: int | None = None
) -> Attachment:
    """Check `file` by content and size (common.uploads) and store it as an attachment
    of `item`; `order` defaults to after the existing ones. The one place an
    attachment is created: the caller has locked `item` and decided the acting user
    may change it (`attachment_add`, or a consultation's draft). A refused file raises
    ValidationError and nothing is stored."""
    name = (file.name or "").rsplit("/", 1)[-1]
    checked = validate_upload(file)
    attachment = Attachment(
        item=item,
        title=(title or "").strip() or name.rsplit(".", 1)[0] or name,
        order=item.attachments.count() if order is None else order,
        size=checked.size,
        content_type=checked.content_type,
    )
    data = read_bytes(file)
    file.seek(0)
    attachment.file.save(name, file, save=False)
    _store_extraction(attachment, data)
    try:
        attachment.save()
    except Exception:
        attachment.file.delete(save=False)
        raise
    catalogue_item_changed(item=item)
    return attachment


def attachment_extract(*, attachment: Attachment) -> Attachment:
    """Read the stored file's text once more and store it (the command
    `extract_attachments` after an upgrade; a file stored under a new name)."""
    try:
        with attachment.file.open("rb") as fh:
            data = read_bytes(fh)
    except (OSError, ValueError):
        data = None
    _store_extraction(attachment, data)
    attachment.save(
        update_fields=[
            "text_status",
            "text",
            "text_problem",
            "active_content",
            "extracted_name",
            "extracted_at",
        ]
    )
    return attachment


def _store_extraction(attachment: Attachment, data: bytes | None) -> None:
    """Extract `data` (the content of `attachment.file`) in a child process with a time
    limit and put the text, or the reason it could not be read, on `attachment`."""
    timeout = getattr(settings, "ATTACHMENT_EXTRACT_TIMEOUT", DEFAULT_TIMEOUT)
    attachment.text, attachment.text_problem, attachment.active_content = "", "", []
    if data is None:
        attachment.text_status = TextStatus.UNREADABLE
        attachment.text_problem = "附件文件缺失或无法打开。"
    else:
        try:
            result = extract_isolated(data, name=attachment.file.name or "", timeout=timeout)
        except UnreadableAttachment as exc:
            attachment.text_status = TextStatus.UNREADABLE
            attachment.text_problem = str(exc)[:300]
        else:
            attachment.text_status = TextStatus.READ
            attachment.text = result.text.replace("\x00", "")
            attachment.active_content = list(result.active_content)
    attachment.extracted_name = attachment.file.name or ""
    attachment.extracted_at = timezone.now()


def attachment_remove(*, attachment: Attachment) -> None:
    """Delete `attachment`, and its file once the transaction commits (the caller has
    locked the item and checked the right to change it)."""
    file = attachment.file
    item_id = attachment.item_id
    attachment.delete()
    catalogue_item_changed(item=item_id)
    transaction.on_commit(lambda: file.delete(save=False))


def _lock_for_attachment_change(item: Item, acting_user) -> Item:
    """The item row, locked, with its current status: a submission that happened
    since the caller read the item must stop the change (files are content too)."""
    locked = Item.objects.select_for_update(of=("self",)).select_related("column").get(pk=item.pk)
    if not permissions.can_change_item(acting_user, locked):
        raise PermissionDenied("您无权修改这条信息的附件。")
    return locked


def attachment_update(*, attachment: Attachment, acting_user, title: str, order: int) -> Attachment:
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": "请填写附件名称。"})
    with transaction.atomic():
        _lock_for_attachment_change(attachment.item, acting_user)
        attachment.title, attachment.order = title, order
        attachment.save(update_fields=["title", "order"])
        catalogue_item_changed(item=attachment.item_id)
    return attachment


def attachment_delete(*, attachment: Attachment, acting_user) -> None:
    with transaction.atomic():
        _lock_for_attachment_change(attachment.item, acting_user)
        attachment_remove(attachment=attachment)
