"""`make faults` (`python -m benchmarks.faults`): the portal while its database stops.

1. A PostgreSQL cluster of its own (Debian's initdb and pg_ctl, PG_BIN, default
   /usr/lib/postgresql/15/bin) in a temporary folder on a free loopback port;
   migrated, the demo bureau loaded.
2. gunicorn, 2 sync workers, production settings (DEBUG off, persistent
   connections), the shared cache on Redis (FAULTS_REDIS_URL, default
   redis://127.0.0.1:6379/11, emptied first): a page cache that lives in the
   database could not answer while it is down.
3. With the database up: public pages read twice (the second from the page cache),
   request submissions accepted. Submitters keep posting throughout.
4. The database stopped abruptly (`pg_ctl stop -m immediate`, as a crash): cached
   pages must still answer 200, other pages and submissions 503 with Retry-After
   and the Chinese page, never 500.
5. The database started again: the same gunicorn (no restart, same workers) must
   answer again, submissions be accepted again, and every submission that was
   answered 302 (accepted) be in the database.

Exits 0 when every check holds, 1 otherwise, 2 when a tool is missing. Traffic goes
to 127.0.0.1 only, in bounded loops."""

from __future__ import annotations

import concurrent.futures
import contextlib
import http.cookiejar
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

from benchmarks import server

PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
REDIS_URL = os.environ.get("FAULTS_REDIS_URL", "redis://127.0.0.1:6379/11")
DOWN_SECONDS = float(os.environ.get("FAULTS_DOWN_SECONDS", "8"))
MARK = "故障演练"


class Cluster:
    """A throwaway PostgreSQL cluster; run as the postgres user when we are root
    (initdb refuses root)."""

    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="portal-faults-"))
        self.data = self.dir / "data"
        self.port = server._free_port()
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/portal_faults"

    def _run(self, *args: str) -> None:
        command = [str(PG_BIN / args[0]), *args[1:]]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)

    def init(self) -> None:
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres")
        self._run(
            "initdb",
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--no-sync",
            "--locale=C.UTF-8",
        )
        self.start()
        self._run(
            "createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "portal_faults"
        )

    def start(self) -> None:
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1"
        self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-l",
            str(self.dir / "log"),
            "-o",
            options,
            "-w",
            "start",
        )

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")

    def query(self, sql: str) -> list[str]:
        done = subprocess.run(
            [str(PG_BIN / "psql"), self.url, "-qAtc", sql],
            check=True,
            capture_output=True,
            text=True,
        )
        return done.stdout.splitlines()

    def remove(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):  # already stopped
            self.stop("immediate")
        shutil.rmtree(self.dir, ignore_errors=True)


