"""Reads from a PostgreSQL standby (DATABASE_REPLICA_URL), writes to the primary.

A standby lags the primary by a moment, so only what cannot show a stale state
goes there: the reads of a web request that has written nothing yet, outside any
transaction. Everything else stays on the primary:

- anything after a write in the same request (the router is asked where to write
  and pins the request from then on);
- a few seconds after a write, the same browser's next requests (a short cookie:
  the page after "保存" shows what was saved);
- reads inside a transaction (`select_for_update`, the services' checks);
- management commands, the task worker and the scheduled jobs (they run outside a
  request and read what was just committed).

`PrimaryReplicaMiddleware` marks the request; `PrimaryReplicaRouter` decides."""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar

from django.conf import settings
from django.db import connections
from django.http import HttpRequest, HttpResponse

REPLICA = "replica"
PIN_COOKIE = "db_primary"
# None: not in a request (primary); True: the request may read the standby;
# False: it wrote (or wrote a moment ago), primary only.
_replica_ok: ContextVar[bool | None] = ContextVar("replica_ok", default=None)


# Always on the primary, and no pin: the database cache (rate limits, the page
# cache's version: a stale copy would count wrong or serve old pages) and the
# task queue.
PRIMARY_ONLY = frozenset({"django_cache", "django_tasks_database"})


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints) -> str:
        if (
            _replica_ok.get()
            and model._meta.app_label not in PRIMARY_ONLY
            and not connections["default"].in_atomic_block
        ):
            return REPLICA
        return "default"

    def db_for_write(self, model, **hints) -> str:
        if _replica_ok.get() is not None and model._meta.app_label not in PRIMARY_ONLY:
            _replica_ok.set(False)
        return "default"

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        return True  # the standby is a copy of the same database

    def allow_migrate(self, db, app_label, model_name=None, **hints) -> bool:
        return db == "default"


def _enabled() -> bool:
    return REPLICA in settings.DATABASES


class PrimaryReplicaMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _enabled():
            return self.get_response(request)
        token = _replica_ok.set(PIN_COOKIE not in request.COOKIES)
        try:
            response = self.get_response(request)
            if _replica_ok.get() is False:
                response.set_cookie(
                    PIN_COOKIE,
                    "1",
                    max_age=settings.DATABASE_REPLICA_PIN_SECONDS,
                    httponly=True,
                    samesite="Lax",
                    secure=settings.SESSION_COOKIE_SECURE,
                )
            return response
        finally:
            _replica_ok.reset(token)
