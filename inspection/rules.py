"""The inspection rules (巡查, seed Art. 4 (三); F7). Each rule reads the catalogue as it
stood on `as_of` and yields `FindingDraft`s; `services.inspection_run` stores them.

Thresholds are those of 国办秘函〔2019〕19号 (domain-rules.md): a column "not updated"
is one whose newest public item is older than the limit for its kind; an item with
no publication date counts as not updated."""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Callable, Iterable

from django.db.models import Count, Exists, Max, OuterRef, Q
from django.utils import timezone

from disclosure import deadlines
from disclosure.choices import ColumnKind, Publicity
from disclosure.models import Attachment, Column, Item, ItemStatus
from inspection.drafts import FindingDraft, office_section
from inspection.links import public_url
from inspection.models import FindingKind
from inspection.request_rules import check_unconfirmed_requests
from workcalendar.selectors import WorkCalendar

# 国办秘函〔2019〕19号: 动态、要闻类栏目超过2周未更新; 通知公告、政策文件类栏目超过6个月未更新;
# 首页栏目信息超过2周未更新. "超过" — more than: 14 days idle passes, 15 fails.
NEWS_IDLE_DAYS = 14
SLOW_IDLE_MONTHS = 6
HOME_IDLE_DAYS = 14
# 单项否决: 5 or more idle columns, or 5 or more empty columns, fail the site.
IDLE_COLUMNS_FAIL_AT = 5
EMPTY_COLUMNS_FAIL_AT = 5


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` calendar months earlier (clamped to the month's end)."""
    month_index = day.year * 12 + (day.month - 1) - months
    year, month = divmod(month_index, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    return datetime.date(year, month, min(day.day, last))


def column_idle_since(kind: str, as_of: datetime.date) -> datetime.date | None:
    """The oldest last-update date that still passes for a column of `kind` on
    `as_of`; None for kinds with no update frequency (其他)."""
    if kind == ColumnKind.NEWS:
        return as_of - datetime.timedelta(days=NEWS_IDLE_DAYS)
    if kind in (ColumnKind.NOTICE, ColumnKind.POLICY):
        return months_before(as_of, SLOW_IDLE_MONTHS)
    return None


def _limit_label(kind: str) -> str:
    return "2周" if kind == ColumnKind.NEWS else "6个月"


def _public_items():
    return Item.objects.published()


def _published_before(as_of: datetime.date) -> Q:
    """Items public on `as_of` (published up to the end of that day)."""
    end = timezone.make_aware(datetime.datetime.combine(as_of, datetime.time.max))
    return Q(published_at__isnull=True) | Q(published_at__lte=end)


def leaf_columns():
    """Columns that hold items on the site (no child columns)."""
    has_children = Column.objects.filter(parent=OuterRef("pk"))
    return Column.objects.filter(~Exists(has_children)).select_related(
        "responsible_section", "parent"
    )


def check_columns(as_of: datetime.date) -> Iterable[FindingDraft]:
    """Empty columns, and columns not updated in time for their kind."""
    public = Q(items__status=ItemStatus.PUBLISHED, items__publicity=Publicity.PROACTIVE)
    end = timezone.make_aware(datetime.datetime.combine(as_of, datetime.time.max))
    public_then = public & (Q(items__published_at__isnull=True) | Q(items__published_at__lte=end))
    columns = leaf_columns().annotate(
        n_public=Count("items", filter=public_then),
        last_published=Max("items__published_at", filter=public_then),
    )
    for column in columns.order_by("order", "id"):
        section = column.responsible_section
        if column.n_public == 0:
            yield FindingDraft(
                kind=FindingKind.COLUMN_EMPTY,
                message=f"栏目“{column}”没有任何已公开信息（空白栏目）。",
                section=section,
                column=column,
                subject=str(column),
                detail={"kind": column.get_kind_display()},
                fingerprint=f"{FindingKind.COLUMN_EMPTY}:column:{column.pk}",
            )
            continue
        threshold = column_idle_since(column.kind, as_of)
        if threshold is None:
            continue
        last = timezone.localdate(column.last_published) if column.last_published else None
        if last is not None and last >= threshold:
            continue
        if last is None:
            # 国办秘函〔2019〕19号: an item with no publication date counts as not updated.
            message = (
                f"栏目“{column}”（{column.get_kind_display()}）的信息均无发布日期，视为未更新。"
            )
            idle_days = None
        else:
            idle_days = (as_of - last).days
            message = (
                f"栏目“{column}”（{column.get_kind_display()}）最后更新于 {last:%Y-%m-%d}，"
                f"已 {idle_days} 天未更新，超过{_limit_label(column.kind)}。"
            )
        yield FindingDraft(
            kind=FindingKind.COLUMN_IDLE,
            message=message,
            section=section,
            column=column,
            subject=str(column),
            detail={
                "kind": column.get_kind_display(),
                "last_update": last.isoformat() if last else None,
                "idle_days": idle_days,
                "limit": _limit_label(column.kind),
            },
            fingerprint=f"{FindingKind.COLUMN_IDLE}:column:{column.pk}",
        )


def home_last_update(as_of: datetime.date) -> datetime.datetime | None:
    """The home page lists the newest public items: its last update is theirs."""
    return _public_items().filter(_published_before(as_of)).aggregate(m=Max("published_at"))["m"]


def check_home(as_of: datetime.date) -> Iterable[FindingDraft]:
    last = home_last_update(as_of)
    last_day = timezone.localdate(last) if last else None
    if last_day is not None and (as_of - last_day).days <= HOME_IDLE_DAYS:
        return
    message = (
        f"首页最后更新于 {last_day:%Y-%m-%d}，已 {(as_of - last_day).days} 天未更新，超过2周。"
        if last_day
        else "首页没有任何已公开信息。"
    )
    yield FindingDraft(
        kind=FindingKind.HOME_IDLE,
        message=message,
        section=office_section(),
        subject="门户首页",
        subject_url="/",
        detail={
            "last_update": last_day.isoformat() if last_day else None,
            "idle_days": (as_of - last_day).days if last_day else None,
        },
        fingerprint=f"{FindingKind.HOME_IDLE}:home",
    )


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
        Attachment.objects.filter(item__in=_public_items().filter(_published_before(as_of)))
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
        _public_items()
        .filter(_published_before(as_of))
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


def check_consultations(as_of: datetime.date) -> Iterable[FindingDraft]:
    """Public consultations closed without published feedback (seed Art. 7(3)2:
    意见征集后，应发布意见征集、意见采纳情况), flagged until they have it."""
    from consultations.selectors import closed_without_feedback

    now = timezone.make_aware(datetime.datetime.combine(as_of, datetime.time.max))
    for consultation in closed_without_feedback(now=now):
        closed_on = timezone.localdate(consultation.closes_at)
        due = consultation.feedback_due
        overdue = consultation.feedback_overdue_on(as_of)
        state = f"反馈期限 {due.date:%Y-%m-%d}{'' if due.confirmed else '（未确认）'}" + (
            "，已逾期" if overdue else ""
        )
        yield FindingDraft(
            kind=FindingKind.CONSULTATION_NO_FEEDBACK,
            message=(
                f"意见征集“{consultation.title}”已于 {closed_on:%Y-%m-%d} 截止，"
                f"尚未发布意见征集及采纳情况（{state}）。"
            ),
            section=consultation.section,
            subject=consultation.title,
            subject_url=public_url(consultation) or public_url(consultation.item),
            detail={
                "closed_on": closed_on.isoformat(),
                "feedback_due": due.date.isoformat(),
                "due_confirmed": due.confirmed,
                "overdue": overdue,
            },
            fingerprint=f"{FindingKind.CONSULTATION_NO_FEEDBACK}:consultation:{consultation.pk}",
        )


RULES: list[Callable[[datetime.date], Iterable[FindingDraft]]] = [
    check_home,
    check_columns,
    check_overdue_items,
    check_attachments,
    check_published_content,
    check_consultations,
    check_unconfirmed_requests,
]


def run_rules(as_of: datetime.date) -> list[FindingDraft]:
    drafts: list[FindingDraft] = []
    for rule in RULES:
        drafts.extend(rule(as_of))
    return drafts
