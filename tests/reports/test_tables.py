"""The annual report's tables 三 and 四 against hand-counted fixtures, every cell; the
consistency rule; the JSON command with the official labels."""

import datetime
import io
import json

import pytest
from django.core.management import call_command

from accounts.roles import Role
from reports import tables
from requests_app.outcomes import ApplicantColumn as C
from requests_app.outcomes import Outcome as O
from requests_app.outcomes import RemedyKind, RemedyResult
from tests.factories import staff
from tests.reports.factories import make_case, make_request

pytestmark = pytest.mark.django_db
D = datetime.date

COLUMNS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
ROWS = [
    "一、本年新收政府信息公开申请数量",
    "二、上年结转政府信息公开申请数量",
    "（一）予以公开",
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "1.属于国家秘密",
    "2.其他法律行政法规禁止公开",
    '3.危及"三安全一稳定"',
    "4.保护第三方合法权益",
    "5.属于三类内部事务信息",
    "6.属于四类过程性信息",
    "7.属于行政执法案卷",
    "8.属于行政查询事项",
    "1.本机关不掌握相关政府信息",
    "2.没有现成信息需要另行制作",
    "3.补正后申请内容仍不明确",
    "1.信访举报投诉类申请",
    "2.重复申请",
    "3.要求提供公开出版物",
    "4.无正当理由大量反复申请",
    "5.要求行政机关确认或重新出具已获取信息",
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "3.其他",
    "（七）总计",
    "四、结转下年度继续办理",
]


@pytest.fixture
def year_2026():
    """Requests around 2026, hand-counted below."""
    # Received in 2025 and still open on 1 January 2026: 上年结转.
    make_request(C.NATURAL_PERSON, D(2025, 12, 20), D(2026, 1, 15), O.DISCLOSED)
    make_request(C.COMMERCIAL, D(2025, 12, 28), D(2026, 2, 3), O.WITHHELD_THIRD_PARTY)
    make_request(C.LEGAL_SERVICE, D(2025, 12, 31), D(2026, 1, 5), O.OTHER_NO_CORRECTION)
    # Received and closed in 2025: in no 2026 row.
    make_request(C.NATURAL_PERSON, D(2025, 6, 1), D(2025, 6, 20), O.DISCLOSED)
    make_request(C.COMMERCIAL, D(2025, 11, 3), D(2025, 12, 31), O.PARTIAL)
    # Received in 2026.
    make_request(C.NATURAL_PERSON, D(2026, 3, 2), D(2026, 3, 20), O.DISCLOSED)
    make_request(C.NATURAL_PERSON, D(2026, 4, 1), D(2026, 4, 10), O.PARTIAL)
    make_request(C.NATURAL_PERSON, D(2026, 5, 6), D(2026, 5, 20), O.UNAVAILABLE_NOT_HELD)
    make_request(C.RESEARCH, D(2026, 6, 1), D(2026, 6, 15), O.NOT_PROCESSED_REPEAT)
    make_request(C.PUBLIC_INTEREST, D(2026, 7, 1), D(2026, 7, 10), O.WITHHELD_STATE_SECRET)
    make_request(C.OTHER, D(2026, 8, 3), D(2026, 8, 20), O.OTHER_FEE_UNPAID)
    make_request(C.NATURAL_PERSON, D(2026, 9, 1), D(2026, 9, 5), O.NOT_PROCESSED_PETITION)
    make_request(C.COMMERCIAL, D(2026, 12, 25))  # open at the year's end
    make_request(C.NATURAL_PERSON, D(2026, 12, 30), D(2027, 1, 10), O.DISCLOSED)  # closed next year
    make_request(C.NATURAL_PERSON, D(2026, 1, 1), D(2026, 1, 1), O.DISCLOSED)  # first day
    # Not requests yet / next year: never counted for 2026.
    make_request(C.NATURAL_PERSON, None)
    make_request(C.NATURAL_PERSON, D(2027, 1, 5))


