import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _login(client, password):
    return client.post(
        reverse("admin:login"), {"username": "bob", "password": password}, REMOTE_ADDR="10.1.1.1"
    )


def test_account_is_locked_after_five_failures(client, settings):
    settings.AXES_ENABLED = True
    UserFactory(username="bob")
    # Four failures show the login form again; the fifth locks the account out.
    assert [_login(client, "wrong-password").status_code for _ in range(5)] == [200] * 4 + [429]
    response = _login(client, "demo-pass-123")
    assert response.status_code == 429
    assert "登录失败次数过多" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_four_failures_do_not_lock(client, settings):
    settings.AXES_ENABLED = True
    UserFactory(username="bob")
    for _ in range(4):
        _login(client, "wrong-password")
    response = _login(client, "demo-pass-123")
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_session_expires_after_thirty_idle_minutes(settings):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True


# --- behind the reverse proxy: the real client's address ---------------------------------

PROXY = "127.0.0.1"


def login_via_proxy(client, username, password, client_ip, spoofed=""):
    """A login through one trusted proxy, which appends the address it saw."""
    forwarded = f"{spoofed}, {client_ip}" if spoofed else client_ip
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded,
    )


@pytest.fixture
def behind_proxy(settings):
    settings.AXES_ENABLED = True
    settings.TRUSTED_PROXY_COUNT = 1


def test_an_attacker_behind_the_proxy_locks_only_themselves_out(client, behind_proxy):
    UserFactory(username="bob")
    statuses = [
        login_via_proxy(client, "bob", "wrong-password", "203.0.113.66").status_code
        for _ in range(5)
    ]
    assert statuses == [200] * 4 + [429]
    # The owner, from their own address through the same proxy, is not locked out.
    response = login_via_proxy(client, "bob", "demo-pass-123", "10.1.1.1")
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_a_spoofed_forwarded_for_does_not_escape_the_lockout(client, behind_proxy):
    UserFactory(username="bob")
    for n in range(5):
        login_via_proxy(client, "bob", "wrong-password", "203.0.113.66", spoofed=f"1.1.1.{n}")
    response = login_via_proxy(client, "bob", "demo-pass-123", "203.0.113.66", spoofed="9.9.9.9")
    assert response.status_code == 429


def test_without_a_trusted_proxy_the_forwarded_header_is_ignored(client, settings):
    settings.AXES_ENABLED = True
    settings.TRUSTED_PROXY_COUNT = 0
    UserFactory(username="bob")
    for n in range(5):
        client.post(
            reverse("admin:login"),
            {"username": "bob", "password": "wrong-password"},
            REMOTE_ADDR="203.0.113.66",
            HTTP_X_FORWARDED_FOR=f"10.0.0.{n}",
        )
    response = client.post(
        reverse("admin:login"),
        {"username": "bob", "password": "demo-pass-123"},
        REMOTE_ADDR="203.0.113.66",
        HTTP_X_FORWARDED_FOR="10.0.0.99",
    )
    assert response.status_code == 429


def test_lockout_records_and_the_audit_log_hold_the_real_address(client, behind_proxy):
    from axes.models import AccessAttempt

    from audit.models import AuditAction, AuditEntry

    UserFactory(username="bob")
    login_via_proxy(client, "bob", "wrong-password", "203.0.113.66", spoofed="8.8.8.8")
    assert AccessAttempt.objects.get().ip_address == "203.0.113.66"
    assert AuditEntry.objects.get(action=AuditAction.LOGIN_FAILED).ip_address == "203.0.113.66"


def test_a_malformed_forwarded_address_falls_back_to_the_peer(client, behind_proxy):
    from axes.models import AccessAttempt

    UserFactory(username="bob")
    response = login_via_proxy(client, "bob", "wrong-password", "not-an-address")
    assert response.status_code == 200
    assert AccessAttempt.objects.get().ip_address == PROXY


# --- password spraying: one address, many usernames -----------------------------------------


def test_one_address_trying_many_usernames_is_locked_out(client, behind_proxy, settings):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 8
    UserFactory(username="bob")
    for n in range(8):  # one failure per username: no account reaches its own limit
        assert login_via_proxy(client, f"user{n}", "Spring-2026", "203.0.113.66").status_code == 200
    response = login_via_proxy(client, "bob", "demo-pass-123", "203.0.113.66")
    assert response.status_code == 429
    text = response.content.decode()
    assert "登录失败次数过多" in text and "安全保密管理员" in text
    assert "_auth_user_id" not in client.session
    # Another address is not affected.
    assert login_via_proxy(client, "bob", "demo-pass-123", "10.1.1.1").status_code == 302


def test_fewer_failures_than_the_address_limit_do_not_lock(client, behind_proxy, settings):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 8
    UserFactory(username="bob")
    for n in range(7):
        login_via_proxy(client, f"user{n}", "Spring-2026", "203.0.113.66")
    assert login_via_proxy(client, "bob", "demo-pass-123", "203.0.113.66").status_code == 302


def test_the_lockout_message_names_who_unlocks(client, settings):
    settings.AXES_ENABLED = True
    UserFactory(username="bob")
    for _ in range(5):
        response = _login(client, "wrong-password")
    assert response.status_code == 429
    assert "安全保密管理员" in response.content.decode()
