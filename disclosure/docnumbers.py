"""文号 (发文字号) as GB/T 9704-2012 (党政机关公文格式) writes it: 发文机关代字, the year
in 六角括号 〔〕, the serial without padding (no 虚位) and 号 — 示人社发〔2026〕3号.
Pure functions: the model's `clean()` calls them."""

from __future__ import annotations

import re

# The whole 文号: 机关代字, 〔year〕, serial, 号.
_NUMBER = re.compile(r"^(?P<agency>\S+?)〔(?P<year>\d{4})〕(?P<serial>\d+)号$")
# A year put in the wrong brackets: [2026] 【2026】 (2026) （2026） ［2026］ 〈2026〉 {2026}.
_WRONG_BRACKETS = re.compile(r"[\[【(（［〈{<]\s*\d{4}\s*[\]】)）］〉}>]")
EXAMPLE = "示人社发〔2026〕3号"


def document_number_problems(value: str, *, strict: bool) -> list[str]:
    """What is wrong with the 文号 `value` under GB/T 9704 (empty: nothing).

    `strict`: the item is a 公文 (a 文种 other than 法律法规 is set), so a number
    that does not follow the pattern at all is refused too. A law's number
    (中华人民共和国主席令第七十三号) follows its own form and is not checked."""
    value = (value or "").strip()
    if not value:
        return []
    if _WRONG_BRACKETS.search(value):
        return [f"文号中的年份应使用六角括号“〔〕”，如 {EXAMPLE}（GB/T 9704）。"]
    match = _NUMBER.match(value)
    if match is None:
        if strict or "〔" in value or "〕" in value:
            return [
                "文号应由发文机关代字、六角括号括入的年份和发文顺序号组成，"
                f"如 {EXAMPLE}（GB/T 9704）。"
            ]
        return []
    problems = []
    serial = match["serial"]
    if serial.strip("0") == "":
        problems.append("发文顺序号应从 1 开始。")
    elif serial.startswith("0"):
        problems.append(
            f"发文顺序号不编虚位（不加“0”），应写作“{serial.lstrip('0')}号”（GB/T 9704）。"
        )
    if not 1949 <= int(match["year"]) <= 2100:
        problems.append("文号中的年份不正确。")
    return problems
