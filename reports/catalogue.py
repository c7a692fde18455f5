"""The 政府信息公开目录 as a file (Reg. 12): every public item with the catalogue
fields of domain-rules.md, as CSV and XLSX."""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator

from django.urls import reverse
from django.utils import timezone

from common import exports
from common.links import absolute_url
from disclosure.selectors import public_items

# domain-rules.md, "Catalogue fields in use", in that order, with Reg. 12's 生成日期
# after the 内容概述; then the page address.
CATALOGUE_FIELDS = (
    "索引号",
    "主题分类",
    "发布机构",
    "成文日期",
    "发布日期",
    "文号",
    "有效性",
    "名称",
    "关键词",
    "内容概述",
    "生成日期",
    "公开方式",
    "公开时限",
    "公开属性",
    "网址",
)
# Art. 8(1): the county portal is the first platform for proactive information.
DISCLOSURE_CHANNEL = "政府网站"
# Art. 7(2), Reg. 26.
DISCLOSURE_TIME_LIMIT = "信息形成或变更之日起20个工作日内"


def catalogue_items(*, year: int | None = None):
    items = public_items().select_related("section__organisation")
    if year:
        items = items.filter(published_at__year=year)
    return items


def _date(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "tzinfo"):
        value = timezone.localtime(value).date()
    return value.isoformat()


def generated_on(item) -> str:
    """Reg. 12's 生成日期: the 成文日期; an undated item (a notice, a news item) falls
    back to the date it was formed (形成/变更日期, always set), then to its
    publication date, so the column is never blank."""
    return _date(item.written_on or item.formed_on or item.published_at)


def catalogue_rows(items: Iterable, request=None) -> Iterator[list[str]]:
    """One row per item; the address uses the host the export was asked by
    (`common.links.absolute_url`), SITE_URL without a request."""
    for item in items.iterator(chunk_size=500) if hasattr(items, "iterator") else items:
        yield [
            item.index_number or "",
            item.get_topic_display(),
            item.section.organisation.name,
            _date(item.written_on),
            _date(item.published_at),
            item.document_number,
            item.current_validity,  # computed: a document past its 有效期 reads 已失效
            item.title,
            item.keywords,
            item.summary,
            generated_on(item),
            DISCLOSURE_CHANNEL,
            DISCLOSURE_TIME_LIMIT,
            item.get_publicity_display(),
            absolute_url(reverse("disclosure:item", args=[item.pk]), request),
        ]


def csv_stream(items, request=None) -> Iterator[str]:
    return exports.csv_stream(CATALOGUE_FIELDS, catalogue_rows(items, request))


def xlsx_bytes(items, *, title: str = "政府信息公开目录", request=None) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    sheet.freeze_panes = "A2"
    for index, width in enumerate((30, 22, 24, 12, 12, 22, 8, 50, 20, 40, 12, 10, 28, 10, 40), 1):
        sheet.column_dimensions[_column_letter(index)].width = width
    sheet.append(list(CATALOGUE_FIELDS))
    for row in catalogue_rows(items, request):
        sheet.append([exports.text_cell(WriteOnlyCell(sheet), value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)
