"""What every inspection rule shares: the thresholds of 国办秘函〔2019〕19号, the
finding draft, and the catalogue as it stood on a day."""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from disclosure.choices import ColumnKind
from disclosure.models import Attachment, Column, Item, Section

# 国办秘函〔2019〕19号: 动态、要闻类栏目超过2周未更新; 通知公告、政策文件类栏目超过6个月未更新;
# 首页栏目信息超过2周未更新. "超过" — more than: 14 days idle passes, 15 fails.
NEWS_IDLE_DAYS = 14
SLOW_IDLE_MONTHS = 6
HOME_IDLE_DAYS = 14
# 单项否决 ("超过(含)"): 5 or more such idle columns, or 5 or more empty columns, fail
# the site; so do 10 or more columns that should be updated but long were not (any
# kind with an update frequency, 其他 columns by their own 更新周期).
IDLE_COLUMNS_FAIL_AT = 5
EMPTY_COLUMNS_FAIL_AT = 5
LONG_IDLE_COLUMNS_FAIL_AT = 10


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


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` calendar months earlier (clamped to the month's end)."""
    month_index = day.year * 12 + (day.month - 1) - months
    year, month = divmod(month_index, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    return datetime.date(year, month, min(day.day, last))


def column_idle_since(
    kind: str, as_of: datetime.date, update_months: int | None = None
) -> datetime.date | None:
    """The oldest last-update date that still passes for a column of `kind` on
    `as_of`; a 其他 column by its own 更新周期 (`update_months`), None when it has
    none (不定期)."""
    if kind == ColumnKind.NEWS:
        return as_of - datetime.timedelta(days=NEWS_IDLE_DAYS)
    if kind in (ColumnKind.NOTICE, ColumnKind.POLICY):
        return months_before(as_of, SLOW_IDLE_MONTHS)
    if update_months:
        return months_before(as_of, update_months)
    return None


def limit_label(kind: str, update_months: int | None = None) -> str:
    if kind == ColumnKind.NEWS:
        return "2周"
    if kind in (ColumnKind.NOTICE, ColumnKind.POLICY) or not update_months:
        return "6个月"
    return "1年" if update_months == 12 else f"{update_months}个月"


def public_items():
    return Item.objects.published()


def published_before(as_of: datetime.date) -> Q:
    """Items public on `as_of` (published up to the end of that day)."""
    end = timezone.make_aware(datetime.datetime.combine(as_of, datetime.time.max))
    return Q(published_at__isnull=True) | Q(published_at__lte=end)


def leaf_columns():
    """Columns that hold items on the site (no child columns)."""
    has_children = Column.objects.filter(parent=OuterRef("pk"))
    return Column.objects.filter(~Exists(has_children)).select_related(
        "responsible_section", "parent"
    )


def office_section() -> Section | None:
    return Section.objects.filter(is_office=True).order_by("order", "id").first()
