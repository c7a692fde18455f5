"""The search index of the public catalogue: one `SearchDocument` per public item,
kept in step by the services that publish, edit, withdraw or replace items, and
queried with complete substring semantics on PostgreSQL and SQLite alike.

Chinese has no word boundaries, so a word index misses most matches. Instead every
document is cut into its distinct characters and pairs of adjacent characters
(the overlapping bigrams of CJK analyzers):

- a one-character term matches exactly the documents holding that character;
- a two-character term matches exactly the documents holding that pair;
- a longer term can only occur where all its pairs occur: the index finds those
  candidates, and a substring test on the stored text keeps the true matches.

So every query of any length uses an index and returns every public item that
contains it (docs/search.md has the measurements and the approaches compared).
PostgreSQL keeps the grams in GIN indexes (stock PostgreSQL, no extension); SQLite
in an FTS5 table whose tokens are the grams written in hex.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from common.text import plain_text
from disclosure.models import Attachment, Item, SearchDocument

FTS_TABLE = "disclosure_search_fts"
_WS = re.compile(r"\s+")


# --- documents -----------------------------------------------------------------------


def normalise(text: str) -> str:
    """Lower case, white space collapsed: documents and terms alike."""
    return _WS.sub(" ", (text or "").lower()).strip()


def grams(text: str) -> set[str]:
    """Every character and every pair of adjacent characters, white space excluded
    (a term never holds white space: queries are split on it)."""
    out: set[str] = set()
    previous = ""
    for char in text:
        if char.isspace():
            previous = ""
            continue
        out.add(char)
        if previous:
            out.add(previous + char)
        previous = char
    return out


def term_grams(term: str) -> list[str]:
    """The grams a document must hold to contain `term` (already normalised)."""
    if len(term) <= 2:
        return [term]
    return sorted({term[i : i + 2] for i in range(len(term) - 1)})


def needs_recheck(term: str) -> bool:
    """Pairs alone prove a match only for terms of one or two characters."""
    return len(term) > 2


def _item_text(item: Item, attachments: Sequence[Attachment], body_text: str | None) -> str:
    parts = [
        item.title,
        item.document_number,
        item.index_number or "",
        item.summary,
        item.keywords,
        plain_text(item.body) if body_text is None else body_text,
    ]
    for attachment in attachments:
        parts.append(attachment.title)
        # Text extracted from the file at upload, where the attachment keeps it.
        parts.append(getattr(attachment, "extracted_text", "") or "")
    # Fields stay apart: a term never spans two fields, as with a per-field LIKE.
    return "\n".join(normalise(p) for p in parts if p)


def build_document(
    item: Item, attachments: Sequence[Attachment] = (), *, body_text: str | None = None
) -> SearchDocument:
    """The document of `item`; `body_text`, when the caller already has the body's
    plain text (bulk generation), saves parsing the HTML again."""
    text = _item_text(item, attachments, body_text)
    title = normalise(item.title)
    return SearchDocument(
        item_id=item.pk,
        column_id=item.column_id,
        section_id=item.section_id,
        topic=item.topic,
        published_at=item.published_at,
        title=title,
        text=text,
        grams=" ".join(sorted(grams(text))) if connection.vendor == "postgresql" else "",
        title_grams=" ".join(sorted(grams(title))) if connection.vendor == "postgresql" else "",
    )


def _fts_token(gram: str) -> str:
    # FTS5's ascii tokenizer splits on ASCII punctuation; hex code points never split.
    return "".join(f"{ord(c):06x}" for c in gram)


def _fts_text(text: str) -> str:
    hexes = {c: f"{ord(c):06x}" for c in set(text)}
    return " ".join("".join(hexes[c] for c in g) for g in grams(text))


def _fts_write(documents: Iterable[SearchDocument]) -> None:
    if connection.vendor != "sqlite":
        return
    rows = [(d.pk, _fts_text(d.text), _fts_text(d.title)) for d in documents]
    with connection.cursor() as cursor:
        # FTS_TABLE is a constant; every value is a parameter.
        cursor.executemany(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [(r[0],) for r in rows])  # noqa: S608
        cursor.executemany(
            f"INSERT INTO {FTS_TABLE} (rowid, grams, title_grams) VALUES (%s, %s, %s)",  # noqa: S608
            rows,
        )


def _fts_delete(item_ids: Iterable[int]) -> None:
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.executemany(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [(i,) for i in item_ids])  # noqa: S608


def index_items(item_ids: Iterable[int]) -> None:
    """Bring the documents of `item_ids` in step with the items: a public item gets
    its document (re)written, anything else loses it. Called inside the service's
    transaction, so the index changes exactly when the item does."""
    item_ids = list(item_ids)
    if not item_ids:
        return
    public = list(Item.objects.published().filter(pk__in=item_ids).prefetch_related("attachments"))
    documents = [build_document(item, list(item.attachments.all())) for item in public]
    with transaction.atomic():
        SearchDocument.objects.filter(pk__in=item_ids).delete()
        _fts_delete(item_ids)
        SearchDocument.objects.bulk_create(documents)
        _fts_write(documents)


def index_item(item: Item | int) -> None:
    index_items([item if isinstance(item, int) else item.pk])


def index_column(column_ids: Iterable[int]) -> None:
    """After a column moves or is reassigned: its items' documents follow."""
    index_items(
        Item.objects.published().filter(column_id__in=list(column_ids)).values_list("pk", flat=True)
    )


