"""The reply notice (政府信息公开申请答复告知书) generated for each outcome, with its
legal basis in 《中华人民共和国政府信息公开条例》 (Decree 711). The text is generated
once, when the office approves the answer, and stored with its number."""

import datetime

from requests_app.outcomes import Outcome, outcome_full_label

REG = "《中华人民共和国政府信息公开条例》"

# Outcome -> (legal basis, the standard wording of the decision).
NOTICE_BASIS: dict[str, tuple[str, str]] = {
    Outcome.DISCLOSED: (
        f"{REG}第三十六条第（一）项、第（二）项",
        "您申请获取的政府信息属于公开范围，本机关予以公开，提供方式见下文。",
    ),
    Outcome.PARTIAL: (
        f"{REG}第三十六条第（三）项、第三十七条",
        "您申请获取的政府信息中含有不应当公开的内容，但能够作区分处理，"
        "本机关向您提供可以公开的部分，不予公开的部分理由见下文。",
    ),
    Outcome.WITHHELD_STATE_SECRET: (
        f"{REG}第十四条、第三十六条第（三）项",
        "您申请获取的政府信息属于依法确定的国家秘密，本机关不予公开。",
    ),
    Outcome.WITHHELD_LAW_PROHIBITED: (
        f"{REG}第十四条、第三十六条第（三）项",
        "您申请获取的政府信息属于法律、行政法规禁止公开的政府信息，本机关不予公开。",
    ),
    Outcome.WITHHELD_THREE_SECURITY: (
        f"{REG}第十四条、第三十六条第（三）项",
        "您申请获取的政府信息公开后可能危及国家安全、公共安全、经济安全、社会稳定，"
        "本机关不予公开。",
    ),
    Outcome.WITHHELD_THIRD_PARTY: (
        f"{REG}第十五条、第三十二条、第三十六条第（三）项",
        "您申请获取的政府信息涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害，"
        "本机关不予公开。",
    ),
    Outcome.WITHHELD_INTERNAL_AFFAIRS: (
        f"{REG}第十六条第一款、第三十六条第（三）项",
        "您申请获取的政府信息属于行政机关的内部事务信息（人事管理、后勤管理、内部工作流程等），"
        "本机关不予公开。",
    ),
    Outcome.WITHHELD_PROCESS_INFO: (
        f"{REG}第十六条第二款、第三十六条第（三）项",
        "您申请获取的政府信息属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、"
        "磋商信函、请示报告等过程性信息，本机关不予公开。",
    ),
    Outcome.WITHHELD_ENFORCEMENT_FILE: (
        f"{REG}第十六条第二款、第三十六条第（三）项",
        "您申请获取的政府信息属于行政执法案卷信息，本机关不予公开。",
    ),
    Outcome.WITHHELD_ADMIN_QUERY: (
        f"{REG}第三十六条第（七）项",
        "您申请获取的信息属于有关法律、行政法规对信息的获取有特别规定的行政查询事项，"
        "请依照有关法律、行政法规的规定办理。",
    ),
    Outcome.UNAVAILABLE_NOT_HELD: (
        f"{REG}第三十六条第（四）项、第（五）项",
        "经检索查找，本机关不掌握您申请获取的政府信息。"
        "如能确定负责公开该政府信息的行政机关，其名称、联系方式见下文。",
    ),
    Outcome.UNAVAILABLE_NEEDS_CREATION: (
        f"{REG}第三十八条",
        "您申请获取的信息需要本机关对现有政府信息进行加工、分析或另行制作，本机关不予提供。",
    ),
    Outcome.UNAVAILABLE_STILL_UNCLEAR: (
        f"{REG}第三十条",
        "经告知补正后，您的申请内容仍不明确，本机关无法确定您所需的政府信息，无法提供。",
    ),
    Outcome.NOT_PROCESSED_PETITION: (
        f"{REG}第三十九条第一款",
        "您以政府信息公开申请的形式提出的信访、投诉、举报等事项，不作为政府信息公开申请处理，"
        "请通过相应渠道提出。",
    ),
    Outcome.NOT_PROCESSED_REPEAT: (
        f"{REG}第三十六条第（六）项",
        "您的申请属于重复申请，本机关已就相同内容作出答复，不再重复处理。",
    ),
    Outcome.NOT_PROCESSED_PUBLICATION: (
        f"{REG}第三十九条第二款",
        "您申请获取的内容属于政府公报、报刊、书籍等公开出版物，请通过下文所列途径获取。",
    ),
    Outcome.NOT_PROCESSED_EXCESSIVE: (
        f"{REG}第三十五条",
        "您申请公开政府信息的数量、频次明显超过合理范围，经要求说明理由，"
        "本机关认为理由不合理，不予处理。",
    ),
    Outcome.NOT_PROCESSED_CONFIRMATION: (
        f"{REG}第三十六条第（六）项、第三十九条",
        "您要求本机关确认或重新出具已获取的信息，不属于政府信息公开申请的处理范围，不予处理。",
    ),
    Outcome.OTHER_NO_CORRECTION: (
        f"{REG}第三十条",
        "本机关已书面告知您补正申请，您无正当理由逾期未补正，视为放弃申请，本机关不再处理。",
    ),
    Outcome.OTHER_FEE_UNPAID: (
        f"{REG}第四十二条、《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）",
        "本机关已向您发出收费通知，您逾期未按要求缴纳信息处理费，视为放弃申请，本机关不再处理。",
    ),
    Outcome.OTHER: (REG, "本机关对您的申请作如下处理。"),
}

