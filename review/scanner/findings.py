"""What a scan finds: the kinds, a finding, an unreadable file, the result."""

from __future__ import annotations

from dataclasses import dataclass, field

from common.extraction import ACTIVE_CONTENT_LABELS, UnreadableAttachment

BODY = "正文"

__all__ = [
    "BODY",
    "KIND_LABELS",
    "PERSONAL_KINDS",
    "ActiveContent",
    "Finding",
    "ScanResult",
    "Unreadable",
    "UnreadableAttachment",
]


KIND_LABELS = {
    "id_number": "身份证号码",
    "mobile": "手机号码",
    "bank_card": "银行卡号",
    "sensitive_word": "敏感词",
}


PERSONAL_KINDS = frozenset({"id_number", "mobile", "bank_card"})


@dataclass(frozen=True)
class Finding:
    kind: str  # "id_number" | "mobile" | "bank_card" | "sensitive_word"
    value: str
    masked: str
    where: str  # "正文" or the attachment title

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def is_personal_data(self) -> bool:
        return self.kind in PERSONAL_KINDS

    def as_public_dict(self) -> dict:
        """What may be stored or shown: never the clear value."""
        return {"kind": self.kind, "masked": self.masked, "where": self.where}


@dataclass(frozen=True)
class Unreadable:
    where: str  # the attachment title
    reason: str


@dataclass(frozen=True)
class ActiveContent:
    """A PDF attachment with JavaScript, an OpenAction or a Launch action."""

    where: str  # the attachment title
    kinds: tuple[str, ...]

    @property
    def label(self) -> str:
        return "、".join(ACTIVE_CONTENT_LABELS.get(k, k) for k in self.kinds)


@dataclass(frozen=True)
class ScanResult:
    findings: tuple[Finding, ...] = ()
    unreadable: tuple[Unreadable, ...] = field(default_factory=tuple)
    active_content: tuple[ActiveContent, ...] = field(default_factory=tuple)

    @property
    def personal_data(self) -> list[Finding]:
        return [f for f in self.findings if f.is_personal_data]

    @property
    def sensitive_words(self) -> list[Finding]:
        return [f for f in self.findings if f.kind == "sensitive_word"]

    @property
    def clean(self) -> bool:
        return not self.findings and not self.unreadable and not self.active_content
