"""Public browsing (by topic, category, date) and the catalogue's error pages."""

import datetime

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from disclosure.choices import Topic
from disclosure.models import Item
from portal import views as portal_views
from tests.disclosure.public_pages_helpers import html
from tests.factories import ColumnFactory, ItemFactory, SectionFactory

pytestmark = pytest.mark.django_db


# --- browse ----------------------------------------------------------------------


def test_topic_page_includes_sub_topics_only_under_the_parent(client):
    employment = ItemFactory(published=True, topic=Topic.LABOUR_EMPLOYMENT)
    insurance = ItemFactory(published=True, topic=Topic.LABOUR_SOCIAL_SECURITY)
    other = ItemFactory(published=True, topic=Topic.FINANCE)

    parent = client.get(reverse("disclosure:topic", args=[Topic.LABOUR.value]))
    sub = client.get(reverse("disclosure:topic", args=[Topic.LABOUR_EMPLOYMENT.value]))

    assert set(parent.context["items"]) == {employment, insurance}
    assert list(sub.context["items"]) == [employment]
    assert other not in parent.context["items"]
    assert [label for label, _ in sub.context["crumbs"]] == [
        "信息公开目录",
        "主题分类",
        "劳动、人事、监察",
        "劳动就业",
    ]


def test_topic_list_shows_every_topic_with_counts(client):
    ItemFactory(published=True, topic=Topic.LABOUR_EMPLOYMENT)
    response = client.get(reverse("disclosure:topics"))
    topics = {t.code: t for t in response.context["topics"]}
    assert len(topics) == len([t for t in Topic if "." not in t.value])
    assert topics[Topic.LABOUR.value].count == 1
    assert topics[Topic.FINANCE.value].count == 0
    assert "劳动就业" in html(response)


@pytest.mark.parametrize("code", ["99", "15.7", "abc", "15."])
def test_unknown_topic_is_404(client, code):
    assert client.get(reverse("disclosure:topic", args=[code])).status_code == 404


def test_section_page_lists_that_sections_items(client):
    section = SectionFactory(name="就业促进股")
    mine = ItemFactory(published=True, column=ColumnFactory(responsible_section=section))
    other = ItemFactory(published=True)
    response = client.get(reverse("disclosure:section", args=[section.pk]))
    assert list(response.context["items"]) == [mine]
    assert other not in response.context["items"]
    assert "就业促进股发布的信息" in html(response)
    assert client.get(reverse("disclosure:section", args=[99999])).status_code == 404


def test_year_page_uses_the_local_date_of_publication(client):
    """Published at 2024-12-31 17:30 UTC = 2025-01-01 01:30 in Shanghai: a 2025 item."""
    item = ItemFactory(published=True)
    moment = datetime.datetime(2024, 12, 31, 17, 30, tzinfo=datetime.UTC)
    Item.objects.filter(pk=item.pk).update(published_at=moment)
    assert list(client.get(reverse("disclosure:year", args=[2025])).context["items"]) == [item]
    assert list(client.get(reverse("disclosure:year", args=[2024])).context["items"]) == []


@pytest.mark.parametrize("year", [1000, 1989, 9999])
def test_year_out_of_range_is_404(client, year):
    assert client.get(reverse("disclosure:year", args=[year])).status_code == 404


def test_year_without_items_is_an_empty_page(client):
    response = client.get(reverse("disclosure:year", args=[2020]))
    assert response.status_code == 200
    assert "暂无公开信息" in html(response)


# --- error pages -----------------------------------------------------------------


def test_404_page_is_chinese_and_points_to_the_catalogue(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    text = html(response)
    assert "页面不存在" in text
    assert reverse("disclosure:catalogue") in text


@pytest.mark.django_db(transaction=False)
def test_500_page_renders_without_the_database(django_db_blocker):
    """The error page must not need what may have failed: no context processor,
    no query."""
    request = RequestFactory().get("/")
    with django_db_blocker.block():
        response = portal_views.server_error(request)
    assert response.status_code == 500
    text = response.content.decode()
    assert "系统繁忙" in text
    assert "返回首页" in text
    assert "/static/css/portal.css" in text  # the real template, not the last resort


def test_column_list_gives_index_number_name_summary_and_date(client):
    """Reg. 12: the catalogue lists each item's index, name, summary and date."""
    item = ItemFactory(published=True, summary="明确补贴对象和标准。", title="补贴办法")
    text = html(client.get(reverse("disclosure:column", args=[item.column.slug])))
    for piece in (
        item.index_number,
        "补贴办法",
        "明确补贴对象和标准。",
        timezone.localtime(item.published_at).strftime("%Y-%m-%d"),
    ):
        assert piece in text


def test_a_loop_in_the_column_tree_does_not_hang_the_pages(client):
    a = ColumnFactory(slug="loop-a")
    b = ColumnFactory(slug="loop-b", parent=a)
    type(a).objects.filter(pk=a.pk).update(parent=b)  # a data error, not possible in forms
    item = ItemFactory(published=True, column=b)
    response = client.get(reverse("disclosure:column", args=["loop-a"]))
    assert response.status_code == 200
    assert list(response.context["items"]) == [item]
    assert client.get(reverse("disclosure:item", args=[item.pk])).status_code == 200
