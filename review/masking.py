"""The review page's preview with the personal data the security check found masked
(F3, F8): reviewers see 138****1234, not the number. Showing the full text is an
explicit, audited action (`review.views.item_reveal`) for the roles that need it.

Each finding is replaced wherever its value appears in the sanitised HTML, allowing
the separators people type between digits; the result is scanned again, and if any
personal data is still readable (split by markup, written in another form) the
preview is withheld rather than shown half-masked."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.html import escape

from common.sanitize import clean_html
from review.scanner import html_to_text
from review.scanner.findings import BODY, Finding
from review.scanner.text import scan_text

_SEPARATORS = r"[\s\-\u00a0\u3000]*"


@dataclass(frozen=True)
class Preview:
    html: str
    summary: str
    masked: int  # values masked
    withheld: bool  # personal data left that could not be masked: no preview


def _pattern(finding: Finding) -> re.Pattern[str]:
    return re.compile(_SEPARATORS.join(re.escape(ch) for ch in finding.value), re.IGNORECASE)


def _mask(text: str, findings: list[Finding], *, html: bool) -> tuple[str, int]:
    count = 0
    for finding in findings:
        replacement = escape(finding.masked) if html else finding.masked
        text, n = _pattern(finding).subn(replacement, text)
        count += n
    return text, count


def masked_preview(item, findings: list[Finding]) -> Preview:
    """`item`'s body and summary with the personal data in `findings` (those of the
    body: where 正文) masked."""
    personal = [f for f in findings if f.is_personal_data and f.where == BODY]
    html, in_body = _mask(clean_html(item.body), personal, html=True)
    summary, in_summary = _mask(item.summary or "", personal, html=False)
    left = scan_text(html_to_text(html) + "\n" + summary, sensitive_words=[])
    withheld = any(f.is_personal_data for f in left)
    return Preview(
        html="" if withheld else html,
        summary="" if withheld else summary,
        masked=in_body + in_summary,
        withheld=withheld,
    )
