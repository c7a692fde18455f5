"""Scanning an item: its body and the stored text of each attachment.

An attachment's text is read once, when its file is stored
(disclosure.services.attachment_extract, in a child process with limits); the scan
never opens a file, so a page that shows the release check costs no parsing."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from disclosure.models import TextStatus
from review.scanner.findings import BODY, ActiveContent, Finding, ScanResult, Unreadable
from review.scanner.patterns import maintained_sensitive_words
from review.scanner.text import html_to_text, scan_text

NOT_EXTRACTED = "附件文字尚未提取（请运行 manage.py extract_attachments 或重新上传）。"


def scan_item(item, *, sensitive_words: Iterable[str] | None = None) -> ScanResult:
    """Scan an item's title, summary and body (where "正文") and the stored text of
    each attachment (where = the attachment's title)."""
    words = maintained_sensitive_words() if sensitive_words is None else list(sensitive_words)
    text = "\n".join([item.title or "", item.summary or "", html_to_text(item.body)])
    findings: list[Finding] = list(scan_text(text, where=BODY, sensitive_words=words))
    unreadable: list[Unreadable] = []
    active: list[ActiveContent] = []
    for attachment in item.attachments.all():
        title = attachment.title or Path(attachment.file.name).name
        if not attachment.file:
            unreadable.append(Unreadable(title, "附件文件缺失（上传未完成）。"))
        elif not attachment.text_is_current:
            unreadable.append(Unreadable(title, NOT_EXTRACTED))
        elif attachment.text_status == TextStatus.UNREADABLE:
            unreadable.append(Unreadable(title, attachment.text_problem or "附件无法读取。"))
        else:
            findings.extend(scan_text(attachment.text, where=title, sensitive_words=words))
            if attachment.active_content:
                active.append(ActiveContent(title, tuple(attachment.active_content)))
    return ScanResult(
        findings=tuple(findings), unreadable=tuple(unreadable), active_content=tuple(active)
    )
