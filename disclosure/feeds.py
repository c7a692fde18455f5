"""RSS feeds of published items (F1): all columns, and one per column (its
sub-columns included). Items come only from `selectors.public_items()`."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.html import escape
from django.utils.text import Truncator

from common.text import plain_text
from disclosure import selectors
from disclosure.models import Column, Item

FEED_SIZE = 30


class _ItemFeed(Feed):
    feed_type = Rss201rev2Feed
    language = "zh-CN"

    def item_title(self, item: Item) -> str:
        return item.title

    def item_description(self, item: Item) -> str:
        # Plain text: feed readers render HTML unpredictably; the page has the rest.
        # RSS readers treat <description> as HTML, so the text is HTML-escaped (the
        # feed generator adds the XML escaping on top): "<b>" in a summary is shown
        # as written, never as markup.
        text = item.summary or plain_text(item.body)
        return escape(Truncator(text).chars(200))

    def item_link(self, item: Item) -> str:
        return reverse("disclosure:item", args=[item.pk])

    def item_pubdate(self, item: Item):
        return item.published_at

    def item_updateddate(self, item: Item):
        return item.updated_at

    def item_author_name(self, item: Item) -> str:
        return item.section.organisation.name

    def item_categories(self, item: Item) -> list[str]:
        return [item.column.name, item.get_topic_display()]


class LatestItemsFeed(_ItemFeed):
    def title(self) -> str:
        org = selectors.current_organisation()
        return f"{org.name if org else ''}最新公开信息"

    description = "政府信息公开平台最新发布的主动公开信息。"

    def link(self) -> str:
        return reverse("home")

    def items(self):
        return selectors.public_items()[:FEED_SIZE]


class ColumnFeed(_ItemFeed):
    def get_object(self, request, slug: str) -> Column:
        return selectors.column_by_slug_or_404(slug)

    def title(self, column: Column) -> str:
        return f"{column.name} - 政府信息公开"

    def description(self, column: Column) -> str:
        return escape(column.description or f"“{column.name}”栏目最新发布的主动公开信息。")

    def link(self, column: Column) -> str:
        return reverse("disclosure:column", args=[column.slug])

    def items(self, column: Column):
        ids = selectors.column_tree().subtree_ids(column)
        return selectors.public_items_in_columns(ids)[:FEED_SIZE]
