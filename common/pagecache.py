"""Public pages from the shared cache, invalidated by one catalogue version.

Every anonymous GET of a public catalogue page (home, catalogue, columns, items,
browse pages, search, feeds, the API) is answered from the shared cache (Redis when
`REDIS_URL` is set, the database cache otherwise) when a copy made under the current
*catalogue version* exists. Anything that changes what those pages show — a
publication, withdrawal, edit, replacement, an attachment or column change — calls
`catalogue_changed()`, which bumps the version once the transaction commits; every
key made under the old version is then dead, in every process on every machine,
because the version lives in the same shared cache. Dead copies expire by timeout.

The copy holds the body, status and content type only: each response still passes
through the middleware (CSP, security headers, cookies), and gets an ETag (the
body's digest) and a Last-Modified (when the copy was made), so a browser or proxy
asking again with If-None-Match / If-Modified-Since gets a 304 without a body.
"""

from __future__ import annotations

import functools
import hashlib
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag

VERSION_KEY = "catalogue:version"
# Copies live at most this long even if nothing changes (seconds).
PAGE_TIMEOUT = 600


def catalogue_version() -> int:
    """The current catalogue version. A missing key (first start, a cache flush or a
    culled database-cache row) starts at the current time in microseconds, so a new
    version never equals an old one whose copies might still be in the cache."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, time.time_ns() // 1000, timeout=None)
        version = cache.get(VERSION_KEY) or 0
    return int(version)


def _bump() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # missing: any fresh value is a new version
        cache.set(VERSION_KEY, time.time_ns() // 1000, timeout=None)


def catalogue_changed() -> None:
    """Call from every service that changes what public pages show.

    The version is bumped at once and again when the transaction commits: the
    first bump lets the writer's own transaction see the change (and, with the
    database cache, is itself part of that transaction); the second makes sure no
    reader in another process keeps a copy it made of the old state while the
    transaction was still open."""
    _bump()
    transaction.on_commit(_bump)


def cached_versioned(name: str, compute: Callable[[], Any], *, timeout: int = PAGE_TIMEOUT) -> Any:
    """`compute()` cached under `name` for the current catalogue version (for
    derived data such as facet counts or a listing's ids)."""
    key = f"cv:{catalogue_version()}:{hashlib.sha256(name.encode()).hexdigest()[:32]}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout)
    return value


def _page_key(request: HttpRequest, version: int) -> str:
    vary = "|".join(
        f"{name}={request.COOKIES.get(name, '')}"
        for name in getattr(settings, "PAGE_CACHE_VARY_COOKIES", ())
    )
    raw = f"{request.get_host()}|{request.get_full_path()}|{vary}"
    return f"page:{version}:{hashlib.sha256(raw.encode()).hexdigest()[:40]}"


def _cacheable_request(request: HttpRequest) -> bool:
    if not getattr(settings, "PAGE_CACHE_ENABLED", True):
        return False
    if request.method not in ("GET", "HEAD"):
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def _respond(request: HttpRequest, entry: dict) -> HttpResponse:
    etag = quote_etag(entry["etag"])
    conditional = get_conditional_response(request, etag=etag, last_modified=entry["last_modified"])
    if conditional is not None:
        return conditional
    response = HttpResponse(
        entry["content"], status=entry["status"], content_type=entry["content_type"]
    )
    for header, value in entry.get("headers", ()):
        response[header] = value
    response["ETag"] = etag
    response["Last-Modified"] = http_date(entry["last_modified"])
    response["X-Page-Cache"] = "hit"
    return response


# Headers of the view's response that belong to the page itself and are kept.
_KEPT_HEADERS = ("Access-Control-Allow-Origin", "Content-Disposition")


def public_page(view: Callable) -> Callable:
    """Serve `view` to anonymous visitors from the shared page cache (see module
    docstring). Logged-in users always get a fresh page; so does any response that
    is not a 200, that sets a cookie, or that is streamed."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not _cacheable_request(request):
            return view(request, *args, **kwargs)
        key = _page_key(request, catalogue_version())
        entry = cache.get(key)
        if entry is not None:
            return _respond(request, entry)
        response = view(request, *args, **kwargs)
        if (
            response.status_code != 200
            or response.streaming
            or response.cookies
            or getattr(response, "is_rendered", True) is False
        ):
            return response
        content = response.content
        entry = {
            "content": content,
            "status": response.status_code,
            "content_type": response["Content-Type"],
            "headers": [(h, response[h]) for h in _KEPT_HEADERS if h in response],
            "etag": hashlib.sha256(content).hexdigest()[:32],
            "last_modified": int(time.time()),
        }
        cache.set(key, entry, PAGE_TIMEOUT)
        fresh = _respond(request, entry)
        fresh["X-Page-Cache"] = "miss"
        return fresh

    return wrapper
