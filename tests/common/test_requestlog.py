"""Request ids on responses and log lines; JSON log lines (common.requestlog)."""

import io
import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from common.requestlog import JsonFormatter, RequestIdFilter, RequestIdMiddleware

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def json_lines():
    """Records of every logger as JSON lines, the way settings configure them."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.addHandler(handler)
    old_level = root.level
    root.setLevel(logging.INFO)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    root.removeHandler(handler)
    root.setLevel(old_level)


def _view(request):
    logging.getLogger("requests_app.views").warning("申请 %s 已受理", "2026-001")
    return HttpResponse("ok")


def test_a_request_without_an_id_gets_a_fresh_one_echoed_in_the_response():
    response = RequestIdMiddleware(_view)(RequestFactory().get("/"))
    assert len(response["X-Request-ID"]) == 32
    other = RequestIdMiddleware(_view)(RequestFactory().get("/"))
    assert other["X-Request-ID"] != response["X-Request-ID"]


def test_the_proxys_request_id_is_kept():
    request = RequestFactory().get("/", HTTP_X_REQUEST_ID="0f9a3c2b7d1e4a5b9c8d7e6f5a4b3c2d")
    response = RequestIdMiddleware(_view)(request)
    assert response["X-Request-ID"] == "0f9a3c2b7d1e4a5b9c8d7e6f5a4b3c2d"


@pytest.mark.parametrize(
    "given", ["short", "has space in it 12345", "x" * 65, 'quote"injection"1234', "换行\n12345678"]
)
def test_an_id_that_does_not_look_like_one_is_replaced(given):
    request = RequestFactory().get("/", HTTP_X_REQUEST_ID=given)
    response = RequestIdMiddleware(_view)(request)
    assert response["X-Request-ID"] != given
    assert len(response["X-Request-ID"]) == 32


def test_log_lines_written_during_a_request_carry_its_id(json_lines):
    request = RequestFactory().get("/", HTTP_X_REQUEST_ID="req-1234abcd")
    response = RequestIdMiddleware(_view)(request)
    [line] = [e for e in json_lines() if e["logger"] == "requests_app.views"]
    assert line["request_id"] == response["X-Request-ID"] == "req-1234abcd"
    assert line["message"] == "申请 2026-001 已受理"  # Chinese kept readable
    assert line["level"] == "WARNING"
    assert line["time"].endswith("+00:00")
    # Outside a request the id is "-".
    logging.getLogger("x").warning("after")
    assert json_lines()[-1]["request_id"] == "-"


def test_access_line_has_method_path_status_and_duration(json_lines, settings):
    settings.ACCESS_LOG = True
    RequestIdMiddleware(_view)(
        RequestFactory().post("/requests/new/", HTTP_X_REQUEST_ID="req-5678efgh")
    )
    [line] = [e for e in json_lines() if e["logger"] == "portal.access"]
    assert line["method"] == "POST"
    assert line["path"] == "/requests/new/"
    assert line["status"] == 200
    assert line["request_id"] == "req-5678efgh"
    assert isinstance(line["duration_ms"], float)


def test_no_access_line_when_access_log_is_off(json_lines, settings):
    settings.ACCESS_LOG = False
    RequestIdMiddleware(_view)(RequestFactory().get("/"))
    assert not [e for e in json_lines() if e["logger"] == "portal.access"]


def test_a_traceback_stays_inside_one_json_line(json_lines):
    try:
        raise ValueError("坏了")
    except ValueError:
        logging.getLogger("x").exception("failed")
    entry = json_lines()[-1]
    assert "ValueError: 坏了" in entry["exception"]


def test_log_format_json_in_the_environment_makes_the_settings_log_json():
    env = {**os.environ, "DEMO_MODE": "1", "LOG_FORMAT": "json", "DJANGO_SETTINGS_MODULE": ""}
    env.pop("DJANGO_SETTINGS_MODULE")
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "import logging; logging.getLogger('portal.test').warning('你好')",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    [line] = [json.loads(raw) for raw in result.stderr.splitlines() if raw.startswith("{")]
    assert line["message"] == "你好"
    assert line["logger"] == "portal.test"
    assert line["request_id"] == "-"
