"""When the database does not answer: 503 with Retry-After and the Chinese page (not
500), from a view or from a middleware alike; public pages in the shared page cache
keep being served. The whole stack against a stopped PostgreSQL: `make faults`."""

from unittest import mock

import pytest
from django.db import InterfaceError, OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client, override_settings
from django.urls import reverse

from portal.views import RETRY_AFTER_SECONDS, _database_unavailable
from tests.factories import ItemFactory

pytestmark = pytest.mark.django_db

LOCAL_CACHE = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


def database_down(error=OperationalError):
    """Every new cursor fails as it does when PostgreSQL refuses connections."""
    return mock.patch.object(
        BaseDatabaseWrapper,
        "ensure_connection",
        side_effect=error('connection to server at "127.0.0.1", port 5432 failed'),
    )


def client() -> Client:
    return Client(raise_request_exception=False)


def assert_503(response):
    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert response["Cache-Control"] == "no-store"
    page = response.content.decode()
    assert "服务暂时不可用" in page and "请稍后重新提交" in page
    assert "OperationalError" not in page and "5432" not in page


@override_settings(CACHES=LOCAL_CACHE)
@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_a_public_page_answers_503_when_the_database_is_down(error):
    with database_down(error):
        response = client().get(reverse("disclosure:catalogue"))
    assert_503(response)


@override_settings(CACHES=LOCAL_CACHE)
def test_a_submission_answers_503_and_says_to_send_again():
    with database_down():
        response = client().post(reverse("requests_app:apply"), {"applicant_name": "张三"})
    assert_503(response)


@override_settings(CACHES=LOCAL_CACHE)
def test_a_middleware_that_needs_the_database_answers_503_too(office):
    visitor = client()
    visitor.force_login(office)  # the session lives in the database
    with database_down():
        response = visitor.get(reverse("review:dashboard"))
    assert_503(response)


@override_settings(CACHES=LOCAL_CACHE)
def test_cached_public_pages_keep_being_served():
    item = ItemFactory(published=True, title="关于第一批补贴的通知")
    visitor = client()
    url = reverse("disclosure:item", args=[item.pk])
    assert visitor.get(url)["X-Page-Cache"] == "miss"
    with database_down():
        response = visitor.get(url)
        assert response.status_code == 200 and response["X-Page-Cache"] == "hit"
        assert "关于第一批补贴的通知" in response.content.decode()
        # A page not in the cache cannot be made: 503.
        assert_503(visitor.get(reverse("disclosure:catalogue")))


@override_settings(CACHES=LOCAL_CACHE)
def test_other_errors_stay_500():
    with mock.patch("portal.views.selectors.top_columns_with_latest", side_effect=KeyError("x")):
        response = client().get(reverse("home"))
    assert response.status_code == 500 and "Retry-After" not in response
    assert "系统繁忙" in response.content.decode()


def test_a_database_error_wrapped_in_another_is_recognised():
    try:
        try:
            raise OperationalError("server closed the connection unexpectedly")
        except OperationalError as inner:
            raise RuntimeError("template failed") from inner
    except RuntimeError as outer:
        assert _database_unavailable(outer)
    assert not _database_unavailable(ValueError("x"))
    assert not _database_unavailable(None)
