"""The figures the narrative of an annual report states, checked against the
statistics before publication: staff write 一、总体情况 (often from the suggested
draft, then edited) and a figure typed by hand, or left from an earlier draft, must
not contradict the tables published beside it.

Only the phrases of the 2021 format's figures are read ("主动公开政府信息 120 条",
"新收/收到政府信息公开申请 15 件", "上年结转 2 件", "办结 14 件", "结转下年度继续办理
3 件", "行政复议 1 件", "行政诉讼 0 件"); a figure said to be cumulative (累计) or
part of another (其中) is not a year's total and is left alone."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from reports import tables


@dataclass(frozen=True)
class Figure:
    label: str  # what the statistics call it, in the refusal
    pattern: re.Pattern


def _figure(label: str, phrase: str, unit: str) -> Figure:
    return Figure(label, re.compile(rf"{phrase}\s*(\d[\d,]*)\s*{unit}"))


FIGURES: tuple[Figure, ...] = (
    _figure("本年主动公开政府信息", r"主动公开(?:政府信息)?", "条"),
    _figure(tables.ROW_NEW, r"(?:新收|收到)(?:政府信息公开)?申请", "件"),
    _figure(tables.ROW_CARRIED_IN, r"上年(?:度)?结转(?:政府信息公开申请)?", "件"),
    _figure(tables.ROW_TOTAL + "（办结）", r"(?<!整改)办结(?:政府信息公开申请)?", "件"),
    _figure(tables.ROW_CARRIED_OUT, r"结转下(?:一)?年度(?:继续办理)?", "件"),
    _figure("行政复议（表四总计）", r"行政复议", "件"),
    _figure("行政诉讼（表四总计）", r"行政诉讼", "件"),
)
NOT_A_TOTAL = ("累计", "其中")


def actual_figures(year: int, table3: dict, table4: dict) -> dict[str, int]:
    """The year's figures from the statistics, keyed by `Figure.label`."""
    from reports.suggestions import published_in_year

    t = tables.T3_TOTAL_COLUMN
    total = tables.REMEDY_TOTAL_LABEL
    values = (
        published_in_year(year).count(),
        table3[tables.ROW_NEW][t],
        table3[tables.ROW_CARRIED_IN][t],
        table3[tables.ROW_TOTAL][t],
        table3[tables.ROW_CARRIED_OUT][t],
        table4[tables.T4_REVIEW][total],
        sum(block[total] for block in table4[tables.T4_LITIGATION].values()),
    )
    return {figure.label: value for figure, value in zip(FIGURES, values, strict=True)}


def stated_figures(text: str) -> list[tuple[Figure, str, int]]:
    """(figure, the phrase as written, the number) for every figure `text` states."""
    text = unicodedata.normalize("NFKC", text)  # full-width digits
    found = []
    for figure in FIGURES:
        for match in figure.pattern.finditer(text):
            before = text[max(0, match.start() - 8) : match.start()]
            if any(word in before for word in NOT_A_TOTAL):
                continue
            found.append((figure, match.group(0), int(match.group(1).replace(",", ""))))
    return found


def mismatches(sections: dict[str, str], actual: dict[str, int]) -> list[str]:
    """One Chinese sentence per figure of the narrative (`{section label: text}`)
    that disagrees with the statistics; empty when they agree."""
    problems = []
    for section, text in sections.items():
        for figure, phrase, number in stated_figures(text):
            if number != actual[figure.label]:
                problems.append(
                    f"“{section}”中“{phrase}”与统计数据不符（{figure.label}为 "
                    f"{actual[figure.label]}），请核对后修改"
                )
    return problems
