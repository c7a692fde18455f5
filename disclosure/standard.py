"""Reads of the 标准目录 (人社厅函〔2019〕113号): the 事项 by directory, each with its
latest public items (mapped directly, or through its columns)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Q

from disclosure.models import Item, Matter, MatterDomain

LATEST_PER_MATTER = 3


@dataclass
class MatterRow:
    matter: Matter
    latest: list[Item] = field(default_factory=list)


@dataclass
class Directory:
    domain: MatterDomain
    rows: list[MatterRow]


def matter_items(matter: Matter, column_ids: list[int]):
    """Public items of `matter`: mapped to it, or in one of its columns."""
    return Item.objects.published().filter(Q(matter=matter) | Q(column_id__in=column_ids))


def directories() -> list[Directory]:
    """Both directories in order, each 事项 with its latest public items."""
    matters = list(Matter.objects.prefetch_related("columns").order_by("domain", "order", "id"))
    by_domain: dict[str, list[MatterRow]] = {d.value: [] for d in MatterDomain}
    for matter in matters:
        ids = [c.pk for c in matter.columns.all()]
        latest = list(
            matter_items(matter, ids)
            .only("id", "title", "published_at")
            .order_by("-published_at", "-id")[:LATEST_PER_MATTER]
        )
        by_domain[matter.domain].append(MatterRow(matter, latest))
    return [Directory(MatterDomain(d), rows) for d, rows in by_domain.items()]


def last_published(matter: Matter) -> datetime.datetime | None:
    from django.db.models import Max

    ids = list(matter.columns.values_list("pk", flat=True))
    return matter_items(matter, ids).aggregate(m=Max("published_at"))["m"]
