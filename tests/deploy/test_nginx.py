"""deploy/nginx/portal.conf: rendered from the settings, accepted by `nginx -t`, and
in front of gunicorn end to end (headers, 413, the client's real address in rate
limits, lockouts and the audit log, protected downloads by X-Accel-Redirect)."""

import http.client
import re
import socket
import ssl
import subprocess
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings

from portal.nginx import Site, render, standalone
from tests.deploy import stack

needs_nginx = pytest.mark.skipif(stack.NGINX is None, reason="nginx is not installed")


def _site(tmp_path, **kw):
    cert, key = stack.self_signed(tmp_path / "tls")
    return Site(server_name="localhost", tls_cert=str(cert), tls_key=str(key), **kw)


def test_the_rendered_config_takes_its_limits_from_the_settings(tmp_path):
    text = render(_site(tmp_path, upstreams=["10.0.0.1:8000", "10.0.0.2:8000"]))
    assert "${" not in text
    [body_max] = re.findall(r"client_max_body_size (\d+);", text)
    assert int(body_max) == settings.REQUEST_BODY_MAX_BYTES
    assert settings.REQUEST_BODY_MAX_BYTES >= 5 * settings.UPLOAD_MAX_BYTES
    assert f"location {settings.PROTECTED_MEDIA_ACCEL_PREFIX} {{\n        internal;" in text
    assert f"alias {settings.STATIC_ROOT}/;" in text
    assert f"alias {settings.MEDIA_ROOT}/;" in text
    # Both web nodes, TLS with HTTP/2 on IPv4 and IPv6.
    assert "server 10.0.0.1:8000 " in text and "server 10.0.0.2:8000 " in text
    assert "listen 0.0.0.0:443 ssl http2;" in text and "listen [::]:443 ssl http2;" in text
    # X-Forwarded-For is set, never appended to what the client sent.
    assert "proxy_set_header X-Forwarded-For $remote_addr;" in text
    assert "proxy_add_x_forwarded_for" not in text
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in text


def test_an_unknown_placeholder_is_an_error(tmp_path):
    with pytest.raises(KeyError, match="PORTAL_NOPE"):
        render(_site(tmp_path), template="server_name ${PORTAL_NOPE};")