def expected_2026() -> dict:
    zero = dict.fromkeys(COLUMNS, 0)
    table = {row: dict(zero) for row in ROWS}

    def put(row, **cells):
        for column, n in cells.items():
            table[row][column] = n
        table[row]["总计"] = sum(v for k, v in table[row].items() if k != "总计")

    # Hand-counted from the fixture above.
    put(ROWS[0], 自然人=6, 商业企业=1, 科研机构=1, 社会公益组织=1, 其他=1)
    put(ROWS[1], 自然人=1, 商业企业=1, 法律服务机构=1)
    put("（一）予以公开", 自然人=3)
    put("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 自然人=1)
    put("1.属于国家秘密", 社会公益组织=1)
    put("4.保护第三方合法权益", 商业企业=1)
    put("1.本机关不掌握相关政府信息", 自然人=1)
    put("1.信访举报投诉类申请", 自然人=1)
    put("2.重复申请", 科研机构=1)
    put("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", 法律服务机构=1)
    put("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", 其他=1)
    put("（七）总计", 自然人=6, 商业企业=1, 科研机构=1, 社会公益组织=1, 法律服务机构=1, 其他=1)
    put("四、结转下年度继续办理", 自然人=1, 商业企业=1)
    return table


def test_table3_every_cell_against_the_hand_count(year_2026):
    computed = tables.compute_table3(2026)
    assert list(computed) == ROWS
    for row in ROWS:
        assert list(computed[row]) == COLUMNS, row
    assert computed == expected_2026()


def test_table3_of_the_previous_year(year_2026):
    computed = tables.compute_table3(2025)
    assert computed["一、本年新收政府信息公开申请数量"]["总计"] == 5
    assert computed["四、结转下年度继续办理"] == {
        "自然人": 1, "商业企业": 1, "科研机构": 0, "社会公益组织": 0,
        "法律服务机构": 1, "其他": 0, "总计": 3,
    }  # fmt: skip
    assert computed["（二）部分公开（区分处理的，只计这一情形，不计其他情形）"]["商业企业"] == 1


def test_hand_counted_fixture_satisfies_the_consistency_rule(year_2026):
    assert tables.check_table3(tables.compute_table3(2026)) == []
    table = expected_2026()
    for column in COLUMNS:
        left = table[ROWS[0]][column] + table[ROWS[1]][column]
        right = table["（七）总计"][column] + table["四、结转下年度继续办理"][column]
        assert left == right


def test_consistency_check_names_each_broken_column():
    table = expected_2026()
    table["一、本年新收政府信息公开申请数量"]["科研机构"] += 1
    table["一、本年新收政府信息公开申请数量"]["总计"] += 1
    problems = tables.check_table3(table)
    assert problems == [
        "“科研机构”列：第一项加第二项（2）不等于第三项（七）加第四项（1）。",
        "“总计”列：第一项加第二项（14）不等于第三项（七）加第四项（13）。",
    ]


def test_consistency_check_catches_totals_that_do_not_add_up():
    table = expected_2026()
    table["（七）总计"]["自然人"] += 1
    table["四、结转下年度继续办理"]["自然人"] -= 1
    problems = tables.check_table3(table)
    assert any("（七）总计（7）不等于各项办理结果之和（6）" in p for p in problems)
    assert any("“（七）总计”行：总计" in p for p in problems)


@pytest.fixture
def cases_2026():
    user = staff(Role.OFFICE_REVIEWER)
    R, K = RemedyResult, RemedyKind
    make_case(K.REVIEW, D(2026, 3, 1), D(2026, 5, 1), R.UPHELD, user=user)
    make_case(K.REVIEW, D(2026, 10, 1), D(2027, 2, 1), R.CORRECTED, user=user)  # pending on 12-31
    make_case(K.REVIEW, D(2025, 11, 1), D(2025, 12, 20), R.UPHELD, user=user)  # 2025's
    make_case(K.LITIGATION_DIRECT, D(2025, 12, 1), D(2026, 3, 1), R.OTHER, user=user)
    make_case(K.LITIGATION_DIRECT, D(2026, 4, 1), D(2026, 9, 1), R.CORRECTED, user=user)
    make_case(K.LITIGATION_AFTER_REVIEW, D(2026, 6, 1), user=user)  # pending
    make_case(K.LITIGATION_AFTER_REVIEW, D(2027, 1, 3), user=user)  # next year's


def test_table4_every_cell_against_the_hand_count(cases_2026):
    five = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]

    def block(*values):
        return dict(zip(five, values, strict=True))

    assert tables.compute_table4(2026) == {
        "行政复议": block(1, 0, 0, 1, 2),
        "行政诉讼": {
            "未经复议直接起诉": block(0, 1, 1, 0, 2),
            "复议后起诉": block(0, 0, 0, 1, 1),
        },
    }
    assert tables.compute_table4(2025) == {
        "行政复议": block(1, 0, 0, 0, 1),
        "行政诉讼": {
            "未经复议直接起诉": block(0, 0, 0, 1, 1),
            "复议后起诉": block(0, 0, 0, 0, 0),
        },
    }
    assert tables.check_table4(tables.compute_table4(2026)) == []


