"""Reads of the catalogue. Public pages read items only through `public_items()`."""

from django.db.models import QuerySet

from disclosure.models import Column, Item, Organisation


def current_organisation() -> Organisation | None:
    """The bureau this portal serves (the first organisation)."""
    return Organisation.objects.order_by("id").first()


def public_items() -> QuerySet[Item]:
    """Published 主动公开 items with what list pages show, in publication order."""
    return (
        Item.objects.published()
        .select_related("column", "section", "section__organisation")
        .order_by("-published_at", "-id")
    )


def latest_published_items(*, limit: int = 10) -> list[Item]:
    return list(public_items()[:limit])


def top_columns_with_latest(*, per_column: int = 5) -> list[Column]:
    """Top-level columns, each with `latest` = its newest public items (its own and
    its children's). One query for the columns and one per column, bounded by the
    small number of top-level columns."""
    columns = list(Column.objects.filter(parent=None).order_by("order", "id"))
    for column in columns:
        column.latest = list(public_items().filter(column__in=_subtree_ids(column))[:per_column])
    return columns


def _subtree_ids(column: Column) -> list[int]:
    ids = [column.id]
    frontier = [column.id]
    while frontier:
        frontier = list(Column.objects.filter(parent_id__in=frontier).values_list("id", flat=True))
        ids.extend(frontier)
    return ids