@needs_nginx
def test_nginx_accepts_the_config(tmp_path):
    main = standalone(_site(tmp_path, listen_v4="127.0.0.1", listen_v6="[::1]"), tmp_path / "ng")
    result = subprocess.run(
        [stack.NGINX, "-t", "-c", str(main), "-p", str(tmp_path / "ng"), "-e", "stderr"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "syntax is ok" in result.stderr


# --- end to end -------------------------------------------------------------------

SEED = """
import json
from accounts.roles import Role
from tests.factories import ItemFactory, UserFactory
from tests.disclosure.factories import AttachmentFactory
public = AttachmentFactory(title="申请表")
draft = AttachmentFactory(item=ItemFactory())
UserFactory(username="clerk", password="right-pass-123")
print(json.dumps({"item": public.item.pk, "attachment": public.pk, "name": public.file.name,
                  "draft_item": draft.item.pk, "draft": draft.pk, "draft_name": draft.file.name}))
"""

AUDIT = """
import json
from audit.models import AuditEntry

print(json.dumps([[e.action, e.actor_name, e.ip_address] for e in AuditEntry.objects.order_by("pk")]))
"""


@pytest.fixture(scope="module")
def proxied(tmp_path_factory):
    if stack.NGINX is None:
        pytest.skip("nginx is not installed")
    if not stack.ipv6_loopback():
        pytest.skip("no IPv6 loopback: the test tells two clients apart by 127.0.0.1 and ::1")
    tmp = tmp_path_factory.mktemp("e2e")
    (tmp / "metrics").mkdir()
    env = stack.production_env(
        tmp, METRICS_TOKEN="e2e-metrics-token", PROMETHEUS_MULTIPROC_DIR=str(tmp / "metrics")
    )
    stack.prepare(env)
    data = stack.run_script(env, SEED)
    app_port = stack.free_port()
    gunicorn = stack.start_gunicorn(env, app_port, tmp / "gunicorn.log")
    http_port, https_port = stack.free_port_both(), stack.free_port_both()
    cert, key = stack.self_signed(tmp / "tls")
    site = Site(
        server_name="localhost 127.0.0.1 ::1",
        tls_cert=str(cert),
        tls_key=str(key),
        upstreams=[f"127.0.0.1:{app_port}"],
        listen_v4="127.0.0.1",
        listen_v6="[::1]",
        http_port=http_port,
        https_port=https_port,
        static_root=str(tmp / "static"),
        media_root=str(tmp / "media"),
    )
    main = standalone(site, tmp / "nginx")
    nginx = stack.start_nginx(main, tmp / "nginx")
    try:
        stack.wait_port("127.0.0.1", https_port, nginx)
        yield {
            "env": env,
            "data": data,
            "cert": cert,
            "http_port": http_port,
            "https_port": https_port,
            "v4": lambda: stack.Client("127.0.0.1", https_port, cert),
            "v6": lambda: stack.Client("::1", https_port, cert),
            "tmp": tmp,
        }
    finally:
        stack.stop(nginx)
        stack.stop(gunicorn)


def test_pages_through_nginx_carry_each_security_header_once(proxied):
    response = proxied["v4"]().get("/")
    assert response.status == 200
    assert response.all("X-Content-Type-Options") == ["nosniff"]
    assert len(response.all("Permissions-Policy")) == 1
    assert "camera=()" in response.header("Permissions-Policy")
    # HSTS is sent only on a secure request: nginx's X-Forwarded-Proto reached Django.
    assert response.header("Strict-Transport-Security").startswith("max-age=")
    assert response.header("Content-Security-Policy")
    assert response.header("Server") == "nginx"  # no version
    # nginx's request id reached the application and came back.
    assert re.fullmatch(r"[0-9a-f]{32}", response.header("X-Request-ID"))


def test_nginx_speaks_http2_over_tls_on_ipv4_and_ipv6(proxied):
    for host in ("127.0.0.1", "::1"):
        ctx = ssl.create_default_context(cafile=str(proxied["cert"]))
        ctx.set_alpn_protocols(["h2", "http/1.1"])
        with (
            socket.create_connection((host, proxied["https_port"])) as raw,
            ctx.wrap_socket(raw, server_hostname=host) as tls,
        ):
            assert tls.selected_alpn_protocol() == "h2"
            assert tls.version() in ("TLSv1.2", "TLSv1.3")


def test_plain_http_is_redirected_to_https(proxied):
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", proxied["http_port"], timeout=10)
    conn.request("GET", "/items/?q=1")
    response = conn.getresponse()
    assert response.status == 301
    assert response.getheader("Location") == "https://127.0.0.1/items/?q=1"


def test_static_files_come_from_nginx_compressed(proxied):
    client = proxied["v4"]()
    css = re.search(rb'href="(/static/css/[^"]+\.css)"', client.get("/").body).group(1).decode()
    response = client.get(css, **{"Accept-Encoding": "gzip"})
    assert response.status == 200
    assert response.header("Content-Encoding") == "gzip"
    assert "max-age=2592000" in response.header("Cache-Control")
    assert response.header("X-Request-ID") is None  # gunicorn never saw it
    assert response.all("X-Content-Type-Options") == ["nosniff"]


def test_an_oversize_upload_is_refused_with_413_before_gunicorn(proxied):
    conn = http.client.HTTPSConnection(
        "127.0.0.1", proxied["https_port"], context=proxied["v4"]().context(), timeout=10
    )
    conn.putrequest("POST", "/requests/apply/")
    conn.putheader("Content-Type", "multipart/form-data; boundary=x")
    conn.putheader("Content-Length", str(settings.REQUEST_BODY_MAX_BYTES + 1))
    conn.endheaders(b"--x\r\n")
    response = conn.getresponse()
    assert response.status == 413


def test_a_protected_attachment_is_sent_by_nginx_after_the_check(proxied):
    data, client = proxied["data"], proxied["v4"]()
    response = client.get(f"/items/{data['item']}/attachments/{data['attachment']}/")
    assert response.status == 200
    assert response.body.startswith(b"%PDF-1.4")
    assert response.header("Content-Type") == "application/pdf"
    assert response.header("Content-Disposition").startswith("attachment;")
    assert response.header("X-Accel-Redirect") is None  # never shown to the client
    assert response.all("X-Content-Type-Options") == ["nosniff"]
    # An unpublished item's file: the application says no, nginx sends nothing.
    draft = client.get(f"/items/{data['draft_item']}/attachments/{data['draft']}/")
    assert draft.status == 404
    assert not draft.body.startswith(b"%PDF")
    # The internal location and the media folder are not reachable from outside.
    for path in (f"/_protected/{quote(data['draft_name'])}", f"/media/{quote(data['draft_name'])}"):
        response = client.get(path)
        assert response.status == 404, path
        assert not response.body.startswith(b"%PDF")


def _track(client, spoof: str):
    return client.post_form(
        "/requests/track/",
        {"tracking_number": "2026-9999", "query_code": "wrong-code"},
        headers={"X-Forwarded-For": spoof},
    )


def test_rate_limits_count_the_real_client_address_not_a_forged_header(proxied):
    v4, v6 = proxied["v4"](), proxied["v6"]()
    # Five failures, each claiming another address: nginx replaces the header.
    for n in range(5):
        assert _track(v4, f"203.0.113.{n}").status == 400
    assert _track(v4, "198.51.100.77").status == 429
    # Another client (::1) is not held back by the first one's failures.
    assert _track(v6, "203.0.113.1").status == 400


def _login(client, password: str, spoof: str):
    return client.post_form(
        "/admin/login/",
        {"username": "clerk", "password": password, "next": "/admin/"},
        headers={"X-Forwarded-For": spoof},
    )


def test_lockout_and_audit_log_see_the_real_client_address(proxied):
    v4, v6 = proxied["v4"](), proxied["v6"]()
    for n in range(4):
        assert _login(v4, "wrong-pass-000", f"203.0.113.{n}").status == 200  # the form again
    # The fifth failure locks (F8: 5 failures), each time claiming another address.
    assert _login(v4, "wrong-pass-000", "203.0.113.4").status == 429
    # Locked out from 127.0.0.1, whatever address the client claims, even with the
    # right password.
    locked = _login(v4, "right-pass-123", "198.51.100.9")
    assert locked.status == 429
    assert "sessionid" not in v4.cookies
    # The same account from another address (::1) still logs in.
    ok = _login(v6, "right-pass-123", "203.0.113.200")
    assert ok.status == 302
    entries = stack.run_script(proxied["env"], AUDIT)
    failed = [ip for action, name, ip in entries if action == "login_failed"]
    assert failed[:5] == ["127.0.0.1"] * 5
    assert ["login", "clerk", "::1"] in entries
    assert not [e for e in entries if e[2] and e[2].startswith(("203.0.113.", "198.51.100."))]


def _requests_counted(client) -> float:
    response = client.get("/metrics", Authorization="Bearer e2e-metrics-token")
    assert response.status == 200
    return sum(
        float(line.rsplit(" ", 1)[1])
        for line in response.body.decode().splitlines()
        if line.startswith("portal_http_requests_total{")
    )


def test_metrics_add_up_every_gunicorn_worker(proxied):
    client = proxied["v4"]()
    assert client.get("/metrics").status == 404  # no token, no metrics
    before = _requests_counted(client)
    for _ in range(6):
        client.get("/healthz")
    # Two workers answered; every request is counted once (plus the first /metrics).
    assert _requests_counted(client) - before == 7


@needs_nginx
def test_when_gunicorn_does_not_answer_nginx_sends_a_chinese_page(tmp_path):
    if not stack.ipv6_loopback():
        pytest.skip("no IPv6 loopback: the config listens on ::1 too")
    static = tmp_path / "static"
    (static / "errors").mkdir(parents=True)
    (static / "errors" / "unavailable.html").write_bytes(
        (stack.ROOT / "static" / "errors" / "unavailable.html").read_bytes()
    )
    https_port = stack.free_port_both()
    site = _site(
        tmp_path,
        upstreams=[f"127.0.0.1:{stack.free_port()}"],  # nothing listens there
        listen_v4="127.0.0.1",
        listen_v6="[::1]",
        http_port=stack.free_port_both(),
        https_port=https_port,
        static_root=str(static),
        media_root=str(tmp_path / "media"),
    )
    main = standalone(site, tmp_path / "ng")
    nginx = stack.start_nginx(main, tmp_path / "ng")
    try:
        stack.wait_port("127.0.0.1", https_port, nginx)
        response = stack.Client("127.0.0.1", https_port, Path(site.tls_cert)).get("/")
    finally:
        stack.stop(nginx)
    assert response.status == 503
    assert "服务暂时不可用" in response.body.decode()
    assert response.all("X-Content-Type-Options") == ["nosniff"]
