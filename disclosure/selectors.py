"""Reads of the catalogue. Public pages read items only through `public_items()`,
the single-item `public_item_or_404()` and the list rows of `disclosure.listings`,
each starting from published 主动公开 items, so nothing else can leak onto a public
surface by accident (F1)."""

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet
from django.db.models.base import ModelState
from django.db.models.functions import ExtractYear
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from common.pagecache import DERIVED_TIMEOUT, cached_versioned, versioned_local
from disclosure.choices import Publicity, Topic
from disclosure.models import (
    Attachment,
    Column,
    Item,
    ItemStatus,
    Organisation,
    SearchDocument,
    Section,
    SiteIdentity,
)

# Public URLs for years outside this range are 404s: nothing was published then.
FIRST_YEAR = 1990


def current_organisation() -> Organisation | None:
    """The bureau this portal serves (the first organisation)."""
    return Organisation.objects.order_by("id").first()


def site_identity() -> SiteIdentity:
    """The site's identity and statements; unsaved defaults until the 系统管理员 sets
    them (the statements have a default text, the identifiers stay blank)."""
    return SiteIdentity.objects.order_by("id").first() or SiteIdentity()


def page_identity() -> tuple[Organisation | None, SiteIdentity]:
    """The bureau and the site's identity as every page's header and footer show
    them: read once per catalogue version and process (their services bump the
    version). Read-only: services that change them read `current_organisation` /
    `site_identity`."""
    return versioned_local("page-identity", lambda: (current_organisation(), site_identity()))


# --- items -----------------------------------------------------------------------


def public_items() -> QuerySet[Item]:
    """Published 主动公开 items with what list pages show, in publication order."""
    return (
        Item.objects.published()
        .select_related("column", "section", "section__organisation")
        .order_by("-published_at", "-id")
    )


def public_item_or_404(pk: int) -> Item:
    """The item a public page shows, with its attachments, or Http404.

    Every public item URL (page, print view, attachments, API) fetches through this
    one function. Besides the public items it returns a 主动公开 item that was
    published and then withdrawn (F3): its page shows the withdrawal notice and date
    instead of the content, and `public_content_or_404` keeps the content a 404."""
    withdrawn = Q(status=ItemStatus.WITHDRAWN, published_at__isnull=False)
    queryset = (
        Item.objects.filter(
            Q(status=ItemStatus.PUBLISHED) | withdrawn, publicity=Publicity.PROACTIVE
        )
        .select_related("column", "section", "section__organisation")
        .prefetch_related(
            Prefetch("attachments", queryset=Attachment.objects.order_by("order", "id"))
        )
    )
    return get_object_or_404(queryset, pk=pk)


def public_content_or_404(pk: int) -> Item:
    """The item for surfaces that show its content and nothing else (print view,
    attachments, API). If `public_item_or_404` is widened so the item page can show
    a notice for, say, a withdrawn item, that item's content stays a 404 here."""
    item = public_item_or_404(pk)
    if not item.is_public:
        raise Http404("not public")
    return item


def public_attachment_or_404(*, item: Item, pk: int) -> Attachment:
    """An attachment of an item already fetched through `public_item_or_404`."""
    return get_object_or_404(Attachment, item=item, pk=pk)


def latest_published_items(*, limit: int = 10) -> list[Item]:
    return list(public_items()[:limit])


def public_items_by_ids(ids: Sequence[int]) -> QuerySet[Item]:
    """The public items among `ids` (a page of a capped listing)."""
    return public_items().filter(pk__in=list(ids))


@dataclass(frozen=True)
class CatalogueCounts:
    """Public items per column, topic, section and year (the catalogue's browse
    entry points and the search filters)."""

    by_column: dict[int, int]
    by_topic: dict[str, int]
    by_section: dict[int, int]
    by_year: dict[int, int]


def _count_public() -> CatalogueCounts:
    """One GROUP BY over the public items by column, topic, section and year; the
    four tallies are summed from its rows (a few thousand at most). It reads the
    search documents (one per public item, kept in step by the services) through
    an index that holds every column it needs, not the items with their bodies."""
    rows = (
        SearchDocument.objects.order_by()
        .annotate(year=ExtractYear("published_at"))
        .values_list("column_id", "topic", "section_id", "year")
        .annotate(n=Count("*"))
    )
    by_column: dict[int, int] = {}
    by_topic: dict[str, int] = {}
    by_section: dict[int, int] = {}
    by_year: dict[int, int] = {}
    for column_id, topic, section_id, year, n in rows:
        by_column[column_id] = by_column.get(column_id, 0) + n
        by_topic[topic] = by_topic.get(topic, 0) + n
        by_section[section_id] = by_section.get(section_id, 0) + n
        if year is not None:
            by_year[year] = by_year.get(year, 0) + n
    return CatalogueCounts(
        by_column=by_column, by_topic=by_topic, by_section=by_section, by_year=by_year
    )


