"""Every 告知书 names its remedies (Reg. 51): the 复议机关 and the court configured once
by the office, the 60-day and 6-month periods, the 投诉/举报 route; it is numbered,
dated, rendered as a PDF with the bureau's seal image and stored with the case."""

import hashlib
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader

from audit.models import AuditEntry
from requests_app import services
from requests_app.models import Channel, NoticeSettings
from requests_app.services import RequestError
from tests.requests_app.factories import D, answered, applicant_data, assigned, at, draft_args

pytestmark = pytest.mark.django_db

SETTINGS_URL = reverse("requests_app:notice_settings")


def seal_png(colour=(200, 0, 0, 255)) -> SimpleUploadedFile:
    image = Image.new("RGBA", (200, 200), (0, 0, 0, 0))
    for x in range(200):
        for y in range(200):
            if 80 * 80 <= (x - 100) ** 2 + (y - 100) ** 2 <= 95 * 95:
                image.putpixel((x, y), colour)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return SimpleUploadedFile("公章.png", buffer.getvalue(), content_type="image/png")


def configure(office, **overrides):
    values = {
        "review_authority": "示例县人民政府",
        "court": "示例市南湖区人民法院",
        "complaint_route": "示例县人民政府办公室（县政务公开办）",
        **overrides,
    }
    return services.notice_settings_update(**values, acting_user=office)


def close_one(office, section, clerk):
    return answered(office, section, clerk, D(2026, 3, 2), D(2026, 3, 16), outcome="disclosed")


# -- the text ---------------------------------------------------------------------------


def test_default_notice_names_the_county_government_the_periods_and_article_51(
    office, section, clerk
):
    req = close_one(office, section, clerk)
    text = req.notice_text
    assert "自收到本告知书之日起六十日内向县人民政府申请行政复议" in text
    assert "自收到本告知书之日起六个月内向有管辖权的人民法院提起行政诉讼" in text
    assert "第五十一条的规定，向上一级行政机关或者政府信息公开工作主管部门投诉、举报" in text
    assert "人社依申告〔2026〕1号" in text and "2026年3月16日" in text


def test_notice_names_what_the_office_configured(office, section, clerk):
    configure(office)
    req = close_one(office, section, clerk)
    assert "六十日内向示例县人民政府申请行政复议" in req.notice_text
    assert "六个月内向示例市南湖区人民法院提起行政诉讼" in req.notice_text
    assert "向示例县人民政府办公室（县政务公开办）投诉、举报" in req.notice_text


def test_issued_notices_keep_their_text_when_the_settings_change(office, section, clerk):
    configure(office)
    req = close_one(office, section, clerk)
    configure(office, court="示例县人民法院")
    req.refresh_from_db()
    assert "示例市南湖区人民法院" in req.notice_text


# -- the settings ------------------------------------------------------------------------


def test_only_the_office_configures(clerk, leader, office_head):
    for user in (clerk, leader):
        with pytest.raises(RequestError, match="没有权限"):
            configure(user)
    configure(office_head)  # the head of the office is the office too
    assert NoticeSettings.objects.get().review_authority == "示例县人民政府"


def test_settings_need_a_review_authority_and_a_complaint_route(office):
    with pytest.raises(RequestError, match="行政复议机关"):
        configure(office, review_authority="  ")
    with pytest.raises(RequestError, match="第五十一条"):
        configure(office, complaint_route="")
    assert not NoticeSettings.objects.exists()


def test_settings_change_is_audited(office):
    configure(office, seal=seal_png())
    entry = AuditEntry.objects.latest("id")
    assert entry.actor == office
    assert "示例市南湖区人民法院" in entry.detail and "更换印章图片" in entry.detail


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("seal.png", b"not an image at all, just text", "扩展名与实际内容不符"),
        ("seal.txt", b"not an image at all, just text", "PNG 或 JPG"),
        ("seal.pdf", b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n", "PNG 或 JPG"),
        ("seal.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "无法识别"),
    ],
)
def test_a_seal_that_is_not_an_image_is_refused(office, name, content, message):
    with pytest.raises(RequestError, match=message):
        configure(office, seal=SimpleUploadedFile(name, content))
    assert not NoticeSettings.objects.exists()


