"""Checks of the applicant's identity document and contact numbers (Reg. 29(1))."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils import timezone

# GB 32100-2015: one check for every 统一社会信用代码 (common.codes), re-exported here.
from common.codes import uscc_check_char, validate_uscc

# GB 11643-1999: weights of the first 17 digits and the check characters by sum % 11.
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"

__all__ = [
    "id_card_check_digit",
    "uscc_check_char",
    "validate_id_card",
    "validate_phone",
    "validate_uscc",
]

_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}(-\d{1,6})?$")


def id_card_check_digit(first17: str) -> str:
    total = sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def validate_id_card(value: str) -> str:
    """An 18-digit resident ID: digits, a real birth date, the right check digit.
    Returns the normalised value (upper-case X)."""
    value = value.strip().upper()
    if not re.fullmatch(r"\d{17}[\dX]", value):
        raise ValidationError("居民身份证号码应为 18 位，前 17 位为数字，最后一位为数字或 X。")
    try:
        birth = datetime.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        raise ValidationError("居民身份证号码中的出生日期无效。") from None
    if birth.year < 1900 or birth > timezone.localdate():
        raise ValidationError("居民身份证号码中的出生日期无效。")
    if id_card_check_digit(value[:17]) != value[17]:
        raise ValidationError("居民身份证号码校验位不正确，请核对。")
    return value


def validate_phone(value: str) -> str:
    """A mainland mobile number (11 digits) or a landline with its area code."""
    value = re.sub(r"[\s()（）]", "", value.strip())
    if value.startswith("+86"):
        value = value[3:]
    if not (_MOBILE.match(value) or _LANDLINE.match(value)):
        raise ValidationError("请填写正确的联系电话：11 位手机号码，或带区号的固定电话。")
    return value
