"""Browser journeys: Playwright drives Debian's Chromium against a live gunicorn
serving the demo bureau (tests/browser/server.py).

Skipped, with one line (test_vendor.py), where Chromium is not installed or
BROWSER_TESTS=0 (CI's PostgreSQL pass: the journeys run on SQLite only). Every
xdist worker that runs journeys starts one server (its own port; the prepared
database is shared, tests/browser/server.py) and one browser for its session."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from tests.browser import audit
from tests.browser.marks import MODE_COOKIES
from tests.browser.server import CHROMIUM, LiveServer, skip_reason
from tests.browser.visitor import Visitor

SKIP_REASON = skip_reason()
if SKIP_REASON:
    # One skip line (test_vendor.py says why) instead of one per journey.
    collect_ignore = [p.name for p in Path(__file__).parent.glob("test_*.py")]
    collect_ignore.remove("test_vendor.py")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.browser_call_failed = report.failed
    return report


# Documentation addresses (RFC 5737), one per browser context: another client each.
_client_addresses = (f"198.51.100.{n % 250 + 1}" for n in itertools.count())


@pytest.fixture(scope="session")
def portal_server(tmp_path_factory):
    server = LiveServer(tmp_path_factory.mktemp("portal"))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-dev-shm-usage"],
        )
        yield browser
        browser.close()


@pytest.fixture
def width(request) -> int:
    return getattr(request, "param", 1366)


@pytest.fixture
def mode(request) -> str:
    return getattr(request, "param", "standard")


@pytest.fixture
def visitor(request, portal_server, chromium, width, mode):
    """A fresh browser context (no cookies) at `width` in display `mode`; a full
    page screenshot goes to var/browser-screenshots/ when the test fails."""
    context = chromium.new_context(
        viewport={"width": width, "height": 800},
        extra_http_headers={"X-Forwarded-For": next(_client_addresses)},
        locale="zh-CN",
        timezone_id="Asia/Shanghai",
        accept_downloads=True,
    )
    cookies = [
        {"name": name, "value": value, "url": portal_server.url}
        for name, value in MODE_COOKIES[mode].items()
    ]
    if cookies:
        context.add_cookies(cookies)
    context.set_default_timeout(20_000)
    page = context.new_page()
    person = Visitor(
        page=page,
        base_url=portal_server.url,
        width=width,
        mode=mode,
        name=audit.slug(request.node.name),
        mode_cookies=cookies,
    )
    yield person
    if getattr(request.node, "browser_call_failed", False):
        from playwright.sync_api import Error as PlaywrightError

        try:
            path = audit.screenshot(page, f"FAILED-{request.node.name}")
            print(f"screenshot: {path.relative_to(audit.SCREENSHOTS.parents[1])}")
        except PlaywrightError as exc:  # a crashed page: the failure itself matters more
            print(f"no screenshot: {exc}")
    context.close()
