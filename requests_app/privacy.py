"""Masking of applicants' personal data (common local practice, domain-rules.md):
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
    if "@" not in value:
        return "****" if value else ""
    local, domain = value.split("@", 1)
    return (local[:1] or "*") + "***@" + domain
