"""The reply notice (政府信息公开申请答复告知书) generated for each answer, on its one
legal ground of 《中华人民共和国政府信息公开条例》 (Decree 711, `requests_app.grounds`)
with what that ground requires. The text is generated once, when the office approves
the answer, and stored with its number."""

import datetime

from requests_app import grounds
from requests_app.grounds import Ground


def remedy_lines(remedies) -> list[str]:
    """The remedies every notice names (Reg. 51): 行政复议 within 60 days to the
    configured 复议机关 (行政复议法 2023 Art. 20, 24), 行政诉讼 within 6 months to the
    configured court (行政诉讼法 Art. 46), and 投诉/举报."""
    return [
        f"如对本答复不服，可以自收到本告知书之日起六十日内向{remedies.review_authority}"
        f"申请行政复议，或者自收到本告知书之日起六个月内向{remedies.court_name}提起行政诉讼。",
        f"认为本机关在政府信息公开工作中侵犯您合法权益的，可以依照{grounds.REG}第五十一条的规定，"
        f"向{remedies.complaint_route}投诉、举报。",
    ]


def cn_date(day: datetime.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def notice_number(year: int, serial: int) -> str:
    return f"人社依申告〔{year}〕{serial}号"


def render_notice(
    *,
    request,
    ground: str,
    details: dict,
    number: str,
    issued_on: datetime.date,
    body: str,
    organisation_name: str,
    remedies,
) -> str:
    """The full text of the numbered, dated notice on `ground`, naming the remedies
    configured by the office (`NoticeSettings`)."""
    spec = grounds.GROUNDS[Ground(ground)]
    correction = spec.kind == "correction"
    what = "更正政府信息记录的申请" if correction else "政府信息公开申请"
    lines = [
        organisation_name,
        "政府信息更正申请答复告知书" if correction else "政府信息公开申请答复告知书",
        number,
        "",
        f"{request.applicant_name}：",
    ]
    received = cn_date(request.received_on) if request.received_on else "—"
    lines.append(
        f"　　本机关于{received}收到您提出的{what}（申请编号：{request.tracking_number}），"
        + (
            f"要求更正“{request.info_summary}”。"
            if correction
            else f"申请获取“{request.info_summary}”。"
        )
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
    lines.append(f"　　经审查，{spec.wording}")
    for detail in grounds.detail_lines(ground, details):
        lines.append(f"　　{detail}")
    for paragraph in body.strip().splitlines():
        if paragraph.strip():
            lines.append(f"　　{paragraph.strip()}")
    lines.append(f"　　依据：{grounds.citation(ground, details)}。")
    lines += [f"　　{line}" for line in remedy_lines(remedies)]
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
