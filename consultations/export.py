"""Comment exports for staff (CSV, XLSX). Hidden comments are never exported;
contacts appear in full only for staff allowed to see them
(`permissions.can_see_contacts`), masked for everyone else."""

import io

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from common.exports import csv_bytes, text_cell
from common.privacy import mask_contact
from consultations.models import Comment, Consultation

HEADERS = [
    "序号",
    "提交时间",
    "姓名",
    "联系方式",
    "针对章节",
    "意见内容",
    "审核状态",
    "采纳情况",
    "采纳情况说明",
]


def export_rows(consultation: Consultation, *, show_contacts: bool) -> list[list[str]]:
    comments = consultation.comments.exportable().order_by("submitted_at", "id")
    rows = []
    for number, comment in enumerate(comments, start=1):
        rows.append(_row(number, comment, show_contacts))
    return rows


def _row(number: int, comment: Comment, show_contacts: bool) -> list[str]:
    contact = comment.contact if show_contacts else mask_contact(comment.contact)
    return [
        str(number),
        timezone.localtime(comment.submitted_at).strftime("%Y-%m-%d %H:%M:%S"),
        comment.display_name,
        contact,
        comment.draft_section,
        comment.body,
        comment.get_status_display(),
        comment.get_adoption_display() if comment.adoption else "",
        comment.adoption_note,
    ]


def comments_csv(consultation: Consultation, *, show_contacts: bool) -> bytes:
    return csv_bytes(HEADERS, export_rows(consultation, show_contacts=show_contacts))


def comments_xlsx(consultation: Consultation, *, show_contacts: bool) -> bytes:
    """Every cell is text (`text_cell`): what a citizen typed reads back as typed and
    never runs as a formula."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "意见汇总"
    text_cell(sheet["A1"], consultation.item.title).font = Font(bold=True, size=13)
    sheet.append(HEADERS)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row_number, row in enumerate(export_rows(consultation, show_contacts=show_contacts), 3):
        for column, value in enumerate(row, 1):
            cell = text_cell(sheet.cell(row=row_number, column=column), value)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for letter, width in zip("ABCDEFGHI", (6, 20, 12, 20, 14, 60, 10, 10, 30), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A3"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def export_filename(consultation: Consultation, ext: str) -> str:
    stamp = timezone.localtime().strftime("%Y%m%d")
    return f"consultation-{consultation.pk}-comments-{stamp}.{ext}"
