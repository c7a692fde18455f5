"""长者模式, the 无障碍声明 and the accessibility basics of every public page
(GB/T 37668-2019, WCAG 2.1 AA, 适老化; portal/accessibility.py, docs/accessibility.md)."""

import re
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.urls import reverse

from portal.accessibility import ELDER_COOKIE, ELDER_COOKIE_MAX_AGE
from tests.factories import ItemFactory

pytestmark = pytest.mark.django_db

ELDER = reverse("elder_mode")
STATEMENT = reverse("accessibility")
MARK = b'<html lang="zh-CN" class="elder-mode">'
CSS = Path(settings.BASE_DIR) / "static" / "css"


@pytest.fixture
def item(organisation):
    return ItemFactory(published=True, title="关于第一批补贴的通知")


def public_urls(item):
    return [
        reverse("home"),
        reverse("disclosure:catalogue"),
        reverse("disclosure:column", args=[item.column.slug]),
        reverse("disclosure:item", args=[item.pk]),
        reverse("disclosure:search") + "?q=%E9%80%9A%E7%9F%A5",
        reverse("contact"),
        reverse("statement"),
        reverse("site_map"),
        reverse("correction"),
        reverse("requests_app:apply"),
        reverse("requests_app:track"),
        reverse("consultations:list"),
        reverse("enquiries:ask"),
        reverse("reports:guide"),
        STATEMENT,
    ]


def _rules(name: str) -> dict[str, str]:
    text = re.sub(r"/\*.*?\*/", "", (CSS / name).read_text(), flags=re.S)
    return {" ".join(sel.split()): body for sel, body in re.findall(r"([^{}]+)\{([^{}]*)\}", text)}


def _rule_for(rules: dict[str, str], selector: str) -> str:
    """The declarations of every rule whose selector list names `selector`."""
    return " ".join(
        body for sel, body in rules.items() if selector in [s.strip() for s in sel.split(",")]
    )


# -- The switch --------------------------------------------------------------------


def test_every_public_page_has_the_switch_skip_link_and_footer_link(client, item):
    for url in public_urls(item):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        switch = f'href="{ELDER}?on=1&amp;next={quote(url, safe="/")}'
        assert switch in html, url
        assert ">长者模式<" in html and "（未开启" in html, url
        assert '<html lang="zh-CN">' in html, url
        assert '<a class="skip-link" href="#main">跳到主要内容</a>' in html, url
        assert '<main id="main"' in html, url
        assert f'href="{STATEMENT}">无障碍声明</a>' in html, url
        assert "elder.css" not in html, url


def test_switching_on_sets_a_cookie_for_a_year_and_goes_back(client, item):
    target = reverse("disclosure:item", args=[item.pk])
    response = client.get(ELDER, {"on": "1", "next": target})
    assert response.status_code == 302 and response.url == target
    cookie = response.cookies[ELDER_COOKIE]
    assert cookie.value == "1"
    assert int(cookie["max-age"]) == ELDER_COOKIE_MAX_AGE == 365 * 24 * 3600
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert response["Cache-Control"] == "no-store"
    html = client.get(target).content.decode()
    assert '<html lang="zh-CN" class="elder-mode">' in html
    assert "css/elder.css" in html
    assert f'href="{ELDER}?on=0&amp;next=' in html
    assert ">退出长者模式<" in html and "（长者模式已开启）" in html


def test_switching_off_deletes_the_cookie(client):
    client.cookies[ELDER_COOKIE] = "1"
    response = client.get(ELDER, {"on": "0", "next": reverse("contact")})
    assert response.status_code == 302 and response.url == reverse("contact")
    assert response.cookies[ELDER_COOKIE].value == ""
    assert response.cookies[ELDER_COOKIE]["max-age"] == 0
    html = client.get(reverse("contact")).content.decode()
    assert 'class="elder-mode"' not in html and ">长者模式<" in html


def test_without_on_the_link_toggles(client):
    first = client.get(ELDER, {"next": "/"})
    assert first.cookies[ELDER_COOKIE].value == "1"
    second = client.get(ELDER, {"next": "/"})
    assert second.cookies[ELDER_COOKIE].value == ""


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/path",
        "http://evil.example",
        "javascript:alert(1)",
        "\\\\evil.example",
        "",
    ],
)
def test_next_must_be_a_page_of_this_site(client, target):
    response = client.get(ELDER, {"on": "1", "next": target})
    assert response.status_code == 302
    assert response.url == reverse("home") == "/"
    # The mode is still switched: only the destination is refused.
    assert response.cookies[ELDER_COOKIE].value == "1"


def test_next_cannot_inject_a_header(client):
    response = client.get(ELDER, {"on": "1", "next": "/a\r\nSet-Cookie: sessionid=x"})
    assert response.status_code == 302
    assert "\n" not in response["Location"] and "\r" not in response["Location"]
    assert set(response.cookies) == {ELDER_COOKIE}


