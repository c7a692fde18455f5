import pytest
from django.test import RequestFactory

from common.ratelimit import Limit, attempts, client_address, hit


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


def test_client_digest_is_keyed_stable_and_apart_per_purpose(settings):
    from common.ratelimit import client_digest

    digest = client_digest("203.0.113.7", purpose="a")
    assert digest == client_digest("203.0.113.7", purpose="a")
    assert "203.0.113.7" not in digest and len(digest) == 64
    assert digest != client_digest("203.0.113.7", purpose="b")
    settings.SECRET_KEY = "another-secret-key-for-this-test-only-0123456789"
    assert digest != client_digest("203.0.113.7", purpose="a")  # keyed: not a plain hash


@pytest.mark.django_db
def test_the_cache_never_holds_the_address_or_number_a_limit_counts(monkeypatch):
    from common import ratelimit

    keys = []
    monkeypatch.setattr(ratelimit.cache, "add", lambda key, *a, **k: keys.append(key) or True)
    ratelimit.hit(Limit("t", count=3, seconds=60), "203.0.113.7")
    ratelimit.hit(Limit("t", count=3, seconds=60), "YSQ202600001")
    assert len(keys) == 2
    assert not any("203.0.113.7" in key or "YSQ202600001" in key for key in keys)


def test_a_forwarded_value_that_is_no_address_is_not_trusted(settings):
    from common.ratelimit import client_ip

    settings.TRUSTED_PROXY_COUNT = 1
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR="<script>", REMOTE_ADDR="10.0.0.1")
    assert client_address(request) == "10.0.0.1"
    assert client_ip(request) == "10.0.0.1"


def test_client_ip_is_none_without_an_address():
    from common.ratelimit import client_ip

    request = RequestFactory().get("/")
    del request.META["REMOTE_ADDR"]
    assert client_address(request) == "unknown"
    assert client_ip(request) is None


def test_the_login_lockout_uses_the_same_address_function(settings):
    assert settings.AXES_CLIENT_IP_CALLABLE == "common.ratelimit.client_ip"
