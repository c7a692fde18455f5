"""Capped listings of public items (common.listing): the ids of a column, a topic,
a section, a year or a search, computed once per catalogue version; and the rows a
page of them shows."""

from collections.abc import Sequence

from django.db.models import QuerySet

from common.listing import CappedIds, capped_ids
from disclosure import search_index
from disclosure.models import Item
from disclosure.search import SearchFilters
from disclosure.selectors import ColumnTree, column_tree, public_items_in_columns


def _listing_key(kind: str, *parts: object) -> str:
    return kind + ":" + "|".join(str(p) for p in parts)


def column_listing(column_ids: list[int]) -> CappedIds:
    """A column's public items (its sub-columns' included), newest first, capped."""
    ids = sorted(column_ids)
    return capped_ids(
        _listing_key("column", *ids),
        lambda limit: public_items_in_columns(ids).values_list("pk", flat=True)[:limit],
    )


def queryset_listing(name: str, queryset: QuerySet[Item]) -> CappedIds:
    """Any public list (a topic, a section, a year), newest first, capped."""
    return capped_ids(name, lambda limit: queryset.values_list("pk", flat=True)[:limit])


def search_listing(filters: SearchFilters, *, tree: ColumnTree | None = None) -> CappedIds:
    """Public items holding every term (in any searchable field, attachments' text
    included) and passing the filters: those with every term in the title first,
    then newest first (disclosure.search_index). Without terms: newest first."""
    column_ids = None
    if filters.column is not None:
        column_ids = tuple(sorted((tree or column_tree()).subtree_ids(filters.column)))
    query = search_index.Query(
        terms=tuple(search_index.normalise(t) for t in filters.terms),
        column_ids=column_ids,
        topic=filters.topic,
        year=filters.year,
        section_id=filters.section.pk if filters.section is not None else None,
    )
    return capped_ids(
        _listing_key("search", query), lambda limit: search_index.search_ids(query, limit=limit)
    )


# What a list row shows (disclosure/_item_list.html): building the rows' full
# objects (bodies, every catalogue field, section and bureau) cost more than the query.
LIST_ROW_FIELDS = (
    *("title", "summary", "index_number", "document_number", "validity", "published_at"),
    *("status", "publicity", "column__name", "column__slug"),
)


def public_list_rows_by_ids(ids: Sequence[int]) -> QuerySet[Item]:
    """The public items among `ids` (a page of a listing) with only what list pages show."""
    return (
        Item.objects.published()
        .filter(pk__in=list(ids))
        .select_related("column")
        .only(*LIST_ROW_FIELDS)
        .order_by("-published_at", "-id")
    )


def public_search_rows_by_ids(ids: Sequence[int]) -> QuerySet[Item]:
    """List rows with the body, which search results quote around the match."""
    return public_list_rows_by_ids(ids).only(*LIST_ROW_FIELDS, "body")
