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
# 单项否决: 5 or more idle columns, or 5 or more empty columns, fail the site.
IDLE_COLUMNS_FAIL_AT = 5
EMPTY_COLUMNS_FAIL_AT = 5


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


def column_idle_since(kind: str, as_of: datetime.date) -> datetime.date | None:
    """The oldest last-update date that still passes for a column of `kind` on
    `as_of`; None for kinds with no update frequency (其他)."""
    if kind == ColumnKind.NEWS:
        return as_of - datetime.timedelta(days=NEWS_IDLE_DAYS)
    if kind in (ColumnKind.NOTICE, ColumnKind.POLICY):
        return months_before(as_of, SLOW_IDLE_MONTHS)
    return None


def limit_label(kind: str) -> str:
    return "2周" if kind == ColumnKind.NEWS else "6个月"


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