REMEDY_SENTENCE = (
    "如对本答复不服，可以自收到本告知书之日起六十日内依法申请行政复议，"
    "或者自收到本告知书之日起六个月内依法向人民法院提起行政诉讼。"
)


def cn_date(day: datetime.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def notice_number(year: int, serial: int) -> str:
    return f"人社依申告〔{year}〕{serial}号"


def render_notice(
    *,
    request,
    outcome: str,
    number: str,
    issued_on: datetime.date,
    body: str,
    organisation_name: str,
) -> str:
    """The full text of the numbered notice for `outcome`."""
    basis, wording = NOTICE_BASIS[outcome]
    lines = [
        organisation_name,
        "政府信息公开申请答复告知书",
        number,
        "",
        f"{request.applicant_name}：",
    ]
    received = cn_date(request.received_on) if request.received_on else "—"
    lines.append(
        f"　　本机关于{received}收到您提出的政府信息公开申请（申请编号：{request.tracking_number}），"
        f"申请获取“{request.info_summary}”。"
    )
    correction = getattr(request, "correction", None)
    if correction is not None and correction.received_on:
        lines.append(
            f"　　本机关于{cn_date(correction.requested_on)}告知您补正申请，"
            f"于{cn_date(correction.received_on)}收到补正后的申请。"
        )
    extension = getattr(request, "extension", None)
    if extension is not None and extension.status == "approved":
        lines.append(
            f"　　经本机关政府信息公开工作机构负责人同意，答复期限延长{extension.days}个工作日。"
        )
    lines.append(f"　　经审查，办理结果为：{outcome_full_label(outcome)}。{wording}")
    for paragraph in body.strip().splitlines():
        if paragraph.strip():
            lines.append(f"　　{paragraph.strip()}")
    lines.append(f"　　依据：{basis}。")
    lines.append(f"　　{REMEDY_SENTENCE}")
    lines += ["", organisation_name, cn_date(issued_on)]
    return "\n".join(lines)


def notice_parts(text: str) -> dict[str, list[str]]:
    """Split a stored notice into its heading (organisation, title, number), body
    paragraphs and signature (organisation, date) for display."""
    lines = text.split("\n")
    try:
        first_blank = lines.index("")
        last_blank = len(lines) - 1 - lines[::-1].index("")
    except ValueError:
        return {"head": [], "body": [ln for ln in lines if ln], "foot": []}
    return {
        "head": lines[:first_blank],
        "body": [ln for ln in lines[first_blank + 1 : last_blank] if ln],
        "foot": lines[last_blank + 1 :],
    }
