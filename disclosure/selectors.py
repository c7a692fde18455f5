"""Reads of the catalogue. Public pages read items only through `public_items()`
(and the single-item `public_item_or_404()`), so nothing that is not a published
主动公开 item can leak onto a public surface by accident (F1)."""

from dataclasses import dataclass, field

from django.db.models import Case, Count, Prefetch, Q, QuerySet, Value, When
from django.db.models.functions import ExtractYear
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from disclosure.choices import Publicity, Topic
from disclosure.models import Attachment, Column, Item, ItemStatus, Organisation, Section

# Public URLs for years outside this range are 404s: nothing was published then.
FIRST_YEAR = 1990


def current_organisation() -> Organisation | None:
    """The bureau this portal serves (the first organisation)."""
    return Organisation.objects.order_by("id").first()


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
    withdrawn = Item.objects.filter(
        status=ItemStatus.WITHDRAWN, publicity=Publicity.PROACTIVE, published_at__isnull=False
    )
    queryset = (
        (Item.objects.published() | withdrawn)
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


def column_tree(*, with_counts: bool = False, counts_under: Column | None = None) -> ColumnTree:
    """All columns as a tree (one query). With `with_counts`, each node knows how
    many public items it holds, its descendants' included (one grouped query more);
    `counts_under` restricts that count to one column's subtree, so a column page
    does not count the whole catalogue."""
    columns = list(Column.objects.order_by("order", "id"))
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
        published = Item.objects.published()
        if counts_under is not None:
            published = published.filter(column_id__in=tree.subtree_ids(counts_under))
        counts = dict(
            published.values("column_id").annotate(n=Count("id")).values_list("column_id", "n")
        )
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
    return get_object_or_404(Column, slug=slug)


def top_columns_with_latest(*, per_column: int = 5) -> list[Column]:
    """Top-level columns, each with `latest` = its newest public items (its own and
    its children's). One query for the tree and one per top-level column, bounded
    by the small number of top-level columns, not by the number of items."""
    tree = column_tree()
    columns = []
    for node in tree.roots:
        column = node.column
        # Read by the home page template.
        latest = list(public_items_in_columns(tree.subtree_ids(column))[:per_column])
        column.latest = latest  # type: ignore[attr-defined]
        column.child_columns = [child.column for child in node.children]  # type: ignore[attr-defined]
        columns.append(column)
    return columns


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
    own = dict(
        Item.objects.published().values("topic").annotate(n=Count("id")).values_list("topic", "n")
    )
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
    return list(
        Section.objects.annotate(
            public_count=Count(
                "items",
                filter=Q(items__in=Item.objects.published()),
            )
        )
        .filter(public_count__gt=0)
        .order_by("order", "id")
    )


def section_or_404(pk: int) -> Section:
    return get_object_or_404(Section.objects.select_related("organisation"), pk=pk)


def years_with_counts() -> list[tuple[int, int]]:
    """(year, number of public items) for each year with publications, newest first."""
    rows = (
        Item.objects.published()
        .annotate(year=ExtractYear("published_at"))
        .values("year")
        .annotate(n=Count("id"))
        .order_by("-year")
        .values_list("year", "n")
    )
    return [(year, n) for year, n in rows if year is not None]


def year_or_404(year: int) -> int:
    if not FIRST_YEAR <= year <= timezone.localdate().year + 1:
        raise Http404("year out of range")
    return year


# --- search -----------------------------------------------------------------------


@dataclass(frozen=True)
class SearchFilters:
    terms: tuple[str, ...] = ()
    column: Column | None = None
    topic: str = ""
    year: int | None = None
    section: Section | None = None

    @property
    def is_empty(self) -> bool:
        return not (self.terms or self.column or self.topic or self.year or self.section)


SEARCH_FIELDS = ("title", "body", "summary", "keywords", "document_number")


def search_public_items(
    filters: SearchFilters, *, tree: ColumnTree | None = None, rank: bool = False
) -> QuerySet[Item]:
    """Public items matching every term (each in any searchable field) and the
    filters. Chinese has no word boundaries: plain substring matching (icontains)
    finds a word wherever it occurs, on SQLite and PostgreSQL alike.

    With `rank`, items whose title holds more of the terms come first, then the
    newest; otherwise newest first (stable order for the API's pages)."""
    queryset = public_items()
    for term in filters.terms:
        match = Q()
        for name in SEARCH_FIELDS:
            match |= Q(**{f"{name}__icontains": term})
        queryset = queryset.filter(match)
    if filters.column is not None:
        tree = tree or column_tree()
        queryset = queryset.filter(column_id__in=tree.subtree_ids(filters.column))
    if filters.topic:
        queryset = queryset.filter(
            Q(topic=filters.topic) | Q(topic__startswith=f"{filters.topic}.")
        )
    if filters.year:
        queryset = queryset.filter(published_at__year=filters.year)
    if filters.section is not None:
        queryset = queryset.filter(section=filters.section)
    if rank and filters.terms:
        hits = sum(
            (
                Case(When(title__icontains=term, then=Value(1)), default=Value(0))
                for term in filters.terms
            ),
            start=Value(0),
        )
        queryset = queryset.annotate(title_hits=hits).order_by(
            "-title_hits", "-published_at", "-id"
        )
    return queryset
