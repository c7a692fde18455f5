"""Endpoints for machines, answered before anything else in the stack.

- `/healthz` — for the load balancer (and systemd, docker, monitoring): no
  authentication; JSON with the state of the database, the shared cache, the media
  storage and the task queue; 200 when this node can serve, 503 when it cannot.
- `/metrics` — Prometheus' text format (common.metrics), only with
  `Authorization: Bearer <METRICS_TOKEN>`; without a token configured, or with a
  wrong one, the request goes on like any other to an unknown path (404).

`ProbeMiddleware` sits at the top of the stack: a probe reaches a node by its
address (not the site's host name, so ALLOWED_HOSTS would refuse it), over plain
HTTP (SECURE_SSL_REDIRECT would redirect it), and must never be answered from the
public page cache. Nothing here touches sessions; the only write is one probe key
in the cache.

Which failures make the node unhealthy: the database and the cache (no page can
be served without them) and a media folder on this node's disk. Reported without
failing the probe: object storage shared by every node (pages still render while
downloads fail; taking every node out of the balancer would stop the whole site)
and the task queue (a backlog delays mail, it does not stop the site)."""

from __future__ import annotations

import json
import logging
import os
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.core.cache import cache, caches
from django.core.files.storage import FileSystemStorage, storages
from django.db import connections
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.crypto import constant_time_compare

from common.metrics import exposition

logger = logging.getLogger(__name__)

HEALTH_PATH = "/healthz"
METRICS_PATH = "/metrics"
_CACHE_KEY = "healthz:probe"


def _check_database() -> dict:
    info: dict = {}
    for alias in connections:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        info.setdefault("aliases", []).append(alias)
    return info


def _check_cache() -> dict:
    token = uuid.uuid4().hex
    cache.set(_CACHE_KEY, token, timeout=30)
    if cache.get(_CACHE_KEY) != token:
        raise RuntimeError("the cache did not return what was just stored")
    return {"backend": type(caches["default"]).__name__}


def _check_storage() -> dict:
    storage = storages["default"]
    if isinstance(storage, FileSystemStorage):
        # A local folder: it must exist (or be creatable) and be writable.
        location = Path(storage.location)
        probe = location if location.exists() else location.parent
        if not (probe.is_dir() and os.access(probe, os.W_OK | os.X_OK)):
            raise RuntimeError("the media folder is missing or not writable")
    elif hasattr(storage, "bucket_name"):
        # Object storage: one HEAD request proves the bucket exists and answers to
        # our keys (a missing object would not: that is just "no").
        storage.connection.meta.client.head_bucket(Bucket=storage.bucket_name)
    else:
        storage.exists(".healthz")
    return {"backend": type(storage).__name__}


def _check_tasks() -> dict:
    """The backend, and for the database queue how many tasks wait to run and how
    long the oldest has waited (a growing number means no worker is running)."""
    from django.tasks import task_backends

    backend = task_backends["default"]
    info: dict = {"backend": type(backend).__name__}
    if type(backend).__module__.startswith("django_tasks_db"):
        from django.db.models import Min
        from django.utils import timezone
        from django_tasks_db.models import DBTaskResult

        ready = DBTaskResult.objects.ready().filter(backend_name=backend.alias)
        summary = ready.aggregate(oldest=Min("enqueued_at"))
        info["ready"] = ready.count()
        info["oldest_ready_s"] = (
            round((timezone.now() - summary["oldest"]).total_seconds()) if summary["oldest"] else 0
        )
    return info


def _local_storage() -> bool:
    return isinstance(storages["default"], FileSystemStorage)


CHECKS: dict[str, tuple[Callable[[], dict], bool | Callable[[], bool]]] = {
    # name: (check, whether a failure makes the node unhealthy)
    "database": (_check_database, True),
    "cache": (_check_cache, True),
    "storage": (_check_storage, _local_storage),
    "tasks": (_check_tasks, False),
}


def health() -> tuple[bool, dict]:
    """(healthy, report): every check timed; a failure names the error's kind
    only (the details go to the log, not to an unauthenticated page)."""
    healthy = True
    report: dict = {}
    for name, (check, required) in CHECKS.items():
        started = time.perf_counter()
        try:
            entry = {"status": "ok", **check()}
        except Exception as exc:  # any failure is a finding, not a crash
            logger.warning("health check %s failed: %s", name, exc, exc_info=True)
            entry = {"status": "fail", "error": type(exc).__name__}
            healthy = healthy and not (required() if callable(required) else required)
        entry["ms"] = round((time.perf_counter() - started) * 1000, 1)
        report[name] = entry
    return healthy, report


def healthz() -> HttpResponse:
    healthy, report = health()
    body = {"status": "ok" if healthy else "fail", "checks": report}
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False),
        content_type="application/json",
        status=200 if healthy else 503,
    )
    response["Cache-Control"] = "no-store"
    return response


def metrics(request: HttpRequest) -> HttpResponse:
    expected = getattr(settings, "METRICS_TOKEN", "")
    given = request.META.get("HTTP_AUTHORIZATION", "")
    if not expected or not constant_time_compare(given, f"Bearer {expected}"):
        raise Http404
    return exposition()


class ProbeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path == HEALTH_PATH and request.method in ("GET", "HEAD"):
            return healthz()
        if request.path == METRICS_PATH and request.method in ("GET", "HEAD"):
            try:
                return metrics(request)
            except Http404:
                pass  # the rest of the stack answers as for any unknown path
        return self.get_response(request)
