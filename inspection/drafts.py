"""What a rule yields (`FindingDraft`), and the office's section findings about the
office's own duties go to; shared by `inspection.rules` and `inspection.request_rules`."""

from __future__ import annotations

from dataclasses import dataclass, field

from disclosure.models import Attachment, Column, Item, Section


@dataclass
class FindingDraft:
    kind: str
    message: str
    section: Section | None
    column: Column | None = None
    item: Item | None = None
    attachment: Attachment | None = None
    subject: str = ""
    subject_url: str = ""
    detail: dict = field(default_factory=dict)
    fingerprint: str = ""


def office_section() -> Section | None:
    return Section.objects.filter(is_office=True).order_by("order", "id").first()