def public_item_batches(batch_size: int = 500) -> Iterator[list[Item]]:
    """All public items in batches of `batch_size`, by primary key (keyset)."""
    last = 0
    while True:
        batch = list(
            Item.objects.published()
            .filter(pk__gt=last)
            .order_by("pk")
            .prefetch_related("attachments")[:batch_size]
        )
        if not batch:
            return
        yield batch
        last = batch[-1].pk


def rebuild(*, batch_size: int = 500, progress=None) -> int:
    """Drop every document and index all public items again (after bulk loads and
    restores). `progress(done, total)` is called after each batch."""
    total = Item.objects.published().count()
    with transaction.atomic():
        SearchDocument.objects.all().delete()
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {FTS_TABLE}")  # noqa: S608 - a constant
    done = 0
    for batch in public_item_batches(batch_size):
        documents = [build_document(item, list(item.attachments.all())) for item in batch]
        with transaction.atomic():
            SearchDocument.objects.bulk_create(documents)
            _fts_write(documents)
        done += len(documents)
        if progress is not None:
            progress(done, total)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE disclosure_searchdocument")
    return done


# --- queries -------------------------------------------------------------------------


@dataclass(frozen=True)
class Query:
    """A search: normalised terms (all must occur) and the filters."""

    terms: tuple[str, ...]
    column_ids: tuple[int, ...] | None = None
    topic: str = ""
    year: int | None = None
    section_id: int | None = None


def _year_range(year: int) -> tuple[datetime.datetime, datetime.datetime]:
    tz = timezone.get_current_timezone()
    return (
        datetime.datetime(year, 1, 1, tzinfo=tz),
        datetime.datetime(year + 1, 1, 1, tzinfo=tz),
    )


def _filters(query: Query, alias: str = "d") -> tuple[list[str], list]:
    where: list[str] = []
    params: list = []
    if query.column_ids is not None:
        marks = ", ".join(["%s"] * len(query.column_ids)) or "NULL"
        where.append(f"{alias}.column_id IN ({marks})")
        params.extend(query.column_ids)
    if query.topic:
        where.append(f"({alias}.topic = %s OR {alias}.topic LIKE %s)")
        params.extend([query.topic, query.topic + ".%"])
    if query.year:
        start, end = _year_range(query.year)
        adapt = connection.ops.adapt_datetimefield_value
        where.append(f"{alias}.published_at >= %s AND {alias}.published_at < %s")
        params.extend([adapt(start), adapt(end)])
    if query.section_id is not None:
        where.append(f"{alias}.section_id = %s")
        params.append(query.section_id)
    return where, params


