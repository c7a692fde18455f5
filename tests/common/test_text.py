"""`plain_text`: the visible text of a sanitized body, as Django's HTML-parsing
`strip_tags` would give it, from one regular expression."""

import html

import pytest
from django.utils.html import strip_tags

from common.sanitize import clean_html
from common.text import _BLOCK_TAG, _SPACES, plain_text

BODIES = [
    "<p>关于做好<strong>2026年</strong>稳岗返还工作的通知</p><p>各乡镇：</p>",
    "<table><tr><td>姓名</td><td>王某</td></tr></table>",
    '<p><a href="https://example.gov.cn/?a=1&amp;b=2" title="a&gt;b">链接</a>后文</p>',
    "<p>3 &lt; 5 且 5 &gt; 3，&amp;符号&nbsp;保留</p>",
    "<ul><li>第一条</li><li>第二条<br>续行</li></ul>",
    "<h2>一、总则</h2><blockquote>引文</blockquote><pre>  代码  </pre>",
    "纯文本，没有标签",
    "",
]


def _parsed(body: str) -> str:
    """What plain_text gave with Django's parser-based strip_tags."""
    spaced = _BLOCK_TAG.sub(" <", body)
    return _SPACES.sub(" ", html.unescape(strip_tags(spaced))).strip()


@pytest.mark.parametrize("raw", BODIES)
def test_plain_text_matches_the_html_parser_on_sanitized_bodies(raw):
    body = clean_html(raw)
    assert plain_text(body) == _parsed(body)


def test_plain_text_keeps_cells_and_paragraphs_apart():
    assert plain_text("<p>甲</p><p>乙</p><table><tr><td>丙</td><td>丁</td></tr></table>") == (
        "甲 乙 丙 丁"
    )


def test_a_quoted_greater_than_sign_does_not_end_a_tag():
    assert plain_text('<a title="x>y" href="/">正文</a>') == "正文"


def test_plain_text_matches_the_html_parser_on_generated_bodies():
    import random

    from disclosure.synthetic import item_fields

    rng = random.Random(7)
    for n in range(200):
        body = clean_html(item_fields(n, rng)["body"])
        assert plain_text(body) == _parsed(body)
