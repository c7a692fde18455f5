"""Items and their files: past their deadline, broken attachments, personal data
and sensitive words on public pages."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from disclosure import deadlines
from disclosure.models import Attachment, ItemStatus
from inspection.models import FindingKind
from inspection.rules.base import FindingDraft, public_items, published_before
from workcalendar.selectors import WorkCalendar


def check_overdue_items(as_of: datetime.date) -> Iterable[FindingDraft]:
    """Proactive items past their 20-working-day deadline and not yet published
    (Reg. 26, seed Art. 7(2)). Items whose publicity is not decided yet are included:
    the deadline runs from the date formed whatever review still has to decide."""
    calendar = WorkCalendar()
    candidates = (
        deadlines.overdue_items(today=as_of)
        # A withdrawn item is past publication even where its record lacks the date.
        .exclude(status__in=[ItemStatus.PUBLISHED, ItemStatus.WITHDRAWN])
        .select_related("section", "column")
        .order_by("formed_on", "id")
    )
    for item in candidates:
        due = deadlines.item_due_date(item, calendar=calendar)
        yield FindingDraft(
            kind=FindingKind.ITEM_OVERDUE,
            message=(
                f"“{item.title}”形成于 {item.formed_on:%Y-%m-%d}，应于 {due.date:%Y-%m-%d} 前公开"
                f"{'' if due.confirmed else '（日期未确认）'}，至今未发布（{item.get_status_display()}）。"
            ),
            section=item.section,
            column=item.column,
            item=item,
            subject=item.title,
            detail={
                "formed_on": item.formed_on.isoformat(),
                "due_on": due.date.isoformat(),
                "due_confirmed": due.confirmed,
                "status": item.get_status_display(),
            },
            fingerprint=f"{FindingKind.ITEM_OVERDUE}:item:{item.pk}",
        )


# The problems that mean the file is gone (not merely damaged): the attachment is
# then marked 文件暂不可用 on the public pages (disclosure.services.missing_files).
MISSING_FILE_PROBLEMS = ("未上传文件", "文件不存在")


def attachment_problem(attachment: Attachment) -> str | None:
    """Why a stored attachment cannot be opened by a visitor, or None when it reads
    back whole: missing, unreadable, empty, truncated, or its content no longer
    matches its type (a PDF that is not a PDF, a broken DOCX/XLSX package)."""
    name = attachment.file.name
    if not name:
        return "未上传文件"
    storage = attachment.file.storage
    try:
        if not storage.exists(name):
            return "文件不存在"
        size = storage.size(name)
        with storage.open(name, "rb") as handle:
            data = handle.read(MAX_CHECK_BYTES)
    except OSError:
        return "文件无法读取"
    if size == 0:
        return "文件为空"
    if attachment.size and size != attachment.size:
        return f"文件大小与登记不符（登记 {attachment.size} 字节，实际 {size} 字节）"
    if size <= MAX_CHECK_BYTES and not _content_intact(data, attachment.content_type):
        return "文件已损坏，无法打开"
    return None


# Files up to this size are opened to check their structure; larger ones only for
# presence and size.
MAX_CHECK_BYTES = 30 * 1024 * 1024
_OOXML = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/zip",
}


def _content_intact(data: bytes, content_type: str) -> bool:
    import io
    import zipfile

    if content_type == "application/pdf":
        if not data.startswith(b"%PDF-"):
            return False
        from pypdf import PdfReader
        from pypdf.errors import PyPdfError

        try:
            return len(PdfReader(io.BytesIO(data)).pages) > 0
        except (PyPdfError, ValueError, KeyError, TypeError, OSError):
            return False
    if content_type in _OOXML:
        from common.extraction import MAX_ENTRIES, MAX_UNCOMPRESSED_BYTES

        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                entries = archive.infolist()
                # A decompression bomb is not expanded here every day: its central
                # directory read, it counts as intact (the release check reported it).
                if (
                    len(entries) > MAX_ENTRIES
                    or sum(e.file_size for e in entries) > MAX_UNCOMPRESSED_BYTES
                ):
                    return True
                return archive.testzip() is None
        except (zipfile.BadZipFile, OSError, ValueError):
            return False
    if content_type == "image/png":
        return data.startswith(b"\x89PNG\r\n\x1a\n")
    if content_type == "image/jpeg":
        return data.startswith(b"\xff\xd8\xff")
    return True


def check_attachments(as_of: datetime.date) -> Iterable[FindingDraft]:
    """Attachments of public items whose files are missing or unreadable (broken
    links on the site)."""
    attachments = (
        Attachment.objects.filter(item__in=public_items().filter(published_before(as_of)))
        .select_related("item", "item__section", "item__column")
        .order_by("item_id", "order", "id")
    )
    for attachment in attachments:
        problem = attachment_problem(attachment)
        if problem is None:
            continue
        item = attachment.item
        yield FindingDraft(
            kind=FindingKind.ATTACHMENT_BROKEN,
            message=f"“{item.title}”的附件“{attachment.title}”：{problem}。",
            section=item.section,
            column=item.column,
            item=item,
            attachment=attachment,
            subject=f"{item.title} · {attachment.title}",
            detail={"problem": problem, "attachment": attachment.title},
            fingerprint=f"{FindingKind.ATTACHMENT_BROKEN}:attachment:{attachment.pk}",
        )


def check_published_content(as_of: datetime.date) -> Iterable[FindingDraft]:
    """Personal data and sensitive words in public items and their attachments, by
    the release check's own scanner (review.scanner, Art. 9(1)). Only masked values
    are kept."""
    from review.scanner import maintained_sensitive_words, scan_item

    words = maintained_sensitive_words()
    items = (
        public_items()
        .filter(published_before(as_of))
        .select_related("section", "column")
        .prefetch_related("attachments")
        .order_by("-published_at", "-id")
    )
    for item in items:
        result = scan_item(item, sensitive_words=words)
        for kind, hits, what in (
            (FindingKind.PERSONAL_DATA, result.personal_data, "个人信息"),
            (FindingKind.SENSITIVE_WORD, result.sensitive_words, "敏感词"),
        ):
            if not hits:
                continue
            places = "、".join(dict.fromkeys(h.where for h in hits))
            yield FindingDraft(
                kind=kind,
                message=f"已公开的“{item.title}”在{places}中含{what} {len(hits)} 处。",
                section=item.section,
                column=item.column,
                item=item,
                subject=item.title,
                detail={
                    "hits": [
                        {"where": h.where, "label": h.kind_label, "masked": h.masked} for h in hits
                    ]
                },
                fingerprint=f"{kind}:item:{item.pk}",
            )
