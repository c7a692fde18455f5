"""The home page stays light whatever the size of the catalogue: a fixed handful of
queries (not one per column) and a small page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from common.pagecache import catalogue_changed
from tests.factories import ColumnFactory, ItemFactory

pytestmark = pytest.mark.django_db

MAX_QUERIES = 8
MAX_BYTES = 30 * 1024


@pytest.fixture
def forty_columns():
    parents = [ColumnFactory(name=f"一级栏目{n}") for n in range(8)]
    columns = [
        ColumnFactory(parent=parents[n % 8], responsible_section=parents[n % 8].responsible_section)
        for n in range(32)
    ]
    for n, column in enumerate(parents + columns):
        ItemFactory.create_batch(2, published=True, column=column, title=f"关于第{n}项工作的通知")
    return parents, columns


def _page_queries(queries) -> list[str]:
    """The page's own queries: without the statements of the database cache, which
    production replaces with Redis (REDIS_URL)."""
    sql = [q["sql"] for q in queries.captured_queries]
    return [q for q in sql if "portal_cache" not in q and "SAVEPOINT" not in q]


def test_home_page_queries_are_few_and_do_not_grow_with_columns(client, settings, forty_columns):
    settings.PAGE_CACHE_ENABLED = False
    catalogue_changed()  # counts and listings computed afresh, as after a publication
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("home"))
    assert response.status_code == 200
    assert len(_page_queries(queries)) <= MAX_QUERIES, _page_queries(queries)
    assert len(response.content) < MAX_BYTES


def test_home_page_shows_each_top_column_with_its_newest_items(client, forty_columns):
    parents, columns = forty_columns
    newest = ItemFactory(published=True, column=columns[3], title="最新的子栏目通知")
    page = client.get(reverse("home")).content.decode()
    assert newest.title in page
    for parent in parents:
        assert parent.name in page


def test_a_cached_home_page_costs_one_query(client, forty_columns):
    client.get(reverse("home"))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("home"))["X-Page-Cache"] == "hit"
    # The version and the page in one read of the database cache (none with Redis).
    assert len(queries.captured_queries) == 1
