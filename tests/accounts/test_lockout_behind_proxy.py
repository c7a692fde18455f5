"""Behind nginx every request comes from nginx's address: the lockout counts the
client's address that nginx passes on (common.ratelimit.client_address), like the
rate limits and the audit log do, never REMOTE_ADDR alone."""

import pytest
from django.urls import reverse

from audit.models import AuditEntry
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
NGINX = "127.0.0.1"


def _login(client, password, *, client_ip):
    return client.post(
        reverse("admin:login"),
        {"username": "bob", "password": password},
        REMOTE_ADDR=NGINX,
        HTTP_X_FORWARDED_FOR=client_ip,
    )


@pytest.fixture
def behind_nginx(settings):
    settings.AXES_ENABLED = True
    settings.TRUSTED_PROXY_COUNT = 1
    UserFactory(username="bob")


def test_one_client_locked_out_does_not_lock_out_the_others(client, behind_nginx):
    for _ in range(5):
        _login(client, "wrong-password", client_ip="203.0.113.7")
    assert _login(client, "demo-pass-123", client_ip="203.0.113.7").status_code == 429
    # Same nginx, another client: the account still works from there.
    assert _login(client, "demo-pass-123", client_ip="198.51.100.20").status_code == 302


def test_the_lockout_and_the_audit_log_record_the_clients_address(client, behind_nginx):
    _login(client, "wrong-password", client_ip="203.0.113.7")
    from axes.models import AccessAttempt

    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["203.0.113.7"]
    entry = AuditEntry.objects.get(action="login_failed")
    assert entry.ip_address == "203.0.113.7"


def test_without_a_trusted_proxy_a_forged_header_is_ignored(client, settings):
    settings.AXES_ENABLED = True
    settings.TRUSTED_PROXY_COUNT = 0
    UserFactory(username="bob")
    for n in range(5):
        _login(client, "wrong-password", client_ip=f"203.0.113.{n}")
    # Five different forged addresses, one real one: locked.
    assert _login(client, "demo-pass-123", client_ip="198.51.100.1").status_code == 429
