"""Columns and the home page: empty, or not updated in time (国办秘函〔2019〕19号)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db.models import Count, Max, Q
from django.utils import timezone

from disclosure.choices import ColumnKind, Publicity
from disclosure.models import ItemStatus
from inspection.models import FindingKind
from inspection.rules.base import (
    HOME_IDLE_DAYS,
    FindingDraft,
    column_idle_since,
    leaf_columns,
    limit_label,
    office_section,
    public_items,
    published_before,
)


def check_columns(as_of: datetime.date) -> Iterable[FindingDraft]:
    """Empty columns, and columns not updated in time for their kind."""
    public = Q(items__status=ItemStatus.PUBLISHED, items__publicity=Publicity.PROACTIVE)
    end = timezone.make_aware(datetime.datetime.combine(as_of, datetime.time.max))
    public_then = public & (Q(items__published_at__isnull=True) | Q(items__published_at__lte=end))
    columns = leaf_columns().annotate(
        n_public=Count("items", filter=public_then),
        last_published=Max("items__published_at", filter=public_then),
    )
    for column in columns.order_by("order", "id"):
        section = column.responsible_section
        if column.n_public == 0:
            yield FindingDraft(
                kind=FindingKind.COLUMN_EMPTY,
                message=f"栏目“{column}”没有任何已公开信息（空白栏目）。",
                section=section,
                column=column,
                subject=str(column),
                detail={"kind": column.get_kind_display()},
                fingerprint=f"{FindingKind.COLUMN_EMPTY}:column:{column.pk}",
            )
            continue
        threshold = column_idle_since(column.kind, as_of, column.update_months)
        if threshold is None:
            continue
        last = timezone.localdate(column.last_published) if column.last_published else None
        if last is not None and last >= threshold:
            continue
        # 动态/通知/政策 columns count for 19号's first rule (≥5); a 其他 column past its
        # own 更新周期 is "应更新但长期未更新" (both count for the ≥10 rule).
        kind = (
            FindingKind.COLUMN_IDLE if column.kind != ColumnKind.OTHER else FindingKind.COLUMN_STALE
        )
        limit = limit_label(column.kind, column.update_months)
        if last is None:
            # 国办秘函〔2019〕19号: an item with no publication date counts as not updated.
            message = (
                f"栏目“{column}”（{column.get_kind_display()}）的信息均无发布日期，视为未更新。"
            )
            idle_days = None
        else:
            idle_days = (as_of - last).days
            message = (
                f"栏目“{column}”（{column.get_kind_display()}）最后更新于 {last:%Y-%m-%d}，"
                f"已 {idle_days} 天未更新，超过{limit}。"
            )
        yield FindingDraft(
            kind=kind,
            message=message,
            section=section,
            column=column,
            subject=str(column),
            detail={
                "kind": column.get_kind_display(),
                "last_update": last.isoformat() if last else None,
                "idle_days": idle_days,
                "limit": limit,
            },
            fingerprint=f"{kind}:column:{column.pk}",
        )


def home_last_update(as_of: datetime.date) -> datetime.datetime | None:
    """The home page lists the newest public items: its last update is theirs."""
    return public_items().filter(published_before(as_of)).aggregate(m=Max("published_at"))["m"]


def check_home(as_of: datetime.date) -> Iterable[FindingDraft]:
    last = home_last_update(as_of)
    last_day = timezone.localdate(last) if last else None
    if last_day is not None and (as_of - last_day).days <= HOME_IDLE_DAYS:
        return
    message = (
        f"首页最后更新于 {last_day:%Y-%m-%d}，已 {(as_of - last_day).days} 天未更新，超过2周。"
        if last_day
        else "首页没有任何已公开信息。"
    )
    yield FindingDraft(
        kind=FindingKind.HOME_IDLE,
        message=message,
        section=office_section(),
        subject="门户首页",
        subject_url="/",
        detail={
            "last_update": last_day.isoformat() if last_day else None,
            "idle_days": (as_of - last_day).days if last_day else None,
        },
        fingerprint=f"{FindingKind.HOME_IDLE}:home",
    )
