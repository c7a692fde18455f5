"""Scanning an item: its body and every attachment."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from review.scanner.extract import extract_text
from review.scanner.findings import BODY, Finding, ScanResult, Unreadable, UnreadableAttachment
from review.scanner.patterns import maintained_sensitive_words
from review.scanner.text import html_to_text, scan_text


def scan_item(item, *, sensitive_words: Iterable[str] | None = None) -> ScanResult:
    """Scan an item's title, summary and body (where "正文") and the text of each
    attachment (where = the attachment's title)."""
    words = maintained_sensitive_words() if sensitive_words is None else list(sensitive_words)
    text = "\n".join([item.title or "", item.summary or "", html_to_text(item.body)])
    findings: list[Finding] = list(scan_text(text, where=BODY, sensitive_words=words))
    unreadable: list[Unreadable] = []
    for attachment in item.attachments.all():
        title = attachment.title or Path(attachment.file.name).name
        if not attachment.file:
            unreadable.append(Unreadable(title, "附件文件缺失（上传未完成）。"))
            continue
        try:
            with attachment.file.open("rb") as fh:
                content = extract_text(fh, name=attachment.file.name)
        except UnreadableAttachment as exc:
            unreadable.append(Unreadable(title, str(exc)))
            continue
        except (OSError, ValueError):
            unreadable.append(Unreadable(title, "附件文件缺失或无法打开。"))
            continue
        findings.extend(scan_text(content, where=title, sensitive_words=words))
    return ScanResult(findings=tuple(findings), unreadable=tuple(unreadable))