def test_next_keeps_the_query_of_a_page(client):
    target = reverse("disclosure:search") + "?q=%E9%80%9A%E7%9F%A5&page=2"
    assert client.get(ELDER, {"on": "1", "next": target}).url == target


def test_the_switch_is_a_get_only(client):
    assert client.post(ELDER, {"on": "1"}).status_code == 405


# -- The shared page cache ------------------------------------------------------------


def test_the_page_cache_keeps_a_copy_per_mode(client, item):
    url = reverse("disclosure:item", args=[item.pk])
    normal = client.get(url)
    client.cookies[ELDER_COOKIE] = "1"
    elder = client.get(url)
    elder_again = client.get(url)
    del client.cookies[ELDER_COOKIE]
    normal_again = client.get(url)
    assert normal["X-Page-Cache"] == elder["X-Page-Cache"] == "miss"
    assert elder_again["X-Page-Cache"] == normal_again["X-Page-Cache"] == "hit"
    assert MARK in elder.content and MARK in elder_again.content
    assert MARK not in normal.content and MARK not in normal_again.content
    assert normal.content == normal_again.content and elder.content == elder_again.content
    assert normal["ETag"] != elder["ETag"]
    for response in (normal, elder, elder_again, normal_again):
        assert "Cookie" in response["Vary"]


def test_a_304_never_hands_one_mode_s_page_to_the_other(client, item):
    url = reverse("disclosure:item", args=[item.pk])
    normal = client.get(url)
    client.get(url)  # the normal copy is cached
    client.cookies[ELDER_COOKIE] = "1"
    # The browser still holds the normal page and asks with its validators.
    by_etag = client.get(url, HTTP_IF_NONE_MATCH=normal["ETag"])
    assert by_etag.status_code == 200 and MARK in by_etag.content
    by_date = client.get(url, HTTP_IF_MODIFIED_SINCE=normal["Last-Modified"])
    assert by_date.status_code == 200 and MARK in by_date.content
    # Its own ETag does give a 304.
    assert client.get(url, HTTP_IF_NONE_MATCH=by_etag["ETag"]).status_code == 304
    # And back in normal mode, the elder page's ETag is no use.
    del client.cookies[ELDER_COOKIE]
    back = client.get(url, HTTP_IF_NONE_MATCH=by_etag["ETag"])
    assert back.status_code == 200 and MARK not in back.content


def test_the_cache_varies_on_the_cookie_by_setting():
    assert ELDER_COOKIE in settings.PAGE_CACHE_VARY_COOKIES


# -- The stylesheet --------------------------------------------------------------------


def test_elder_css_is_served(client):
    response = client.get(settings.STATIC_URL + "css/elder.css")
    assert response.status_code == 200
    assert b"html.elder-mode" in b"".join(response.streaming_content)


def test_elder_css_enlarges_text_contrast_and_targets():
    rules = _rules("elder.css")
    root = rules["html.elder-mode"]
    assert "font-size: 20px" in root and "--ink: #000" in root
    assert "background: #fff" in rules["html.elder-mode body"]
    assert (
        "text-decoration: underline"
        in rules["html.elder-mode main a, html.elder-mode .site-footer a"]
    )
    # Small print is at least 18 px (.9rem of 20 px).
    for selector in (".help", ".meta", ".doc-meta", ".article-info", ".breadcrumbs", ".pager"):
        assert "font-size: .9rem" in _rule_for(rules, f"html.elder-mode {selector}"), selector
    for selector in (
        "html.elder-mode .main-nav a",
        "html.elder-mode .breadcrumbs a",
        "html.elder-mode button",
        "html.elder-mode select",
        "html.elder-mode input[type=file]",
    ):
        height = re.search(r"min-height: (\d+)px", _rule_for(rules, selector))
        assert height and int(height.group(1)) >= 44, selector
    # One column.
    for selector in (
        "html.elder-mode .home-grid",
        "html.elder-mode .with-sidebar",
        "html.elder-mode .form-grid",
    ):
        assert "grid-template-columns: minmax(0, 1fr)" in _rule_for(rules, selector), selector


def test_focus_is_visible_everywhere():
    assert "outline: 3px solid" in _rules("portal.css")[":focus-visible"]


# -- The statement -----------------------------------------------------------------------


def test_the_statement_says_what_it_must(client, organisation):
    response = client.get(STATEMENT)
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        "无障碍声明",
        "GB/T 37668-2019",
        "WCAG",
        "2.1 AA",
        "适老化",
        "长者模式",
        "跳到主要内容",
        "Tab",
        "PDF",
        "无障碍版本",
        "最近一次评估时间",
        '<time datetime="2026-12-05">2026年12月5日</time>',
    ):
        assert text in html, text
    # A barrier is reported to the bureau through its contact page.
    assert f'href="{reverse("contact")}">联系我们</a>' in html
