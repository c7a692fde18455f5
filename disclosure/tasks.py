"""Background tasks of the catalogue (common.tasks).

The search documents of changed items are rebuilt here: building one reads the
item's attachments (text of PDFs and DOCX files), which should not hold up the
publishing request. In production the task is queued in the service's own
transaction and the worker runs it once that commits; when it is done the public
page cache is invalidated again, so no copy made in between keeps the old search
results. Inline (demo, tests) it runs at once, inside the transaction, as before."""

from __future__ import annotations

from django.db import DatabaseError
from django.tasks import task

from common.pagecache import catalogue_changed
from common.tasks import retry_later
from disclosure import search_index


@task
def reindex_items(*, item_ids: list[int], attempt: int = 1) -> int:
    """Bring the search documents of `item_ids` in step with the items."""
    try:
        search_index.index_items(item_ids)
    except DatabaseError:
        if retry_later(reindex_items, attempt=attempt, kwargs={"item_ids": item_ids}):
            return 0
        raise
    catalogue_changed()
    return len(item_ids)


@task
def reindex_columns(*, column_ids: list[int], attempt: int = 1) -> int:
    """A column moved or was renamed: its items' documents carry the column."""
    try:
        search_index.index_column(column_ids)
    except DatabaseError:
        if retry_later(reindex_columns, attempt=attempt, kwargs={"column_ids": column_ids}):
            return 0
        raise
    catalogue_changed()
    return len(column_ids)
