"""Masking of personal data for staff who may see a record but not the person in it
(F6, F8), one implementation for every app. Common local practice (domain-rules.md):
phones 138****1234, ID numbers keep the first 2 and last 3 characters, addresses
only down to the township or street, names keep the first character."""

import re


def mask_phone(value: str) -> str:
    digits = value.strip()
    if len(digits) >= 11:
        return digits[:3] + "****" + digits[-4:]
    if len(digits) > 4:
        return "*" * (len(digits) - 4) + digits[-4:]
    return "****"


def mask_id(value: str) -> str:
    value = value.strip()
    if len(value) <= 5:
        return "*" * len(value)
    return value[:2] + "*" * (len(value) - 5) + value[-3:]


def mask_name(value: str) -> str:
    value = value.strip()
    if not value:
        return ""
    if len(value) >= 6:  # an organisation's name: keep a recognisable head
        return value[:2] + "*" * 4 + value[-2:]
    return value[0] + "*" * max(1, len(value) - 1)


_TOWN = re.compile(r"^(.*?(?:乡|镇|街道|街道办事处))")


def mask_address(value: str) -> str:
    """Keep the address up to its 乡/镇/街道; otherwise only its first 6 characters."""
    value = value.strip()
    match = _TOWN.match(value)
    if match:
        return match.group(1) + "****"
    return value[:6] + "****" if len(value) > 6 else "****"


def mask_email(value: str) -> str:
    value = value.strip()
    if "@" not in value:
        return "****" if value else ""
    local, domain = value.split("@", 1)
    return (local[:1] or "*") + "***@" + domain


_MOBILE = re.compile(r"1[3-9]\d{9}")
_DIGITS = re.compile(r"\d{7,}")


def mask_contact(value: str) -> str:
    """A free-text contact (a citizen's "电话或电子邮箱"): an e-mail address as
    `mask_email`; mobile numbers in it as `mask_phone`; other long numbers (landlines)
    keep their first 3 and last 2 digits; anything else keeps its first character."""
    value = value.strip()
    if not value:
        return ""
    if "@" in value:
        return mask_email(value)
    if _MOBILE.search(value):
        return _MOBILE.sub(lambda m: mask_phone(m.group()), value)
    if _DIGITS.search(value):
        return _DIGITS.sub(lambda m: f"{m.group()[:3]}****{m.group()[-2:]}", value)
    return f"{value[:1]}***"
