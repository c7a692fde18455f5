"""The legal grounds of an answer: one ground per answer, each citing exactly its own
article and item of 《中华人民共和国政府信息公开条例》 (Decree 711) and asking for what
that ground needs (Reg. 36-40).

A ground is not the annual report's row: 36(1) 已主动公开 and 36(2) 予以公开 are both
counted as （一）予以公开; 36(4) 不存在 and 36(5) 非本机关 are both （四）1; 36(7)
行政查询 is （三）8. `outcome_for(ground, details)` gives the row, so table 三 keeps
counting from `DisclosureRequest.outcome` exactly as before.

The details of each ground are a small dict (stored as JSON with the draft and the
answer); `GROUNDS[ground].fields` names the keys, `ground_problems` checks them, and
`notices.render_notice` writes them into the 告知书."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models

from requests_app.outcomes import Outcome

REG = "《中华人民共和国政府信息公开条例》"


class Ground(models.TextChoices):
    PUBLIC_ALREADY = "36_1", "已主动公开（第三十六条第（一）项）"
    DISCLOSED = "36_2", "予以公开（第三十六条第（二）项）"
    PARTIAL = "37", "部分公开（第三十七条）"
    WITHHELD = "36_3", "不予公开（第三十六条第（三）项）"
    NOT_EXIST = "36_4", "经检索没有所申请公开信息（第三十六条第（四）项）"
    NOT_OURS = "36_5", "不属于本机关负责公开（第三十六条第（五）项）"
    REPEAT = "36_6", "重复申请（第三十六条第（六）项）"
    ADMIN_QUERY = "36_7", "行政查询事项（第三十六条第（七）项）"
    NEEDS_CREATION = "38", "需要另行制作或加工分析（第三十八条）"
    CONFIRMATION = "38_confirm", "要求确认或重新出具已获取信息（第三十八条）"
    STILL_UNCLEAR = "30", "补正后申请内容仍不明确（第三十条）"
    PETITION = "39_1", "信访、投诉、举报类申请（第三十九条第一款）"
    PUBLICATION = "39_2", "要求提供公开出版物（第三十九条第二款）"
    EXCESSIVE = "35", "无正当理由大量、频繁申请（第三十五条）"
    # Reg. 41: requests to correct a record about the applicant.
    RECORD_CORRECTED = "41_corrected", "予以更正（第四十一条）"
    RECORD_FORWARDED = "41_forwarded", "转送有权更正的机关处理（第四十一条）"
    RECORD_REFERRED = "41_referred", "告知向有权更正的机关提出（第四十一条）"
    RECORD_NOT_CORRECTED = "41_refused", "经审核不予更正（第四十一条）"


class WithheldBasis(models.TextChoices):
    """Why information (or part of it) is not disclosed: the legal basis chosen from
    Reg. 14, 15 and 16, each one of table 三's 不予公开 rows."""

    STATE_SECRET = Outcome.WITHHELD_STATE_SECRET.value, "属于国家秘密（第十四条）"
    LAW_PROHIBITED = (
        Outcome.WITHHELD_LAW_PROHIBITED.value,
        "法律、行政法规禁止公开（第十四条）",
    )
    THREE_SECURITY = (
        Outcome.WITHHELD_THREE_SECURITY.value,
        "公开后可能危及国家安全、公共安全、经济安全、社会稳定（第十四条）",
    )
    THIRD_PARTY = (
        Outcome.WITHHELD_THIRD_PARTY.value,
        "涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害（第十五条）",
    )
    INTERNAL_AFFAIRS = (
        Outcome.WITHHELD_INTERNAL_AFFAIRS.value,
        "人事管理、后勤管理、内部工作流程等内部事务信息（第十六条第一款）",
    )
    PROCESS_INFO = (
        Outcome.WITHHELD_PROCESS_INFO.value,
        "讨论记录、过程稿、磋商信函、请示报告等过程性信息（第十六条第二款）",
    )
    ENFORCEMENT_FILE = (
        Outcome.WITHHELD_ENFORCEMENT_FILE.value,
        "行政执法案卷信息（第十六条第二款）",
    )


BASIS_ARTICLE = {
    WithheldBasis.STATE_SECRET: "第十四条",
    WithheldBasis.LAW_PROHIBITED: "第十四条",
    WithheldBasis.THREE_SECURITY: "第十四条",
    WithheldBasis.THIRD_PARTY: "第十五条",
    WithheldBasis.INTERNAL_AFFAIRS: "第十六条第一款",
    WithheldBasis.PROCESS_INFO: "第十六条第二款",
    WithheldBasis.ENFORCEMENT_FILE: "第十六条第二款",
}


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    required: bool = True
    help: str = ""


