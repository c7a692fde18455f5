"""The benchmark's server side: the database, gunicorn, the pages to load."""

import contextlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def missing_tools(database_url: str) -> str:
    if shutil.which("wrk") is None:
        return "wrk is not installed (Debian: apt-get install wrk)."
    if not database_url.startswith("postgres"):
        return "BENCH_DATABASE_URL must name a PostgreSQL database."
    parts = urllib.parse.urlsplit(database_url)
    try:
        socket.create_connection((parts.hostname, parts.port or 5432), timeout=3).close()
    except OSError:
        return f"PostgreSQL does not answer at {parts.hostname}:{parts.port or 5432}."
    return ""


def redis_answers(url: str) -> bool:
    parts = urllib.parse.urlsplit(url)
    try:
        with socket.create_connection((parts.hostname, parts.port or 6379), timeout=2) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def production_env(database_url: str, redis_url: str) -> dict:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DEBUG", "TESTING", "DJANGO_SETTINGS_MODULE")
    }
    env.update(
        {
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            "DEBUG": "0",
            "DEMO_MODE": "1",  # load_demo only; nothing else depends on it
            "SECRET_KEY": "bench-" + secrets.token_hex(24),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "0",
            "SECURE_COOKIES": "0",
            "SECURE_HSTS_SECONDS": "0",
            "TRUSTED_PROXY_COUNT": "1",  # submissions come "from" many clients
            "DB_CONN_MAX_AGE": "600",
            "DJANGO_SETTINGS_MODULE": "portal.settings",
        }
    )
    return env


def manage(env: dict, *args: str, capture: bool = False) -> str:
    done = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        text=True,
        stdout=subprocess.PIPE if capture else None,
    )
    return done.stdout or ""


def _psql(env: dict, sql: str) -> None:
    parts = urllib.parse.urlsplit(env["DATABASE_URL"])
    admin = parts._replace(path="/postgres").geturl()
    subprocess.run(
        ["psql", admin, "-qAtc", sql],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _shell(env: dict, code: str, stdin: str | None = None) -> str:
    """The last line `manage.py shell -c code` prints."""
    done = subprocess.run(
        [PYTHON, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        env=env,
        input=stdin,
        text=True,
        capture_output=True,
        check=True,
    )
    return done.stdout.strip().splitlines()[-1]


def _published(env: dict) -> int:
    return int(
        _shell(env, "from disclosure.models import Item; print(Item.objects.published().count())")
    )


def prepare_database(env: dict, n: int, *, fresh: bool) -> None:
    name = urllib.parse.urlsplit(env["DATABASE_URL"]).path.lstrip("/")
    if fresh:
        _psql(env, f'DROP DATABASE IF EXISTS "{name}"')
    with contextlib.suppress(subprocess.CalledProcessError):  # kept from an earlier run
        _psql(env, f'CREATE DATABASE "{name}"')
    manage(env, "migrate", "--noinput", "-v0")
    have = _published(env)
    if have == 0:
        manage(env, "load_demo")
        have = _published(env)
    if have < n:
        manage(env, "generate_items", str(n - have))
    manage(env, "collectstatic", "--noinput", "-v0")


PAGES_SCRIPT = r"""
import json
from django.test import Client
from django.db.models import Count
from disclosure.models import Column, Item
from common.listing import PAGE_SIZE
client = Client(HTTP_HOST="127.0.0.1")
item = Item.objects.published().order_by("-published_at").first()
column = Column.objects.annotate(n=Count("items")).order_by("-n").first()
deep = min(500, max(1, -(-column.n // PAGE_SIZE)))
print(json.dumps({"item": item.pk, "column": column.slug, "deep": deep,
                  "item_bytes": len(client.get(f"/items/{item.pk}/").content)}))
"""


def pages(env: dict) -> dict:
    import json

    info = json.loads(
        manage(env, "shell", "-c", PAGES_SCRIPT, capture=True).strip().splitlines()[-1]
    )
    q = urllib.parse.quote
    urls = [
        ("home", "/"),
        ("column page 1", f"/columns/{info['column']}/"),
        (f"column page {info['deep']}", f"/columns/{info['column']}/?page={info['deep']}"),
        ("item", f"/items/{info['item']}/"),
        ("search rare (稳岗返还)", f"/search/?q={q('稳岗返还')}"),
        ("search 2 chars (工伤)", f"/search/?q={q('工伤')}"),
        ("search 1/3 of items (社会保险)", f"/search/?q={q('社会保险')}"),
        ("search 1 char (社)", f"/search/?q={q('社')}"),
        ("API list", "/api/v1/items/"),
    ]
    static_root = ROOT / "staticfiles" / "bench"
    static_root.mkdir(parents=True, exist_ok=True)
    (static_root / "ceiling.html").write_text("x" * info["item_bytes"])
    return {"urls": urls, "static": "/static/bench/ceiling.html", "item_bytes": info["item_bytes"]}


COUNT_SCRIPT = r"""
import json, sys
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
client = Client(HTTP_HOST="127.0.0.1")
out = {}
for name, path in json.loads(sys.stdin.read()):
    client.get(path)  # warm: the listing and counts of this version are cached
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    out[name] = len(queries.captured_queries)
print(json.dumps(out))
"""


def query_counts(env: dict, pages: dict) -> dict:
    import json

    counted = dict(env, PAGE_CACHE_ENABLED="0")
    return json.loads(_shell(counted, COUNT_SCRIPT, stdin=json.dumps(pages["urls"])))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Gunicorn:
    """gunicorn with 2 sync workers on a free loopback port, for one `with` block."""

    def __init__(self, env: dict, *, page_cache: bool, log: Path | None = None):
        self.env = dict(env, PAGE_CACHE_ENABLED="1" if page_cache else "0")
        self.log = log  # gunicorn's and Django's error output go there when given
        self.port = _free_port()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def __enter__(self) -> "Gunicorn":
        self.process = subprocess.Popen(
            [
                PYTHON,
                "-m",
                "gunicorn",
                "portal.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                "2",
                "--timeout",
                "60",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=self.env,
            stderr=self.log.open("ab") if self.log else None,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.url("/static/bench/ceiling.html"), timeout=2)
                return self
            except OSError:
                time.sleep(0.3)
        self.__exit__()
        raise RuntimeError("gunicorn did not start")

    def worker_rss(self) -> list[int]:
        """Resident memory (KiB) of each worker after the run."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        sizes = []
        for pid in children.read_text().split() if children.exists() else []:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    sizes.append(int(line.split()[1]))
        return sizes

    def __exit__(self, *exc) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
