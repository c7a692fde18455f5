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
