"""RSS feeds (all items, per column) and the sitemap (F1)."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone

from disclosure.feeds import FEED_SIZE
from disclosure.models import Item
from tests.factories import ColumnFactory, ItemFactory

pytestmark = pytest.mark.django_db
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def rss_items(client, url) -> list[dict]:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    return [
        {child.tag: child.text for child in entry}
        | {"categories": [c.text for c in entry.findall("category")]}
        for entry in channel.findall("item")
    ]


def test_latest_feed_lists_public_items_newest_first_with_absolute_links(client):
    old = ItemFactory(published=True, title="较早的通知", summary="这是内容概述。")
    new = ItemFactory(published=True, title="最新的通知", body="<p>正文<b>加粗</b></p>")
    Item.objects.filter(pk=old.pk).update(published_at=timezone.now() - datetime.timedelta(days=2))
    ItemFactory(title="草稿")

    entries = rss_items(client, reverse("disclosure:feed_latest"))

    assert [e["title"] for e in entries] == ["最新的通知", "较早的通知"]
    assert entries[0]["link"] == f"http://testserver{reverse('disclosure:item', args=[new.pk])}"
    assert entries[0]["description"] == "正文加粗"  # plain text, no markup
    assert entries[1]["description"] == "这是内容概述。"  # the summary when there is one
    assert entries[0]["categories"] == [new.column.name, "劳动、人事、监察/劳动就业"]


def test_latest_feed_is_bounded(client):
    ItemFactory.create_batch(FEED_SIZE + 2, published=True)
    assert len(rss_items(client, reverse("disclosure:feed_latest"))) == FEED_SIZE


def test_column_feed_includes_sub_columns_and_nothing_else(client):
    parent = ColumnFactory(slug="zcwj", name="政策文件")
    child = ColumnFactory(slug="gfxwj", parent=parent)
    ItemFactory(published=True, column=parent, title="政策甲")
    ItemFactory(published=True, column=child, title="规范乙")
    ItemFactory(published=True, title="别的栏目")

    response = client.get(reverse("disclosure:feed_column", args=["zcwj"]))
    channel = ET.fromstring(response.content).find("channel")
    assert channel.findtext("title") == "政策文件 - 政府信息公开"
    titles = {
        e["title"] for e in rss_items(client, reverse("disclosure:feed_column", args=["zcwj"]))
    }
    assert titles == {"政策甲", "规范乙"}


def test_column_feed_of_unknown_column_is_404(client):
    assert client.get(reverse("disclosure:feed_column", args=["nope"])).status_code == 404


def test_column_page_advertises_its_feed(client):
    ColumnFactory(slug="tzgg")
    text = client.get(reverse("disclosure:column", args=["tzgg"])).content.decode()
    assert 'type="application/rss+xml"' in text
    assert reverse("disclosure:feed_column", args=["tzgg"]) in text


def _locations(client, url) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200, url
    root = ET.fromstring(response.content)
    return [loc.text for loc in root.iter(f"{{{SITEMAP_NS['s']}}}loc")]


def test_sitemap_index_points_to_one_sitemap_per_section(client):
    locations = _locations(client, reverse("disclosure:sitemap"))
    assert locations == [
        f"http://testserver{reverse('disclosure:sitemap_section', args=[name])}"
        for name in ("pages", "columns", "items", "consultations")
    ]


def test_sitemaps_list_pages_columns_and_public_items(client):
    column = ColumnFactory(slug="tzgg")
    item = ItemFactory(published=True, column=column)
    draft = ItemFactory(column=column)
    base = "http://testserver"

    pages = _locations(client, reverse("disclosure:sitemap_section", args=["pages"]))
    columns = _locations(client, reverse("disclosure:sitemap_section", args=["columns"]))
    items_url = reverse("disclosure:sitemap_section", args=["items"])
    items = _locations(client, items_url)

    assert base + reverse("home") in pages
    assert base + reverse("disclosure:catalogue") in pages
    for name in (
        "reports:guide",
        "requests_app:apply",
        "consultations:list",
        "reports:annual_list",
    ):
        assert base + reverse(name) in pages, name
    assert columns == [base + reverse("disclosure:column", args=["tzgg"])]
    assert items == [base + reverse("disclosure:item", args=[item.pk])]
    assert base + reverse("disclosure:item", args=[draft.pk]) not in items
    root = ET.fromstring(client.get(items_url).content)
    assert root.findall("s:url/s:lastmod", SITEMAP_NS)  # items carry their last change


def test_items_sitemap_is_paginated(client, monkeypatch):
    from disclosure.sitemaps import ItemSitemap

    monkeypatch.setattr(ItemSitemap, "limit", 2)
    ItemFactory.create_batch(3, published=True)
    index = _locations(client, reverse("disclosure:sitemap"))
    assert [loc for loc in index if "sitemap-items" in loc][-1].endswith("/sitemap-items.xml?p=2")
    url = reverse("disclosure:sitemap_section", args=["items"])
    assert len(_locations(client, url + "?p=2")) == 1
    assert client.get(url + "?p=3").status_code == 404


def test_sitemap_index_gives_the_latest_change_without_loading_items(client, monkeypatch):
    from disclosure.sitemaps import ItemSitemap

    older, newer = ItemFactory.create_batch(2, published=True)
    ItemFactory()  # a draft's change is no public news
    loaded = []
    monkeypatch.setattr(ItemSitemap, "lastmod", lambda self, item: loaded.append(item))
    root = ET.fromstring(client.get(reverse("disclosure:sitemap")).content)
    older.refresh_from_db()
    newer.refresh_from_db()
    lastmods = [
        datetime.datetime.fromisoformat(sm.find("s:lastmod", SITEMAP_NS).text)
        for sm in root.findall("s:sitemap", SITEMAP_NS)
        if sm.find("s:loc", SITEMAP_NS).text.endswith("sitemap-items.xml")
    ]
    assert lastmods == [max(older.updated_at, newer.updated_at)]
    assert loaded == []
