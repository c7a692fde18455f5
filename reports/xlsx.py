"""The annual report as an XLSX workbook: the three tables laid out and merged as in
the 2021 format, and the narrative sections."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from common.exports import text_cell
from reports import tables
from requests_app.outcomes import RemedyKind

THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
BOLD = Font(bold=True)


def _box(sheet, first_row, first_col, last_row, last_col, value=None, align=CENTER, bold=False):
    if (first_row, first_col) != (last_row, last_col):
        sheet.merge_cells(
            start_row=first_row, start_column=first_col, end_row=last_row, end_column=last_col
        )
    cell = text_cell(sheet.cell(row=first_row, column=first_col), value)
    cell.alignment = align
    if bold:
        cell.font = BOLD
    for r in range(first_row, last_row + 1):
        for c in range(first_col, last_col + 1):
            sheet.cell(row=r, column=c).border = BORDER
    return cell


def _title(sheet, text, width):
    _box(sheet, 1, 1, 1, width, text, bold=True).border = Border()
    for c in range(1, width + 1):
        sheet.cell(row=1, column=c).border = Border()
    sheet.row_dimensions[1].height = 28


def _table2_sheet(workbook, table2):
    sheet = workbook.create_sheet("二、主动公开政府信息情况")
    _title(sheet, "二、主动公开政府信息情况", 4)
    row = 2
    for block in tables.TABLE2:
        _box(sheet, row, 1, row, 4, block.label, bold=True)
        row += 1
        _box(sheet, row, 1, row, 1, tables.TABLE2_CONTENT_LABEL)
        if len(block.columns) == 1:
            _box(sheet, row, 2, row, 4, block.columns[0])
        else:
            for i, column in enumerate(block.columns):
                _box(sheet, row, 2 + i, row, 2 + i, column)
        row += 1
        for label, _fields in block.rows:
            _box(sheet, row, 1, row, 1, label)
            values = table2[block.label][label]
            if len(block.columns) == 1:
                _box(sheet, row, 2, row, 4, values[block.columns[0]])
            else:
                for i, column in enumerate(block.columns):
                    _box(sheet, row, 2 + i, row, 2 + i, values[column])
            row += 1
    for col, width in zip("ABCD", (22, 18, 18, 18), strict=True):
        sheet.column_dimensions[col].width = width


def _table3_sheet(workbook, table3):
    sheet = workbook.create_sheet("三、收到和处理政府信息公开申请情况")
    _title(sheet, "三、收到和处理政府信息公开申请情况", 10)
    # Header: rows 2-4, label area A:C, numbers D:J.
    _box(sheet, 2, 1, 4, 3, tables.T3_NOTE)
    _box(sheet, 2, 4, 2, 10, tables.T3_HEADER)
    _box(sheet, 3, 4, 4, 4, tables.T3_NATURAL_GROUP)
    _box(sheet, 3, 5, 3, 9, tables.T3_ORG_GROUP)
    for i, column in enumerate(tables.T3_COLUMNS[1:-1]):
        _box(sheet, 4, 5 + i, 4, 5 + i, column)
    _box(sheet, 3, 10, 4, 10, tables.T3_TOTAL_COLUMN)
    row = 5
    for layout_row in tables.table3_layout(table3):
        col = 4 - sum(cell.colspan for cell in layout_row["cells"])
        for cell in layout_row["cells"]:
            _box(
                sheet,
                row,
                col,
                row + cell.rowspan - 1,
                col + cell.colspan - 1,
                cell.text,
                align=LEFT,
            )
            col += cell.colspan
        for i, value in enumerate(layout_row["values"]):
            _box(sheet, row, 4 + i, row, 4 + i, value)
        row += 1
    for col, width in zip("ABCDEFGHIJ", (14, 16, 30, 9, 9, 9, 11, 11, 9, 9), strict=True):
        sheet.column_dimensions[col].width = width


def _table4_sheet(workbook, table4):
    sheet = workbook.create_sheet("四、政府信息公开行政复议、行政诉讼情况")
    _title(sheet, "四、政府信息公开行政复议、行政诉讼情况", 15)
    _box(sheet, 2, 1, 2, 5, tables.T4_REVIEW)
    _box(sheet, 2, 6, 2, 15, tables.T4_LITIGATION)
    for i, label in enumerate(tables.T4_RESULTS):
        _box(sheet, 3, 1 + i, 4, 1 + i, label)
    for block, kind in enumerate(tables.T4_LITIGATION_KINDS):
        first = 6 + block * 5
        _box(sheet, 3, first, 3, first + 4, RemedyKind(kind).short_label)
        for i, label in enumerate(tables.T4_RESULTS):
            _box(sheet, 4, first + i, 4, first + i, label)
    for i, value in enumerate(tables.table4_values(table4)):
        _box(sheet, 5, 1 + i, 5, 1 + i, value)
    for i in range(1, 16):
        sheet.column_dimensions[get_column_letter(i)].width = 10


def _text_sheet(workbook, report):
    sheet = workbook.active
    sheet.title = "报告正文"
    sheet.column_dimensions["A"].width = 100
    rows = [
        (report.title, True),
        ("一、总体情况", True),
        (report.overview, False),
        ("二、主动公开政府信息情况（见表二）", True),
        ("三、收到和处理政府信息公开申请情况（见表三）", True),
        ("四、政府信息公开行政复议、行政诉讼情况（见表四）", True),
        ("五、存在的主要问题及改进情况", True),
        (report.problems, False),
        ("六、其他需要报告的事项", True),
        (report.other_matters, False),
    ]
    for index, (text, bold) in enumerate(rows, start=1):
        # Staff-entered text: stored as text, never run as a formula.
        cell = text_cell(sheet.cell(row=index, column=1), text)
        cell.alignment = LEFT
        if bold:
            cell.font = BOLD


def annual_report_xlsx(report, report_tables) -> bytes:
    workbook = Workbook()
    _text_sheet(workbook, report)
    _table2_sheet(workbook, report_tables.table2)
    _table3_sheet(workbook, report_tables.table3)
    _table4_sheet(workbook, report_tables.table4)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
