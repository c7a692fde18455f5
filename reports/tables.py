"""Tables 二, 三 and 四 of the annual report in the 2021 format (国办公开办函〔2021〕30号),
with the official row and column labels as written in domain-rules.md.

Shapes (also what `manage.py annual_report YEAR --json` prints and what a published
report freezes):
- table 二: {block label: {row label: {column label: value or None}}}
- table 三: {row label: {column label: n}} for every row that holds numbers, in the
  official order (the 三、本年度办理结果 and （三）…（六） group headings hold none)
- table 四: {"行政复议": {result: n}, "行政诉讼": {"未经复议直接起诉": {result: n},
  "复议后起诉": {result: n}}}
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count

from requests_app.outcomes import (
    APPLICANT_TOTAL_LABEL,
    OUTCOME_GROUPS,
    OUTCOME_TOTAL_LABEL,
    REMEDY_TOTAL_LABEL,
    ApplicantColumn,
    RemedyKind,
    RemedyResult,
    applicant_column_expression,
)


def official(text: str) -> str:
    """domain-rules.md spells the quotes of 危及"三安全一稳定" in ASCII; the labels
    here follow it to the character."""
    return text.replace("“", '"').replace("”", '"')


# -- Table 二 -------------------------------------------------------------------------


@dataclass(frozen=True)
class Table2Block:
    label: str
    columns: tuple[str, ...]  # after 信息内容
    rows: tuple[tuple[str, tuple[str, ...]], ...]  # (row label, model fields per column)


TABLE2_CONTENT_LABEL = "信息内容"
TABLE2: tuple[Table2Block, ...] = (
    Table2Block(
        "第二十条第（一）项",
        ("本年制发件数", "本年废止件数", "现行有效件数"),
        (
            ("规章", ("regulations_issued", "regulations_repealed", "regulations_in_force")),
            (
                "行政规范性文件",
                ("normative_issued", "normative_repealed", "normative_in_force"),
            ),
        ),
    ),
    Table2Block(
        "第二十条第（五）项", ("本年处理决定数量",), (("行政许可", ("licensing_decisions",)),)
    ),
    Table2Block(
        "第二十条第（六）项",
        ("本年处理决定数量",),
        (("行政处罚", ("penalty_decisions",)), ("行政强制", ("enforcement_decisions",))),
    ),
    Table2Block(
        "第二十条第（八）项",
        ("本年收费金额（单位：万元）",),
        (("行政事业性收费", ("fees_amount",)),),
    ),
)
TABLE2_FIELDS: tuple[str, ...] = tuple(
    field for block in TABLE2 for _row, fields in block.rows for field in fields
)


def _json_number(value):
    if value is None:
        return None
    if isinstance(value, Decimal):
        return float(value.normalize()) if value != value.to_integral() else int(value)
    return value


def table2_from_report(report) -> dict:
    return {
        block.label: {
            row: {
                column: _json_number(getattr(report, field))
                for column, field in zip(block.columns, fields, strict=True)
            }
            for row, fields in block.rows
        }
        for block in TABLE2
    }


def table2_missing(report) -> list[str]:
    """The table 二 cells not filled in, as "行政许可·本年处理决定数量"."""
    missing = []
    for block in TABLE2:
        for row, fields in block.rows:
            for column, field in zip(block.columns, fields, strict=True):
                if getattr(report, field) is None:
                    missing.append(f"{row}·{column}")
    return missing


# -- Table 三 -------------------------------------------------------------------------

T3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
T3_HEADER = "申请人情况"
T3_NATURAL_GROUP = "自然人"
T3_ORG_GROUP = "法人或其他组织"
T3_DATA_COLUMNS: tuple[ApplicantColumn, ...] = tuple(ApplicantColumn)
T3_COLUMNS: tuple[str, ...] = (*[c.label for c in T3_DATA_COLUMNS], APPLICANT_TOTAL_LABEL)
T3_TOTAL_COLUMN = APPLICANT_TOTAL_LABEL

ROW_NEW = "一、本年新收政府信息公开申请数量"
ROW_CARRIED_IN = "二、上年结转政府信息公开申请数量"
ROW_RESULTS = "三、本年度办理结果"
ROW_TOTAL = OUTCOME_TOTAL_LABEL  # （七）总计
ROW_CARRIED_OUT = "四、结转下年度继续办理"


def outcome_row_label(group, number: str, outcome) -> str:
    """ "（一）予以公开" for a one-row group, "1.属于国家秘密" for a sub-row."""
    if not group.has_rows:
        return official(group.title)
    return official(f"{number}{outcome.label}")


# Outcome value -> its row label; the result rows in official order.
OUTCOME_ROWS: dict[str, str] = {}
for _group in OUTCOME_GROUPS:
    if _group.has_rows:
        for _number, _outcome in _group.rows():
            OUTCOME_ROWS[_outcome.value] = outcome_row_label(_group, _number, _outcome)
    else:
        OUTCOME_ROWS[_group.outcomes[0].value] = outcome_row_label(_group, "", _group.outcomes[0])

T3_ROWS: tuple[str, ...] = (
    ROW_NEW,
    ROW_CARRIED_IN,
    *OUTCOME_ROWS.values(),
    ROW_TOTAL,
    ROW_CARRIED_OUT,
)


def _empty_row() -> dict[str, int]:
    return dict.fromkeys(T3_COLUMNS, 0)


def _by_column(queryset) -> dict[str, int]:
    row = _empty_row()
    counts = (
        queryset.annotate(table_column=applicant_column_expression())
        .values("table_column")
        .annotate(n=Count("id"))
        .order_by()
    )
    for entry in counts:
        row[ApplicantColumn(entry["table_column"]).label] += entry["n"]
    row[T3_TOTAL_COLUMN] = sum(row[c.label] for c in T3_DATA_COLUMNS)
    return row


def compute_table3(year: int) -> dict[str, dict[str, int]]:
    """Table 三 for `year` from the requests (requests_app.models, whose querysets
    define 新收, 上年结转, 办理结果 and 结转下年度). Only requests with a date of receipt
    count (Reg. 31): unconfirmed online submissions are not requests yet."""
    from requests_app.models import DisclosureRequest

    requests = DisclosureRequest.objects.received()
    table: dict[str, dict[str, int]] = {
        ROW_NEW: _by_column(requests.received_in(year)),
        ROW_CARRIED_IN: _by_column(requests.carried_into(year)),
    }
    for label in OUTCOME_ROWS.values():
        table[label] = _empty_row()
    counts = (
        requests.closed_in(year)
        .annotate(table_column=applicant_column_expression())
        .values("outcome", "table_column")
        .annotate(n=Count("id"))
        .order_by()
    )
    for entry in counts:
        row = table[OUTCOME_ROWS[entry["outcome"]]]
        row[ApplicantColumn(entry["table_column"]).label] += entry["n"]
    for label in OUTCOME_ROWS.values():
        row = table[label]
        row[T3_TOTAL_COLUMN] = sum(row[c.label] for c in T3_DATA_COLUMNS)
    table[ROW_TOTAL] = {
        column: sum(table[label][column] for label in OUTCOME_ROWS.values())
        for column in T3_COLUMNS
    }
    table[ROW_CARRIED_OUT] = _by_column(requests.open_at_end_of(year))
    return {label: table[label] for label in T3_ROWS}


def check_table3(table: dict[str, dict[str, int]]) -> list[str]:
    """Every break of the table's own arithmetic, in Chinese; empty when it holds:
    per column 一 + 二 = 三(七) + 四 (the note cell of the 2021 format), （七）总计 the
    sum of the result rows, and 总计 the sum of the applicant columns."""
    problems = []
    for column in T3_COLUMNS:
        left = table[ROW_NEW][column] + table[ROW_CARRIED_IN][column]
        right = table[ROW_TOTAL][column] + table[ROW_CARRIED_OUT][column]
        if left != right:
            problems.append(
                f"“{column}”列：第一项加第二项（{left}）不等于第三项（七）加第四项（{right}）。"
            )
        results = sum(table[label][column] for label in OUTCOME_ROWS.values())
        if results != table[ROW_TOTAL][column]:
            problems.append(
                f"“{column}”列：（七）总计（{table[ROW_TOTAL][column]}）不等于各项办理结果之和（{results}）。"
            )
    for label in T3_ROWS:
        row = table[label]
        parts = sum(row[c.label] for c in T3_DATA_COLUMNS)
        if parts != row[T3_TOTAL_COLUMN]:
            problems.append(
                f"“{label}”行：总计（{row[T3_TOTAL_COLUMN]}）不等于各列之和（{parts}）。"
            )
    return problems


# -- Table 四 -------------------------------------------------------------------------

T4_REVIEW = "行政复议"
T4_LITIGATION = "行政诉讼"
T4_RESULTS: tuple[str, ...] = (*[r.label for r in RemedyResult], REMEDY_TOTAL_LABEL)
T4_LITIGATION_KINDS = (RemedyKind.LITIGATION_DIRECT, RemedyKind.LITIGATION_AFTER_REVIEW)


def _empty_t4() -> dict[str, int]:
    return dict.fromkeys(T4_RESULTS, 0)


def compute_table4(year: int) -> dict:
    """Table 四 for `year`: the 复议/诉讼 cases active in the year (filed by 31
    December, not concluded before 1 January), each under its result as it stood
    on 31 December (尚未审结 if still pending then)."""
    from requests_app.models import RemedyCase

    end = datetime.date(year, 12, 31)
    blocks = {kind: _empty_t4() for kind in RemedyKind}
    for case in RemedyCase.objects.active_in(year).only("kind", "result", "concluded_on"):
        blocks[case.kind][RemedyResult(case.result_as_of(end)).label] += 1
    for block in blocks.values():
        block[REMEDY_TOTAL_LABEL] = sum(block[r.label] for r in RemedyResult)
    return {
        T4_REVIEW: blocks[RemedyKind.REVIEW],
        T4_LITIGATION: {RemedyKind(kind).short_label: blocks[kind] for kind in T4_LITIGATION_KINDS},
    }


def check_table4(table: dict) -> list[str]:
    problems = []
    blocks = [(T4_REVIEW, table[T4_REVIEW])] + [
        (f"{T4_LITIGATION}（{name}）", block) for name, block in table[T4_LITIGATION].items()
    ]
    for name, block in blocks:
        parts = sum(block[r.label] for r in RemedyResult)
        if parts != block[REMEDY_TOTAL_LABEL]:
            problems.append(
                f"{name}：总计（{block[REMEDY_TOTAL_LABEL]}）不等于各项之和（{parts}）。"
            )
    return problems


# -- Layout for pages, print and XLSX -------------------------------------------------


@dataclass(frozen=True)
class LabelCell:
    text: str
    colspan: int = 1
    rowspan: int = 1


def table3_layout(table: dict[str, dict[str, int]]) -> list[dict]:
    """Rows for rendering table 三 as in the official form: three label columns
    (section, group, sub-row) merged as printed, then the seven numbers."""
    rows: list[dict] = []

    def add(label_cells, key):
        rows.append(
            {
                "key": key,
                "cells": label_cells,
                "values": [table[key][c] for c in T3_COLUMNS] if key else None,
            }
        )

    add([LabelCell(ROW_NEW, colspan=3)], ROW_NEW)
    add([LabelCell(ROW_CARRIED_IN, colspan=3)], ROW_CARRIED_IN)
    result_rows = sum(len(g.outcomes) for g in OUTCOME_GROUPS) + 1  # + （七）总计
    first = True
    for group in OUTCOME_GROUPS:
        lead = [LabelCell(ROW_RESULTS, rowspan=result_rows)] if first else []
        first = False
        if not group.has_rows:
            key = OUTCOME_ROWS[group.outcomes[0].value]
            add([*lead, LabelCell(key, colspan=2)], key)
            continue
        for index, (_number, outcome) in enumerate(group.rows()):
            key = OUTCOME_ROWS[outcome.value]
            cells = [*lead] if index == 0 else []
            if index == 0:
                cells.append(LabelCell(official(group.title), rowspan=len(group.outcomes)))
            cells.append(LabelCell(key))
            add(cells, key)
            lead = []
    add([LabelCell(ROW_TOTAL, colspan=2)], ROW_TOTAL)
    add([LabelCell(ROW_CARRIED_OUT, colspan=3)], ROW_CARRIED_OUT)
    return rows


def table4_values(table: dict) -> list[int]:
    """The 15 numbers of table 四's single data row, left to right."""
    values = [table[T4_REVIEW][r] for r in T4_RESULTS]
    for kind in T4_LITIGATION_KINDS:
        values += [table[T4_LITIGATION][RemedyKind(kind).short_label][r] for r in T4_RESULTS]
    return values
