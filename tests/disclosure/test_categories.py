"""Every kind of information Reg. 20 asks an office to publish has a category and can
have a column; the guide and the catalogue list every kind with its columns."""

import pytest
from django.urls import reverse

from disclosure.categories import categories_with_columns, categories_without_columns
from disclosure.choices import ContentCategory
from tests.factories import ColumnFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

# The Reg. 20 items (and the two 考核 items) the audit found without a place.
REG20_KINDS = {
    ContentCategory.BUDGET: ("财政预算、决算", "“三公”经费"),
    ContentCategory.PLANS: ("规划",),
    ContentCategory.STATISTICS: ("统计信息",),
    ContentCategory.FEES: ("行政事业性收费",),
    ContentCategory.PROCUREMENT: ("政府集中采购",),
    ContentCategory.EMERGENCY: ("突发公共事件", "应急"),
    ContentCategory.SUPERVISION: ("监督检查",),
    ContentCategory.PROPOSALS: ("建议", "提案办理结果"),
    ContentCategory.POWERS: ("权责清单",),
}


@pytest.mark.parametrize(("category", "words"), REG20_KINDS.items())
def test_every_reg20_item_is_a_category(category, words):
    for word in words:
        assert word in category.label


def test_the_categories_keep_art5_and_cite_their_basis():
    art5 = [c for c in ContentCategory if c.value.startswith("a05_")]
    assert len(art5) == 16  # the seed's Art. 5, unchanged
    assert ContentCategory.LEADERSHIP.basis == "制度第五条第（一）项"
    assert ContentCategory.NORMATIVE_DRAFTS.basis == "制度第五条第（十六）项"
    assert ContentCategory.BUDGET.basis == "条例第二十条第（七）项"
    assert ContentCategory.EMERGENCY.basis == "条例第二十条第（十二）项"
    assert ContentCategory.POWERS.basis == "政务公开考核要求"
    # Every value fits the model field.
    assert max(len(v) for v in ContentCategory.values) <= 10


def test_categories_with_columns_lists_each_kind_once_with_its_columns():
    finance = ColumnFactory(name="财政信息", content_category=ContentCategory.BUDGET)
    ColumnFactory(name="部门预算", parent=finance, content_category=ContentCategory.BUDGET)
    three = ColumnFactory(name="三公经费专栏", content_category=ContentCategory.BUDGET)
    ColumnFactory(name="无类别栏目", content_category="")
    entries = {e.category: e for e in categories_with_columns()}
    assert list(entries) == list(ContentCategory)
    # The child of a column of the same kind is represented by its parent.
    assert entries[ContentCategory.BUDGET].columns == [finance, three]
    assert entries[ContentCategory.POWERS].columns == []
    missing = categories_without_columns()
    assert ContentCategory.POWERS in missing and ContentCategory.BUDGET not in missing


def test_the_catalogue_page_lists_every_kind_and_its_columns(client):
    OrganisationFactory()
    column = ColumnFactory(name="权责清单栏目", slug="powers", content_category="x_02")
    html = client.get(reverse("disclosure:catalogue")).content.decode()
    assert "按公开内容浏览" in html
    for category in ContentCategory:
        assert category.label in html
    assert f'href="{reverse("disclosure:column", args=[column.slug])}"' in html
    assert "暂无栏目" in html  # the kinds still without a column say so


def test_the_guide_lists_every_kind_and_its_columns(client):
    OrganisationFactory()
    ColumnFactory(name="统计数据", slug="stats", content_category=ContentCategory.STATISTICS)
    html = client.get(reverse("reports:guide")).content.decode()
    assert "主动公开的政府信息内容及对应栏目" in html
    for category in ContentCategory:
        assert category.label in html
    assert reverse("disclosure:column", args=["stats"]) in html
    assert "条例第二十条第（四）项" in html
