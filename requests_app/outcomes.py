"""The vocabularies the annual report (2021 format, 国办公开办函〔2021〕30号) computes
tables 三 and 四 from. Stable interface for `reports/`: labels are the official row
and column texts; values never change once data exists.

Table 三 rows (本年度办理结果) are `Outcome`, grouped (一)…(六) by `OUTCOME_GROUPS`.
Table 三 columns (申请人情况) are `ApplicantColumn`, grouped by `APPLICANT_COLUMN_GROUPS`;
`applicant_column(request)` maps one request to its column and
`applicant_column_expression()` does the same inside a query.
Table 四 is `RemedyKind` × `RemedyResult` (models: `requests_app.models.RemedyCase`).
"""

from dataclasses import dataclass

from django.db import models
from django.db.models import Case, CharField, F, Value, When

from disclosure.choices import NonDisclosureReason

_R = NonDisclosureReason


class Outcome(models.TextChoices):
    """How a request was concluded: exactly one row of table 三's 本年度办理结果.

    Reg. 36 answer types map onto these rows: (1) already proactively disclosed and
    (2) disclosable are 予以公开; (3) 不予公开 with its reason; (4) not found and (5)
    not held by this agency are 无法提供-1; (6) repeat is 不予处理-2; (7) registers
    with their own access rules are 不予公开-8 (行政查询事项)."""

    # （一）
    DISCLOSED = "disclosed", "予以公开"
    # （二） Reg. 37
    PARTIAL = "partial", "部分公开（区分处理的，只计这一情形，不计其他情形）"
    # （三） 不予公开: the Art. 6 / Reg. 14-16 reasons, same labels as the catalogue's
    WITHHELD_STATE_SECRET = "withheld_state_secret", _R.STATE_SECRET.label
    WITHHELD_LAW_PROHIBITED = "withheld_law_prohibited", _R.LAW_PROHIBITED.label
    WITHHELD_THREE_SECURITY = "withheld_three_security", _R.THREE_SECURITY.label
    WITHHELD_THIRD_PARTY = "withheld_third_party", _R.THIRD_PARTY.label
    WITHHELD_INTERNAL_AFFAIRS = "withheld_internal_affairs", _R.INTERNAL_AFFAIRS.label
    WITHHELD_PROCESS_INFO = "withheld_process_info", _R.PROCESS_INFO.label
    WITHHELD_ENFORCEMENT_FILE = "withheld_enforcement_file", _R.ENFORCEMENT_FILE.label
    WITHHELD_ADMIN_QUERY = "withheld_admin_query", _R.ADMIN_QUERY.label
    # （四） 无法提供
    UNAVAILABLE_NOT_HELD = "unavailable_not_held", "本机关不掌握相关政府信息"
    UNAVAILABLE_NEEDS_CREATION = "unavailable_needs_creation", "没有现成信息需要另行制作"
    UNAVAILABLE_STILL_UNCLEAR = "unavailable_still_unclear", "补正后申请内容仍不明确"
    # （五） 不予处理
    NOT_PROCESSED_PETITION = "not_processed_petition", "信访举报投诉类申请"
    NOT_PROCESSED_REPEAT = "not_processed_repeat", "重复申请"
    NOT_PROCESSED_PUBLICATION = "not_processed_publication", "要求提供公开出版物"
    NOT_PROCESSED_EXCESSIVE = "not_processed_excessive", "无正当理由大量反复申请"
    NOT_PROCESSED_CONFIRMATION = (
        "not_processed_confirmation",
        "要求行政机关确认或重新出具已获取信息",
    )
    # （六） 其他处理
    OTHER_NO_CORRECTION = (
        "other_no_correction",
        "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    )
    OTHER_FEE_UNPAID = (
        "other_fee_unpaid",
        "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    )
    OTHER = "other", "其他"


# Outcome -> the catalogue's Art. 6 reason (for the 不予公开 rows).
WITHHELD_REASON: dict[str, NonDisclosureReason] = {
    Outcome.WITHHELD_STATE_SECRET: _R.STATE_SECRET,
    Outcome.WITHHELD_LAW_PROHIBITED: _R.LAW_PROHIBITED,
    Outcome.WITHHELD_THREE_SECURITY: _R.THREE_SECURITY,
    Outcome.WITHHELD_THIRD_PARTY: _R.THIRD_PARTY,
    Outcome.WITHHELD_INTERNAL_AFFAIRS: _R.INTERNAL_AFFAIRS,
    Outcome.WITHHELD_PROCESS_INFO: _R.PROCESS_INFO,
    Outcome.WITHHELD_ENFORCEMENT_FILE: _R.ENFORCEMENT_FILE,
    Outcome.WITHHELD_ADMIN_QUERY: _R.ADMIN_QUERY,
}


@dataclass(frozen=True)
class OutcomeGroup:
    """One of table 三's （一）…（六） groups. A group with a single outcome is itself a
    row (（一）予以公开, （二）部分公开); the others have numbered sub-rows."""

    key: str
    numeral: str  # "（一）"
    label: str  # official group text
    outcomes: tuple[Outcome, ...]

    @property
    def title(self) -> str:
        return f"{self.numeral}{self.label}"

    @property
    def has_rows(self) -> bool:
        return len(self.outcomes) > 1

    def rows(self) -> list[tuple[str, Outcome]]:
        """[("1.", outcome), ...] — the numbered sub-rows, empty for a one-row group."""
        if not self.has_rows:
            return []
        return [(f"{i}.", o) for i, o in enumerate(self.outcomes, start=1)]


OUTCOME_GROUPS: tuple[OutcomeGroup, ...] = (
    OutcomeGroup("disclosed", "（一）", "予以公开", (Outcome.DISCLOSED,)),
    OutcomeGroup(
        "partial",
        "（二）",
        "部分公开（区分处理的，只计这一情形，不计其他情形）",
        (Outcome.PARTIAL,),
    ),
    OutcomeGroup(
        "withheld",
        "（三）",
        "不予公开",
        (
            Outcome.WITHHELD_STATE_SECRET,
            Outcome.WITHHELD_LAW_PROHIBITED,
            Outcome.WITHHELD_THREE_SECURITY,
            Outcome.WITHHELD_THIRD_PARTY,
            Outcome.WITHHELD_INTERNAL_AFFAIRS,
            Outcome.WITHHELD_PROCESS_INFO,
            Outcome.WITHHELD_ENFORCEMENT_FILE,
            Outcome.WITHHELD_ADMIN_QUERY,
        ),
    ),
    OutcomeGroup(
        "unavailable",
        "（四）",
        "无法提供",
        (
            Outcome.UNAVAILABLE_NOT_HELD,
            Outcome.UNAVAILABLE_NEEDS_CREATION,
            Outcome.UNAVAILABLE_STILL_UNCLEAR,
        ),
    ),
    OutcomeGroup(
        "not_processed",
        "（五）",
        "不予处理",
        (
            Outcome.NOT_PROCESSED_PETITION,
            Outcome.NOT_PROCESSED_REPEAT,
            Outcome.NOT_PROCESSED_PUBLICATION,
            Outcome.NOT_PROCESSED_EXCESSIVE,
            Outcome.NOT_PROCESSED_CONFIRMATION,
        ),
    ),
    OutcomeGroup(
        "other",
        "（六）",
        "其他处理",
        (Outcome.OTHER_NO_CORRECTION, Outcome.OTHER_FEE_UNPAID, Outcome.OTHER),
    ),
)
OUTCOME_TOTAL_LABEL = "（七）总计"

_GROUP_OF = {o: g for g in OUTCOME_GROUPS for o in g.outcomes}


def outcome_group(outcome: str) -> OutcomeGroup:
    return _GROUP_OF[Outcome(outcome)]


def outcome_full_label(outcome: str) -> str:
    """E.g. "不予公开 · 属于国家秘密", "部分公开" — for pages and notices (the
    counting note of row （二） is left out: it is for the statistics)."""
    group = outcome_group(outcome)
    if not group.has_rows:
        return group.label.split("（", 1)[0]
    return f"{group.label} · {Outcome(outcome).label}"


# -- Table 三 columns: 申请人情况 ------------------------------------------------------


class ApplicantType(models.TextChoices):
    """Reg. 27: citizens, legal persons and other organisations."""

    NATURAL_PERSON = "natural_person", "自然人"
    ORGANISATION = "organisation", "法人或其他组织"


# What only a 法人或其他组织 fills in: for a 自然人 these are blanked wherever a request
# is created (requests_app.services), so a value typed before switching the
# applicant type to 自然人 is never stored; the form hides them for 自然人 (CSS).
ORGANISATION_ONLY_FIELDS = ("organisation_kind", "legal_representative", "contact_person")


class OrganisationKind(models.TextChoices):
    """The subtype of a 法人或其他组织 applicant (table 三 columns)."""

    COMMERCIAL = "commercial", "商业企业"
    RESEARCH = "research", "科研机构"
    PUBLIC_INTEREST = "public_interest", "社会公益组织"
    LEGAL_SERVICE = "legal_service", "法律服务机构"
    OTHER = "other", "其他"


class ApplicantColumn(models.TextChoices):
    """One data column of table 三 (before 总计). Values are the `ApplicantType` value
    for natural persons and the `OrganisationKind` value for organisations."""

    NATURAL_PERSON = ApplicantType.NATURAL_PERSON.value, "自然人"
    COMMERCIAL = OrganisationKind.COMMERCIAL.value, "商业企业"
    RESEARCH = OrganisationKind.RESEARCH.value, "科研机构"
    PUBLIC_INTEREST = OrganisationKind.PUBLIC_INTEREST.value, "社会公益组织"
    LEGAL_SERVICE = OrganisationKind.LEGAL_SERVICE.value, "法律服务机构"
    OTHER = OrganisationKind.OTHER.value, "其他"


# The header rows of table 三: (group label, columns). 总计 follows them.
APPLICANT_COLUMN_GROUPS: tuple[tuple[str, tuple[ApplicantColumn, ...]], ...] = (
    ("自然人", (ApplicantColumn.NATURAL_PERSON,)),
    (
        "法人或其他组织",
        (
            ApplicantColumn.COMMERCIAL,
            ApplicantColumn.RESEARCH,
            ApplicantColumn.PUBLIC_INTEREST,
            ApplicantColumn.LEGAL_SERVICE,
            ApplicantColumn.OTHER,
        ),
    ),
)
APPLICANT_HEADER_LABEL = "申请人情况"
APPLICANT_TOTAL_LABEL = "总计"


def applicant_column(request) -> ApplicantColumn:
    """The table 三 column of one `DisclosureRequest` (or anything with
    `applicant_type` and `organisation_kind`)."""
    if request.applicant_type == ApplicantType.NATURAL_PERSON:
        return ApplicantColumn.NATURAL_PERSON
    return ApplicantColumn(request.organisation_kind or OrganisationKind.OTHER)


def applicant_column_expression():
    """The same mapping as a query expression, for
    `.annotate(column=applicant_column_expression()).values("column")`."""
    return Case(
        When(
            applicant_type=ApplicantType.NATURAL_PERSON,
            then=Value(ApplicantColumn.NATURAL_PERSON.value),
        ),
        When(organisation_kind="", then=Value(ApplicantColumn.OTHER.value)),
        default=F("organisation_kind"),
        output_field=CharField(),
    )


# -- Table 四: 行政复议 and 行政诉讼 -----------------------------------------------------


class RemedyKind(models.TextChoices):
    """The three blocks of table 四."""

    REVIEW = "review", "行政复议"
    LITIGATION_DIRECT = "litigation_direct", "行政诉讼-未经复议直接起诉"
    LITIGATION_AFTER_REVIEW = "litigation_after_review", "行政诉讼-复议后起诉"

    @property
    def short_label(self) -> str:
        """The column header under 行政诉讼: "未经复议直接起诉" / "复议后起诉"."""
        return self.label.split("-", 1)[-1]


class RemedyResult(models.TextChoices):
    """The result columns of each block (总计 is their sum)."""

    UPHELD = "upheld", "结果维持"
    CORRECTED = "corrected", "结果纠正"
    OTHER = "other", "其他结果"
    PENDING = "pending", "尚未审结"


REMEDY_TOTAL_LABEL = "总计"
