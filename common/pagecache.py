"""Public pages from the shared cache, invalidated by one catalogue version.

Every anonymous GET of a public catalogue page (home, catalogue, columns, items,
browse pages, search, feeds, the API) is answered from the shared cache (Redis when
`REDIS_URL` is set, the database cache otherwise) when a copy made under the current
*catalogue version* exists. Anything that changes what those pages show — a
publication, withdrawal, edit, replacement, an attachment or column change — calls
`catalogue_changed()`, which bumps the version once the transaction commits; every
copy made under the old version is then dead, in every process on every machine,
because the version lives in the same shared cache. Each page has one key; the
copy under it records its version and is replaced when the page is next rendered,
so dead copies do not pile up.

`PageCacheMiddleware` sits right after the static files: a visitor without a
session gets the copy before sessions, authentication, CSRF or the view run — as
cheap as Django can answer. The copy keeps the body, status and the headers the
stack added when it was made (CSP without a nonce, frame options, ...; never a
cookie); the security middleware above it adds its own again. Each answer has an
ETag (the body's digest) and a Last-Modified (when the copy was made), so a browser
or proxy asking again with If-None-Match / If-Modified-Since gets a 304.

Cookies that change how a page looks (`settings.PAGE_CACHE_VARY_COOKIES`: 长者模式)
get a copy per value, and every answer says `Vary: Cookie`, so browsers and proxies
keep the variants apart too. A 304 never hands one variant's copy to a visitor of
another: the ETag is the body's digest, and a visitor with such a cookie set gets a
304 only from the ETag (a date alone cannot tell which variant the client holds).
"""

from __future__ import annotations

import functools
import hashlib
import re
import threading
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date, quote_etag

VERSION_KEY = "catalogue:version"
# Copies live at most this long even if nothing changes (seconds).
PAGE_TIMEOUT = 600
# A derived value that is costly at scale and has one key (the catalogue's counts:
# a second at a million items) is kept until the catalogue changes, up to a day, so
# no visitor waits for it to be recomputed merely because time passed.
DERIVED_TIMEOUT = 24 * 3600
# How long a process waits for another that is computing the same derived value.
WAIT_SECONDS = 20


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
    _request.version = None  # this request reads the new version from now on


# The version as this request first read it (`PageCacheMiddleware` opens and closes
# the scope), so a page asks the shared cache for it once, not once per lookup.
_request = threading.local()


def request_version() -> int:
    """The catalogue version: read once per request (again after this request
    changed the catalogue); outside a request, read every time."""
    version = getattr(_request, "version", None)
    if version is None:
        version = catalogue_version()
        if getattr(_request, "open", False):
            _request.version = version
    return version


# name -> (catalogue version, value): this process's copies (`versioned_local`).
_local_values: dict[str, tuple[int, Any]] = {}


def versioned_local(name: str, compute: Callable[[], Any]) -> Any:
    """`compute()` kept in this process for the current catalogue version: for small
    data every page shows (the column tree, the bureau's name and contacts), read
    with no query and no transfer while nothing changes. Callers must not change
    the value they are given; it is shared by the requests this process serves."""
    version = request_version()
    held = _local_values.get(name)
    if held is not None and held[0] == version:
        return held[1]
    value = compute()
    _local_values[name] = (version, value)
    return value


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
    """`compute()` cached under `name` for the current catalogue version (derived
    data such as facet counts or a listing's ids).

    One key per name; the value records its version. After a change, one process
    computes the new value (holding a short lock in the cache) while the others
    wait for it, up to `WAIT_SECONDS`, instead of all running the same heavy query
    at once; nobody is ever given a value of an older version."""
    key = f"cv:{hashlib.sha256(name.encode()).hexdigest()[:32]}"
    version, entry = _versioned(key)
    if entry is not None:
        return entry["value"]
    lock = f"{key}:lock"
    if not cache.add(lock, 1, timeout=WAIT_SECONDS):
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            time.sleep(0.05)
            version, entry = _versioned(key)
            if entry is not None:
                return entry["value"]
    try:
        value = compute()
        cache.set(key, {"version": version, "value": value}, timeout)
    finally:
        cache.delete(lock)
    return value


def _versioned(key: str) -> tuple[int, dict | None]:
    """The catalogue version and the entry under `key` if it was made under that
    version: one round trip to the cache."""
    found = cache.get_many([VERSION_KEY, key])
    version = found.get(VERSION_KEY)
    if version is None:
        return catalogue_version(), None
    entry = found.get(key)
    if entry is None or entry.get("version") != version:
        return int(version), None
    return int(version), entry