def catalogue_counts() -> CatalogueCounts:
    """Grouped counts over all public items: one GROUP BY, run once per catalogue
    version and then read from the shared cache by every page and process."""
    return cached_versioned("catalogue-counts", _count_public, timeout=DERIVED_TIMEOUT)


def public_items_in_columns(column_ids: list[int]) -> QuerySet[Item]:
    return public_items().filter(column_id__in=column_ids)


def public_items_for_topic(code: str) -> QuerySet[Item]:
    """Items of a topic; a top-level topic includes its sub-topics (15 -> 15.x)."""
    return public_items().filter(Q(topic=code) | Q(topic__startswith=f"{code}."))


def public_items_for_section(section: Section) -> QuerySet[Item]:
    return public_items().filter(section=section)


def public_items_for_year(year: int) -> QuerySet[Item]:
    # __year is evaluated in the current time zone (Asia/Shanghai) with USE_TZ.
    return public_items().filter(published_at__year=year)


# --- columns -----------------------------------------------------------------------


@dataclass
class ColumnNode:
    """A column in the public tree, with the number of public items in it and in
    all its descendants."""

    column: Column
    depth: int
    own_count: int = 0
    count: int = 0
    children: list["ColumnNode"] = field(default_factory=list)

    @property
    def indent(self) -> str:
        return "\u3000" * self.depth


@dataclass
class ColumnTree:
    """The whole column tree, loaded in one query (columns are few)."""

    roots: list[ColumnNode]
    by_id: dict[int, ColumnNode]

    def node(self, column: Column) -> ColumnNode:
        return self.by_id[column.pk]

    def subtree_ids(self, column: Column) -> list[int]:
        ids: list[int] = []
        seen: set[int] = set()  # a mis-edited parent loop must not hang the page
        stack = [self.by_id[column.pk]]
        while stack:
            node = stack.pop()
            if node.column.pk in seen:
                continue
            seen.add(node.column.pk)
            ids.append(node.column.pk)
            stack.extend(node.children)
        return ids

    def ancestors(self, column: Column) -> list[Column]:
        """From the root down to the parent of `column`."""
        chain: list[Column] = []
        parent_id = column.parent_id
        seen: set[int] = set()
        while parent_id is not None and parent_id not in seen and parent_id in self.by_id:
            seen.add(parent_id)
            parent = self.by_id[parent_id].column
            chain.append(parent)
            parent_id = parent.parent_id
        return list(reversed(chain))

    def flat(self) -> list[ColumnNode]:
        """Depth-first, in display order (for select boxes and the catalogue)."""
        out: list[ColumnNode] = []

        def walk(nodes: list[ColumnNode]) -> None:
            for n in nodes:
                out.append(n)
                walk(n.children)

        walk(self.roots)
        return out


def all_columns() -> list[Column]:
    """Every column in display order: one query per catalogue version and process
    (column changes bump the version), each call given its own copies."""
    held = versioned_local("columns", lambda: list(Column.objects.order_by("order", "id")))
    return [_fresh(column) for column in held]


def _fresh(column: Column) -> Column:
    """A copy of a loaded column (its fields, none of its cached relations): what
    `copy.copy` gives, at a fraction of its cost."""
    clone = Column.__new__(Column)
    clone.__dict__.update(column.__dict__)
    clone._state = ModelState()
    clone._state.adding, clone._state.db = False, column._state.db
    return clone


def column_tree(*, with_counts: bool = False) -> ColumnTree:
    """All columns as a tree (`all_columns`). With `with_counts`, each node knows how
    many public items it holds, its descendants' included (`catalogue_counts`)."""
    columns = all_columns()
    by_id = {c.pk: ColumnNode(column=c, depth=0) for c in columns}
    roots: list[ColumnNode] = []
    for c in columns:
        node = by_id[c.pk]
        if c.parent_id and c.parent_id in by_id:
            by_id[c.parent_id].children.append(node)
        else:
            roots.append(node)
    tree = ColumnTree(roots=roots, by_id=by_id)
    if with_counts:
        counts = catalogue_counts().by_column
        for node in by_id.values():
            node.own_count = counts.get(node.column.pk, 0)

    def finish(nodes: list[ColumnNode], depth: int) -> int:
        total = 0
        for n in nodes:
            n.depth = depth
            n.count = n.own_count + finish(n.children, depth + 1)
            total += n.count
        return total

    finish(roots, 0)
    return tree


