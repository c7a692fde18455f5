"""Requests in any state, built through the services (so each state is one the
workflow can really reach), at fixed dates with time-machine."""

import datetime

import time_machine
from django.utils import timezone

from requests_app import services
from requests_app.grounds import Ground, WithheldBasis
from requests_app.models import Channel, DisclosureRequest
from requests_app.outcomes import ApplicantType, OrganisationKind, Outcome

D = datetime.date

# A valid 18-digit ID (GB 11643 check digit) and 统一社会信用代码.
ID_CARD = "11010519491231002X"
USCC = "91350100M000100Y43"


# A legal ground with valid details that counts in each table 三 row, for tests that
# need "an answer counted in row X" (`draft_args(outcome)`).
_REASON = "该信息涉及第三方个人隐私，经征求意见第三方不同意公开。"


def draft_args(outcome: str) -> dict:
    """`ground=` and `details=` for `request_draft_submit`, counted in `outcome`."""
    o = Outcome(outcome)
    if o.value in WithheldBasis.values:
        return {"ground": Ground.WITHHELD, "details": {"basis": o.value, "reason": _REASON}}
    ground, details = {
        Outcome.DISCLOSED: (Ground.DISCLOSED, {"access": "以电子邮件方式发送。"}),
        Outcome.PARTIAL: (
            Ground.PARTIAL,
            {
                "access": "以电子邮件方式发送可以公开的部分。",
                "basis": WithheldBasis.THIRD_PARTY,
                "reason": _REASON,
            },
        ),
        Outcome.WITHHELD_ADMIN_QUERY: (
            Ground.ADMIN_QUERY,
            {"channel": "请持身份证件到县社会保险服务中心窗口查询个人参保信息。"},
        ),
        Outcome.UNAVAILABLE_NOT_HELD: (
            Ground.NOT_EXIST,
            {"search": "检索了本局 2020 年以来的收发文登记和档案目录，未找到。"},
        ),
        Outcome.UNAVAILABLE_NEEDS_CREATION: (Ground.NEEDS_CREATION, {}),
        Outcome.UNAVAILABLE_STILL_UNCLEAR: (Ground.STILL_UNCLEAR, {}),
        Outcome.NOT_PROCESSED_PETITION: (Ground.PETITION, {}),
        Outcome.NOT_PROCESSED_REPEAT: (
            Ground.REPEAT,
            {"earlier_reply": "人社依申告〔2026〕1号"},
        ),
        Outcome.NOT_PROCESSED_PUBLICATION: (Ground.PUBLICATION, {}),
        Outcome.NOT_PROCESSED_EXCESSIVE: (Ground.EXCESSIVE, {}),
        Outcome.NOT_PROCESSED_CONFIRMATION: (Ground.CONFIRMATION, {}),
    }[o]
    return {"ground": ground, "details": details}


def found_unreasonable(req, office, clerk) -> None:
    """Reg. 35 done: reasons asked and found unreasonable (call inside `at(...)`)."""
    services.request_reasons_ask(request=req, items="一个月内提出 40 件申请", acting_user=clerk)
    services.request_reasons_decide(
        request=req,
        decision="unreasonable",
        note="所述理由与申请内容无关。",
        answered_on=timezone.localdate(),
        acting_user=office,
    )


def applicant_data(**overrides) -> dict:
    data = {
        "applicant_type": ApplicantType.NATURAL_PERSON,
        "organisation_kind": "",
        "applicant_name": "张三丰",
        "id_type": "id_card",
        "id_number": ID_CARD,
        "legal_representative": "",
        "contact_person": "",
        "phone": "13812341234",
        "email": "zhang@example.com",
        "address": "示例县城关镇人民路 8 号 3 幢 201 室",
        "postcode": "313000",
        "info_title": "2025 年度就业补助资金使用情况",
        "info_document_number": "",
        "info_description": "",
        "info_form": "electronic",
        "delivery_method": "email",
    }
    data.update(overrides)
    return data


def org_data(**overrides) -> dict:
    return applicant_data(
        applicant_type=ApplicantType.ORGANISATION,
        organisation_kind=OrganisationKind.COMMERCIAL,
        applicant_name="示例县某某科技有限公司",
        id_type="uscc",
        id_number=USCC,
        legal_representative="李四",
        contact_person="王五",
        **overrides,
    )


def at(day: datetime.date, hour: int = 10):
    """Travel to `day` at `hour` o'clock, Beijing time."""
    return time_machine.travel(
        datetime.datetime(
            day.year, day.month, day.day, hour, tzinfo=timezone.get_default_timezone()
        ),
        tick=False,
    )


def registered(office, received_on: datetime.date, **data) -> DisclosureRequest:
    """A paper request registered by the office, received on `received_on`."""
    with at(received_on):
        return services.request_register(
            data=applicant_data(**data),
            channel=Channel.IN_PERSON,
            received_on=received_on,
            acting_user=office,
        ).request


def assigned(office, section, received_on: datetime.date, **data) -> DisclosureRequest:
    req = registered(office, received_on, **data)
    with at(received_on):
        return services.request_assign(request=req, section=section, acting_user=office)


def answered(
    office, section, clerk, received_on: datetime.date, answered_on: datetime.date, **kw
) -> DisclosureRequest:
    """Assigned, answered by the section with `outcome` (default 不予处理 as a repeat
    request) and approved by the office on `answered_on`: closed."""
    outcome = kw.pop("outcome", "not_processed_repeat")
    text = kw.pop("text", "重复申请")
    req = assigned(office, section, received_on, **kw)
    with at(answered_on):
        services.request_draft_submit(
            request=req, **draft_args(outcome), text=text, acting_user=clerk
        )
        return services.request_approve(request=req, acting_user=office)


def refresh(req: DisclosureRequest) -> DisclosureRequest:
    return DisclosureRequest.objects.get(pk=req.pk)