# -- the PDF -----------------------------------------------------------------------------


def test_approval_stores_a_sealed_pdf_with_the_case(office, section, clerk):
    configure(office, seal=seal_png())
    req = close_one(office, section, clerk)
    assert req.notice_pdf
    data = req.notice_pdf.read()
    assert data.startswith(b"%PDF")
    assert hashlib.sha256(data).hexdigest() == req.notice_pdf_sha256
    assert b"/Subtype /Image" in data  # the seal
    assert b"STSong-Light" in data
    text = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert req.tracking_number in text


def test_without_a_seal_the_pdf_has_no_image(office, section, clerk):
    req = close_one(office, section, clerk)
    data = req.notice_pdf.read()
    assert data.startswith(b"%PDF") and b"/Subtype /Image" not in data


# -- the pages ---------------------------------------------------------------------------


def test_settings_page_for_the_office_only(client, office, clerk, leader):
    client.force_login(clerk)
    assert client.get(SETTINGS_URL).status_code == 404
    client.force_login(leader)
    assert client.get(SETTINGS_URL).status_code == 404
    client.force_login(office)
    html = client.get(SETTINGS_URL).content.decode()
    assert "尚未设置行政诉讼管辖法院" in html and "县人民政府" in html
    client.logout()
    assert client.get(SETTINGS_URL).status_code == 302  # to the login


def test_settings_page_saves_and_keeps_input_on_error(client, office):
    client.force_login(office)
    bad = client.post(
        SETTINGS_URL,
        {
            "review_authority": "示例县人民政府",
            "court": "示例县人民法院",
            "complaint_route": "县政务公开办",
            "seal": SimpleUploadedFile("seal.png", b"plain text"),
        },
    )
    assert bad.status_code == 400
    assert "示例县人民法院" in bad.content.decode()
    assert not NoticeSettings.objects.exists()
    ok = client.post(
        SETTINGS_URL,
        {
            "review_authority": "示例县人民政府",
            "court": "示例县人民法院",
            "complaint_route": "县政务公开办",
            "seal": seal_png(),
        },
    )
    assert ok.status_code == 302
    saved = NoticeSettings.objects.get()
    assert saved.court == "示例县人民法院" and saved.seal


def test_pdf_downloads_follow_who_may_see_the_applicant(
    client, office, section, clerk, other_clerk, leader
):
    req = close_one(office, section, clerk)
    url = reverse("requests_app:staff_notice_pdf", args=[req.pk])
    for user, status in ((office, 200), (clerk, 200), (leader, 404), (other_clerk, 404)):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == status, user
        if status == 200:
            assert response["Content-Type"] == "application/pdf"
            assert "no-store" in response["Cache-Control"]


def test_applicant_downloads_the_pdf_from_the_tracking_page(client, office, section, clerk):
    with at(D(2026, 3, 2)):
        sub = services.request_register(
            data=applicant_data(),
            channel=Channel.IN_PERSON,
            received_on=D(2026, 3, 2),
            acting_user=office,
        )
    pdf_url = reverse("requests_app:track_notice_pdf", args=[sub.request.tracking_number])
    assert client.get(pdf_url).status_code == 404  # not tracked in this session
    req = assigned(office, section, D(2026, 3, 2))  # another request, to be sure
    client.post(
        reverse("requests_app:track"),
        {"tracking_number": sub.request.tracking_number, "query_code": sub.query_code},
    )
    assert client.get(pdf_url).status_code == 404  # not closed yet
    with at(D(2026, 3, 3)):
        services.request_assign(request=sub.request, section=section, acting_user=office)
        services.request_draft_submit(
            request=sub.request, **draft_args("disclosed"), acting_user=clerk
        )
        services.request_approve(request=sub.request, acting_user=office)
    detail = client.get(
        reverse("requests_app:track_detail", args=[sub.request.tracking_number])
    ).content.decode()
    assert "下载盖章 PDF" in detail
    response = client.get(pdf_url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    other = reverse("requests_app:track_notice_pdf", args=[req.tracking_number])
    assert client.get(other).status_code == 404
