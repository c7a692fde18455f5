"""The annual report's tables as plain text (`manage.py annual_report YEAR`): every
row of the 2021 format with its label, parents included, so the groups of table 三
and the blocks of table 四 read as in the official form. Tab-separated: the numbers
line up in a terminal and paste into a spreadsheet."""

from __future__ import annotations

from reports import tables
from requests_app.outcomes import APPLICANT_COLUMN_GROUPS, OUTCOME_GROUPS

INDENT = "　　"  # a full-width indent per level, as in printed Chinese tables
EMPTY = "（无数据）"


def _line(label: str, values) -> str:
    return "\t".join([label, *("未填" if v is None else str(v) for v in values)])


def table2_lines(table2: dict) -> list[str]:
    """Table 二 by block; a cell not filled in reads 未填."""
    lines = ["表二 主动公开政府信息情况"]
    for block in tables.TABLE2:
        lines.append(_line(block.label, block.columns))
        for row, _fields in block.rows:
            cells = table2.get(block.label, {}).get(row, {})
            lines.append(_line(INDENT + row, [cells.get(c) for c in block.columns]))
    return lines


def table3_lines(table3: dict) -> list[str]:
    lines = ["表三 收到和处理政府信息公开申请情况", tables.T3_NOTE]
    if not table3:
        return [*lines, EMPTY]
    groups = [
        cell for name, cols in APPLICANT_COLUMN_GROUPS for cell in (name, *[""] * (len(cols) - 1))
    ]
    lines.append(_line(tables.T3_HEADER, [*groups, ""]))
    lines.append(_line("", tables.T3_COLUMNS))

    def row(label: str, depth: int, key: str | None = None) -> None:
        values = table3.get(key or label, {})
        lines.append(_line(INDENT * depth + label, [values.get(c, 0) for c in tables.T3_COLUMNS]))

    row(tables.ROW_NEW, 0)
    row(tables.ROW_CARRIED_IN, 0)
    lines.append(tables.ROW_RESULTS)
    for group in OUTCOME_GROUPS:
        if not group.has_rows:
            row(tables.OUTCOME_ROWS[group.outcomes[0].value], 1)
            continue
        lines.append(INDENT + tables.official(group.title))
        for _number, outcome in group.rows():
            row(tables.OUTCOME_ROWS[outcome.value], 2)
    row(tables.ROW_TOTAL, 1)
    row(tables.ROW_CARRIED_OUT, 0)
    return lines


def table4_lines(table4: dict) -> list[str]:
    lines = ["表四 政府信息公开行政复议、行政诉讼情况"]
    if not table4:
        return [*lines, EMPTY]
    lines.append(_line("", tables.T4_RESULTS))
    review = table4.get(tables.T4_REVIEW, {})
    lines.append(_line(tables.T4_REVIEW, [review.get(r, 0) for r in tables.T4_RESULTS]))
    lines.append(tables.T4_LITIGATION)
    for name, block in table4.get(tables.T4_LITIGATION, {}).items():
        lines.append(_line(INDENT + name, [block.get(r, 0) for r in tables.T4_RESULTS]))
    return lines


def report_lines(result) -> list[str]:
    """Tables 二, 三 and 四 of a `reports.selectors.ReportTables`, blank lines between."""
    return [
        *table2_lines(result.table2),
        "",
        *table3_lines(result.table3),
        "",
        *table4_lines(result.table4),
    ]
