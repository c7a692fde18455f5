"""The office's reminder before a 行政规范性文件 runs out (its 有效期), so it is
evaluated, extended, re-issued or repealed in time instead of silently turning 失效."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from disclosure.choices import Validity
from inspection.links import public_url
from inspection.models import FindingKind
from inspection.rules.base import FindingDraft, months_before, public_items, published_before

# Provincial 行政规范性文件管理办法 commonly ask for an evaluation in the six months
# before the 有效期 ends; the reminder starts then.
EXPIRY_REMINDER_MONTHS = 6


def check_normative_expiry(as_of: datetime.date) -> Iterable[FindingDraft]:
    """Public 行政规范性文件 of the bureau whose 有效期 ends within six months of
    `as_of` (a reminder), or has ended while the document still reads 有效."""
    horizon = months_before(as_of, -EXPIRY_REMINDER_MONTHS)
    documents = (
        public_items()
        .filter(published_before(as_of))
        .filter(is_normative=True, valid_until__isnull=False, valid_until__lte=horizon)
        .exclude(validity=Validity.REPEALED)
        .filter(repealed_on__isnull=True)
        .select_related("section", "column")
        .order_by("valid_until", "id")
    )
    for item in documents:
        days = (item.valid_until - as_of).days
        if days < 0:
            state = f"已于 {item.valid_until:%Y-%m-%d} 有效期届满失效，请确认废止或重新制发"
        else:
            state = f"有效期至 {item.valid_until:%Y-%m-%d}，还有 {days} 天到期，请及时评估"
        yield FindingDraft(
            kind=FindingKind.NORMATIVE_EXPIRY,
            message=f"行政规范性文件“{item.title}”（{item.document_number}）{state}。",
            section=item.section,
            column=item.column,
            item=item,
            subject=item.title,
            subject_url=public_url(item),
            detail={"valid_until": item.valid_until.isoformat(), "days_left": days},
            fingerprint=f"{FindingKind.NORMATIVE_EXPIRY}:item:{item.pk}",
        )