# The details each ground asks for. `public_item` is validated by the service against
# the published catalogue and stored as index number, title and link.
F_PUBLIC = Field("public_index", "已公开信息的索引号", help="须为本平台已发布的主动公开信息。")
F_ACCESS = Field("access", "获取方式", help="提供的方式、地点和时间（第三十六条第（二）项）。")
F_FORM = Field(
    "form_note",
    "未按申请形式提供的说明",
    required=False,
    help="按申请形式提供可能危及载体安全或成本过高时，说明改用的形式（第四十条）。",
)
F_BASIS = Field("basis", "不予公开的法律依据")
F_REASON = Field("reason", "不予公开的具体理由")
F_SEARCH = Field("search", "检索情况", help="检索的范围、方式和结果（第三十六条第（四）项）。")
F_AGENCY = Field("agency_name", "负责公开该信息的机关")
F_AGENCY_CONTACT = Field("agency_contact", "该机关的联系方式")
F_EARLIER = Field("earlier_reply", "已作出的答复", help="原申请编号或告知书编号。")
F_CHANNEL = Field("channel", "办理途径", help="依照有关法律、行政法规查询的机关和途径。")
F_CHANNEL_OPTIONAL = Field("channel", "可通过的途径", required=False)
F_CORRECTED = Field("correction_done", "更正情况", help="更正的内容和更正后的记录。")
F_NOT_CORRECTED = Field("refusal_reason", "不予更正的理由")


@dataclass(frozen=True)
class GroundSpec:
    citation: str  # the article and item cited (Reg. 36(…), 37, 38, 39, 35, 30)
    wording: str  # the decision in the standard words of a 告知书
    outcome: Outcome | None  # the table 三 row; None: chosen by the basis
    fields: tuple[Field, ...] = ()
    # Only for a request whose correction was received (Reg. 30).
    needs_correction: bool = False
    # The kind of request the ground answers (`RequestKind`): Reg. 41 grounds answer
    # 更正 requests only, the others requests for information only.
    kind: str = "disclosure"


GROUNDS: dict[str, GroundSpec] = {
    Ground.PUBLIC_ALREADY: GroundSpec(
        "第三十六条第（一）项",
        "您申请获取的政府信息已经主动公开，可通过下列途径获取。",
        Outcome.DISCLOSED,
        (F_PUBLIC,),
    ),
    Ground.DISCLOSED: GroundSpec(
        "第三十六条第（二）项",
        "您申请获取的政府信息可以公开，本机关予以提供，获取方式见下文。",
        Outcome.DISCLOSED,
        (F_ACCESS, F_FORM),
    ),
    Ground.PARTIAL: GroundSpec(
        "第三十七条",
        "您申请获取的政府信息中含有不应当公开的内容，但能够作区分处理，"
        "本机关向您提供可以公开的内容，对不予公开的内容说明理由如下。",
        Outcome.PARTIAL,
        (F_ACCESS, F_BASIS, F_REASON, F_FORM),
    ),
    Ground.WITHHELD: GroundSpec(
        "第三十六条第（三）项",
        "您申请获取的政府信息依法不予公开，理由如下。",
        None,
        (F_BASIS, F_REASON),
    ),
    Ground.NOT_EXIST: GroundSpec(
        "第三十六条第（四）项",
        "经检索，本机关没有您申请公开的政府信息。",
        Outcome.UNAVAILABLE_NOT_HELD,
        (F_SEARCH,),
    ),
    Ground.NOT_OURS: GroundSpec(
        "第三十六条第（五）项",
        "您申请获取的政府信息不属于本机关负责公开。负责公开该政府信息的行政机关及其联系方式如下。",
        Outcome.UNAVAILABLE_NOT_HELD,
        (F_AGENCY, F_AGENCY_CONTACT),
    ),
    Ground.REPEAT: GroundSpec(
        "第三十六条第（六）项",
        "本机关已就您申请公开的政府信息作出答复，您重复申请公开相同政府信息，本机关不予重复处理。",
        Outcome.NOT_PROCESSED_REPEAT,
        (F_EARLIER,),
    ),
    Ground.ADMIN_QUERY: GroundSpec(
        "第三十六条第（七）项",
        "您申请获取的信息属于工商、不动产登记资料等有关法律、行政法规对信息的获取有特别规定的"
        "事项，请依照有关法律、行政法规的规定办理。",
        Outcome.WITHHELD_ADMIN_QUERY,
        (F_CHANNEL,),
    ),
    Ground.NEEDS_CREATION: GroundSpec(
        "第三十八条",
        "您申请获取的信息需要本机关对现有政府信息进行加工、分析或另行制作，本机关不予提供。",
        Outcome.UNAVAILABLE_NEEDS_CREATION,
    ),
    Ground.CONFIRMATION: GroundSpec(
        "第三十八条",
        "本机关向申请人提供的信息应当是已制作或者获取的政府信息。"
        "您要求本机关确认或重新出具已获取的信息，不属于提供已有政府信息，本机关不予处理。",
        Outcome.NOT_PROCESSED_CONFIRMATION,
    ),
    Ground.STILL_UNCLEAR: GroundSpec(
        "第三十条",
        "经告知补正后，您的申请内容仍不明确，本机关无法确定您所需的政府信息，无法提供。",
        Outcome.UNAVAILABLE_STILL_UNCLEAR,
        needs_correction=True,
    ),
    Ground.PETITION: GroundSpec(
        "第三十九条第一款",
        "您以政府信息公开申请的形式提出信访、投诉、举报等事项，本机关不作为政府信息公开申请处理。",
        Outcome.NOT_PROCESSED_PETITION,
        (F_CHANNEL_OPTIONAL,),
    ),
    Ground.PUBLICATION: GroundSpec(
        "第三十九条第二款",
        "您申请获取的内容属于政府公报、报刊、书籍等公开出版物。",
        Outcome.NOT_PROCESSED_PUBLICATION,
        (F_CHANNEL_OPTIONAL,),
    ),
    Ground.EXCESSIVE: GroundSpec(
        "第三十五条",
        "您申请公开政府信息的数量、频次明显超过合理范围，经要求说明理由，"
        "本机关认为理由不合理，不予处理。",
        Outcome.NOT_PROCESSED_EXCESSIVE,
    ),
    Ground.RECORD_CORRECTED: GroundSpec(
        "第四十一条",
        "经审核，您提供的证据能够证明本机关提供的与您自身相关的政府信息记录不准确，本机关已予以更正。",
        Outcome.OTHER,
        (F_CORRECTED,),
        kind="correction",
    ),
    Ground.RECORD_FORWARDED: GroundSpec(
        "第四十一条",
        "您要求更正的政府信息不属于本机关职能范围，本机关已转送有权更正的行政机关处理，该机关及其联系方式如下。",
        Outcome.OTHER,
        (F_AGENCY, F_AGENCY_CONTACT),
        kind="correction",
    ),
    Ground.RECORD_REFERRED: GroundSpec(
        "第四十一条",
        "您要求更正的政府信息不属于本机关职能范围，请向有权更正的行政机关提出，该机关及其联系方式如下。",
        Outcome.OTHER,
        (F_AGENCY, F_AGENCY_CONTACT),
        kind="correction",
    ),
    Ground.RECORD_NOT_CORRECTED: GroundSpec(
        "第四十一条",
        "经审核，您提供的证据不能证明该政府信息记录不准确，本机关不予更正，理由如下。",
        Outcome.OTHER,
        (F_NOT_CORRECTED,),
        kind="correction",
    ),
}


