"""Input hygiene in one place (common.middleware): text PostgreSQL cannot store is
refused with a clear Chinese 400 wherever it comes in; every response carries a
Permissions-Policy; the login form refuses over-long usernames; a login without
`next` lands on the staff start page."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from accounts.roles import Role
from audit.models import AuditEntry
from requests_app.models import DisclosureRequest
from tests.factories import ItemFactory, UserFactory, staff

pytestmark = pytest.mark.django_db

BAD_INPUT = "请求中含有无法处理的字符"


def assert_bad_input(response):
    assert response.status_code == 400
    body = response.content.decode()
    assert BAD_INPUT in body and "请求有误" in body


def test_nul_in_a_tracking_path_is_a_clear_400(client):
    assert_bad_input(client.get("/requests/track/%00/"))
    assert_bad_input(client.get("/requests/track/2026%00001/notice/"))


def test_nul_in_the_staff_request_search_is_a_400(client, office):
    client.force_login(office)
    url = reverse("requests_app:staff_list")
    assert client.get(url, {"q": "张三"}).status_code == 200
    assert_bad_input(client.get(url, {"q": "张\x00三"}))
    # In a parameter's name too.
    assert_bad_input(client.get(url + "?q%00=1"))


def test_nul_in_an_admin_list_filter_is_a_400(client):
    client.force_login(staff(Role.SYSTEM_ADMIN))
    url = reverse("admin:accounts_user_changelist")
    assert client.get(url, {"groups__id__exact": "1"}).status_code == 200
    assert_bad_input(client.get(url, {"groups__id__exact": "\x00"}))
    assert_bad_input(client.get(url, {"q": "a\x00"}))


def test_nul_in_the_public_search_is_a_400(client):
    url = reverse("disclosure:search")
    assert client.get(url, {"q": "社保"}).status_code == 200
    assert_bad_input(client.get(url, {"q": "社\x00保"}))


def test_nul_in_a_form_field_is_a_400_and_nothing_is_written(client):
    before = DisclosureRequest.objects.count()
    response = client.post(
        reverse("requests_app:apply"),
        {"applicant_name": "张\x00三", "description": "申请公开某文件"},
    )
    assert_bad_input(response)
    assert DisclosureRequest.objects.count() == before


def test_nul_in_an_uploaded_file_name_does_no_harm(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    # Django's multipart parser drops what follows a NUL in a file name; the
    # middleware checks the parsed names in case that ever changes.
    upload = SimpleUploadedFile("a\x00.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    before = DisclosureRequest.objects.count()
    assert client.post(reverse("requests_app:apply"), {"files": upload}).status_code in (200, 400)
    assert DisclosureRequest.objects.count() == before


def test_ordinary_input_passes_untouched(client):
    assert client.get(reverse("disclosure:search"), {"q": "就业\t补贴 \u3000"}).status_code == 200


@pytest.mark.parametrize(
    "url",
    ["/", "/catalogue/", "/no-such-page/", "/requests/track/%00/", "/admin/login/"],
)
def test_every_response_carries_a_permissions_policy(client, url):
    policy = client.get(url)["Permissions-Policy"]
    assert "camera=()" in policy and "geolocation=()" in policy and "microphone=()" in policy


def test_cached_public_pages_carry_the_permissions_policy_too(client):
    client.get("/")
    second = client.get("/")
    assert second.status_code == 200
    assert "camera=()" in second["Permissions-Policy"]


# --- the login ------------------------------------------------------------------------


def test_an_over_long_username_is_refused_by_the_login_form(client, settings):
    from axes.models import AccessAttempt, AccessFailureLog

    settings.AXES_ENABLED = True
    for length in (151, 256, 300, 5000):
        response = client.post(reverse("admin:login"), {"username": "a" * length, "password": "x"})
        assert response.status_code == 200
        assert "用户名不能超过 150 个字符" in response.content.decode()
    assert not AccessAttempt.objects.exists()
    assert not AccessFailureLog.objects.exists()
    assert "_auth_user_id" not in client.session


def test_a_username_of_the_maximum_length_is_still_checked_normally(client):
    user = UserFactory(username="b" * 150)
    response = client.post(
        reverse("admin:login"), {"username": user.username, "password": "demo-pass-123"}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_a_login_without_next_lands_on_the_staff_start_page(client, clerk):
    response = client.post(
        reverse("admin:login"), {"username": "clerk", "password": "demo-pass-123"}
    )
    assert response.status_code == 302
    assert response.url == reverse("staff_start")
    start = client.get(response.url)
    assert start.status_code == 302
    assert start.url == reverse("review:dashboard")
    assert client.get(start.url).status_code == 200


def test_the_staff_start_page_sends_each_role_where_it_works(client):
    auditor = staff(Role.AUDIT_ADMIN)
    client.force_login(auditor)
    response = client.get(reverse("staff_start"))
    assert response.status_code == 302
    assert client.get(response.url).status_code == 200


def test_the_staff_start_page_needs_a_login(client):
    response = client.get(reverse("staff_start"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_a_login_with_next_still_goes_there(client, office):
    target = reverse("requests_app:staff_list")
    response = client.post(
        reverse("admin:login") + f"?next={target}",
        {"username": "office", "password": "demo-pass-123", "next": target},
    )
    assert response.url == target
    assert AuditEntry.objects.filter(actor=office).exists()


# --- RSS ------------------------------------------------------------------------------


def test_rss_descriptions_are_html_escaped(client):
    ItemFactory(published=True, title="通知", summary='<img src=x onerror="alert(1)">概述 & 说明')
    response = client.get(reverse("disclosure:feed_latest"))
    raw = response.content.decode()
    assert "<img" not in raw and "&lt;img" not in raw.replace("&amp;lt;img", "")
    description = ET.fromstring(response.content).find("channel/item/description").text
    # After the XML layer, what a reader renders as HTML is still escaped text.
    assert description == "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;概述 &amp; 说明"
