"""What public pages show of the catalogue follows every write."""

from common.pagecache import catalogue_changed
from common.tasks import enqueue
from disclosure.models import Item
from disclosure.tasks import reindex_columns, reindex_items


def catalogue_item_changed(*, item: Item | int) -> None:
    """Every write that may change what public pages show of an item calls this, in
    its transaction: the item's search document follows its state (written while it
    is public, removed otherwise; a background task, queued with the change) and
    the public page cache is invalidated."""
    item_id = item if isinstance(item, int) else item.pk
    enqueue(reindex_items, after_commit=False, item_ids=[item_id])
    catalogue_changed()


def catalogue_columns_changed(*, column_ids: list[int]) -> None:
    """A column's name or place changed: its items' documents carry the column for
    the search filter, and every page shows the column tree."""
    enqueue(reindex_columns, after_commit=False, column_ids=list(column_ids))
    catalogue_changed()
