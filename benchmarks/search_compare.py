"""`python -m benchmarks.search_compare`: one search, cold (no cache), by the
substring scan the portal used before (ILIKE over five columns) and by the search
index (disclosure.search_index), on the database DATABASE_URL names; the median of
BENCH_REPEAT runs per term, and whether both found the same items. BENCH_SCAN=0
skips the scan (minutes per term at a million items): only the index is timed."""

import os
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
os.environ.setdefault("DEMO_MODE", "1")

import django

django.setup()

from django.db.models import Q  # noqa: E402

from common.listing import LISTING_CAP  # noqa: E402
from disclosure import search_index  # noqa: E402
from disclosure.models import Item  # noqa: E402

TERMS = ["稳岗返还", "工伤", "社会保险", "社", "息公开", "人社发"]
REPEAT = int(os.environ.get("BENCH_REPEAT", "5"))
SCAN = os.environ.get("BENCH_SCAN", "1") != "0"
FIELDS = ("title", "body", "summary", "keywords", "document_number", "index_number")


def scan(term: str) -> tuple[int, list[int]]:
    match = Q()
    for name in FIELDS:
        match |= Q(**{f"{name}__icontains": term})
    queryset = Item.objects.published().filter(match).order_by("-published_at", "-id")
    return queryset.count(), list(queryset.values_list("pk", flat=True)[:20])


def indexed(term: str) -> list[int]:
    query = search_index.Query(terms=(search_index.normalise(term),))
    return search_index.search_ids(query, limit=LISTING_CAP + 1)


def timed(fn, *args):
    times, result = [], None
    for _ in range(REPEAT):
        started = time.perf_counter()
        result = fn(*args)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), result


def main() -> int:
    total = Item.objects.published().count()
    print(f"{total:,} public items; median of {REPEAT} cold runs (ms)")
    print(
        "| term | matches | substring scan (count + page) | index (ids up to 10,001) | same items |"
    )
    print("|---|---|---|---|---|")
    for term in TERMS:
        index_ms, ids = timed(indexed, term)
        if not SCAN:
            shown = f"{len(ids):,}" if len(ids) <= LISTING_CAP else f"{LISTING_CAP:,}+"
            print(f"| {term} | {shown} | — | {index_ms:,.0f} | — |")
            continue
        scan_ms, (count, _) = timed(scan, term)
        exact = count == len(ids) if count <= LISTING_CAP else len(ids) == LISTING_CAP + 1
        shown = f"{count:,}"
        print(
            f"| {term} | {shown} | {scan_ms:,.0f} | {index_ms:,.0f} | {'yes' if exact else 'NO'} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
