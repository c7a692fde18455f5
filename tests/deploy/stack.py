"""Real processes on loopback for the deployment tests: a prepared database,
gunicorn, nginx in front of it, and a small HTTPS client that keeps cookies.

Everything runs in the test's temporary folder on free ports; every process is
stopped by the fixture that started it."""

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
OPENSSL = shutil.which("openssl") or "/usr/bin/openssl"


def free_port(family: int = socket.AF_INET, host: str = "127.0.0.1") -> int:
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def free_port_both() -> int:
    """A port free on 127.0.0.1 and on [::1] (nginx listens on both)."""
    for _ in range(50):
        port = free_port()
        try:
            with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as s:
                s.bind(("::1", port))
        except OSError:
            continue
        return port
    raise RuntimeError("no port free on both loopback addresses")


def ipv6_loopback() -> bool:
    try:
        with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as s:
            s.bind(("::1", 0))
    except OSError:
        return False
    return True


def production_env(tmp: Path, **extra: str) -> dict[str, str]:
    """The environment of a production web node (DEBUG off, secure cookies and SSL
    redirect on) with its database, media and static folders under `tmp`."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PYTEST", "DJANGO", "DATABASE_URL", "REDIS_URL"))
    }
    env.update(
        {
            "DEBUG": "0",
            "DEMO_MODE": "0",
            "TESTING": "0",
            "SECRET_KEY": "e2e-only-" + "k" * 50,
            "FIELD_ENCRYPTION_KEY": "e2e:" + "0123456789abcdef" * 2,
            "ALLOWED_HOSTS": "127.0.0.1,localhost,[::1]",
            "DATABASE_URL": f"sqlite:///{tmp / 'db.sqlite3'}",
            "MEDIA_ROOT": str(tmp / "media"),
            "STATIC_ROOT": str(tmp / "static"),
            "TRUSTED_PROXY_COUNT": "1",
            "PROTECTED_MEDIA_ACCEL": "1",
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "PYTHONDONTWRITEBYTECODE": "1",
        }
    )
    env.update(extra)
    return env


def manage(env: dict[str, str], *args: str, stdin: str | None = None) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if result.returncode:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return result.stdout


def prepare(env: dict[str, str], *, static: bool = True) -> None:
    manage(env, "migrate", "--noinput", "-v0")
    if static:
        manage(env, "collectstatic", "--noinput", "-v0")


def run_script(env: dict[str, str], script: str) -> dict:
    """Run Python in the application's environment (manage.py shell); the last line
    it prints is JSON."""
    out = manage(env, "shell", "--no-imports", "-c", script)
    return json.loads(out.strip().splitlines()[-1])


def wait_port(host: str, port: int, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"process exited with {proc.returncode}")
        try:
            with socket.create_connection((host, port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"nothing listens on {host}:{port} after {timeout}s")


def start_gunicorn(env: dict[str, str], port: int, log: Path, workers: int = 2) -> subprocess.Popen:
    proc = subprocess.Popen(
        [
            str(VENV_BIN / "gunicorn"),
            "portal.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--timeout",
            "120",
        ],
        cwd=ROOT,
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    wait_port("127.0.0.1", port, proc)
    return proc


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def self_signed(directory: Path) -> tuple[Path, Path]:
    """A certificate for localhost, 127.0.0.1 and ::1 and its key (openssl)."""
    directory.mkdir(parents=True, exist_ok=True)
    cert, key = directory / "cert.pem", directory / "key.pem"
    subprocess.run(
        [
            OPENSSL,
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=localhost",
            "-addext",
            "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


@dataclass
class Response:
    status: int
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> str | None:
        values = self.all(name)
        return values[0] if values else None

    def all(self, name: str) -> list[str]:
        return [v for k, v in self.headers if k.lower() == name.lower()]


@dataclass
class Client:
    """HTTPS to one address, verifying the test's certificate (plain HTTP without
    one); keeps cookies."""

    host: str
    port: int
    cafile: Path | None = None
    cookies: dict[str, str] = field(default_factory=dict)

    @property
    def origin(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{'https' if self.cafile else 'http'}://{host}:{self.port}"

    def context(self, alpn: list[str] | None = None) -> ssl.SSLContext:
        ctx = ssl.create_default_context(cafile=str(self.cafile) if self.cafile else None)
        if alpn:
            ctx.set_alpn_protocols(alpn)
        return ctx

    def request(
        self, method: str, path: str, body: bytes | None = None, headers: dict | None = None
    ) -> Response:
        conn = (
            http.client.HTTPSConnection(self.host, self.port, context=self.context(), timeout=30)
            if self.cafile
            else http.client.HTTPConnection(self.host, self.port, timeout=30)
        )
        sent = dict(headers or {})
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        conn.request(method, path, body=body, headers=sent)
        raw = conn.getresponse()
        response = Response(raw.status, raw.getheaders(), raw.read())
        conn.close()
        for value in response.all("Set-Cookie"):
            name, _, rest = value.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response

    def get(self, path: str, **headers: str) -> Response:
        return self.request("GET", path, headers=headers)

    def post_form(self, path: str, data: dict[str, str], headers: dict | None = None) -> Response:
        """A form POST with the CSRF token of the page at `path` (fetched first)."""
        page = self.get(path)
        match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page.body)
        assert match, f"no CSRF token on {path}: {page.status}"
        fields = {"csrfmiddlewaretoken": match.group(1).decode(), **data}
        from urllib.parse import urlencode

        sent = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": self.origin,
            "Referer": self.origin + path,
            **(headers or {}),
        }
        return self.request("POST", path, urlencode(fields).encode(), sent)


def token_of(page: bytes, name: str) -> str:
    match = re.search(rb'name="' + name.encode() + rb'" value="([^"]+)"', page)
    assert match, f"no {name} on the page"
    return match.group(1).decode()


def start_nginx(main_conf: Path, directory: Path) -> subprocess.Popen:
    assert NGINX
    proc = subprocess.Popen(
        [NGINX, "-c", str(main_conf), "-p", str(directory), "-e", str(directory / "error.log")],
        stdout=subprocess.DEVNULL,
        stderr=(directory / "stderr.log").open("wb"),
        start_new_session=True,
    )
    return proc