def _flush_redis(url: str) -> None:
    parts = urllib.parse.urlsplit(url)
    db = (parts.path or "/0").lstrip("/") or "0"
    with socket.create_connection((parts.hostname, parts.port or 6379), timeout=3) as sock:
        sock.sendall(f"SELECT {db}\r\nFLUSHDB\r\n".encode())
        sock.recv(64)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Visitor:
    """One browser: cookies, no redirects followed, the status of every answer."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirect()
        )

    def request(self, path: str, data: dict | None = None, client: str = "198.51.100.1"):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        req = urllib.request.Request(
            self.base + path,
            data=body,
            headers={"X-Forwarded-For": client, "Referer": self.base + path},
        )
        try:
            with self.opener.open(req, timeout=30) as response:
                return response.status, dict(response.headers), response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read().decode(errors="replace")
        except OSError:
            return 0, {}, ""  # no answer at all


class Submitter:
    """An applicant who loaded the form once and posts it again and again (the
    CSRF token lives in a cookie: posting needs no database)."""

    counter = iter(range(1, 1_000_000))
    lock = threading.Lock()

    def __init__(self, base: str) -> None:
        self.visitor = Visitor(base)
        status, _, html = self.visitor.request("/requests/")
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        if status != 200 or not match:
            raise RuntimeError(f"the request form did not load ({status})")
        self.token = match.group(1)

    def submit(self, run: str) -> tuple[int, str]:
        with self.lock:
            n = next(self.counter)
        marker = f"{MARK} {run}-{n}"
        data = dict(server_form(), csrfmiddlewaretoken=self.token, info_title=marker)
        client = f"198.51.{n // 250 % 250}.{n % 250 + 1}"
        status, headers, _ = self.visitor.request("/requests/", data, client=client)
        if status == 302 and "/requests/submitted/" not in headers.get("Location", ""):
            status = -302  # redirected elsewhere: not an acceptance
        return status, marker


def server_form() -> dict:
    from benchmarks.load import FORM

    return dict(FORM)


def check(results: list[tuple[bool, str]], ok: bool, what: str) -> None:
    results.append((ok, what))
    print(f"  [{'ok' if ok else 'FAIL'}] {what}", flush=True)


def is_503_page(status: int, headers: dict, html: str) -> bool:
    return status == 503 and headers.get("Retry-After", "").isdigit() and "服务暂时不可用" in html


def main() -> int:
    if not (PG_BIN / "initdb").exists():
        print(f"make faults: {PG_BIN}/initdb not found (Debian: postgresql-15).", file=sys.stderr)
        return 2
    if not server.redis_answers(REDIS_URL):
        print(f"make faults: Redis does not answer at {REDIS_URL}.", file=sys.stderr)
        return 2
    _flush_redis(REDIS_URL)
    run = time.strftime("%H%M%S")
    cluster = Cluster()
    results: list[tuple[bool, str]] = []
    try:
        print(f"PostgreSQL cluster on 127.0.0.1:{cluster.port} in {cluster.dir.name}", flush=True)
        cluster.init()
        env = server.production_env(cluster.url, REDIS_URL)
        server.manage(env, "migrate", "--noinput", "-v0")
        server.manage(env, "load_demo")
        server.manage(env, "collectstatic", "--noinput", "-v0")
        ready = server.ROOT / "staticfiles" / "bench"
        ready.mkdir(parents=True, exist_ok=True)
        (ready / "ceiling.html").write_text("ready")
        log = cluster.dir / "gunicorn.log"
        with server.Gunicorn(env, page_cache=True, log=log) as gunicorn:
            base = gunicorn.url("")
            workers = sorted(_children(gunicorn.process.pid))
            reader = Visitor(base)
            _, _, home = reader.request("/")
            item = re.search(r'href="(/items/\d+/)"', home)
            cached = ["/", "/catalogue/", item.group(1) if item else "/"]
            print("1. database up", flush=True)
            for path in cached:
                reader.request(path)
                status, headers, _ = reader.request(path)
                check(
                    results,
                    status == 200 and headers.get("X-Page-Cache") == "hit",
                    f"{path} answered from the page cache ({status})",
                )
            submitters = [Submitter(base) for _ in range(4)]
            with concurrent.futures.ThreadPoolExecutor(4) as pool:
                first = list(pool.map(lambda s: s.submit(run), submitters * 3))
            check(
                results,
                all(s == 302 for s, _ in first),
                f"{len(first)} submissions accepted: {Counter(s for s, _ in first)}",
            )

            # Submitters keep posting from here until the database is back.
            outcomes: list[tuple[float, int, str]] = []
            stop = threading.Event()

            def keep_submitting(submitter: Submitter) -> None:
                for _ in range(400):  # bounded
                    if stop.is_set():
                        return
                    status, marker = submitter.submit(run)
                    outcomes.append((time.monotonic(), status, marker))
                    time.sleep(0.2)

            threads = [threading.Thread(target=keep_submitting, args=(s,)) for s in submitters]
            for thread in threads:
                thread.start()
            time.sleep(2)

            print("2. database stopped (immediate, like a crash)", flush=True)
            stopped_at = time.monotonic()
            cluster.stop("immediate")
            down: Counter = Counter()
            pages_503 = cached_ok = probes = 0
            deadline = time.monotonic() + DOWN_SECONDS
            while time.monotonic() < deadline:
                probes += 1
                for path in cached:
                    status, headers, _ = reader.request(path)
                    cached_ok += status == 200 and headers.get("X-Page-Cache") == "hit"
                status, headers, html = reader.request(f"/search/?q=down{probes}")
                down[status] += 1
                pages_503 += is_503_page(status, headers, html)
                time.sleep(0.2)
            check(
                results,
                cached_ok == probes * len(cached),
                f"cached pages answered 200: {cached_ok}/{probes * len(cached)}",
            )
            check(
                results,
                pages_503 == probes,
                f"uncached pages answered 503 + Retry-After + Chinese page: "
                f"{pages_503}/{probes} {dict(down)}",
            )
            restarting = time.monotonic()
            during = Counter(s for t, s, _ in outcomes if stopped_at + 1 < t < restarting)
            check(
                results,
                set(during) <= {503} and during[503] > 0,
                f"submissions while down answered 503, never 500: {dict(during)}",
            )

            print("3. database started again", flush=True)
            cluster.start()
            started_at = time.monotonic()
            recovered = None
            while time.monotonic() - started_at < 30:
                status, _, _ = reader.request(f"/search/?q=up{time.monotonic()}")
                if status == 200:
                    recovered = time.monotonic() - started_at
                    break
                time.sleep(0.2)
            check(
                results,
                recovered is not None,
                f"the same gunicorn answers again {recovered or 0:.1f} s after the start",
            )
            time.sleep(2)
            stop.set()
            for thread in threads:
                thread.join(timeout=60)
            after = [s.submit(run) for s in submitters]
            check(
                results,
                all(s == 302 for s, _ in after),
                f"submissions accepted again: {Counter(s for s, _ in after)}",
            )
            check(
                results,
                gunicorn.process.poll() is None
                and sorted(_children(gunicorn.process.pid)) == workers,
                f"no restart: master {gunicorn.process.pid}, workers {workers} unchanged",
            )

        logged = log.read_text(errors="replace")
        print(
            f"  (server log: {logged.count('OperationalError')} database errors logged, "
            f"{logged.count('Internal Server Error')} 'Internal Server Error' lines, "
            f"{logged.count('Service Unavailable')} 'Service Unavailable' lines)",
            flush=True,
        )
        every = first + [(s, m) for _, s, m in outcomes] + after
        statuses = Counter(s for s, _ in every)
        check(
            results,
            not ({500, 0, -302} & set(statuses)),
            f"all {len(every)} submissions: {dict(statuses)} (no 500, none unanswered)",
        )
        accepted = {m for s, m in every if s == 302}
        stored = set(
            cluster.query(
                # run is digits only (a time stamp): nothing to inject
                f"SELECT info_title FROM requests_app_disclosurerequest "  # noqa: S608
                f"WHERE info_title LIKE '{MARK} {run}-%'"
            )
        )
        lost = accepted - stored
        check(
            results,
            not lost,
            f"every accepted submission is in the database: {len(accepted)} accepted, "
            f"{len(accepted & stored)} found, {len(lost)} lost; "
            f"{len(stored - accepted)} stored but answered otherwise",
        )
    finally:
        cluster.remove()
    failed = [what for ok, what in results if not ok]
    print(f"\nmake faults: {len(results) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


if __name__ == "__main__":
    sys.exit(main())
