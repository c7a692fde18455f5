"""The patterns of personal data (ID numbers, mobile numbers, bank cards), the contexts that are not, and sensitive words."""

from __future__ import annotations

import re
from datetime import date

from django.utils import timezone

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


_ID_CHECK = "10X98765432"


_ID_RE = re.compile(r"(?<![0-9A-Za-z])([1-9]\d{16}[0-9Xx])(?![0-9A-Za-z])")


def id_check_digit(first17: str) -> str:
    total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def is_valid_id_number(value: str) -> bool:
    """18 characters, a real birth date not in the future, and the right check digit."""
    value = value.upper()
    if not re.fullmatch(r"[1-9]\d{16}[0-9X]", value):
        return False
    return _has_birth_date(value) and id_check_digit(value[:17]) == value[17]


def _has_birth_date(value: str) -> bool:
    try:
        born = date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return False
    return born.year >= 1880 and born <= timezone.localdate()


def mask_id_number(value: str) -> str:
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


_MOBILE_RE = re.compile(
    r"(?<![0-9.])(?:(?:\+|00)?86[\s-]?)?(1[3-9]\d)[\s-]?(\d{4})[\s-]?(\d{4})(?![0-9])"
)


def mask_mobile(digits: str) -> str:
    return digits[:3] + "****" + digits[-4:]


_CARD_RE = re.compile(r"(?<![0-9.])(\d{16,19}|\d{4}(?:[ -]\d{4}){3}(?:[ -]\d{1,3})?)(?![0-9])")


def luhn_valid(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch)
        if i % 2 == 1:
            n *= 2
            if n > 9:
                n -= 9
        total += n
    return total % 10 == 0


def mask_card(digits: str) -> str:
    return digits[:4] + "*" * (len(digits) - 8) + digits[-4:]


_AMOUNT_AFTER = re.compile(r"\s*(?:元|万|亿|千元|美元|块|角|分钱|%|％)")


_AMOUNT_BEFORE = re.compile(r"(?:[¥￥$]|人民币|金额[:：]?)\s*$")


_INDEX_NUMBER_AFTER = re.compile(r"/\d{4}-\d")  # 索引号: <code>/<year>-<serial>


def _looks_like_amount_or_code(text: str, start: int, end: int) -> bool:
    after = text[end : end + 6]
    before = text[max(0, start - 6) : start]
    if _AMOUNT_AFTER.match(after) or _AMOUNT_BEFORE.search(before):
        return True
    # Decimals or thousands groups continue it (a list comma before or after does not).
    if re.match(r"\.\d|,\d{3}(?!\d)", after) or re.search(r"(?:^|\D)\d{1,3},$", before):
        return True
    return bool(_INDEX_NUMBER_AFTER.match(after))


def mask_word(word: str) -> str:
    if len(word) <= 1:
        return "*"
    if len(word) == 2:
        return word[0] + "*"
    return word[0] + "*" * (len(word) - 2) + word[-1]


def maintained_sensitive_words() -> list[str]:
    """The active list maintained by the security administrator."""
    from review.models import SensitiveWord

    return list(SensitiveWord.objects.filter(is_active=True).values_list("word", flat=True))
