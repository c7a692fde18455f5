"""Absolute links: the one rule for every address written out whole (exports, the
API, e-mails), the same as the feeds and the sitemap follow.

With a request at hand, the link uses the host (and scheme) the reader asked by, as
Django's feeds and sitemaps do: a catalogue exported from `https://rsj.example:8443`
links back there. Without one (a scheduled job, a command, a service sending mail)
it uses `settings.SITE_URL`, the origin only; the path from `reverse()` already
carries `URL_PREFIX` (`FORCE_SCRIPT_NAME`, set by `django.setup()` outside requests
too)."""

from django.conf import settings


def absolute_url(path: str, request=None) -> str:
    """`path` (from `reverse()`, starting with "/") as an absolute address."""
    if request is not None:
        return request.build_absolute_uri(path)
    return settings.SITE_URL.rstrip("/") + path
