"""Each inspection rule at its threshold (国办秘函〔2019〕19号, Reg. 26)."""

import datetime

import pytest
from django.core.files.storage import default_storage

from disclosure.choices import ColumnKind
from disclosure.models import Attachment, Item, ItemStatus
from inspection import rules
from inspection.models import FindingKind
from tests.factories import ColumnFactory, ItemFactory, SectionFactory
from tests.inspection.factories import attach, minimal_pdf, published_on

pytestmark = pytest.mark.django_db

AS_OF = datetime.date(2026, 11, 16)


def kinds(drafts):
    return [d.kind for d in drafts]


def idle_days_ago(kind, days):
    column = ColumnFactory(kind=kind)
    published_on(AS_OF - datetime.timedelta(days=days), column=column)
    return column


# -- columns ------------------------------------------------------------------------


@pytest.mark.parametrize(("days", "flagged"), [(13, False), (14, False), (15, True)])
def test_news_column_idle_more_than_two_weeks(days, flagged):
    column = idle_days_ago(ColumnKind.NEWS, days)
    drafts = list(rules.check_columns(AS_OF))
    assert kinds(drafts) == ([FindingKind.COLUMN_IDLE] if flagged else [])
    if flagged:
        assert drafts[0].column == column
        assert drafts[0].section == column.responsible_section
        assert drafts[0].detail["idle_days"] == 15
        assert "15 天未更新" in drafts[0].message


@pytest.mark.parametrize("kind", [ColumnKind.NOTICE, ColumnKind.POLICY])
@pytest.mark.parametrize(
    ("last", "flagged"),
    [
        (datetime.date(2026, 5, 16), False),  # exactly 6 months: not "more than"
        (datetime.date(2026, 5, 15), True),
        (datetime.date(2026, 6, 1), False),
    ],
)
def test_notice_and_policy_columns_idle_more_than_six_months(kind, last, flagged):
    column = ColumnFactory(kind=kind)
    published_on(last, column=column)
    drafts = list(rules.check_columns(AS_OF))
    assert kinds(drafts) == ([FindingKind.COLUMN_IDLE] if flagged else [])


def test_six_months_clamps_to_month_end():
    assert rules.months_before(datetime.date(2026, 8, 31), 6) == datetime.date(2026, 2, 28)
    assert rules.months_before(datetime.date(2026, 3, 15), 6) == datetime.date(2025, 9, 15)


def test_other_columns_have_no_update_frequency():
    idle_days_ago(ColumnKind.OTHER, 800)
    assert list(rules.check_columns(AS_OF)) == []


def test_news_column_with_only_undated_public_items_counts_as_not_updated():
    column = ColumnFactory(kind=ColumnKind.NEWS)
    published_on(None, column=column)
    drafts = list(rules.check_columns(AS_OF))
    assert kinds(drafts) == [FindingKind.COLUMN_IDLE]
    assert "无发布日期" in drafts[0].message


def test_items_published_after_the_inspection_day_do_not_count():
    column = idle_days_ago(ColumnKind.NEWS, 30)
    published_on(AS_OF + datetime.timedelta(days=1), column=column)
    assert kinds(rules.check_columns(AS_OF)) == [FindingKind.COLUMN_IDLE]


def test_empty_column_counts_only_public_items():
    column = ColumnFactory(kind=ColumnKind.OTHER)
    ItemFactory(column=column)  # draft
    ItemFactory(column=column, published=True, on_request=True)  # published, not proactive
    drafts = list(rules.check_columns(AS_OF))
    assert kinds(drafts) == [FindingKind.COLUMN_EMPTY]
    assert drafts[0].column == column
    assert drafts[0].fingerprint == f"column_empty:column:{column.pk}"


def test_empty_column_is_not_also_reported_idle():
    ColumnFactory(kind=ColumnKind.NEWS)
    assert kinds(rules.check_columns(AS_OF)) == [FindingKind.COLUMN_EMPTY]


def test_parent_columns_are_judged_by_their_children():
    parent = ColumnFactory(kind=ColumnKind.NEWS)
    child = ColumnFactory(kind=ColumnKind.NEWS, parent=parent)
    published_on(AS_OF - datetime.timedelta(days=2), column=child)
    assert list(rules.check_columns(AS_OF)) == []


# -- home page ----------------------------------------------------------------------


