"""The security check's scanner (seed Art. 9(1), F3): personal data and sensitive words
in an item's text and in the text of its attachments.

Personal data found:
- 18-digit resident ID numbers (GB 11643) with a real birth date and a valid ISO 7064
  MOD 11-2 check digit, the final X included;
- mobile phone numbers (1[3-9] + 9 digits, optionally +86 and separators);
- bank card numbers of 16-19 digits with a valid Luhn digit.

False alarms avoided: 索引号 (`<code>/<year>-<serial>`), 文号, dates, landline numbers
(they start with 0), amounts (followed by 元/万元/亿元 or preceded by ¥, with thousands
separators or decimals), and digit runs longer than the pattern (no match inside a
longer number).

Values are masked before anyone sees them: ID 110***********123X, mobile 138****5678,
card 6222***********0123.

Split by concern: `findings`, `patterns`, `text`, `extract`, `items`."""

from review.scanner.extract import MAX_EXTRACT_BYTES, extract_text
from review.scanner.findings import (
    BODY,
    KIND_LABELS,
    PERSONAL_KINDS,
    ActiveContent,
    Finding,
    ScanResult,
    Unreadable,
    UnreadableAttachment,
)
from review.scanner.items import scan_item
from review.scanner.patterns import (
    _ID_CHECK,
    _ID_WEIGHTS,
    id_check_digit,
    is_valid_id_number,
    luhn_valid,
    maintained_sensitive_words,
    mask_card,
    mask_id_number,
    mask_mobile,
    mask_word,
)
from review.scanner.text import html_to_text, normalise, scan_text

__all__ = [
    "BODY",
    "ActiveContent",
    "Finding",
    "KIND_LABELS",
    "MAX_EXTRACT_BYTES",
    "PERSONAL_KINDS",
    "ScanResult",
    "Unreadable",
    "UnreadableAttachment",
    "_ID_CHECK",
    "_ID_WEIGHTS",
    "extract_text",
    "html_to_text",
    "id_check_digit",
    "is_valid_id_number",
    "luhn_valid",
    "maintained_sensitive_words",
    "mask_card",
    "mask_id_number",
    "mask_mobile",
    "mask_word",
    "normalise",
    "scan_item",
    "scan_text",
]