def test_annual_report_json_command(year_2026, cases_2026):
    out = io.StringIO()
    call_command("annual_report", "2026", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert set(data) == {"table2", "table3", "table4"}
    assert data["table3"] == expected_2026()
    assert list(data["table3"]) == ROWS
    assert data["table4"]["行政复议"]["总计"] == 2
    assert data["table4"]["行政诉讼"]["复议后起诉"]["尚未审结"] == 1
    assert data["table2"] == {
        "第二十条第（一）项": {
            "规章": {"本年制发件数": None, "本年废止件数": None, "现行有效件数": None},
            "行政规范性文件": {"本年制发件数": None, "本年废止件数": None, "现行有效件数": None},
        },
        "第二十条第（五）项": {"行政许可": {"本年处理决定数量": None}},
        "第二十条第（六）项": {
            "行政处罚": {"本年处理决定数量": None},
            "行政强制": {"本年处理决定数量": None},
        },
        "第二十条第（八）项": {"行政事业性收费": {"本年收费金额（单位：万元）": None}},
    }


def test_annual_report_text_command_reports_the_check(year_2026):
    out = io.StringIO()
    call_command("annual_report", "2026", stdout=out)
    assert "勾稽关系成立" in out.getvalue()


def test_annual_report_text_command_prints_every_row_with_its_parents(year_2026, cases_2026):
    """Table 三 with its heading rows (三、本年度办理结果, （三）不予公开 …) so the
    numbered sub-rows of each group stay apart, and table 四 with its headings."""
    out = io.StringIO()
    call_command("annual_report", "2026", stdout=out)
    lines = out.getvalue().splitlines()
    labels = [line.split("\t")[0].strip("　") for line in lines]
    expected = expected_2026()
    for row in ROWS:  # every row of numbers, with its numbers
        line = lines[labels.index(row)]
        assert line.split("\t")[1:] == [str(expected[row][c]) for c in COLUMNS], row
    results = labels.index("三、本年度办理结果")
    withheld = labels.index("（三）不予公开")
    unavailable = labels.index("（四）无法提供")
    assert results < withheld < labels.index("1.属于国家秘密") < unavailable
    assert unavailable < labels.index("1.本机关不掌握相关政府信息") < labels.index("（七）总计")
    # Sub-rows sit deeper than their group, groups deeper than 三、.
    indent = {
        label: len(lines[labels.index(label)]) - len(lines[labels.index(label)].lstrip("　"))
        for label in ("三、本年度办理结果", "（三）不予公开", "1.属于国家秘密")
    }
    assert indent["三、本年度办理结果"] < indent["（三）不予公开"] < indent["1.属于国家秘密"]
    # Table 四: the result headings, then one labelled line per block.
    t4 = labels.index("表四 政府信息公开行政复议、行政诉讼情况")
    assert lines[t4 + 1].split("\t")[1:] == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    review = lines[labels.index("行政复议")].split("\t")
    assert review[1:] == [str(n) for n in tables.table4_values(tables.compute_table4(2026))[:5]]
    assert labels.index("行政诉讼") < labels.index("未经复议直接起诉") < labels.index("复议后起诉")
    assert labels.index("规章") < labels.index("行政事业性收费") < t4  # table 二 too
