"""What public pages show of the catalogue follows every write."""

from common.pagecache import catalogue_changed
from disclosure import search_index
from disclosure.models import Item


def catalogue_item_changed(*, item: Item | int) -> None:
    """Every write that may change what public pages show of an item calls this, in
    its transaction: the item's search document follows its state (written while it
    is public, removed otherwise) and the public page cache is invalidated."""
    search_index.index_item(item)
    catalogue_changed()


def catalogue_columns_changed(*, column_ids: list[int]) -> None:
    """A column's name or place changed: its items' documents carry the column for
    the search filter, and every page shows the column tree."""
    search_index.index_column(column_ids)
    catalogue_changed()
