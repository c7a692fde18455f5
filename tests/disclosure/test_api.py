"""The read-only JSON API of published items (F1, open-data reuse)."""

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from disclosure.choices import Topic, Validity
from disclosure.models import Item
from tests.disclosure.factories import AttachmentFactory
from tests.factories import ColumnFactory, ItemFactory, catalogue_refresh

LIST = reverse("disclosure:api_items")
pytestmark = pytest.mark.django_db


def get(client, url, params=None, status=200):
    response = client.get(url, params or {})
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json"
    return json.loads(response.content)


LIST_FIELDS = {
    "id",
    "index_number",
    "title",
    "column",
    "topic",
    "publisher",
    "section",
    "written_on",
    "published_at",
    "document_number",
    "validity",
    "keywords",
    "summary",
    "url",
}


def test_list_returns_published_items_with_the_catalogue_fields(client):
    item = ItemFactory(
        published=True,
        title="关于就业补贴的通知",
        column=ColumnFactory(slug="tzgg", name="通知公告"),
        document_number="示人社发〔2025〕3号",
        written_on=datetime.date(2025, 2, 1),
        topic=Topic.LABOUR_EMPLOYMENT,
    )
    data = get(client, LIST)
    assert data["count"] == 1
    assert data["page"] == 1
    assert data["num_pages"] == 1
    assert data["next"] is None and data["previous"] is None
    row = data["results"][0]
    assert set(row) == LIST_FIELDS
    assert row["id"] == item.pk
    assert row["index_number"] == item.index_number
    assert row["title"] == "关于就业补贴的通知"
    assert row["column"] == {"slug": "tzgg", "name": "通知公告"}
    assert row["topic"] == {"code": "15.1", "name": "劳动、人事、监察/劳动就业"}
    assert row["publisher"] == item.section.organisation.name
    assert row["written_on"] == "2025-02-01"
    assert (
        row["published_at"]
        == timezone.localtime(item.published_at).replace(microsecond=0).isoformat()
    )
    assert row["published_at"].endswith("+08:00")
    assert row["document_number"] == "示人社发〔2025〕3号"
    assert row["validity"] == {"code": "valid", "name": "有效"}
    assert row["url"] == f"http://testserver{reverse('disclosure:item', args=[item.pk])}"


def test_chinese_is_not_escaped_and_any_origin_may_read(client):
    ItemFactory(published=True, title="养老保险")
    response = client.get(LIST)
    assert "养老保险".encode() in response.content
    assert response["Access-Control-Allow-Origin"] == "*"


def test_list_filters(client):
    parent = ColumnFactory(slug="zcwj")
    child = ColumnFactory(slug="gfxwj", parent=parent)
    policy = ItemFactory(published=True, column=child, title="规范性文件", topic=Topic.FINANCE)
    news = ItemFactory(published=True, title="工作动态", topic=Topic.LABOUR_SOCIAL_SECURITY)
    Item.objects.filter(pk=news.pk).update(
        published_at=datetime.datetime(2023, 5, 1, tzinfo=datetime.UTC)
    )
    catalogue_refresh(news)

    def ids(**params):
        return [row["id"] for row in get(client, LIST, params)["results"]]

    assert ids(column="zcwj") == [policy.pk]  # children included
    assert ids(topic="15") == [news.pk]  # parent topic includes 15.2
    assert ids(topic="04") == [policy.pk]
    assert ids(year="2023") == [news.pk]
    assert ids(q="动态") == [news.pk]
    assert ids(q="文件", column="zcwj", topic="04") == [policy.pk]


def test_list_pagination(client):
    ItemFactory.create_batch(5, published=True)
    first = get(client, LIST, {"page_size": 2})
    assert first["count"] == 5
    assert first["num_pages"] == 3
    assert len(first["results"]) == 2
    assert first["next"] == "http://testserver/api/v1/items/?page_size=2&page=2"
    last = get(client, LIST, {"page_size": 2, "page": 3})
    assert len(last["results"]) == 1
    assert last["next"] is None
    assert last["previous"] == "http://testserver/api/v1/items/?page_size=2&page=2"
    seen = {
        r["id"]
        for p in (1, 2, 3)
        for r in get(client, LIST, {"page_size": 2, "page": p})["results"]
    }
    assert len(seen) == 5


