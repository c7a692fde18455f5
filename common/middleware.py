"""Input hygiene and response headers for the whole site, in one place.

PostgreSQL cannot store a NUL character (U+0000) in text, nor can it compare one
in a query: a NUL in a path, a query string or a form field would otherwise reach
a lookup and end in a 500 ("A string literal cannot contain NUL"). Lone surrogates
(U+D800-U+DFFF) cannot be encoded as UTF-8 at all. Neither has any business in
the portal's input, so a request carrying one is answered here with a clear 400
in Chinese, before any view, form or query sees it; nothing is written."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.template import loader

# Text PostgreSQL cannot store: NUL, and surrogate code points (no UTF-8 form).
UNSTORABLE = re.compile("[\x00\ud800-\udfff]")

BAD_INPUT_MESSAGE = (
    "请求中含有无法处理的字符（例如空字符 NUL），请检查网址或输入的内容，删除这些字符后重试。"
)

# Browser features the portal never uses, switched off for every page and any
# frame (a public catalogue, forms and a back office need none of them).
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
        "interest-cohort",
        "browsing-topics",
    )
)


def has_unstorable_text(values: Iterable[str]) -> bool:
    return any(UNSTORABLE.search(value) for value in values)


def _query_values(query) -> Iterable[str]:
    for key, values in query.lists():
        yield key
        yield from (v for v in values if isinstance(v, str))


def request_has_unstorable_text(request: HttpRequest) -> bool:
    """A NUL or a surrogate in the path, the query string, a form field (name or
    value) or an uploaded file's name."""
    if has_unstorable_text([request.path_info, request.path]):
        return True
    if has_unstorable_text(_query_values(request.GET)):
        return True
    if request.method in ("POST", "PUT", "PATCH"):
        # request.POST is parsed only for form encodings; other bodies are empty here.
        if has_unstorable_text(_query_values(request.POST)):
            return True
        names = (f.name or "" for files in request.FILES.lists() for f in files[1])
        if has_unstorable_text(names):
            return True
    return False


def bad_input_response() -> HttpResponse:
    """The 400 page with the reason; rendered without the request (no session or
    database is needed to refuse)."""
    body = loader.get_template("errors/400.html").render({"message": BAD_INPUT_MESSAGE})
    return HttpResponseBadRequest(body)


class InputHygieneMiddleware:
    """Refuses unstorable text with a 400 and sets `Permissions-Policy` on every
    response. Sits near the top of `MIDDLEWARE` so cached pages get the header and
    bad input never reaches the page cache, sessions or views."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request_has_unstorable_text(request):
            response = bad_input_response()
        else:
            response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
