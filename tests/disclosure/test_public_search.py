"""Public search (F1): Chinese substring matching over title, body, summary,
keywords and 文号, filters, highlighting, and clear messages for bad input."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from disclosure.choices import Topic
from disclosure.models import Item
from disclosure.search import (
    MAX_QUERY_LENGTH,
    MAX_TERMS,
    excerpt,
    highlight,
    plain_text,
    search_terms,
)
from tests.factories import ColumnFactory, ItemFactory, SectionFactory, catalogue_refresh

URL = reverse("disclosure:search")


def found(client, **params) -> list[Item]:
    response = client.get(URL, params)
    assert response.status_code == 200
    page = response.context["page"]
    return list(page.object_list) if page else []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value", "query"),
    [
        ("title", "关于调整城乡居民基本养老保险待遇的通知", "养老保险"),
        ("body", "<p>失业保险金按月发放至本人社会保障卡。</p>", "社会保障卡"),
        ("summary", "明确工伤认定的申请材料和办理时限。", "工伤认定"),
        ("keywords", "职称 评审 公示", "评审"),
        ("document_number", "示人社发〔2025〕12号", "〔2025〕12号"),
    ],
)
def test_search_finds_chinese_substrings_in_every_searchable_field(client, field, value, query):
    item = ItemFactory(published=True, **{field: value})
    ItemFactory(published=True, title="无关的通知", body="<p>无关</p>")
    assert found(client, q=query) == [item]


@pytest.mark.django_db
def test_search_matches_latin_letters_case_insensitively(client):
    item = ItemFactory(published=True, title="PDF 版申请表下载说明")
    assert found(client, q="pdf") == [item]


@pytest.mark.django_db
def test_all_terms_must_match_and_full_width_spaces_separate_terms(client):
    both = ItemFactory(published=True, title="就业补贴申领指南")
    ItemFactory(published=True, title="就业见习基地名单")
    assert found(client, q="就业 补贴") == [both]
    assert found(client, q="就业\u3000补贴") == [both]  # ideographic space


@pytest.mark.django_db
def test_title_matches_rank_before_body_matches(client):
    in_body = ItemFactory(published=True, title="工作通知", body="<p>关于养老金的说明</p>")
    in_title = ItemFactory(published=True, title="养老金调整通知")
    Item.objects.filter(pk=in_title.pk).update(
        published_at=timezone.now() - datetime.timedelta(days=30)
    )
    catalogue_refresh(in_title)
    assert found(client, q="养老金") == [in_title, in_body]


@pytest.mark.django_db
def test_search_filters_by_column_with_its_children_topic_year_and_section(client):
    parent = ColumnFactory(slug="zcwj")
    child = ColumnFactory(slug="gfxwj", parent=parent)
    elsewhere = ColumnFactory(slug="gzdt")
    in_child = ItemFactory(published=True, column=child, title="通知甲", topic=Topic.FINANCE)
    in_other = ItemFactory(published=True, column=elsewhere, title="通知乙")
    Item.objects.filter(pk=in_other.pk).update(
        published_at=datetime.datetime(2023, 6, 1, tzinfo=datetime.UTC)
    )
    catalogue_refresh(in_other)

    assert found(client, q="通知", column="zcwj") == [in_child]
    assert found(client, q="通知", topic=Topic.FINANCE.value) == [in_child]
    assert found(client, q="通知", year=2023) == [in_other]
    assert found(client, section=in_other.section.pk) == [in_other]
    # Filters alone are a search too (browse all of a column).
    assert found(client, column="gzdt") == [in_other]


@pytest.mark.django_db
def test_results_highlight_the_terms_and_show_the_count(client):
    ItemFactory(published=True, title="养老保险待遇调整", body="<p>城乡居民养老保险。</p>")
    text = client.get(URL, {"q": "养老"}).content.decode()
    assert "<mark>养老</mark>保险待遇调整" in text
    assert "共找到 <strong>1</strong> 条" in text


@pytest.mark.django_db
def test_a_match_in_the_document_number_or_index_number_is_highlighted_there(client):
    item = ItemFactory(
        published=True, title="企业工资指导线", document_number="示人社发〔2026〕21号"
    )
    text = client.get(URL, {"q": "人社发"}).content.decode()
    assert "文号：示<mark>人社发</mark>〔2026〕21号" in text
    number = item.index_number
    text = client.get(URL, {"q": number}).content.decode()
    assert f"索引号：<mark>{number}</mark>" in text


@pytest.mark.django_db
def test_highlighting_never_lets_markup_through(client):
    ItemFactory(published=True, title="<b>粗体</b>标题 & 更多")
    text = client.get(URL, {"q": "b"}).content.decode()
    assert "<b>粗体" not in text
    assert "&lt;<mark>b</mark>&gt;粗体" in text


@pytest.mark.django_db
def test_results_are_paginated_and_links_keep_the_query(client):
    ItemFactory.create_batch(21, published=True, title="就业通知")
    response = client.get(URL, {"q": "就业"})
    assert len(response.context["items"]) == 20
    assert "?q=%E5%B0%B1%E4%B8%9A&amp;page=2" in response.content.decode()
    assert len(client.get(URL, {"q": "就业", "page": 2}).context["items"]) == 1
    assert client.get(URL, {"q": "就业", "page": 9}).status_code == 404


@pytest.mark.django_db
def test_no_result_says_so_with_suggestions(client):
    text = client.get(URL, {"q": "不存在的词"}).content.decode()
    assert "共找到 <strong>0</strong> 条" in text
    assert "没有找到相关信息" in text


@pytest.mark.django_db
@pytest.mark.parametrize("params", [{}, {"q": ""}, {"q": "   "}, {"q": "\u3000"}])
def test_empty_query_asks_for_a_word(client, params):
    response = client.get(URL, params)
    assert response.status_code == 200
    assert response.context["page"] is None
    assert "请输入要搜索的关键词" in response.content.decode()


@pytest.mark.django_db
def test_too_long_query_is_refused_and_kept_in_the_box(client):
    query = "就" * (MAX_QUERY_LENGTH + 1)
    response = client.get(URL, {"q": query})
    text = response.content.decode()
    assert response.context["page"] is None
    assert f"搜索词过长，请不超过 {MAX_QUERY_LENGTH} 个字。" in text
    assert f'value="{query}"' in text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"topic": "99"}, "主题分类代码“99”不存在。"),
        ({"column": "nope"}, "栏目“nope”不存在。"),
        ({"year": "abc"}, "年份应为四位数字"),
        ({"year": "1800"}, "年份应在"),
        ({"section": "x"}, "股室参数无效。"),
        ({"section": "99999"}, "股室不存在。"),
    ],
)
def test_bad_filters_get_a_chinese_message(client, params, message):
    response = client.get(URL, {"q": "通知", **params})
    assert response.status_code == 200
    assert response.context["page"] is None
    assert message in response.content.decode()


@pytest.mark.django_db
def test_filter_choices_keep_the_selection(client):
    ColumnFactory(slug="gzdt", name="工作动态")
    SectionFactory()
    text = client.get(URL, {"q": "x", "column": "gzdt"}).content.decode()
    assert '<option value="gzdt" selected>' in text
    assert text.count(" selected>") == 1


@pytest.mark.django_db
def test_every_filter_box_keeps_its_selection_and_escapes_names(client):
    parent = ColumnFactory(slug="zcwj", name="政策文件")
    ColumnFactory(slug="gfxwj", name="规范性<文件>", parent=parent)
    section = SectionFactory(name="就业股 & 社保股")
    ItemFactory(published=True, column=parent, section=section, topic="15")
    year = str(timezone.localdate().year)
    chosen = {"column": "gfxwj", "topic": "15", "year": year, "section": str(section.pk)}
    text = client.get(URL, {"q": "x", **chosen}).content.decode()
    assert '<option value="gfxwj" selected>\u3000└ 规范性&lt;文件&gt;</option>' in text
    assert '<option value="15" selected>' in text
    assert f'<option value="{year}" selected>{year}年</option>' in text
    assert f'<option value="{section.pk}" selected>就业股 &amp; 社保股</option>' in text
    assert '<option value="zcwj">政策文件</option>' in text
    assert text.count(" selected>") == 4
    # A value that is no option marks none (and the search says why).
    text = client.get(URL, {"q": "x", "column": "no-such-column"}).content.decode()
    assert text.count(" selected>") == 0


# --- helpers ---------------------------------------------------------------------


def test_search_terms_drop_duplicates_and_keep_at_most_the_limit():
    assert search_terms("就业  就业 补贴") == ("就业", "补贴")
    assert search_terms("PDF pdf") == ("PDF",)
    assert len(search_terms(" ".join(f"词{i}" for i in range(10)))) == MAX_TERMS


def test_highlight_prefers_the_longest_term_and_escapes_each_piece():
    assert highlight("社会保险基金", ("社会", "社会保险")) == "<mark>社会保险</mark>基金"
    assert highlight("a&amp", ("amp",)) == "a&amp;<mark>amp</mark>"
    assert highlight("<i>", ()) == "&lt;i&gt;"


def test_excerpt_is_centred_on_the_first_match():
    text = "甲" * 200 + "养老" + "乙" * 200
    piece = excerpt(text, ("养老",), width=60)
    assert piece.startswith("…")
    assert piece.endswith("…")
    assert "<mark>养老</mark>" in piece


def test_plain_text_keeps_cells_and_paragraphs_apart():
    body = (
        "<p>名单如下：</p><table><tr><th>姓名</th><th>补贴</th></tr>"
        "<tr><td>王某某</td><td>1000</td></tr></table><p>公示期为5个工作日。</p>"
        "<ul><li>一</li><li>二</li></ul>第一行<br>第二行<p>a&amp;b <b>粗</b>体</p>"
    )
    assert (
        plain_text(body)
        == "名单如下： 姓名 补贴 王某某 1000 公示期为5个工作日。 一 二 第一行 第二行 a&b 粗体"
    )
    assert plain_text("") == ""
