"""The 统一社会信用代码 (GB 32100-2015): one check for every code the portal accepts —
an applicant organisation's (Reg. 29(1)) and the bureau's own, which is the 前段码 of
every 索引号."""

from django.core.exceptions import ValidationError

# The 31 characters of the code (no I, O, Z, S, V) and the weights of the first 17.
USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def uscc_check_char(first17: str) -> str:
    """The check character: 31 − (Σ value × weight mod 31), 31 written as 0."""
    total = sum(USCC_CHARS.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return USCC_CHARS[(31 - total % 31) % 31]


def validate_uscc(value: str) -> str:
    """An 18-character 统一社会信用代码 with the right check character. Returns the
    normalised value (upper case, no surrounding spaces)."""
    value = (value or "").strip().upper()
    if len(value) != 18 or any(c not in USCC_CHARS for c in value):
        raise ValidationError(
            "统一社会信用代码应为 18 位，由数字和大写字母组成（不含 I、O、Z、S、V）。"
        )
    if uscc_check_char(value[:17]) != value[17]:
        raise ValidationError("统一社会信用代码校验位不正确，请核对。")
    return value
