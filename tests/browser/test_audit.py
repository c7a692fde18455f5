"""The checks every journey relies on find what they are meant to find: axe-core's
serious and critical violations (with rule, help and targets in the message) and
a page wider than the window; a clean page passes both."""

import pytest

from tests.browser import audit
from tests.browser.visitor import Visitor

CLEAN = """<!doctype html><html lang="zh-CN"><head><title>干净的页面</title></head>
<body><main><h1>标题</h1><p>正文内容。</p></main></body></html>"""
WIDE = CLEAN.replace("<p>正文内容。</p>", '<p style="width:400px">正文内容。</p>')
FAULTY = """<!doctype html><html lang="zh-CN"><head><title>有问题的页面</title></head>
<body style="margin:0"><main><h1>标题</h1><p style="color:#bbb">浅灰色的文字</p>
<form><input type="text" name="q"></form><div style="width:400px">宽</div></main></body></html>"""


@pytest.fixture
def phone_page(chromium):
    context = chromium.new_context(viewport={"width": 360, "height": 640})
    yield context.new_page()
    context.close()


def test_a_clean_page_passes(phone_page):
    phone_page.set_content(CLEAN)
    assert audit.axe_violations(phone_page) == []
    assert audit.sideways_overflow(phone_page) == 0


def test_serious_and_critical_violations_are_found(phone_page):
    phone_page.set_content(FAULTY)
    found = {v["id"]: v for v in audit.axe_violations(phone_page)}
    assert {"color-contrast", "label"} <= set(found)
    assert found["label"]["impact"] == "critical"
    message = audit.format_violations(list(found.values()))
    assert "color-contrast" in message and "input" in message


def test_a_page_wider_than_a_phone_is_found(phone_page):
    phone_page.set_content(FAULTY)
    assert audit.sideways_overflow(phone_page) == 40


def test_the_journeys_check_fails_on_a_faulty_page(phone_page):
    visitor = Visitor(page=phone_page, base_url="", width=360, mode="standard", name="audit")
    phone_page.set_content(CLEAN)
    visitor.check()
    phone_page.set_content(FAULTY)
    with pytest.raises(AssertionError, match="color-contrast"):
        visitor.check()
    phone_page.set_content(WIDE)
    with pytest.raises(AssertionError, match=r"scrolls sideways by \d+ px"):
        visitor.check()
