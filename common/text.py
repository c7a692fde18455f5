"""Plain text of the portal's rich-text bodies (search, excerpts, feeds, the index).

Bodies are stored sanitized (`common.sanitize.clean_html`: well-formed, no comments,
a literal "<" written as "&lt;"), so a tag is everything from "<" to the next ">"
outside a quoted attribute value: one regular expression, where Django's
`strip_tags` runs an HTML parser (a search page's excerpts spent a third of its
time there)."""

import html
import re

_SPACES = re.compile(r"[\s\u3000]+")  # ASCII and full-width (ideographic) spaces

# Tags that separate what they hold from what follows: without a space there,
# "<td>姓名</td><td>王某</td>" or two paragraphs would run together as one word.
_BLOCK_TAG = re.compile(
    r"<(?=/?(?:p|div|br|li|tr|td|th|h[1-6]|table|thead|tbody|ul|ol|dt|dd|blockquote|pre|hr)\b)",
    re.IGNORECASE,
)


_TAG = re.compile(r"""<(?:[^>"']|"[^"]*"|'[^']*')*>""")


def plain_text(body_html: str) -> str:
    """The visible text of a rich-text body, on one line; table cells, paragraphs and
    list entries stay apart."""
    spaced = _BLOCK_TAG.sub(" <", body_html or "")
    return _SPACES.sub(" ", html.unescape(_TAG.sub("", spaced))).strip()
