import pytest
from django.test import RequestFactory

from portal.ratelimit import Limit, attempts, client_address, hit


@pytest.mark.django_db
def test_hit_allows_up_to_the_limit_then_refuses():
    limit = Limit("t", count=3, seconds=60)
    assert [hit(limit, "1.2.3.4") for _ in range(5)] == [True, True, True, False, False]
    assert attempts(limit, "1.2.3.4") == 5
    assert hit(limit, "5.6.7.8") is True  # another client has its own count


def test_client_address_ignores_forwarded_for_without_trusted_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR="9.9.9.9", REMOTE_ADDR="10.0.0.1")
    assert client_address(request) == "10.0.0.1"


def test_client_address_uses_address_seen_by_trusted_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    request = RequestFactory().get(
        "/", HTTP_X_FORWARDED_FOR="6.6.6.6, 9.9.9.9", REMOTE_ADDR="10.0.0.1"
    )
    assert client_address(request) == "9.9.9.9"
