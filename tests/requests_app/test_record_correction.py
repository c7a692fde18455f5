"""Reg. 41: a request to correct a record about the applicant: answered on the
Reg. 41 grounds only, with its own notice, and not counted in table 三."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from reports import tables
from requests_app import services
from requests_app.grounds import Ground
from requests_app.models import Channel, DisclosureRequest, RequestKind
from requests_app.outcomes import Outcome
from requests_app.services import RequestError
from tests.requests_app.factories import D, applicant_data, at, draft_args, refresh

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n"


def correction_request(office, section):
    with at(D(2026, 3, 2)):
        sub = services.request_register(
            data=applicant_data(
                kind=RequestKind.RECORD_CORRECTION,
                info_title="本人 2024 年社会保险缴费记录",
                info_description="2024 年 5 月缴费基数记录为 3000 元，应为 5000 元，附工资单。",
            ),
            channel=Channel.IN_PERSON,
            received_on=D(2026, 3, 2),
            acting_user=office,
        )
        return services.request_assign(request=sub.request, section=section, acting_user=office)


def test_corrected_record_gets_its_own_notice_and_is_not_in_table_3(office, section, clerk):
    req = correction_request(office, section)
    with at(D(2026, 3, 10)):
        services.request_draft_submit(
            request=req,
            ground=Ground.RECORD_CORRECTED,
            details={"correction_done": "2024 年 5 月缴费基数已更正为 5000 元。"},
            acting_user=clerk,
        )
        services.request_approve(request=req, acting_user=office)
    req = refresh(req)
    assert req.notice_text.splitlines()[1] == "政府信息更正申请答复告知书"
    assert "要求更正“本人 2024 年社会保险缴费记录”" in req.notice_text
    assert "依据：《中华人民共和国政府信息公开条例》第四十一条。" in req.notice_text
    assert "已更正为 5000 元" in req.notice_text
    assert not DisclosureRequest.objects.received().filter(pk=req.pk).exists()
    table = tables.compute_table3(2026)
    assert table["一、本年新收政府信息公开申请数量"]["总计"] == 0
    assert table["（七）总计"]["总计"] == 0


def test_grounds_match_the_kind_of_request(office, section, clerk):
    req = correction_request(office, section)
    with at(D(2026, 3, 10)), pytest.raises(RequestError, match="更正申请须按第四十一条答复"):
        services.request_draft_submit(
            request=req, **draft_args(Outcome.DISCLOSED), acting_user=clerk
        )
    with at(D(2026, 3, 2)):
        plain = services.request_register(
            data=applicant_data(),
            channel=Channel.IN_PERSON,
            received_on=D(2026, 3, 2),
            acting_user=office,
        ).request
        services.request_assign(request=plain, section=section, acting_user=office)
    with at(D(2026, 3, 10)), pytest.raises(RequestError, match="只适用于更正申请"):
        services.request_draft_submit(
            request=plain,
            ground=Ground.RECORD_NOT_CORRECTED,
            details={"refusal_reason": "x"},
            acting_user=clerk,
        )


def test_forwarded_names_the_competent_agency(office, section, clerk):
    req = correction_request(office, section)
    with at(D(2026, 3, 10)):
        services.request_draft_submit(
            request=req,
            ground=Ground.RECORD_FORWARDED,
            details={"agency_name": "示例县医疗保障局", "agency_contact": "0572-6021234"},
            acting_user=clerk,
        )
        services.request_approve(request=req, acting_user=office)
    text = refresh(req).notice_text
    assert "已转送有权更正的行政机关处理" in text and "示例县医疗保障局" in text


def test_online_correction_request_needs_the_record_and_evidence(client):
    data = {
        **applicant_data(kind=RequestKind.RECORD_CORRECTION, info_description=""),
        "declaration": "on",
    }
    response = client.post(reverse("requests_app:apply"), data)
    assert response.status_code == 200 or response.status_code == 400
    html = response.content.decode()
    assert "更正申请请写明需要更正的记录" in html and "请上传证明该记录不准确的材料" in html
    assert not DisclosureRequest.objects.exists()
    data["info_description"] = "2024 年 5 月缴费基数记录有误。"
    data["files"] = [SimpleUploadedFile("工资单.pdf", PDF)]
    response = client.post(reverse("requests_app:apply"), data)
    assert response.status_code == 302
    assert DisclosureRequest.objects.get().kind == RequestKind.RECORD_CORRECTION
