"""/healthz for the load balancer and /metrics for Prometheus (portal.probes)."""

import json

import pytest
from django.core.cache import cache
from django.db import OperationalError, connection

from portal import probes


def _get(client, path="/healthz", **extra):
    return client.get(path, **extra)


@pytest.mark.django_db
def test_healthz_reports_every_part_ok_without_authentication(client):
    response = _get(client)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"] == "no-store"
    body = json.loads(response.content)
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "storage", "tasks"}
    assert all(check["status"] == "ok" for check in body["checks"].values())
    assert all(isinstance(check["ms"], float) for check in body["checks"].values())
    assert body["checks"]["cache"]["backend"] == "DatabaseCache"
    assert body["checks"]["storage"]["backend"] == "FileSystemStorage"


@pytest.mark.django_db
def test_healthz_answers_a_probe_by_node_address_over_plain_http(client, settings):
    # The balancer asks each node by its address, over HTTP: no host check, no redirect.
    settings.ALLOWED_HOSTS = ["rsj.example.gov.cn"]
    settings.SECURE_SSL_REDIRECT = True
    response = _get(client, HTTP_HOST="10.0.0.5:8000")
    assert response.status_code == 200
    # Any other path from that address is still refused by the host check.
    assert client.get("/", HTTP_HOST="10.0.0.5:8000").status_code == 400


@pytest.mark.django_db
def test_healthz_is_never_served_from_the_page_cache(client):
    first, second = _get(client), _get(client)
    assert "X-Page-Cache" not in first and "X-Page-Cache" not in second
    assert cache.get("healthz:probe") is not None  # the cache was really asked


@pytest.mark.django_db
def test_healthz_is_503_when_the_database_fails(client, monkeypatch):
    def broken():
        raise OperationalError("connection to server at 10.0.0.9 refused: secret detail")

    monkeypatch.setattr(connection, "cursor", broken)
    response = _get(client)
    assert response.status_code == 503
    body = json.loads(response.content)
    assert body["status"] == "fail"
    assert body["checks"]["database"] == {
        "status": "fail",
        "error": "OperationalError",
        "ms": body["checks"]["database"]["ms"],
    }
    # The details go to the log, never to an unauthenticated page.
    assert b"secret detail" not in response.content
    assert b"10.0.0.9" not in response.content


@pytest.mark.django_db
def test_healthz_is_503_when_the_cache_loses_what_it_stored(client, monkeypatch):
    monkeypatch.setattr(cache, "get", lambda *a, **k: None)
    response = _get(client)
    assert response.status_code == 503
    assert json.loads(response.content)["checks"]["cache"]["status"] == "fail"


@pytest.mark.django_db
def test_healthz_is_503_when_the_media_folder_cannot_be_written(client, settings, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    settings.MEDIA_ROOT = blocker / "media"
    response = _get(client)
    assert response.status_code == 503
    assert json.loads(response.content)["checks"]["storage"]["status"] == "fail"


@pytest.mark.django_db
def test_healthz_media_folder_not_yet_created_is_fine(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "fresh" / "media"
    (tmp_path / "fresh").mkdir()
    assert _get(client).status_code == 200


@pytest.mark.django_db
def test_a_failing_task_queue_is_reported_but_keeps_the_node_in_service(client, monkeypatch):
    def broken():
        raise RuntimeError("queue table missing")

    monkeypatch.setitem(probes.CHECKS, "tasks", (broken, False))
    response = _get(client)
    assert response.status_code == 200
    body = json.loads(response.content)
    assert body["status"] == "ok"
    assert body["checks"]["tasks"]["status"] == "fail"


@pytest.mark.django_db
def test_healthz_refuses_other_methods(client):
    # POST goes on through the stack like any other path (no view there).
    assert client.post("/healthz").status_code != 200


# --- /metrics ---------------------------------------------------------------------


@pytest.mark.django_db
def test_metrics_do_not_exist_without_a_configured_token(client, settings):
    settings.METRICS_TOKEN = ""
    response = client.get("/metrics", HTTP_AUTHORIZATION="Bearer ")
    assert response.status_code == 404
    assert b"portal_http_requests_total" not in response.content


@pytest.mark.django_db
@pytest.mark.parametrize("header", [None, "Bearer wrong-token", "s3cret-metrics-token", "Basic x"])
def test_metrics_are_404_without_the_right_token(client, settings, header):
    settings.METRICS_TOKEN = "s3cret-metrics-token"
    extra = {"HTTP_AUTHORIZATION": header} if header else {}
    response = client.get("/metrics", **extra)
    assert response.status_code == 404
    assert b"portal_http_requests_total" not in response.content


@pytest.mark.django_db
def test_metrics_with_the_token_count_requests_by_view_and_status(client, settings):
    settings.METRICS_TOKEN = "s3cret-metrics-token"
    client.get("/")
    client.get("/no-such-page-at-all/")
    response = client.get("/metrics", HTTP_AUTHORIZATION="Bearer s3cret-metrics-token")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert response["Cache-Control"] == "no-store"
    text = response.content.decode()
    assert 'portal_http_requests_total{method="GET",status="200",view="home"}' in text
    assert 'status="404"' in text
    assert "portal_http_request_duration_seconds_bucket" in text


@pytest.mark.django_db
def test_healthz_shows_the_waiting_tasks_of_the_database_queue(client, settings):
    import datetime

    import time_machine
    from django.utils import timezone

    from common.mail import send_later

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with time_machine.travel(timezone.now() - datetime.timedelta(minutes=5)):
        send_later("a", "b", ["x@example.gov.cn"])
    send_later("c", "d", ["y@example.gov.cn"])
    response = _get(client)
    assert response.status_code == 200  # a backlog never takes the node out
    tasks = json.loads(response.content)["checks"]["tasks"]
    assert tasks["backend"] == "DatabaseBackend"
    assert tasks["ready"] == 2
    assert 290 <= tasks["oldest_ready_s"] <= 400


@pytest.mark.django_db
def test_healthz_fails_fast_when_redis_does_not_answer(client, settings):
    """A Redis that accepts the connection and then says nothing (a hung server)
    must not hold the probe: the cache check fails within the socket timeout."""
    import socket
    import time

    from django.core.cache import caches

    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)  # accepts, never answers
    port = silent.getsockname()[1]
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
    try:
        started = time.monotonic()
        response = probes.healthz()
        elapsed = time.monotonic() - started
    finally:
        caches["default"].close()
        silent.close()
    assert response.status_code == 503
    assert json.loads(response.content)["checks"]["cache"]["status"] == "fail"
    assert elapsed < 10


def test_the_settings_give_redis_those_timeouts():
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = {**os.environ, "DEMO_MODE": "1", "REDIS_URL": "redis://10.0.0.9:6379/0"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    out = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "--no-imports",
            "-c",
            "import json; from django.conf import settings; print(json.dumps(settings.CACHES))",
        ],
        cwd=Path(__file__).resolve().parent.parent,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    options = json.loads(out.strip().splitlines()[-1])["default"]["OPTIONS"]
    assert options == {"socket_connect_timeout": 2, "socket_timeout": 2}