def column_by_slug_or_404(slug: str) -> Column:
    for column in all_columns():
        if column.slug == slug:
            return column
    raise Http404("no such column")


def _latest_rows(column_ids: list[int], *, per_column: int, latest: int) -> list[Item]:
    """The newest `per_column` public items of each column and the newest `latest`
    of the catalogue, in one query: a UNION ALL of small index scans (one per
    column on item_column_public_idx, one on the status index), whatever the size
    of the catalogue. Only what list rows show is read (no body)."""
    # Only the model's own table name is formatted in; every value is a parameter.
    table = Item._meta.db_table
    select = f"SELECT id, column_id, published_at, title FROM {table}"  # noqa: S608
    public = "status = %s AND publicity = %s"
    newest = "ORDER BY published_at DESC, id DESC LIMIT %s"
    parts = [f"SELECT * FROM ({select} WHERE {public} {newest}) AS latest"]  # noqa: S608
    params: list = [ItemStatus.PUBLISHED, Publicity.PROACTIVE, latest]
    for n, column_id in enumerate(column_ids):
        part = f"SELECT * FROM ({select} WHERE column_id = %s AND {public} {newest}) AS c{n}"  # noqa: S608
        parts.append(part)
        params += [column_id, ItemStatus.PUBLISHED, Publicity.PROACTIVE, per_column]
    return list(Item.objects.raw(" UNION ALL ".join(parts), params))


def top_columns_with_latest(
    *, per_column: int = 5, latest: int = 0
) -> tuple[list[Column], list[Item]]:
    """Top-level columns, each with `latest` = its newest public items (its own and
    its sub-columns'), and the newest `latest` items of the whole catalogue.

    At most two queries whatever the number of columns or items, each once per
    catalogue version and process: the tree, and the newest rows of every column
    and of the catalogue (one UNION ALL). The newest items of
    a top-level column are among the newest `per_column` of each column under it."""
    tree = column_tree()
    # The newest rows change only with the catalogue: read once per version and process.
    rows = versioned_local(
        f"latest-rows:{per_column}:{latest}",
        lambda: _latest_rows(list(tree.by_id), per_column=per_column, latest=latest),
    )
    newest = {row.pk: row for row in rows}  # a row may come from two parts
    ordered = sorted(newest.values(), key=lambda i: (i.published_at, i.pk), reverse=True)
    columns = []
    for node in tree.roots:
        column = node.column
        subtree = set(tree.subtree_ids(column))
        # Read by the home page template.
        column.latest = [i for i in ordered if i.column_id in subtree][:per_column]  # type: ignore[attr-defined]
        column.child_columns = [child.column for child in node.children]  # type: ignore[attr-defined]
        columns.append(column)
    return columns, ordered[:latest]


# --- browse entry points -------------------------------------------------------


@dataclass
class TopicCount:
    code: str
    label: str
    count: int
    children: list["TopicCount"] = field(default_factory=list)


def topics_with_counts() -> list[TopicCount]:
    """The top-level 主题分类, each with its number of public items (sub-topics
    included) and its sub-topics (e.g. 劳动、人事、监察 > 社会保障) with theirs."""
    own = catalogue_counts().by_topic
    top: dict[str, TopicCount] = {}
    for topic in Topic:
        code = topic.value
        entry = TopicCount(code=code, label=topic_label(code), count=own.get(code, 0))
        parent_code = code.split(".")[0]
        if parent_code != code and parent_code in top:
            top[parent_code].children.append(entry)
            top[parent_code].count += entry.count
        else:
            top[code] = entry
    return list(top.values())


def topic_label(code: str) -> str:
    """The short label of a topic (without the parent prefix of sub-topics)."""
    return Topic(code).label.split("/")[-1]


def topic_or_404(code: str) -> Topic:
    try:
        return Topic(code)
    except ValueError:
        raise Http404("no such topic") from None


def sections_with_counts() -> list[Section]:
    """Sections that have public items, with `public_count`."""
    counts = catalogue_counts().by_section
    sections = list(Section.objects.filter(pk__in=list(counts)).order_by("order", "id"))
    for section in sections:
        section.public_count = counts[section.pk]  # type: ignore[attr-defined]
    return sections


def section_or_404(pk: int) -> Section:
    return get_object_or_404(Section.objects.select_related("organisation"), pk=pk)


def years_with_counts() -> list[tuple[int, int]]:
    """(year, number of public items) for each year with publications, newest first."""
    return sorted(catalogue_counts().by_year.items(), reverse=True)


def year_or_404(year: int) -> int:
    if not FIRST_YEAR <= year <= timezone.localdate().year + 1:
        raise Http404("year out of range")
    return year
