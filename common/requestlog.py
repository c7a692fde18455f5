"""Request ids and log lines a machine can read.

`RequestIdMiddleware` gives every request an id: the `X-Request-ID` the proxy in
front set (nginx's `$request_id`, see deploy/nginx/portal.conf) when it looks like
an id, a fresh one otherwise. The id is echoed in the response's `X-Request-ID`
and put on every log record written while the request runs (`RequestIdFilter`), so
one line in nginx's log, the application's log and a user's report ("编号 …") can be
matched. With `LOG_FORMAT=json` each record is one JSON object per line
(`JsonFormatter`) for the log collector; with `ACCESS_LOG` on, one line per
request with its method, path, status and duration."""

from __future__ import annotations

import json
import logging
import re
import time
import uuid
from collections.abc import Callable
from contextvars import ContextVar
from datetime import UTC, datetime

from django.conf import settings
from django.http import HttpRequest, HttpResponse

HEADER = "X-Request-ID"
# What a proxy's id may look like: no spaces, quotes or control characters in logs.
_VALID = re.compile(r"^[A-Za-z0-9._:-]{8,64}$")

_current: ContextVar[str] = ContextVar("request_id", default="-")
access_logger = logging.getLogger("portal.access")


def current_request_id() -> str:
    """The id of the request being handled ("-" outside a request)."""
    return _current.get()


def _incoming(request: HttpRequest) -> str:
    value = request.META.get("HTTP_X_REQUEST_ID", "")
    return value if _VALID.match(value) else uuid.uuid4().hex


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = _incoming(request)
        request.request_id = request_id  # type: ignore[attr-defined]
        token = _current.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response[HEADER] = request_id
            if getattr(settings, "ACCESS_LOG", False):
                access_logger.info(
                    "%s %s %s",
                    request.method,
                    request.path,
                    response.status_code,
                    extra={
                        "method": request.method,
                        "path": request.path,
                        "status": response.status_code,
                        "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                    },
                )
            return response
        finally:
            _current.reset(token)


class RequestIdFilter(logging.Filter):
    """Puts `request_id` on every record (the handler's filter, so records of
    every logger get it)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = current_request_id()
        return True


# Attributes every LogRecord has; anything else was passed with `extra=`.
_STANDARD = frozenset(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC, ISO 8601), level, logger, message,
    request id, the `extra=` fields, and the traceback when there is one."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", current_request_id()),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and key not in entry:
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=str)
