"""Document metadata: 文种 (the 15 kinds of 公文, 法律法规, 工作文件), 文号 checked
against GB/T 9704, the 行政规范性文件's 统一编号 and dates, 失效 computed from the
有效期, joint issuers; the office reminded before a document runs out."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from disclosure import services
from disclosure.choices import DocumentType, Validity
from disclosure.docnumbers import document_number_problems
from disclosure.models import Item
from inspection import rules
from inspection.models import FindingKind
from tests.factories import ColumnFactory, ItemFactory, UserFactory

pytestmark = pytest.mark.django_db
D = datetime.date

GONGWEN = [
    "决议",
    "决定",
    "命令（令）",
    "公报",
    "公告",
    "通告",
    "意见",
    "通知",
    "通报",
    "报告",
    "请示",
    "批复",
    "议案",
    "函",
    "纪要",
]


def test_document_types_are_the_fifteen_kinds_plus_laws_and_working_documents():
    labels = DocumentType.labels
    assert labels[:15] == GONGWEN
    assert labels[15:] == ["法律法规", "工作文件"]


@pytest.mark.parametrize(
    "number",
    [
        "示人社发〔2026〕3号",
        "示人社规〔2025〕12号",
        "示人社监罚〔2026〕100号",
        "浙人社发〔2019〕1号",
    ],
)
def test_a_gbt9704_number_passes(number):
    assert document_number_problems(number, strict=True) == []


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("示人社发[2026]3号", "六角括号“〔〕”"),
        ("示人社发（2026）3号", "六角括号“〔〕”"),
        ("示人社发(2026)3号", "六角括号“〔〕”"),
        ("示人社发【2026】3号", "六角括号“〔〕”"),
        ("示人社发〔2026〕003号", "不编虚位（不加“0”），应写作“3号”"),
        ("示人社发〔2026〕03号", "应写作“3号”"),
        ("示人社发〔2026〕0号", "从 1 开始"),
        ("示人社发〔2026〕3", "发文机关代字、六角括号括入的年份和发文顺序号"),
        ("示人社发〔26〕3号", "发文机关代字"),
    ],
)
def test_a_number_against_gbt9704_is_refused_with_a_chinese_reason(number, message):
    problems = document_number_problems(number, strict=False)
    assert problems and message in problems[0]


def test_a_law_keeps_its_own_numbering_but_a_gongwen_may_not():
    law = "中华人民共和国主席令第七十三号"
    assert document_number_problems(law, strict=False) == []  # 文种 法律法规 or none
    assert document_number_problems(law, strict=True)  # a 通知 numbered so is wrong
    assert document_number_problems("", strict=True) == []  # no number: nothing to check


def _draft(**fields):
    column = ColumnFactory()
    base = {
        "title": "示例县就业补助资金管理办法",
        "topic": "15.1",
        "content_category": "a05_16",
        "formed_on": D(2026, 1, 5),
        "written_on": D(2026, 1, 5),
        "publicity": "proactive",
    }
    base.update(fields)
    return services.item_draft_store(
        column=column, section=column.responsible_section, acting_user=UserFactory(), **base
    )


NORMATIVE = {
    "is_normative": True,
    "document_type": DocumentType.NOTICE,
    "document_number": "示人社规〔2026〕1号",
    "normative_code": "SXSD01-2026-0001",
    "effective_on": D(2026, 2, 1),
    "summary": "规范就业补助资金的使用和管理。",
}


def test_a_complete_normative_document_is_accepted():
    item = _draft(**NORMATIVE, valid_until=D(2031, 1, 31), joint_issuers="示例县财政局")
    assert item.is_normative and item.joint_issuers == "示例县财政局"


@pytest.mark.parametrize(
    ("missing", "field", "message"),
    [
        ("document_number", "document_number", "行政规范性文件必须填写文号。"),
        ("normative_code", "normative_code", "行政规范性文件必须填写统一编号。"),
        ("effective_on", "effective_on", "行政规范性文件必须填写施行日期。"),
        ("summary", "summary", "行政规范性文件必须填写内容概述。"),
    ],
)
def test_a_normative_document_needs_its_fields(missing, field, message):
    fields = {**NORMATIVE, missing: None if missing == "effective_on" else ""}
    with pytest.raises(ValidationError) as caught:
        _draft(**fields)
    assert caught.value.message_dict[field] == [message]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"document_number": "示人社规〔2026〕001号"}, "document_number", "不编虚位"),
        ({"document_type": DocumentType.LAW}, "document_type", "不能是法律法规或工作文件"),
        ({"effective_on": D(2026, 1, 4)}, "effective_on", "施行日期不能早于成文日期"),
        ({"valid_until": D(2026, 1, 31)}, "valid_until", "有效期不能早于施行日期"),
        ({"repealed_on": D(2026, 3, 1)}, "repealed_on", "有效性应选择“已废止”"),
        ({"repealed_on": D(2025, 3, 1)}, "repealed_on", "废止日期不能早于成文日期"),
    ],
)
def test_incoherent_document_dates_and_types_are_refused(changes, field, message):
    with pytest.raises(ValidationError) as caught:
        _draft(**{**NORMATIVE, **changes})
    assert message in " ".join(caught.value.message_dict[field])


def test_a_bad_number_is_refused_on_any_item_with_a_gongwen_type():
    with pytest.raises(ValidationError) as caught:
        _draft(document_type=DocumentType.NOTICE, document_number="示人社发（2026）3号")
    assert "六角括号" in caught.value.message_dict["document_number"][0]
    law = _draft(document_type=DocumentType.LAW, document_number="中华人民共和国主席令第七十三号")
    assert law.pk


def test_validity_is_computed_from_the_dates():
    item = Item(effective_on=D(2026, 2, 1), valid_until=D(2026, 12, 31), validity=Validity.VALID)
    assert item.validity_on(D(2026, 1, 31)) == "尚未施行"
    assert item.validity_on(D(2026, 2, 1)) == "有效"
    assert item.validity_on(D(2026, 12, 31)) == "有效"  # the last day still counts
    assert item.validity_on(D(2027, 1, 1)) == "已失效"
    item.repealed_on, item.validity = D(2026, 6, 1), Validity.REPEALED
    assert item.validity_on(D(2026, 6, 1)) == "已废止"
    amended = Item(validity=Validity.AMENDED)
    assert amended.validity_on(D(2026, 6, 1)) == "已修改"


def test_the_item_page_shows_the_document_fields_and_an_expired_document_as_lapsed(client):
    item = ItemFactory(
        published=True,
        **{**NORMATIVE, "effective_on": D(2020, 2, 1)},
        written_on=D(2020, 1, 5),
        valid_until=D(2025, 1, 31),
        joint_issuers="示例县财政局、示例县医疗保障局",
    )
    html = client.get(reverse("disclosure:item", args=[item.pk])).content.decode()
    assert '<th scope="row">有 效 性</th><td>已失效</td>' in html
    for text in (
        "SXSD01-2026-0001",
        "2020-02-01",
        "2025-01-31",
        "通知",
        "示例县财政局、示例县医疗保障局",
    ):
        assert text in html


def _expiring(valid_until, **fields):
    item = ItemFactory(
        published=True,
        **{**NORMATIVE, "effective_on": D(2024, 1, 1)},
        written_on=D(2024, 1, 1),
        valid_until=valid_until,
        **fields,
    )
    # Published long before the inspection's day, whatever the clock says now (the
    # rule only looks at items public on that day).
    published_at = datetime.datetime(2024, 1, 2, 9, tzinfo=datetime.UTC)
    Item.objects.filter(pk=item.pk).update(published_at=published_at)
    item.published_at = published_at
    return item


def test_the_inspection_reminds_the_office_six_months_before_expiry():
    as_of = D(2026, 12, 5)
    due = _expiring(D(2027, 6, 5))  # exactly six months ahead: reminded
    _expiring(D(2027, 6, 6))  # one day beyond: not yet
    lapsed = _expiring(D(2026, 12, 4))  # ran out yesterday, still marked 有效
    _expiring(D(2026, 12, 1), validity=Validity.REPEALED, repealed_on=D(2026, 11, 30))
    drafts = list(rules.check_normative_expiry(as_of))
    assert [d.item for d in drafts] == [lapsed, due]
    assert all(d.kind == FindingKind.NORMATIVE_EXPIRY for d in drafts)
    assert "已于 2026-12-04 有效期届满失效" in drafts[0].message
    assert "还有 182 天到期" in drafts[1].message
    assert drafts[1].section == due.section
