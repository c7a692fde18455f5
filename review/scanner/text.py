"""Scanning text (and HTML turned into text)."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable

from review.scanner.findings import BODY, Finding
from review.scanner.patterns import (
    _CARD_RE,
    _ID_RE,
    _MOBILE_RE,
    _has_birth_date,
    _looks_like_amount_or_code,
    is_valid_id_number,
    luhn_valid,
    maintained_sensitive_words,
    mask_card,
    mask_id_number,
    mask_mobile,
    mask_word,
)


def normalise(text: str) -> str:
    """Full-width digits and letters to ASCII (NFKC), so ０１３８ is found too."""
    return unicodedata.normalize("NFKC", text or "")


_BLOCK_TAGS = re.compile(
    r"<\s*/?\s*(?:p|div|br|li|tr|td|th|h\d|table|ul|ol|blockquote)\b[^>]*>", re.I
)


_TAGS = re.compile(r"<[^>]+>")


def html_to_text(markup: str) -> str:
    """Visible text of sanitized rich text; block boundaries become line breaks."""
    text = _BLOCK_TAGS.sub("\n", markup or "")
    text = _TAGS.sub("", text)
    return html.unescape(text)


def scan_text(
    text: str, *, where: str = BODY, sensitive_words: Iterable[str] | None = None
) -> list[Finding]:
    """Every personal-data value and sensitive word in `text`, each once, in order of
    appearance. `sensitive_words=None` uses the maintained list from the database."""
    text = normalise(text)
    found: list[tuple[int, Finding]] = []
    seen: set[tuple[str, str]] = set()
    taken: list[tuple[int, int]] = []

    def add(pos: int, finding: Finding) -> None:
        key = (finding.kind, finding.value)
        if key not in seen:
            seen.add(key)
            found.append((pos, finding))

    for m in _ID_RE.finditer(text):
        value = m.group(1).upper()
        if is_valid_id_number(value) and not _looks_like_amount_or_code(text, m.start(), m.end()):
            taken.append(m.span())
            add(m.start(), Finding("id_number", value, mask_id_number(value), where))

    def overlaps(span: tuple[int, int]) -> bool:
        return any(span[0] < e and s < span[1] for s, e in taken)

    for m in _CARD_RE.finditer(text):
        digits = re.sub(r"\D", "", m.group(1))
        if overlaps(m.span()) or not 16 <= len(digits) <= 19:
            continue
        if digits[0] not in "3456" or not luhn_valid(digits):
            continue
        if len(digits) == 18 and _has_birth_date(digits):
            continue  # an ID number with a wrong check digit (a typo), not a card
        if _looks_like_amount_or_code(text, m.start(), m.end()):
            continue
        taken.append(m.span())
        add(m.start(), Finding("bank_card", digits, mask_card(digits), where))

    for m in _MOBILE_RE.finditer(text):
        if overlaps(m.span()):
            continue
        digits = "".join(m.groups())
        if _looks_like_amount_or_code(text, m.start(), m.end()):
            continue
        add(m.start(), Finding("mobile", digits, mask_mobile(digits), where))

    words = maintained_sensitive_words() if sensitive_words is None else sensitive_words
    folded = text.casefold()
    for word in words:
        word = normalise(word).strip()
        if not word:
            continue
        pos = folded.find(word.casefold())
        if pos >= 0:
            add(pos, Finding("sensitive_word", word, mask_word(word), where))

    return [f for _pos, f in sorted(found, key=lambda pair: pair[0])]