def _page_key(request: HttpRequest) -> str:
    """One key per page (host, path and query, the cookies that change rendering);
    the copy under it records the catalogue version it was made under."""
    vary = "|".join(f"{name}={request.COOKIES.get(name, '')}" for name in _vary_cookies())
    raw = f"{request.get_host()}|{request.get_full_path()}|{vary}"
    # "r2": copies hold a pickled response (copies of the earlier layout are never read).
    return f"page:r2:{hashlib.sha256(raw.encode()).hexdigest()[:40]}"


def _cacheable_request(request: HttpRequest) -> bool:
    """A GET or HEAD from a visitor without a session or pending messages: nothing
    about the visitor can show on the page (a logged-in user, or an anonymous one
    with a message waiting, always gets a page of their own)."""
    if not getattr(settings, "PAGE_CACHE_ENABLED", True):
        return False
    if request.method not in ("GET", "HEAD"):
        return False
    private = (settings.SESSION_COOKIE_NAME, getattr(settings, "MESSAGE_COOKIE_NAME", "messages"))
    return not any(name in request.COOKIES for name in private)


def _vary_cookies() -> tuple[str, ...]:
    return tuple(getattr(settings, "PAGE_CACHE_VARY_COOKIES", ()))


def _respond(request: HttpRequest, entry: dict) -> HttpResponse:
    """The stored answer, or a 304 when the client holds it already."""
    etag = quote_etag(entry["etag"])
    # A visitor in a non-default variant proves what they hold by the ETag only.
    by_date = not any(request.COOKIES.get(name) for name in _vary_cookies())
    conditional = get_conditional_response(
        request, etag=etag, last_modified=entry["last_modified"] if by_date else None
    )
    if conditional is not None:
        if _vary_cookies():
            patch_vary_headers(conditional, ("Cookie",))
        return conditional
    # Unpickled from the cache for this request alone, headers and all: no header is
    # validated again (Django's own cache middleware keeps responses the same way).
    return entry["response"]


# Headers the rest of the stack sets that are kept with a copy; cookies never are.
_NONCE = re.compile(r"\s*'nonce-[^']*'")
_NOT_KEPT = ("set-cookie", "content-length", "etag", "last-modified", "date")


def _entry(response: HttpResponse, version: int) -> dict:
    content = response.content
    etag = hashlib.sha256(content).hexdigest()[:32]
    last_modified = int(time.time())
    copy = HttpResponse(content, status=response.status_code)
    for header, value in response.items():
        if header.lower() in _NOT_KEPT:
            continue
        if header.lower() == "content-security-policy":
            # The pages use no nonce; a copy must not hand one nonce to everyone.
            value = _NONCE.sub("", value)
        copy[header] = value
    copy["ETag"] = quote_etag(etag)
    copy["Last-Modified"] = http_date(last_modified)
    if _vary_cookies():
        patch_vary_headers(copy, ("Cookie",))
    return {"version": version, "response": copy, "etag": etag, "last_modified": last_modified}


_MARK = "_public_page"


def public_page(view: Callable) -> Callable:
    """Mark `view` as a public catalogue page: `PageCacheMiddleware` may keep its
    responses and serve them to visitors without a session (module docstring)."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        setattr(response, _MARK, True)
        return response

    return wrapper


class PageCacheMiddleware:
    """Answers from the shared cache before sessions, authentication or the view
    are touched, right after the static files; on a miss, stores what a
    `public_page` view answered, with the headers the stack below added.

    Only responses of views marked with `public_page` are ever stored, so no other
    path can be answered from the cache."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        _request.open, _request.version = True, None
        try:
            return self._answer(request)
        finally:
            _request.open, _request.version = False, None

    def _answer(self, request: HttpRequest) -> HttpResponse:
        if not _cacheable_request(request):
            return self.get_response(request)
        key = _page_key(request)
        version, entry = _versioned(key)
        _request.version = version
        if entry is not None:
            response = _respond(request, entry)
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if (
            not getattr(response, _MARK, False)
            or response.status_code != 200
            or response.streaming
            or response.cookies
        ):
            return response
        # A copy made while a change committed carries the old version: never served.
        entry = _entry(response, version)
        cache.set(key, entry, PAGE_TIMEOUT)
        fresh = _respond(request, entry)
        fresh["X-Page-Cache"] = "miss"
        return fresh
