"""Attachments whose file is gone from storage. A download that finds the file
missing, or the site inspection, records it on the attachment
(`file_missing_since`) and tells the office once; the public pages then show the
attachment's name with 文件暂不可用 instead of a link to a 404 (a page view never
touches storage: pages are cached). When the file is found again the mark is
cleared."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from common.links import absolute_url
from common.mail import send_later
from disclosure.models import Attachment
from disclosure.services.catalogue import catalogue_item_changed

logger = logging.getLogger(__name__)


def file_present(attachment: Attachment) -> bool:
    """The stored file exists (a storage that cannot answer counts as present: only
    a file known to be gone is marked)."""
    name = attachment.file.name
    if not name:
        return False
    try:
        return attachment.file.storage.exists(name)
    except OSError:
        return True


def attachment_file_missing(*, attachment: Attachment) -> bool:
    """Record that `attachment`'s file is gone. The first to find it (under
    concurrency too) marks it, refreshes the public pages and e-mails the office;
    True then, False when it was already known."""
    if attachment.file_missing_since is not None:
        return False
    now = timezone.now()
    with transaction.atomic():
        marked = Attachment.objects.filter(
            pk=attachment.pk, file_missing_since__isnull=True
        ).update(file_missing_since=now)
        if not marked:
            return False
        attachment.file_missing_since = now
        catalogue_item_changed(item=attachment.item_id)
        _notify_office(attachment)
    logger.warning(
        "attachment %s of item %s is missing on storage", attachment.pk, attachment.item_id
    )
    return True


def attachment_file_found(*, attachment: Attachment) -> bool:
    """Clear the mark of `attachment` whose file is back; True when it was marked."""
    if attachment.file_missing_since is None:
        return False
    with transaction.atomic():
        cleared = Attachment.objects.filter(
            pk=attachment.pk, file_missing_since__isnull=False
        ).update(file_missing_since=None)
        attachment.file_missing_since = None
        if cleared:
            catalogue_item_changed(item=attachment.item_id)
    return bool(cleared)


def attachment_files_sync(*, missing_ids: Iterable[int]) -> None:
    """After the site inspection: mark the attachments it found without a file, and
    clear the marks of those whose file is back."""
    missing_ids = set(missing_ids)
    for attachment in Attachment.objects.filter(pk__in=missing_ids).select_related("item"):
        attachment_file_missing(attachment=attachment)
    marked = Attachment.objects.filter(file_missing_since__isnull=False).exclude(pk__in=missing_ids)
    for attachment in marked:
        if file_present(attachment):
            attachment_file_found(attachment=attachment)


def _office_addresses() -> list[str]:
    return list(
        User.objects.filter(is_active=True, groups__name=str(Role.OFFICE_REVIEWER))
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )


def _notify_office(attachment: Attachment) -> None:
    """Queued in the caller's transaction: sent once the mark commits."""
    item = attachment.item
    send_later(
        f"【附件缺失】{item.title}"[:200],
        (
            f"局办公室：\n\n已公开信息“{item.title}”的附件“{attachment.title}”在存储中找不到，"
            "公众下载时只能看到“文件暂不可用”。请重新上传该附件（删除原附件后添加），"
            "或从备份恢复文件。\n\n"
            f"公开页面：{absolute_url(reverse('disclosure:item', args=[item.pk]))}\n"
            f"后台编辑：{absolute_url(reverse('admin:disclosure_item_change', args=[item.pk]))}"
        ),
        _office_addresses(),
    )
