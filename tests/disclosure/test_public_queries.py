"""List pages run the same number of queries with 1 item as with 20: no query per
item (N+1) on any public list."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from common.pagecache import catalogue_changed
from disclosure.choices import Topic
from tests.disclosure.factories import AttachmentFactory
from tests.factories import ColumnFactory, ItemFactory

pytestmark = pytest.mark.django_db

PAGES = {
    "home": lambda ctx: reverse("home"),
    "catalogue": lambda ctx: reverse("disclosure:catalogue"),
    "column": lambda ctx: reverse("disclosure:column", args=[ctx["parent"].slug]),
    "topics": lambda ctx: reverse("disclosure:topics"),
    "topic": lambda ctx: reverse("disclosure:topic", args=[Topic.LABOUR.value]),
    "section": lambda ctx: reverse(
        "disclosure:section", args=[ctx["parent"].responsible_section.pk]
    ),
    "year": lambda ctx: reverse("disclosure:year", args=[ctx["year"]]),
    "search": lambda ctx: reverse("disclosure:search") + "?q=%E9%80%9A%E7%9F%A5",  # 通知
    "search_filtered": lambda ctx: (
        reverse("disclosure:search") + f"?q=%E9%80%9A%E7%9F%A5&column={ctx['parent'].slug}&topic=15"
    ),
    "feed_latest": lambda ctx: reverse("disclosure:feed_latest"),
    "feed_column": lambda ctx: reverse("disclosure:feed_column", args=[ctx["parent"].slug]),
    "sitemap": lambda ctx: reverse("disclosure:sitemap"),
    "sitemap_items": lambda ctx: reverse("disclosure:sitemap_section", args=["items"]),
    "api_list": lambda ctx: reverse("disclosure:api_items"),
    "item": lambda ctx: reverse("disclosure:item", args=[ctx["first"].pk]),
    "api_detail": lambda ctx: reverse("disclosure:api_item", args=[ctx["first"].pk]),
}


def _add_item(column, n):
    item = ItemFactory(
        published=True, column=column, title=f"第{n}号通知", topic=Topic.LABOUR_EMPLOYMENT
    )
    AttachmentFactory(item=item)
    return item


@pytest.mark.parametrize("page", PAGES)
def test_list_page_query_count_does_not_grow_with_items(
    client, django_assert_num_queries, settings, page
):
    # Uncached pages: the page cache would hide the queries this test counts; the
    # data cached per catalogue version is recomputed after each change below.
    settings.PAGE_CACHE_ENABLED = False
    parent = ColumnFactory()
    child = ColumnFactory(parent=parent, responsible_section=parent.responsible_section)
    first = _add_item(child, 0)
    ctx = {"parent": parent, "first": first, "year": timezone.localtime(first.published_at).year}
    url = PAGES[page](ctx)

    assert client.get(url).status_code == 200  # warm-up (caches, lazy settings)
    catalogue_changed()
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    for n in range(1, 20):
        _add_item(parent if n % 2 else child, n)
    # The item page's attachments are per item: give it more too.
    AttachmentFactory.create_batch(5, item=first)

    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(url)
    assert response.status_code == 200
