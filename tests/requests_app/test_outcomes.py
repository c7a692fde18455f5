"""The vocabularies of the annual report's tables 三 and 四 (2021 format)."""

import pytest

from disclosure.choices import NonDisclosureReason
from requests_app.outcomes import (
    APPLICANT_COLUMN_GROUPS,
    OUTCOME_GROUPS,
    ApplicantColumn,
    ApplicantType,
    OrganisationKind,
    Outcome,
    RemedyKind,
    RemedyResult,
    applicant_column,
    outcome_full_label,
)


def test_outcome_groups_cover_every_outcome_once_in_table_order():
    listed = [o for g in OUTCOME_GROUPS for o in g.outcomes]
    assert listed == list(Outcome)
    assert [g.title for g in OUTCOME_GROUPS] == [
        "（一）予以公开",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "（三）不予公开",
        "（四）无法提供",
        "（五）不予处理",
        "（六）其他处理",
    ]
    assert [len(g.outcomes) for g in OUTCOME_GROUPS] == [1, 1, 8, 3, 5, 3]


def test_withheld_rows_reuse_the_catalogue_reason_labels():
    withheld = next(g for g in OUTCOME_GROUPS if g.key == "withheld")
    assert [o.label for o in withheld.outcomes] == [r.label for r in NonDisclosureReason]


def test_official_row_texts():
    rows = {g.key: [f"{n}{o.label}" for n, o in g.rows()] for g in OUTCOME_GROUPS}
    assert rows["unavailable"] == [
        "1.本机关不掌握相关政府信息",
        "2.没有现成信息需要另行制作",
        "3.补正后申请内容仍不明确",
    ]
    assert rows["not_processed"] == [
        "1.信访举报投诉类申请",
        "2.重复申请",
        "3.要求提供公开出版物",
        "4.无正当理由大量反复申请",
        "5.要求行政机关确认或重新出具已获取信息",
    ]
    assert rows["other"] == [
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "3.其他",
    ]
    assert rows["disclosed"] == []  # a one-row group is its own row
    assert outcome_full_label(Outcome.WITHHELD_STATE_SECRET) == "不予公开 · 属于国家秘密"
    assert outcome_full_label(Outcome.DISCLOSED) == "予以公开"
    assert outcome_full_label(Outcome.PARTIAL) == "部分公开"


def test_applicant_columns_in_table_order():
    columns = [c for _, cols in APPLICANT_COLUMN_GROUPS for c in cols]
    assert columns == list(ApplicantColumn)
    assert [c.label for c in columns] == [
        "自然人",
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
    ]
    assert [label for label, _ in APPLICANT_COLUMN_GROUPS] == ["自然人", "法人或其他组织"]


class _Applicant:
    def __init__(self, applicant_type, organisation_kind=""):
        self.applicant_type = applicant_type
        self.organisation_kind = organisation_kind


@pytest.mark.parametrize(
    ("applicant_type", "kind", "column"),
    [
        (ApplicantType.NATURAL_PERSON, "", ApplicantColumn.NATURAL_PERSON),
        (ApplicantType.ORGANISATION, OrganisationKind.COMMERCIAL, ApplicantColumn.COMMERCIAL),
        (ApplicantType.ORGANISATION, OrganisationKind.RESEARCH, ApplicantColumn.RESEARCH),
        (
            ApplicantType.ORGANISATION,
            OrganisationKind.PUBLIC_INTEREST,
            ApplicantColumn.PUBLIC_INTEREST,
        ),
        (ApplicantType.ORGANISATION, OrganisationKind.LEGAL_SERVICE, ApplicantColumn.LEGAL_SERVICE),
        (ApplicantType.ORGANISATION, OrganisationKind.OTHER, ApplicantColumn.OTHER),
    ],
)
def test_applicant_column_maps_type_and_subtype(applicant_type, kind, column):
    assert applicant_column(_Applicant(applicant_type, kind)) == column


def test_remedy_vocabulary_matches_table_four():
    assert [k.label for k in RemedyKind] == [
        "行政复议",
        "行政诉讼-未经复议直接起诉",
        "行政诉讼-复议后起诉",
    ]
    assert RemedyKind.LITIGATION_DIRECT.short_label == "未经复议直接起诉"
    assert [r.label for r in RemedyResult] == ["结果维持", "结果纠正", "其他结果", "尚未审结"]
