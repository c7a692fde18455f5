"""Public pages of the catalogue (F1): home, catalogue, columns, item page, print
view, attachments, browsing by topic / section / year, error pages."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from disclosure import selectors
from disclosure.choices import Publicity, Topic, Validity
from disclosure.models import Item, ItemStatus
from tests.disclosure.factories import PDF_BYTES, AttachmentFactory
from tests.disclosure.public_pages_helpers import html
from tests.factories import ColumnFactory, ItemFactory

pytestmark = pytest.mark.django_db


# --- home -----------------------------------------------------------------------


def test_home_shows_latest_items_newest_first_and_columns_with_their_children(client):
    parent = ColumnFactory(name="政策文件", slug="zcwj")
    child = ColumnFactory(name="规范性文件", slug="gfxwj", parent=parent)
    old = ItemFactory(published=True, column=child, title="较早的规范性文件")
    new = ItemFactory(published=True, column=parent, title="最新的政策文件")
    Item.objects.filter(pk=old.pk).update(published_at=timezone.now() - datetime.timedelta(days=9))

    response = client.get(reverse("home"))

    assert response.status_code == 200
    assert [i.pk for i in response.context["latest_items"]] == [new.pk, old.pk]
    top = {c.slug: c for c in response.context["top_columns"]}
    assert set(top) == {"zcwj"}  # child columns are not top-level
    assert [i.pk for i in top["zcwj"].latest] == [new.pk, old.pk]  # child's items included
    text = html(response)
    assert reverse("disclosure:item", args=[new.pk]) in text
    assert reverse("disclosure:column", args=["zcwj"]) in text


def test_home_quick_links_come_from_the_navigation(client):
    text = html(client.get(reverse("home")))
    assert f'href="{reverse("disclosure:catalogue")}"' in text
    assert f'href="{reverse("disclosure:search")}"' in text


def test_home_without_any_item_says_so(client):
    assert "暂无公开信息" in html(client.get(reverse("home")))


# --- catalogue and columns -------------------------------------------------------


def test_catalogue_counts_include_sub_columns(client):
    parent = ColumnFactory(name="机构职能")
    child = ColumnFactory(name="领导信息", parent=parent)
    ItemFactory(published=True, column=parent)
    ItemFactory.create_batch(2, published=True, column=child)

    response = client.get(reverse("disclosure:catalogue"))

    counts = {n.column.name: (n.depth, n.own_count, n.count) for n in response.context["tree"]}
    assert counts == {"机构职能": (0, 1, 3), "领导信息": (1, 2, 2)}
    assert "政府信息公开目录" in html(response)


def test_column_page_paginates_twenty_per_page_with_child_items(client):
    parent = ColumnFactory(name="通知公告", slug="tzgg")
    child = ColumnFactory(name="招聘公告", slug="zpgg", parent=parent)
    ItemFactory.create_batch(15, published=True, column=parent)
    ItemFactory.create_batch(6, published=True, column=child)
    url = reverse("disclosure:column", args=["tzgg"])

    first = client.get(url)
    second = client.get(url, {"page": 2})

    assert len(first.context["items"]) == 20
    assert len(second.context["items"]) == 1
    assert first.context["page"].paginator.count == 21
    assert [(n.column.slug, n.count) for n in first.context["children"]] == [("zpgg", 6)]
    assert "共 <strong>21</strong> 条" in html(first)
    assert f'href="{reverse("disclosure:column", args=["zpgg"])}"' in html(first)  # child column
    assert client.get(url, {"page": 3}).status_code == 404
    assert client.get(url, {"page": "abc"}).status_code == 404


def test_column_page_breadcrumbs_show_the_ancestors(client):
    root = ColumnFactory(name="机构职能", slug="jgzn")
    child = ColumnFactory(name="领导信息", slug="ldxx", parent=root)
    response = client.get(reverse("disclosure:column", args=["ldxx"]))
    crumbs = response.context["crumbs"]
    assert [label for label, _url in crumbs] == ["信息公开目录", "机构职能", "领导信息"]
    assert crumbs[1][1] == reverse("disclosure:column", args=["jgzn"])
    assert response.context["column"] == child


def test_sub_column_page_does_not_show_the_parent_items(client):
    root = ColumnFactory()
    child = ColumnFactory(parent=root)
    parent_item = ItemFactory(published=True, column=root)
    response = client.get(reverse("disclosure:column", args=[child.slug]))
    assert parent_item not in response.context["items"]


def test_unknown_column_is_404(client):
    assert client.get(reverse("disclosure:column", args=["nope"])).status_code == 404


# --- item page -------------------------------------------------------------------


@pytest.fixture
def item():
    column = ColumnFactory(name="规范性文件", slug="gfxwj", parent=ColumnFactory(name="政策文件"))
    return ItemFactory(
        published=True,
        column=column,
        title="关于印发《就业创业补贴实施办法》的通知",
        document_number="示人社发〔2025〕12号",
        written_on=datetime.date(2025, 3, 12),
        topic=Topic.LABOUR_EMPLOYMENT,
        validity=Validity.VALID,
        keywords="就业 补贴",
        summary="明确补贴对象、标准和申领程序。",
        body="<p>各有关单位：</p><p>现将办法印发给你们。</p>",
    )


def test_item_page_shows_the_catalogue_metadata(client, item):
    response = client.get(reverse("disclosure:item", args=[item.pk]))
    text = html(response)
    assert response.status_code == 200
    for label, value in [
        ("索引号", item.index_number),
        ("主题分类", "劳动、人事、监察/劳动就业"),
        ("发布机构", item.section.organisation.name),
        ("成文日期", "2025-03-12"),
        ("发布日期", timezone.localtime(item.published_at).strftime("%Y-%m-%d")),
        ("文　　号", "示人社发〔2025〕12号"),
        ("有 效 性", "有效"),
        ("公开属性", "主动公开"),
    ]:
        assert f'<th scope="row">{label}</th><td>{value}</td>' in text, label
    for label, value in [
        ("名　　称", item.title),
        ("关 键 词", "就业 补贴"),
        ("内容概述", "明确补贴对象、标准和申领程序。"),
    ]:
        assert f'<th scope="row">{label}</th><td colspan="3">{value}</td>' in text, label
    assert "<p>现将办法印发给你们。</p>" in text


def test_item_page_prints_the_annotation_under_the_date(client, item):
    """Art. 7(1): 附注 on the line below the date, e.g. （此件主动公开）."""
    text = html(client.get(reverse("disclosure:item", args=[item.pk])))
    date_at = text.index("2025年3月12日")
    annotation_at = text.index('<p class="annotation">（此件主动公开）</p>')
    assert date_at < annotation_at
    assert text.index('class="body"') < date_at


def test_item_page_sanitizes_the_body_at_render(client, item):
    """Bodies written by any path (fixtures, imports, the admin) are cleaned before
    they reach the public page."""
    Item.objects.filter(pk=item.pk).update(
        body='<p onclick="steal()">正文</p><script>alert(1)</script>'
        '<a href="javascript:alert(2)">链接</a><img src=x onerror="alert(3)">'
    )
    text = html(client.get(reverse("disclosure:item", args=[item.pk])))
    assert "<p>正文</p>" in text
    for bad in ("<script>alert(1)", "onclick", "javascript:", "onerror"):
        assert bad not in text


def test_item_page_includes_the_review_hooks_and_breadcrumbs(client, item):
    response = client.get(reverse("disclosure:item", args=[item.pk]))
    used = [t.name for t in response.templates]
    assert "review/_public_item_status.html" in used
    assert "review/_public_item_links.html" in used
    labels = [label for label, _url in response.context["crumbs"]]
    assert labels == ["信息公开目录", "政策文件", "规范性文件", "正文"]


def test_item_page_lists_attachments_with_type_and_size(client, item):
    AttachmentFactory(item=item, title="补贴申请表", size=2048)
    text = html(client.get(reverse("disclosure:item", args=[item.pk])))
    assert "补贴申请表" in text
    assert "（PDF，2.0\xa0KB）" in text


def test_item_page_shows_other_publicity_annotations_never(client, item):
    """Only 主动公开 items are public, so the only annotation the public can see is
    （此件主动公开）; the others are tested as 404s in test_public_visibility."""
    assert item.annotation == Publicity.PROACTIVE.annotation == "（此件主动公开）"


def test_withdrawn_item_let_through_by_a_wider_selector_shows_no_content(client, item, monkeypatch):
    """The review app may widen public_item_or_404 so a withdrawn item's page shows
    a notice: its body, attachments, print view and API stay closed."""
    AttachmentFactory(item=item, title="旧附件")
    Item.objects.filter(pk=item.pk).update(status=ItemStatus.WITHDRAWN, withdrawal_reason="有误")
    attachment = item.attachments.get()

    def wider(pk):
        return Item.objects.select_related("column", "section__organisation").get(pk=pk)

    monkeypatch.setattr(selectors, "public_item_or_404", wider)

    response = client.get(reverse("disclosure:item", args=[item.pk]))
    assert response.status_code == 200
    text = html(response)
    assert item.title in text
    assert "现将办法印发给你们" not in text
    assert "旧附件" not in text
    assert client.get(reverse("disclosure:item_print", args=[item.pk])).status_code == 404
    url = reverse("disclosure:attachment", args=[item.pk, attachment.pk])
    assert client.get(url).status_code == 404
    assert client.get(reverse("disclosure:api_item", args=[item.pk])).status_code == 404


def test_print_view_is_laid_out_as_a_document_with_the_annotation(client, item):
    response = client.get(reverse("disclosure:item_print", args=[item.pk]))
    text = html(response)
    assert response.status_code == 200
    assert "site-header" not in text  # no portal chrome
    assert '<p class="doc-number">示人社发〔2025〕12号</p>' in text
    assert f"{item.section.organisation.name}文件" in text
    assert text.index("2025年3月12日") < text.index("（此件主动公开）")
    assert "<script>" not in text.replace('<script src="/static/js/print.js" defer></script>', "")


def test_unknown_item_is_404_in_chinese(client):
    response = client.get(reverse("disclosure:item", args=[999999]))
    assert response.status_code == 404
    assert "页面不存在" in html(response)


# --- attachments -----------------------------------------------------------------


def test_attachment_is_served_as_a_download_with_the_stored_type(client, item):
    attachment = AttachmentFactory(item=item, title="补贴申请表")
    response = client.get(reverse("disclosure:attachment", args=[item.pk, attachment.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    # The Chinese title, with the extension of the stored file (RFC 5987 encoding).
    assert "filename*=utf-8''%E8%A1%A5%E8%B4%B4%E7%94%B3%E8%AF%B7%E8%A1%A8.pdf" in disposition
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_attachment_of_another_item_is_404(client, item):
    other = AttachmentFactory()  # a public item of its own
    url = reverse("disclosure:attachment", args=[item.pk, other.pk])
    assert client.get(url).status_code == 404


def test_attachment_missing_on_disk_is_404(client, item):
    attachment = AttachmentFactory(item=item)
    attachment.file.storage.delete(attachment.file.name)
    url = reverse("disclosure:attachment", args=[item.pk, attachment.pk])
    assert client.get(url).status_code == 404


def test_attachment_served_as_octet_stream_when_no_type_was_recorded(client, item):
    attachment = AttachmentFactory(item=item, content_type="")
    attachment.file.save("notes.txt", ContentFile(b"text"), save=True)
    response = client.get(reverse("disclosure:attachment", args=[item.pk, attachment.pk]))
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")


def test_public_pages_refuse_post(client, item):
    assert client.post(reverse("disclosure:item", args=[item.pk])).status_code == 405
    assert client.post(reverse("disclosure:search")).status_code == 405