def outcome_for(ground: str, details: dict) -> Outcome:
    """The table 三 row of an answer on `ground` (不予公开: the row of its basis)."""
    spec = GROUNDS[Ground(ground)]
    if spec.outcome is not None:
        return spec.outcome
    return Outcome(WithheldBasis(details["basis"]).value)


def citation(ground: str, details: dict) -> str:
    """The articles cited, exactly: the ground's own, the basis of a withholding
    (Reg. 14/15/16) and Reg. 40 when the form requested was not used."""
    spec = GROUNDS[Ground(ground)]
    parts = [spec.citation]
    basis = details.get("basis")
    if basis and any(f.key == "basis" for f in spec.fields):
        parts.append(BASIS_ARTICLE[WithheldBasis(basis)])
    if details.get("form_note"):
        parts.append("第四十条")
    return f"{REG}" + "、".join(parts)


def clean_details(ground: str, details: dict) -> tuple[dict, dict[str, str]]:
    """The details the ground asks for, stripped, and a Chinese error per missing or
    invalid key ({} when all is well). Keys the ground does not use are dropped."""
    spec = GROUNDS[Ground(ground)]
    cleaned: dict = {}
    errors: dict[str, str] = {}
    for field in spec.fields:
        value = str(details.get(field.key) or "").strip()
        if not value:
            if field.required:
                errors[field.key] = f"“{Ground(ground).label}”须填写{field.label}。"
            continue
        if field.key == "basis" and value not in WithheldBasis.values:
            errors[field.key] = "请从第十四条、第十五条、第十六条规定的情形中选择不予公开的依据。"
            continue
        cleaned[field.key] = value
    return cleaned, errors


def detail_lines(ground: str, details: dict) -> list[str]:
    """The details as sentences of the 告知书, in the order the ground lists them."""
    lines = []
    for field in GROUNDS[Ground(ground)].fields:
        value = details.get(field.key)
        if not value:
            continue
        if field.key == "public_index":
            title = details.get("public_title", "")
            url = details.get("public_url", "")
            lines.append(
                f"该信息已于本机关政府信息公开平台主动公开：《{title}》，索引号 {value}，网址 {url}。"
            )
        elif field.key == "basis":
            lines.append(f"不予公开的依据：{WithheldBasis(value).label}。")
        else:
            lines.append(f"{field.label}：{value}")
    return lines
