"""The applicant sends the 补正 from the tracking page, with the request form's upload
checks; staff then confirm its receipt and the reply period restarts (Reg. 30, 31)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from requests_app import selectors, services
from requests_app.models import Channel, RequestFileKind, Status
from tests.requests_app.factories import D, applicant_data, at, refresh

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n"


@pytest.fixture
def awaiting(office, section, clerk):
    with at(D(2026, 3, 2)):
        sub = services.request_register(
            data=applicant_data(),
            channel=Channel.IN_PERSON,
            received_on=D(2026, 3, 2),
            acting_user=office,
        )
        services.request_assign(request=sub.request, section=section, acting_user=office)
        services.request_correction_ask(request=sub.request, items="写明年份", acting_user=clerk)
    return sub.request, sub.query_code


def track(client, req, code):
    client.post(
        reverse("requests_app:track"), {"tracking_number": req.tracking_number, "query_code": code}
    )


def url(req):
    return reverse("requests_app:track_correction", args=[req.tracking_number])


def test_applicant_uploads_the_correction(client, awaiting, clerk):
    req, code = awaiting
    track(client, req, code)
    with at(D(2026, 3, 5)):
        page = client.get(reverse("requests_app:track_detail", args=[req.tracking_number]))
        assert "在线提交补正" in page.content.decode()
        response = client.post(
            url(req),
            {"text": "所需信息为 2025 年度的。", "files": [SimpleUploadedFile("补正.pdf", PDF)]},
        )
    assert response.status_code == 302
    stored = req.files.get(kind=RequestFileKind.CORRECTION)
    assert stored.name == "补正.pdf" and stored.content_type == "application/pdf"
    event = req.events.get(action="correction_uploaded")
    assert event.note == "所需信息为 2025 年度的。" and "待工作人员确认收到" in event.public_text
    # Staff confirm receipt: the reply period restarts from that day.
    with at(D(2026, 3, 6)):
        services.request_correction_receive(
            request=req, received_on=D(2026, 3, 6), acting_user=clerk
        )
    req = refresh(req)
    assert req.status == Status.ASSIGNED
    assert selectors.reply_deadline_of(req).explanation.startswith("收到补正申请 2026-03-06")


def test_a_disguised_file_is_refused_and_nothing_is_stored(client, awaiting):
    req, code = awaiting
    track(client, req, code)
    with at(D(2026, 3, 5)):
        response = client.post(
            url(req),
            {"text": "见附件", "files": [SimpleUploadedFile("补正.pdf", b"MZ\x90\x00binary")]},
        )
    assert response.status_code == 400
    html = response.content.decode()
    assert "补正材料未提交" in html and "见附件" in html  # the text typed is kept
    assert not req.files.filter(kind=RequestFileKind.CORRECTION).exists()
    assert not req.events.filter(action="correction_uploaded").exists()


def test_empty_upload_is_refused(client, awaiting):
    req, code = awaiting
    track(client, req, code)
    with at(D(2026, 3, 5)):
        response = client.post(url(req), {"text": " "})
    assert response.status_code == 400
    assert "请填写补正内容或上传补正材料" in response.content.decode()


def test_only_the_tracked_applicant_and_only_while_awaiting(client, awaiting, office, section):
    req, code = awaiting
    with at(D(2026, 3, 5)):
        assert client.post(url(req), {"text": "x"}).status_code == 404  # not tracked
    track(client, req, code)
    with at(D(2026, 3, 5)):
        services.request_correction_receive(
            request=req, received_on=D(2026, 3, 5), acting_user=office
        )
        response = client.post(url(req), {"text": "再补充"})
    assert response.status_code == 400
    assert "当前不需要补正" in response.content.decode()


def test_at_most_three_online_corrections(client, awaiting):
    req, code = awaiting
    track(client, req, code)
    with at(D(2026, 3, 5)):
        for _ in range(3):
            assert client.post(url(req), {"text": "补充"}).status_code == 302
        response = client.post(url(req), {"text": "再补充"})
    assert response.status_code == 400 and "最多提交 3 次" in response.content.decode()
