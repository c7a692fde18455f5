"""The portal as a channel of the county portal (国办发〔2017〕47号): served under a path
of the county's domain (settings.URL_PREFIX → FORCE_SCRIPT_NAME), every link, static
file, feed, sitemap entry and cookie carries the prefix."""

import pytest
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse, set_script_prefix

from common.env import env_url_prefix
from tests.factories import ColumnFactory, ItemFactory

PREFIX = "/rsj"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("", ""), ("/", ""), ("rsj", "/rsj"), ("/rsj/", "/rsj"), ("/zwgk/rsj", "/zwgk/rsj")],
)
def test_the_prefix_setting_is_normalised(monkeypatch, raw, expected):
    monkeypatch.setenv("URL_PREFIX", raw)
    assert env_url_prefix("URL_PREFIX") == expected


@pytest.mark.parametrize("raw", ["/rsj?x=1", "/r sj", '/rsj"', "/rsj;path=/", "/人社", "/rsj//x"])
def test_a_prefix_unsafe_in_urls_or_cookies_is_refused(monkeypatch, raw):
    monkeypatch.setenv("URL_PREFIX", raw)
    with pytest.raises(ImproperlyConfigured):
        env_url_prefix("URL_PREFIX")


@pytest.fixture
def prefixed(settings):
    settings.URL_PREFIX = PREFIX
    settings.FORCE_SCRIPT_NAME = PREFIX
    settings.STATIC_URL = f"{PREFIX}/static/"
    settings.SESSION_COOKIE_PATH = settings.CSRF_COOKIE_PATH = f"{PREFIX}/"
    cache.clear()
    # What the WSGI handler does on every request from FORCE_SCRIPT_NAME (Django's
    # test client skips it; test_the_wsgi_handler_applies_the_prefix goes through it).
    set_script_prefix(PREFIX)
    yield
    set_script_prefix("/")  # later tests expect the default
    cache.clear()


@pytest.mark.django_db
def test_pages_links_static_files_feeds_and_sitemaps_carry_the_prefix(
    client, prefixed, organisation
):
    column = ColumnFactory(name="就业创业", slug="jiuye")
    item = ItemFactory(published=True, column=column, title="关于举办招聘会的通知")
    # The proxy strips the prefix: the application sees the path below it.
    home = client.get("/").content.decode()
    assert f'href="{PREFIX}/static/css/portal.css' in home
    assert f'href="{PREFIX}/catalogue/"' in home  # navigation
    assert f'href="{PREFIX}/items/{item.pk}/"' in home  # latest items
    assert f'href="{PREFIX}/statement/"' in home  # footer
    assert f'action="{PREFIX}/search/"' in home
    assert 'href="/catalogue/"' not in home and 'href="/static/' not in home
    assert reverse("disclosure:item", args=[item.pk]) == f"{PREFIX}/items/{item.pk}/"

    feed = client.get("/feeds/latest.xml").content.decode()
    assert f"http://testserver{PREFIX}/items/{item.pk}/" in feed
    assert f"http://testserver{PREFIX}/items/" in feed
    index = client.get("/sitemap.xml").content.decode()
    assert f"http://testserver{PREFIX}/sitemap-" in index
    section = client.get("/sitemap-items.xml").content.decode()
    assert f"http://testserver{PREFIX}/items/{item.pk}/" in section

    response = client.get("/correction/")  # a form page sets the CSRF cookie
    assert response.cookies["csrftoken"]["path"] == f"{PREFIX}/"
    response = client.post(
        "/correction/", {"kind": "other", "description": "页面显示异常，请检查。"}
    )
    assert response["Location"] == f"{PREFIX}/correction/thanks/"


@pytest.mark.django_db
def test_the_session_cookie_stays_on_the_portal_path(client, prefixed, office):
    response = client.post(
        "/admin/login/",
        {"username": office.username, "password": "demo-pass-123", "next": reverse("admin:index")},
    )
    assert response.status_code == 302 and response["Location"] == f"{PREFIX}/admin/"
    assert response.cookies["sessionid"]["path"] == f"{PREFIX}/"


def _wsgi_get(path: str) -> tuple[str, list[tuple[str, str]], str]:
    """GET `path` through Django's WSGI handler, as gunicorn calls it behind the
    county's proxy (which strips the prefix from PATH_INFO)."""
    from wsgiref.util import setup_testing_defaults

    from django.core.handlers.wsgi import WSGIHandler
    from django.core.signals import request_started
    from django.db import close_old_connections

    environ: dict = {"PATH_INFO": path, "HTTP_HOST": "testserver", "SERVER_NAME": "testserver"}
    setup_testing_defaults(environ)
    captured: dict = {}

    def start_response(status, headers, exc_info=None):
        captured["status"], captured["headers"] = status, headers

    # As the test client does: keep the test's database connection open.
    request_started.disconnect(close_old_connections)
    try:
        body = b"".join(WSGIHandler()(environ, start_response)).decode()
    finally:
        request_started.connect(close_old_connections)
    return captured["status"], captured["headers"], body


@pytest.mark.django_db
def test_the_wsgi_handler_applies_the_prefix(settings, organisation):
    settings.FORCE_SCRIPT_NAME = PREFIX
    settings.STATIC_URL = f"{PREFIX}/static/"
    settings.CSRF_COOKIE_PATH = f"{PREFIX}/"
    cache.clear()
    try:
        status, _headers, body = _wsgi_get("/")
        assert status.startswith("200")
        assert f'href="{PREFIX}/catalogue/"' in body
        assert f'href="{PREFIX}/static/css/portal.css' in body
        status, headers, _body = _wsgi_get("/correction/")
        cookies = [value for name, value in headers if name == "Set-Cookie"]
        assert any(c.startswith("csrftoken=") and f"Path={PREFIX}/" in c for c in cookies)
    finally:
        set_script_prefix("/")
        cache.clear()
