"""Prometheus metrics of the web processes (prometheus_client).

django-prometheus would be the obvious choice, but its current release (2.5.0)
declares `Django<6.1`, so pip refuses it next to this project's Django; the few
metrics a load balancer dashboard needs are written here on prometheus_client
directly: requests by view, method and status, and their duration.

With several gunicorn workers each process counts on its own; set
`PROMETHEUS_MULTIPROC_DIR` to an empty directory writable by the workers (the
systemd unit and docker-compose do) and `/metrics` adds up every worker's files."""

from __future__ import annotations

import os
import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)

REQUESTS = Counter(
    "portal_http_requests_total",
    "HTTP requests answered, by view, method and status.",
    ["view", "method", "status"],
)
LATENCY = Histogram(
    "portal_http_request_duration_seconds",
    "Time from the request reaching Django to the response leaving it.",
    ["view", "method"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)


def _view_label(request: HttpRequest, response: HttpResponse) -> str:
    # A bounded set of labels: the url name, never the path (ids would explode it).
    match = getattr(request, "resolver_match", None)
    if match is not None:
        return match.view_name or "unnamed"
    if response.get("X-Page-Cache") == "hit":
        return "page_cache"
    return "unresolved"


class MetricsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        view = _view_label(request, response)
        method = request.method or "-"
        REQUESTS.labels(view, method, str(response.status_code)).inc()
        LATENCY.labels(view, method).observe(time.perf_counter() - started)
        return response


def exposition() -> HttpResponse:
    """Every metric in Prometheus' text format (all workers' in multiprocess mode)."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        body = generate_latest(registry)
    else:
        body = generate_latest()
    response = HttpResponse(body, content_type=CONTENT_TYPE_LATEST)
    response["Cache-Control"] = "no-store"
    return response
