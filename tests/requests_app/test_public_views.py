"""The public form and tracking pages: bad input, rate limits, tracking privacy."""

import re
from urllib.parse import urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from requests_app import services
from requests_app.models import Channel, DisclosureRequest, RequestFileKind, Status
from requests_app.outcomes import Outcome
from tests.requests_app.factories import ID_CARD, D, applicant_data, at, draft_args

pytestmark = pytest.mark.django_db

APPLY = reverse("requests_app:apply")
TRACK = reverse("requests_app:track")


def form_data(**overrides):
    data = applicant_data(**overrides)
    data["declaration"] = "on"
    return data


def test_apply_form_renders_every_reg29_field(client):
    response = client.get(APPLY)
    assert response.status_code == 200
    html = response.content.decode()
    for label in (
        "申请人类型",
        "证件号码",
        "联系电话",
        "所需信息名称",
        "信息载体形式",
        "获取信息方式",
    ):
        assert label in html


def test_apply_shows_number_and_code_once_and_stores_only_hash(
    client, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(APPLY, form_data())
    assert response.status_code == 302 and response.url == reverse("requests_app:submitted")
    page = client.get(response.url).content.decode()
    req = DisclosureRequest.objects.get()
    assert req.tracking_number in page
    code = re.search(r'class="code">([A-Z0-9]{5}-[A-Z0-9]{5})<', page).group(1)
    assert code.replace("-", "") not in req.query_code_hash
    assert code in mailoutbox[0].body
    # Shown once.
    assert client.get(reverse("requests_app:submitted")).status_code == 302
    assert req.status == Status.SUBMITTED and req.received_on is None


def test_apply_names_every_problem_and_keeps_what_was_typed(client):
    data = form_data(
        id_number="110105194912310021",  # wrong check digit
        phone="12345",
        info_title="",
        info_description="",
        address="城关镇人民路 8 号",
    )
    data.pop("declaration")
    response = client.post(APPLY, data)
    assert response.status_code == 200
    html = response.content.decode()
    for message in (
        "居民身份证号码校验位不正确",
        "请填写正确的联系电话",
        "请填写所需信息的名称、文号，或对所需信息作出描述",
        "请确认所填信息真实有效",
    ):
        assert message in html
    assert 'value="110105194912310021"' in html and "城关镇人民路 8 号" in html
    assert not DisclosureRequest.objects.exists()


def test_apply_accepts_a_document_number_alone(client):
    # Reg. 29(2): the name, the 文号 or a description -- the 文号 alone is enough.
    data = form_data(info_title="", info_description="", info_document_number="示人社发〔2026〕1号")
    response = client.post(APPLY, data)
    assert response.status_code == 302
    assert DisclosureRequest.objects.get().info_document_number == "示人社发〔2026〕1号"


def test_apply_error_summary_reads_cleanly(client):
    data = form_data()
    data.pop("declaration")
    html = client.post(APPLY, data).content.decode()
    assert "请确认所填信息真实有效" in html
    # The summary is "label：message"; a label ending in "。" would read "。：".
    assert "。</a>：" not in html


def test_apply_organisation_needs_kind_and_valid_credit_code(client):
    data = form_data(
        applicant_type="organisation",
        organisation_kind="",
        id_type="uscc",
        id_number="91350100M000100Y44",
        contact_person="",
    )
    html = client.post(APPLY, data).content.decode()
    assert "请选择法人或其他组织的类型" in html
    assert "统一社会信用代码校验位不正确" in html
    assert "法人或其他组织请填写联系人" in html


def test_apply_natural_person_cannot_use_credit_code(client):
    html = client.post(APPLY, form_data(id_type="uscc")).content.decode()
    assert "自然人不能使用统一社会信用代码" in html


def test_apply_refuses_disguised_upload(client):
    fake = SimpleUploadedFile("身份证.pdf", b"MZ\x90\x00\x03" + b"\x00" * 200)
    response = client.post(APPLY, {**form_data(), "files": [fake]})
    assert response.status_code == 200
    assert "类型不受支持" in response.content.decode()
    assert not DisclosureRequest.objects.exists()


def test_apply_accepts_pdf_upload(client):
    pdf = SimpleUploadedFile("委托书.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    assert client.post(APPLY, {**form_data(), "files": [pdf]}).status_code == 302
    f = DisclosureRequest.objects.get().files.get()
    assert f.kind == RequestFileKind.SUPPORTING and f.content_type == "application/pdf"


def test_apply_is_rate_limited_with_a_clear_message(client):
    for _ in range(5):
        assert client.post(APPLY, form_data()).status_code == 302
    response = client.post(APPLY, form_data(info_title="第六份申请"))
    assert response.status_code == 429
    html = response.content.decode()
    assert "提交过于频繁" in html and "第六份申请" in html
    assert DisclosureRequest.objects.count() == 5


def test_honeypot_field_refuses_bots(client):
    client.post(APPLY, {**form_data(), "website": "http://spam.example"})
    assert not DisclosureRequest.objects.exists()


# -- Tracking ----------------------------------------------------------------------------


@pytest.fixture
def tracked(office, section, clerk):
    """A closed request with a reply file, and its query code."""
    with at(D(2026, 3, 2)):
        sub = services.request_register(
            data=applicant_data(),
            channel=Channel.IN_PERSON,
            received_on=D(2026, 3, 2),
            acting_user=office,
        )
        req = services.request_assign(request=sub.request, section=section, acting_user=office)
        pdf = SimpleUploadedFile("答复材料.pdf", b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n")
        services.request_draft_submit(
            request=req,
            **draft_args(Outcome.DISCLOSED),
            text="现提供该信息。",
            files=[pdf],
            acting_user=clerk,
        )
        services.request_approve(request=req, acting_user=office)
    return DisclosureRequest.objects.get(pk=req.pk), sub.query_code


def lookup(client, number, code):
    return client.post(TRACK, {"tracking_number": number, "query_code": code})


def _without_tokens(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html).replace(
        "YSQ209900001", "NUMBER"
    )


def test_right_pair_shows_status_steps_deadline_and_reply_without_personal_data(client, tracked):
    req, code = tracked
    response = lookup(client, req.tracking_number.lower(), services.format_code(code))
    assert response.status_code == 302
    html = client.get(response.url).content.decode()
    assert "已办结" in html and "予以公开" in html
    assert "收到申请 2026-03-02 + 20 个工作日 → 2026-03-30" in html
    assert req.notice_number in html and "答复材料.pdf" in html
    for personal in (req.applicant_name, ID_CARD, req.phone, req.email, "人民路 8 号"):
        assert personal not in html
    assert "张**" in html  # masked name only
    notice = client.get(reverse("requests_app:track_notice", args=[req.tracking_number]))
    assert notice.status_code == 200 and "政府信息公开申请答复告知书" in notice.content.decode()
    f = req.files.get()
    download = client.get(reverse("requests_app:track_file", args=[req.tracking_number, f.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert download["Cache-Control"] == "no-store"  # an applicant's reply stays private


def test_wrong_code_and_unknown_number_look_the_same(client, tracked):
    req, _code = tracked
    wrong = lookup(client, req.tracking_number, "AAAAA-AAAAA")
    unknown = lookup(client, "YSQ209900001", "AAAAA-AAAAA")
    assert wrong.status_code == unknown.status_code == 400
    w = _without_tokens(wrong.content.decode().replace(req.tracking_number, "NUMBER"))
    u = _without_tokens(unknown.content.decode())
    assert w == u
    assert "申请编号或查询码不正确" in w


def test_repeated_wrong_codes_lock_out_even_the_right_code(client, tracked):
    req, code = tracked
    for _ in range(5):
        assert lookup(client, req.tracking_number, "WRONGCODE1").status_code == 400
    response = lookup(client, req.tracking_number, code)
    assert response.status_code == 429
    assert "查询失败次数过多" in response.content.decode()


def test_wrong_tries_on_one_number_from_many_clients_lock_that_number(client, tracked):
    req, code = tracked
    for i in range(10):
        client.post(
            TRACK,
            {"tracking_number": req.tracking_number, "query_code": "WRONGCODE1"},
            REMOTE_ADDR=f"10.0.0.{i}",
        )
    response = client.post(
        TRACK, {"tracking_number": req.tracking_number, "query_code": code}, REMOTE_ADDR="10.9.9.9"
    )
    assert response.status_code == 429


def test_tracking_one_request_does_not_open_another(client, tracked, office):
    req, code = tracked
    with at(D(2026, 3, 3)):
        other = services.request_register(
            data=applicant_data(applicant_name="李四"),
            channel=Channel.FAX,
            received_on=D(2026, 3, 3),
            acting_user=office,
        ).request
    lookup(client, req.tracking_number, code)
    response = client.get(reverse("requests_app:track_detail", args=[other.tracking_number]))
    assert response.status_code == 302 and response.url.startswith(TRACK)
    assert (
        client.get(reverse("requests_app:track_notice", args=[other.tracking_number])).status_code
        == 404
    )
    # A code of one request does not open another.
    assert lookup(client, other.tracking_number, code).status_code == 400


@pytest.mark.parametrize("number", ["YSQ2026&n=x", "YSQ2026#top", "YSQ\r\nSet-Cookie: a=b"])
def test_untracked_number_goes_back_to_the_lookup_form_encoded(client, number):
    response = client.get(reverse("requests_app:track_detail", args=[number]))
    assert response.status_code == 302
    assert response.url == TRACK + "?" + urlencode({"n": number})
    assert "\n" not in response["Location"]


def test_supporting_files_are_never_served_to_the_public(client, tracked):
    req, code = tracked
    pdf = SimpleUploadedFile("身份证复印件.pdf", b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n")
    from requests_app.models import RequestFile

    f = RequestFile.objects.create(
        request=req,
        kind=RequestFileKind.SUPPORTING,
        file=pdf,
        name="身份证复印件.pdf",
        content_type="application/pdf",
        size=10,
    )
    lookup(client, req.tracking_number, code)
    url = reverse("requests_app:track_file", args=[req.tracking_number, f.pk])
    assert client.get(url).status_code == 404


def test_complaint_from_tracking_page(client, tracked):
    req, code = tracked
    lookup(client, req.tracking_number, code)
    url = reverse("requests_app:track_detail", args=[req.tracking_number])
    empty = client.post(url, {"kind": "complaint", "text": ""})
    assert empty.status_code == 400 and "请修改以下问题" in empty.content.decode()
    response = client.post(url, {"kind": "appeal", "text": "答复内容不完整"})
    assert response.status_code == 302
    complaint = req.complaints.get()
    assert complaint.kind == "appeal" and complaint.status == "open"
    assert "答复内容不完整" in client.get(url).content.decode()


def test_unconfirmed_online_request_says_when_the_clock_starts(client):
    with at(D(2026, 3, 2)):
        sub = services.request_submit(data=applicant_data())
    lookup(client, sub.request.tracking_number, sub.query_code)
    url = reverse("requests_app:track_detail", args=[sub.request.tracking_number])
    html = client.get(url).content.decode()
    assert "确认收到申请后开始计算答复期限" in html
    assert "申请办结后，或超过答复期限仍未答复时" in html  # no complaint form yet
    assert client.post(url, {"kind": "complaint", "text": "x"}).status_code == 400
    assert not sub.request.complaints.exists()


def test_applicant_sees_what_to_correct_and_by_when(client, office, section, clerk):
    with at(D(2026, 3, 2)):
        sub = services.request_register(
            data=applicant_data(),
            channel=Channel.IN_PERSON,
            received_on=D(2026, 3, 2),
            acting_user=office,
        )
        services.request_assign(request=sub.request, section=section, acting_user=office)
        services.request_correction_ask(
            request=sub.request, items="请写明所需信息的年份。", days=10, acting_user=clerk
        )
        lookup(client, sub.request.tracking_number, sub.query_code)
        html = client.get(
            reverse("requests_app:track_detail", args=[sub.request.tracking_number])
        ).content.decode()
    assert "请写明所需信息的年份。" in html and "2026年3月16日" in html
    assert "年份。。" not in html


def test_tracking_steps_run_in_date_order_then_recording_order(client, tracked):
    """A step recorded late for an earlier day takes its place by date; two steps
    of one day keep the order they were recorded in."""
    req, code = tracked
    with at(D(2026, 3, 20)):
        req.events.create(
            action="note", at=timezone.now(), on=D(2026, 3, 1), public_text="补录：3月1日寄出申请"
        )
        req.events.create(
            action="note", at=timezone.now(), on=D(2026, 3, 2), public_text="补录：同日第二步"
        )
    response = lookup(client, req.tracking_number, services.format_code(code))
    html = client.get(response.url).content.decode()
    steps = re.findall(r"<li><time[^>]*>([^<]*)</time> ([^<]*)</li>", html)
    days = [day for day, _text in steps]
    assert days == sorted(days)
    texts = [text for _day, text in steps]
    assert texts[0] == "补录：3月1日寄出申请"
    same_day = [text for day, text in steps if day == "2026-03-02"]
    assert same_day[-1] == "补录：同日第二步" and len(same_day) > 1
