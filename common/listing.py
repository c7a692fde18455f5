"""Capped listings: pages that cost the same at page 500 as at page 1.

A public list (a column, a topic, a year, search results, the API) is turned into
the ordered ids of at most `LISTING_CAP` + 1 items, computed once per catalogue
version and kept in the shared cache (`common.pagecache.cached_versioned`). A page
is then a slice of that list and one query for its 20 rows by primary key: no page
counts or OFFSETs over the whole table. The count shown is exact up to the cap and
"10,000 条以上" beyond it; items past the cap stay reachable through narrower lists
(a year, a sub-column, a search)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.http import Http404, HttpRequest

from common.pagecache import cached_versioned

LISTING_CAP = 10_000
PAGE_SIZE = 20


@dataclass(frozen=True)
class CappedIds:
    ids: list[int]
    more: bool  # more matches exist beyond LISTING_CAP


def capped_ids(name: str, compute: Callable[[int], Iterable[int]]) -> CappedIds:
    """The first LISTING_CAP ids of a listing; `compute(limit)` returns up to `limit`
    ids in display order and is run once per catalogue version for `name`."""

    def run() -> tuple[list[int], bool]:
        ids = list(compute(LISTING_CAP + 1))
        return ids[:LISTING_CAP], len(ids) > LISTING_CAP

    ids, more = cached_versioned(f"listing:{name}", run)
    return CappedIds(ids=ids, more=more)


class CappedPaginator(Paginator):
    """A Paginator over ids that knows whether the list was cut at the cap."""

    def __init__(self, listing: CappedIds, per_page: int):
        super().__init__(listing.ids, per_page)
        self.more = listing.more

    @property
    def count_text(self) -> str:
        """The count as shown: "10,000" (followed by 条以上 where `more`)."""
        return f"{self.count:,}"


def capped_page_or_404(
    request: HttpRequest,
    listing: CappedIds,
    fetch: Callable[[list[int]], Sequence],
    *,
    per_page: int | None = None,
    page_number: int | str | None = None,
) -> Page:
    """The page named by `?page=` (or `page_number`) of `listing`, its object_list
    replaced by the objects `fetch(ids)` returns, in the listing's order."""
    paginator = CappedPaginator(listing, per_page or PAGE_SIZE)
    try:
        page = paginator.page(page_number or request.GET.get("page") or 1)
    except (PageNotAnInteger, EmptyPage):
        raise Http404("no such page") from None
    ids = list(page.object_list)
    by_id = {obj.pk: obj for obj in fetch(ids)}
    # An id whose item stopped being public since the list was made is left out.
    page.object_list = [by_id[pk] for pk in ids if pk in by_id]
    return page
