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


def check_standard_matters(as_of: datetime.date) -> Iterable[FindingDraft]:
    """标准目录事项 (人社厅函〔2019〕113号) with a 巡查周期 and nothing published within it
    (in their columns or mapped to them directly)."""
    from django.db.models import Max
    from django.utils import timezone

    from disclosure.models import Matter
    from disclosure.standard import matter_items
    from inspection.rules.base import office_section

    office = office_section()
    for matter in Matter.objects.filter(update_months__isnull=False).prefetch_related(
        "columns__responsible_section"
    ):
        columns = list(matter.columns.all())
        last = (
            matter_items(matter, [c.pk for c in columns])
            .filter(published_before(as_of))
            .aggregate(m=Max("published_at"))["m"]
        )
        last_day = timezone.localdate(last) if last else None
        if last_day is not None and last_day >= months_before(as_of, matter.update_months):
            continue
        period = matter.get_update_months_display()
        state = f"最近一次公开于 {last_day:%Y-%m-%d}" if last_day else "尚无公开信息"
        yield FindingDraft(
            kind=FindingKind.MATTER_IDLE,
            message=f"标准目录事项“{matter}”{state}，超过巡查周期（{period}）未公开（人社厅函〔2019〕113号）。",
            section=columns[0].responsible_section if columns else office,
            column=columns[0] if columns else None,
            subject=str(matter),
            detail={"last_update": last_day.isoformat() if last_day else None, "period": period},
            fingerprint=f"{FindingKind.MATTER_IDLE}:matter:{matter.pk}",
        )
