"""Absolute links: the one rule for every address written out whole (exports, the
API, e-mails), the same as the feeds and the sitemap follow.

With a request at hand, the link uses the host (and scheme) the reader asked by, as
Django's feeds and sitemaps do: a catalogue exported from `https://rsj.example:8443`
links back there. Without one (a scheduled job, a command, a service sending mail)
it uses `settings.SITE_URL`, the origin only; the path from `reverse()` already
carries `URL_PREFIX` (`FORCE_SCRIPT_NAME`, set by `django.setup()` outside requests
too)."""

import functools
from urllib.parse import quote

from django.conf import settings
from django.urls import get_script_prefix, reverse


def absolute_url(path: str, request=None) -> str:
    """`path` (from `reverse()`, starting with "/") as an absolute address."""
    if request is not None:
        return request.build_absolute_uri(path)
    return settings.SITE_URL.rstrip("/") + path


# A value both the int and the slug converters accept, to find where the argument goes.
_MARK = "918273645"


def path_for(name: str, value: int | str) -> str:
    """`reverse(name, args=[value])` for a URL with one int or slug argument, at the
    cost of a string join: lists of items and column trees write dozens of links a
    page, and `reverse()` is the dearest part of rendering them. Keyed by the script
    prefix, as `reverse()` is (URL_PREFIX)."""
    head, tail = _split(name, get_script_prefix())
    return f"{head}{quote(str(value), safe=_SAFE)}{tail}"


# What `reverse()` leaves unquoted in an argument (django.urls.resolvers).
_SAFE = "!$&'()*+,;=/~:@"


@functools.cache
def _split(name: str, prefix: str) -> tuple[str, str]:
    head, _, tail = reverse(name, args=[_MARK]).rpartition(_MARK)
    return head, tail