def _postgres_sql(query: Query, *, in_title: bool) -> tuple[str, list, list[str]]:
    """The candidates' query (gram index and filters) and the terms each candidate
    must still be confirmed to contain by a substring test."""
    where, params = _filters(query)
    grams_column = "title_grams" if in_title else "grams"
    needed = sorted({g for t in query.terms for g in term_grams(t)})
    if needed:
        where.insert(0, f"portal_grams(d.{grams_column}) @> %s::text[]")
        params.insert(0, needed)
    sql = "SELECT d.item_id, d.published_at FROM disclosure_searchdocument d"
    if where:
        sql += " WHERE " + " AND ".join(where)
    rechecks = [t for t in query.terms if in_title or needs_recheck(t)]
    return sql, params, rechecks


def _fts_match(tokens: list[str], column: str) -> str:
    return " AND ".join(f'{column} : "{_fts_token(g)}"' for g in tokens)


def _sqlite_sql(query: Query, *, in_title: bool) -> tuple[str, list]:
    where, params = _filters(query)
    column, grams_column = ("title", "title_grams") if in_title else ("text", "grams")
    needed = sorted({g for t in query.terms for g in term_grams(t)})
    sql = "SELECT d.item_id FROM disclosure_searchdocument d"
    if needed:
        sql += f" JOIN {FTS_TABLE} f ON f.rowid = d.item_id"
        where.insert(0, f"{FTS_TABLE} MATCH %s")
        params.insert(0, _fts_match(needed, grams_column))
    for term in query.terms:
        if in_title or needs_recheck(term):
            where.append(f"instr(d.{column}, %s) > 0")
            params.append(term)
    if where:
        sql += " WHERE " + " AND ".join(where)
    return sql, params


def _postgres_ids_sql(query: Query, *, in_title: bool) -> tuple[str, list]:
    sql, params, rechecks = _postgres_sql(query, in_title=in_title)
    newest = "ORDER BY published_at DESC, item_id DESC"
    if not rechecks:
        # The matches first, through the gram index, then the newest of them: for a
        # very common term the planner would otherwise walk the whole catalogue
        # newest first, splitting every document's grams (5.2 s -> 1.4 s for 社 at
        # 200,000 items). OFFSET 0 keeps the inner query from being flattened.
        return f"SELECT item_id FROM ({sql} OFFSET 0) AS matches {newest} LIMIT %s", params  # noqa: S608 - values are parameters
    # A term of three or more characters: the candidates (every pair present) are
    # sorted newest first and confirmed in that order with a substring test on their
    # text, stopping at `limit` matches. Confirming all of them before ordering read
    # the text of hundreds of thousands of candidates for a term in a third of the
    # catalogue. OFFSET 0 keeps the test out of the sorted subquery, which carries
    # only the text's pointer; the outer ORDER BY is already satisfied (no new sort).
    column = "title" if in_title else "text"
    sql = sql.replace(
        "SELECT d.item_id, d.published_at", f"SELECT d.item_id, d.published_at, d.{column}", 1
    )
    confirm = " AND ".join([f"strpos(c.{column}, %s) > 0"] * len(rechecks))
    sql = (
        f"SELECT c.item_id FROM ({sql} {newest} OFFSET 0) AS c WHERE {confirm}"  # noqa: S608 - values are parameters
        f" ORDER BY c.published_at DESC, c.item_id DESC LIMIT %s"
    )
    return sql, [*params, *rechecks]


def _ids(query: Query, *, in_title: bool, limit: int) -> list[int]:
    if connection.vendor == "postgresql":
        sql, params = _postgres_ids_sql(query, in_title=in_title)
    else:
        sql, params = _sqlite_sql(query, in_title=in_title)
        sql += " ORDER BY d.published_at DESC, d.item_id DESC LIMIT %s"
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, limit])
        return [row[0] for row in cursor.fetchall()]


def search_ids(query: Query, *, limit: int) -> list[int]:
    """Ids of up to `limit` public items containing every term and passing the
    filters: those whose title holds every term first, then the rest, each group
    newest first."""
    if not query.terms:
        return _ids(query, in_title=False, limit=limit)
    in_title = _ids(query, in_title=True, limit=limit)
    seen = set(in_title)
    rest = [pk for pk in _ids(query, in_title=False, limit=limit + len(in_title)) if pk not in seen]
    return (in_title + rest)[:limit]
