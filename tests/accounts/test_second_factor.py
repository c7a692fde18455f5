"""The second factor: TOTP enrolment by QR code with one-time recovery codes;
required for the three administrators, the office and the leader, optional for
others; an unenrolled account that needs it reaches no back-office page but the
enrolment; a lost device is removed by the security administrator, audited."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.otp import second_factor_required
from accounts.roles import Role
from audit.models import AuditAction, AuditEntry, AuditOutcome
from tests.factories import UserFactory, staff

pytestmark = pytest.mark.django_db

SETUP = reverse("accounts:otp_setup")
VERIFY = reverse("accounts:otp_verify")


def token(device, at=None):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    if at is not None:
        totp.time = at.timestamp()
    return f"{totp.token():06d}"


def log_in(client, username):
    response = client.post(
        reverse("admin:login"), {"username": username, "password": "demo-pass-123"}
    )
    assert response.status_code == 302, "the password step failed"
    return response


def enrol(client):
    client.get(SETUP)
    device = TOTPDevice.objects.get(confirmed=False)
    response = client.post(SETUP, {"token": token(device)})
    assert response.status_code == 200
    return device, re.findall(r"<code>([0-9a-z]+)</code>", response.content.decode())


def test_who_needs_a_second_factor(office_section):
    required = {
        Role.SYSTEM_ADMIN,
        Role.SECURITY_ADMIN,
        Role.AUDIT_ADMIN,
        Role.OFFICE_REVIEWER,
        Role.LEADER,
    }
    for role in Role:
        assert second_factor_required(staff(role)) == (role in required), role
    assert second_factor_required(staff(Role.SECTION_HEAD, office_section))  # head of office
    assert not second_factor_required(UserFactory())


BACK_OFFICE = [
    "/admin/",
    "/staff/",
    "/review/",
    "/requests/staff/",
    "/admin/audit/auditentry/",
    "/admin/password_change/",
]


@pytest.mark.parametrize("username", ["office", "auditor"])
def test_an_unenrolled_account_that_needs_it_reaches_only_the_enrolment(
    client, username, office, auditor
):
    log_in(client, username)
    for url in BACK_OFFICE:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(SETUP), url
    page = client.get(SETUP)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'src="data:image/svg+xml' in html and "绑定身份验证器" in html
    # Logging out stays possible.
    assert client.post(reverse("admin:logout")).status_code == 200


def test_enrolment_by_qr_code_gives_recovery_codes_once_and_opens_the_back_office(client, office):
    log_in(client, "office")
    html = client.get(SETUP).content.decode()
    device = TOTPDevice.objects.get(user=office, confirmed=False)
    assert "otpauth" not in html  # the QR code carries it, as an image
    wrong = client.post(SETUP, {"token": "000000" if token(device) != "000000" else "111111"})
    assert "动态口令不正确" in wrong.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    # After a wrong code django-otp makes the next try wait (throttling).
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=5), tick=False):
        response = client.post(SETUP, {"token": token(device)})
    codes = re.findall(r"<code>([0-9a-z]+)</code>", response.content.decode())
    assert len(codes) == 10 and len(set(codes)) == 10
    device.refresh_from_db()
    assert device.confirmed
    assert StaticDevice.objects.get(user=office).token_set.count() == 10
    assert client.get("/requests/staff/").status_code == 200
    enrolled = AuditEntry.objects.get(action=AuditAction.OTP_ENROL)
    assert enrolled.actor == office


def test_the_next_login_asks_for_the_code(client, office):
    log_in(client, "office")
    device, _ = enrol(client)
    client.post(reverse("admin:logout"))
    later = timezone.now() + datetime.timedelta(minutes=2)
    with time_machine.travel(later, tick=False):
        log_in(client, "office")
        response = client.get("/requests/staff/")
        assert response.url.startswith(VERIFY)
        bad = client.post(VERIFY, {"token": "12345"})
        assert "动态口令或恢复码不正确" in bad.content.decode()
        failed = AuditEntry.objects.filter(action=AuditAction.LOGIN_FAILED).latest("id")
        assert failed.outcome == AuditOutcome.FAILURE and failed.actor == office
    # After a wrong code django-otp makes the next try wait (throttling).
    later += datetime.timedelta(seconds=5)
    with time_machine.travel(later, tick=False):
        ok = client.post(VERIFY, {"token": token(device, later), "next": "/requests/staff/"})
        assert ok.status_code == 302 and ok.url == "/requests/staff/"
        assert client.get("/requests/staff/").status_code == 200


def test_a_recovery_code_works_once(client, office):
    log_in(client, "office")
    _, codes = enrol(client)
    for attempt in range(2):
        client.post(reverse("admin:logout"))
        log_in(client, "office")
        response = client.post(VERIFY, {"token": codes[0]})
        if attempt == 0:
            assert response.status_code == 302
            assert client.get("/requests/staff/").status_code == 200
        else:
            assert "不正确" in response.content.decode()
            assert client.get("/requests/staff/").status_code == 302


def test_a_next_url_elsewhere_is_not_followed(client, office):
    log_in(client, "office")
    _, codes = enrol(client)
    client.post(reverse("admin:logout"))
    log_in(client, "office")
    response = client.post(VERIFY, {"token": codes[1], "next": "https://evil.example/"})
    assert response.url == reverse("staff_start")


def test_others_are_not_forced_but_may_enrol(client, clerk):
    log_in(client, "clerk")
    assert client.get("/review/").status_code == 200
    device, codes = enrol(client)
    assert device.user == clerk and len(codes) == 10
    client.post(reverse("admin:logout"))
    log_in(client, "clerk")
    # Once enrolled, asked at every login.
    assert client.get("/review/").url.startswith(VERIFY)


def test_anonymous_visitors_are_sent_to_the_login(client):
    for url in (SETUP, VERIFY):
        response = client.get(url)
        assert response.status_code == 302 and reverse("admin:login") in response.url


# --- a lost device -----------------------------------------------------------------------


def test_the_security_administrator_removes_a_lost_device_audited(client, office):
    device = TOTPDevice.objects.create(user=office, name="身份验证器", confirmed=True)
    security = staff(Role.SECURITY_ADMIN)
    client.force_login(security)
    page = client.get(reverse("admin:otp_totp_totpdevice_change", args=[device.pk]))
    assert page.status_code == 200
    assert device.key not in page.content.decode()  # nobody copies a device from here
    response = client.post(
        reverse("admin:otp_totp_totpdevice_delete", args=[device.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(pk=device.pk).exists()
    reset = AuditEntry.objects.get(action=AuditAction.OTP_RESET)
    assert reset.actor == security and reset.target_id == str(office.pk)


@pytest.mark.parametrize("role", [Role.SYSTEM_ADMIN, Role.AUDIT_ADMIN, Role.OFFICE_REVIEWER])
def test_nobody_else_removes_or_sees_devices(client, office, role):
    device = TOTPDevice.objects.create(user=office, name="身份验证器", confirmed=True)
    client.force_login(staff(role))
    assert client.get(reverse("admin:otp_totp_totpdevice_changelist")).status_code == 403
    client.post(reverse("admin:otp_totp_totpdevice_delete", args=[device.pk]), {"post": "yes"})
    assert TOTPDevice.objects.filter(pk=device.pk).exists()
    assert not AuditEntry.objects.filter(action=AuditAction.OTP_RESET).exists()


def test_test_logins_of_staff_are_verified(client, office):
    """The helper the other tests rely on: force_login gives a verified session."""
    client.force_login(office)
    assert client.get("/requests/staff/").status_code == 200


def test_the_staff_navigation_waits_for_the_second_factor(client, office):
    log_in(client, "office")
    html = client.get(SETUP).content.decode()
    assert "依申请办理" not in html and "管理后台" not in html
    client.force_login(office)
    assert "依申请办理" in client.get("/").content.decode()