@pytest.mark.parametrize(("days", "flagged"), [(14, False), (15, True)])
def test_home_page_idle_more_than_two_weeks(days, flagged):
    office = SectionFactory(office=True)
    published_on(AS_OF - datetime.timedelta(days=days))
    drafts = list(rules.check_home(AS_OF))
    assert kinds(drafts) == ([FindingKind.HOME_IDLE] if flagged else [])
    if flagged:
        assert drafts[0].section == office


def test_home_page_without_any_public_item_is_flagged():
    ItemFactory()  # a draft does not update the home page
    assert kinds(rules.check_home(AS_OF)) == [FindingKind.HOME_IDLE]


def test_home_last_update_ignores_unpublished():
    item = published_on(AS_OF - datetime.timedelta(days=3))
    ItemFactory()
    assert rules.home_last_update(AS_OF) == item.published_at


# -- items past their deadline -------------------------------------------------------

# 2026-09-18 + 20 working days: 中秋 9/25-27 and 国庆 10/1-7 off, 9/20 and 10/10 worked
# -> 2026-10-22 (hand-counted from the State Council notice of 2025-11-04).
FORMED = datetime.date(2026, 9, 18)
DUE = datetime.date(2026, 10, 22)


@pytest.mark.parametrize(("as_of", "flagged"), [(DUE, False), (DUE + datetime.timedelta(1), True)])
def test_unpublished_item_past_20_working_days(as_of, flagged):
    item = ItemFactory(formed_on=FORMED, written_on=FORMED)
    drafts = list(rules.check_overdue_items(as_of))
    assert kinds(drafts) == ([FindingKind.ITEM_OVERDUE] if flagged else [])
    if flagged:
        assert drafts[0].item == item
        assert drafts[0].section == item.section
        assert drafts[0].detail["due_on"] == "2026-10-22"
        assert "2026-10-22" in drafts[0].message


def test_overdue_rule_skips_published_withdrawn_and_not_proactive_items():
    after = DUE + datetime.timedelta(days=5)
    ItemFactory(formed_on=FORMED, published=True)
    ItemFactory(formed_on=FORMED, on_request=True)
    ItemFactory(formed_on=FORMED, not_disclosed=True)
    withdrawn = ItemFactory(formed_on=FORMED)
    Item.objects.filter(pk=withdrawn.pk).update(
        status=ItemStatus.WITHDRAWN, withdrawal_reason="测试"
    )
    undecided = ItemFactory(formed_on=FORMED, publicity="")
    drafts = list(rules.check_overdue_items(after))
    assert [d.item for d in drafts] == [undecided]


# -- attachments ---------------------------------------------------------------------


def test_readable_attachment_passes():
    item = published_on(AS_OF)
    attach(item, minimal_pdf())
    assert list(rules.check_attachments(AS_OF)) == []


def test_missing_attachment_file_is_flagged():
    item = published_on(AS_OF)
    attachment = attach(item, minimal_pdf())
    default_storage.delete(attachment.file.name)
    drafts = list(rules.check_attachments(AS_OF))
    assert kinds(drafts) == [FindingKind.ATTACHMENT_BROKEN]
    assert drafts[0].attachment == attachment
    assert drafts[0].detail["problem"] == "文件不存在"
    assert drafts[0].section == item.section


def test_truncated_and_corrupt_attachments_are_flagged():
    item = published_on(AS_OF)
    truncated = attach(item, minimal_pdf(), name="a.pdf")
    Attachment.objects.filter(pk=truncated.pk).update(size=truncated.size + 100)
    attach(item, b"%PDF-1.4 this is not really a pdf", name="b.pdf")
    attach(
        item,
        b"PK\x03\x04 broken",
        name="c.docx",
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    problems = [d.detail["problem"] for d in rules.check_attachments(AS_OF)]
    assert problems[0].startswith("文件大小与登记不符")
    assert problems[1:] == ["文件已损坏，无法打开", "文件已损坏，无法打开"]


def test_empty_attachment_is_flagged():
    item = published_on(AS_OF)
    attachment = attach(item, minimal_pdf())
    with default_storage.open(attachment.file.name, "wb") as handle:
        handle.write(b"")
    assert [d.detail["problem"] for d in rules.check_attachments(AS_OF)] == ["文件为空"]


def test_attachments_of_unpublished_items_are_not_the_site_s_problem():
    item = ItemFactory()
    attachment = attach(item, minimal_pdf())
    default_storage.delete(attachment.file.name)
    assert list(rules.check_attachments(AS_OF)) == []