def test_page_size_100_is_allowed(client):
    assert get(client, LIST, {"page_size": "100"})["page_size"] == 100


def test_empty_catalogue_is_an_empty_first_page(client):
    data = get(client, LIST)
    assert data == {
        "count": 0,
        "count_exact": True,
        "page": 1,
        "page_size": 20,
        "num_pages": 1,
        "next": None,
        "previous": None,
        "results": [],
    }


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"year": "abc"}, "年份应为四位数字，如 2025。"),
        ({"year": "1800"}, "年份应在 1990 至"),
        ({"topic": "99"}, "主题分类代码“99”不存在。"),
        ({"column": "nope"}, "栏目“nope”不存在。"),
        ({"page": "0"}, "page 参数应为正整数。"),
        ({"page": "-1"}, "page 参数应为正整数。"),
        ({"page": "abc"}, "page 参数应为正整数。"),
        ({"page": "1.5"}, "page 参数应为正整数。"),
        ({"page": "２"}, "page 参数应为正整数。"),  # full-width digit
        ({"page_size": "101"}, "page_size 参数应为 1 至 100 之间的整数。"),
        ({"page_size": "0"}, "page_size 参数应为 1 至 100 之间的整数。"),
        ({"page_size": "x"}, "page_size 参数应为 1 至 100 之间的整数。"),
        ({"q": "词" * 51}, "搜索词过长，请不超过 50 个字。"),
    ],
)
def test_malformed_query_is_400_with_a_chinese_error(client, params, message):
    data = get(client, LIST, params, status=400)
    assert set(data) == {"error"}
    assert data["error"].startswith(message)


def test_page_beyond_the_last_is_404_json(client):
    ItemFactory(published=True)
    data = get(client, LIST, {"page": "2"}, status=404)
    assert data == {"error": "页码超出范围，共 1 页。"}


def test_detail_adds_the_sanitized_body_and_attachments(client):
    item = ItemFactory(
        published=True,
        body='<p onclick="x()">正文</p><script>alert(1)</script>',
        validity=Validity.REPEALED,
    )
    attachment = AttachmentFactory(item=item, title="申请表")
    data = get(client, reverse("disclosure:api_item", args=[item.pk]))
    assert set(data) == LIST_FIELDS | {"body", "attachments", "replaced_by"}
    assert data["body"] == "<p>正文</p>"
    assert data["validity"] == {"code": "repealed", "name": "已废止"}
    assert data["attachments"] == [
        {
            "title": "申请表",
            "url": "http://testserver"
            + reverse("disclosure:attachment", args=[item.pk, attachment.pk]),
            "size": attachment.size,
            "content_type": "application/pdf",
            "available": True,
        }
    ]


def test_detail_of_unknown_or_non_public_item_is_404_json(client):
    draft = ItemFactory()
    for pk in (draft.pk, 999999):
        data = get(client, reverse("disclosure:api_item", args=[pk]), status=404)
        assert data == {"error": "未找到该信息。"}


def test_api_is_read_only(client):
    item = ItemFactory(published=True)
    assert client.post(LIST, {}).status_code == 405
    assert client.delete(reverse("disclosure:api_item", args=[item.pk])).status_code == 405


def test_detail_of_a_replaced_item_points_to_the_newer_public_one(client):
    old, new = ItemFactory(published=True), ItemFactory(published=True)
    draft = ItemFactory()
    Item.objects.filter(pk=old.pk).update(replaced_by=new)
    catalogue_refresh(old)
    data = client.get(reverse("disclosure:api_item", args=[old.pk])).json()
    assert (
        data["replaced_by"] == f"http://testserver{reverse('disclosure:api_item', args=[new.pk])}"
    )
    assert client.get(reverse("disclosure:api_item", args=[new.pk])).json()["replaced_by"] is None
    Item.objects.filter(pk=old.pk).update(replaced_by=draft)  # never point to what is not public
    catalogue_refresh(old)
    assert client.get(reverse("disclosure:api_item", args=[old.pk])).json()["replaced_by"] is None
